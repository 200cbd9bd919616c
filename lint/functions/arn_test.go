package functions_test

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestARNWildcards(t *testing.T) {
	t.Parallel()
	tests := map[string][]any{
		`"arn:aws:execute-api:*:*:*"`:                                        {"region", "account", "api-id"},
		`"arn:aws:execute-api:ap-southeast-1:123456789012:*/*/*/*"`:          {"api-id"},
		`"arn:aws:execute-api:us-east-?:123456789012:a1b2c3d4e5/prod/*"`:     {"region"},
		`"arn:*:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"`:            {"partition"},
		`"arn:aws:execute-api:us-east-1:*"`:                                  {"account", "api-id"},
		`"arn:aws:execute-api:us-east-1"`:                                    {},
		`"arn:aws:execute-api:${aws_region}:*:*/*/GET/balance"`:              {"account", "api-id"},
		`"arn:aws:execute-api:${aws_region}:123456789012:${api_id}/*/GET/x"`: {},
		`"arn:aws:execute-api:${var.region}:${var.account}:*"`:               {"api-id"},
		// A star right after an unknown API id stands for "/...".
		`"arn:aws:execute-api:${var.region}:${var.account}:${aws_api_gateway_rest_api.api.id}*"`: {},
		// A colon inside the API id part (past the sixth field) still belongs to it.
		`"arn:aws:execute-api:us-east-1:123456789012:a1:b*/prod"`: {"api-id"},
		// An unclosed placeholder is plain text.
		`"arn:aws:execute-api:${x:*:123456789012:a1b2c3d4e5/*"`:                {"account"},
		`"arn:aws:execute-api:eu-west-2:210987654321:a1b2c3d4e5/*/GET/status"`: {},
		`"arn:aws:s3:::bucket/*"`:                                              {},
		`"arn:aws"`:                                                            {},
		`"execute-api:/*"`:                                                     {},
		`"*"`:                                                                  {},
		`42`:                                                                   {},
		`["arn:aws:execute-api:*"]`:                                            {},
	}
	for in, want := range tests {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(want, eval(t, "apigwlint.arn.wildcards("+in+")")); diff != "" {
				t.Errorf("apigwlint.arn.wildcards(%s) (-want +got):\n%s", in, diff)
			}
		})
	}
}
