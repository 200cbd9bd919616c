package schemas

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/apigwlint/apigwlint/lint/position"
)

// decode parses src the way the linter does: numbers as json.Number.
func decode(t testing.TB, src string) any {
	t.Helper()
	v, err := decodeJSON([]byte(src))
	if err != nil {
		t.Fatalf("test policy is not JSON: %v\n%s", err, src)
	}
	return v
}

// validate is ValidatePolicy on src, once the flattened schema, which
// decides whether a policy conforms, has been checked to agree with the
// original on it.
func validate(t testing.TB, src string) []Violation {
	t.Helper()
	v := decode(t, src)
	checkSchemasAgree(t, v)
	return ValidatePolicy(v)
}

// checkSchemasAgree fails when the flattened and the original policy schema
// disagree on whether v conforms.
func checkSchemasAgree(t testing.TB, v any) {
	t.Helper()
	value, problems := normalize(v)
	if len(problems) > 0 {
		return // not JSON values: neither schema sees it
	}
	ps := compiledPolicySchema()
	flat, full := ps.flat.Validate(value) == nil, ps.schema.Validate(value) == nil
	if flat != full {
		t.Errorf("the flattened schema finds the policy valid: %v, the original: %v", flat, full)
	}
}

// stmt wraps statement members in a policy with a valid Version.
func stmt(members string) string {
	return `{"Version": "2012-10-17", "Statement": [{` + members + `}]}`
}

// allow is a complete, valid statement body to build variations on.
const allow = `"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"`

func TestPolicySchemaCompiles(t *testing.T) {
	t.Parallel()
	ps, err := compilePolicySchema()
	if err != nil {
		t.Fatalf("embedded policy schema does not compile: %v", err)
	}
	if ps.schema == nil || ps.doc == nil {
		t.Fatal("compilePolicySchema returned an empty result")
	}
}

func TestFSHoldsEverySchema(t *testing.T) {
	t.Parallel()
	entries, err := FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Contains(names, policySchemaFile) {
		t.Errorf("FS holds %v, want it to include %s", names, policySchemaFile)
	}
	for _, n := range names {
		raw, err := FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(raw) {
			t.Errorf("%s is not valid JSON", n)
		}
	}
}

func TestValidatePolicyAcceptsValid(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"statement as single object": `{"Version": "2012-10-17", "Statement": {` + allow + `}}`,
		"version omitted":            `{"Statement": [{` + allow + `}]}`,
		"old version and id":         `{"Version": "2008-10-17", "Id": "policy-1", "Statement": [{` + allow + `}]}`,
		"empty sid":                  stmt(`"Sid": "", ` + allow),
		"lists everywhere": stmt(`"Sid": "AllowList", "Effect": "Allow",
			"Principal": {"AWS": ["arn:aws:iam::123456789012:root", "111122223333"]},
			"Action": ["execute-api:Invoke", "execute-api:*"],
			"Resource": ["execute-api:/prod/GET/pets", "arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/*"]`),
		"principal AWS list": stmt(`"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]},
			"Action": "execute-api:Invoke", "Resource": "execute-api:/*"`),
		"service principal with source arn": stmt(`"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"},
			"Action": "execute-api:Invoke", "Resource": "*",
			"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x"}}`),
		"all principal types": stmt(`"Effect": "Deny", "Principal": {"AWS": "*", "Federated": "cognito-identity.amazonaws.com",
			"Service": ["states.amazonaws.com"], "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
			"Action": "*", "Resource": "*"`),
		"negated members": stmt(`"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"},
			"NotAction": "execute-api:InvalidateCache", "NotResource": "execute-api:/*/POST/*"`),
		"action wildcards and case": stmt(`"Effect": "Allow", "Principal": "*",
			"Action": ["execute-api:Inv?ke", "EXECUTE-API:invoke", "execute-api:*"], "Resource": "*"`),
		"resource placeholder": stmt(`"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
			"Resource": ["${Api.Arn}/*", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"]`),
		"placeholders where strings are expected": `{"Version": "${version}", "Statement": [{"Effect": "${effect}",
			"Principal": "${principal}", "Action": "${action}", "Resource": "${resource}",
			"Condition": {"${operator}": {"aws:SourceIp": "${cidrs}"}}}]}`,
		"if exists": stmt(allow + `, "Condition": {"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"},
			"StringEqualsIfExists": {"aws:SourceVpce": ["vpce-1a2b3c4d"]}}`),
		"set operator": stmt(allow + `, "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*"]},
			"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}`),
		"numbers and booleans as condition values": stmt(allow + `, "Condition": {
			"NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
			"NumericGreaterThanEquals": {"aws:EpochTime": [1700000000, 1.5e9]},
			"Bool": {"aws:SecureTransport": true},
			"Null": {"aws:SourceIp": "false"},
			"StringNotEquals": {"aws:SourceVpc": ["vpc-1", 7, false]}}`),
		"empty condition": stmt(allow + `, "Condition": {}`),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := validate(t, src); got != nil {
				t.Errorf("ValidatePolicy() = %#v, want no violation", got)
			}
		})
	}
}

func TestValidatePolicyReportsViolations(t *testing.T) {
	t.Parallel()
	s0 := func(rest ...any) []any { return append([]any{"Statement", 0}, rest...) }
	tests := map[string]struct {
		src  string
		want []Violation
	}{
		"policy not an object": {
			src:  `["Statement"]`,
			want: []Violation{{Path: []any{}, Message: `policy must be a JSON object with a "Statement" member, not a list`}},
		},
		"no statement": {
			src:  `{"Version": "2012-10-17"}`,
			want: []Violation{{Path: []any{}, Message: `policy has no Statement: add "Statement" with at least one statement`}},
		},
		"unknown policy member with suggestion replaces missing Statement": {
			src:  `{"Statment": [{` + allow + `}]}`,                                                                                           //nolint:misspell // the typo is the input under test
			want: []Violation{{Path: []any{"Statment"}, OnKey: true, Message: `unknown policy member "Statment": did you mean "Statement"?`}}, //nolint:misspell // as above
		},
		"unknown policy member without suggestion": {
			src: `{"Statement": [{` + allow + `}], "Comment": "x"}`,
			want: []Violation{{
				Path: []any{"Comment"}, OnKey: true,
				Message: `unknown policy member "Comment": remove it; a policy may only have Version, Id and Statement`,
			}},
		},
		"version wrong": {
			src:  `{"Version": "2012-10-18", "Statement": [{` + allow + `}]}`,
			want: []Violation{{Path: []any{"Version"}, Message: `Version must be "2012-10-17" or "2008-10-17", not "2012-10-18"`}},
		},
		"version a number": {
			src:  `{"Version": 2012, "Statement": [{` + allow + `}]}`,
			want: []Violation{{Path: []any{"Version"}, Message: `Version must be "2012-10-17" or "2008-10-17", not 2012`}},
		},
		"id not a string": {
			src:  `{"Id": 7, "Statement": [{` + allow + `}]}`,
			want: []Violation{{Path: []any{"Id"}, Message: `Id must be a string, not 7`}},
		},
		"statement a string": {
			src:  `{"Statement": "Allow everything"}`,
			want: []Violation{{Path: []any{"Statement"}, Message: `Statement must be an object or a non-empty list of objects`}},
		},
		"statement an empty list": {
			src:  `{"Statement": []}`,
			want: []Violation{{Path: []any{"Statement"}, Message: `Statement must be an object or a non-empty list of objects`}},
		},
		"statement entry not an object": {
			src:  `{"Statement": [{` + allow + `}, ["Allow"]]}`,
			want: []Violation{{Path: []any{"Statement", 1}, Message: `each statement must be an object, not a list`}},
		},
		"empty single statement": {
			src: `{"Statement": {}}`,
			want: []Violation{{Path: []any{"Statement"}, Message: `statement has no Effect and no Principal and no Action and no Resource: ` +
				`add "Effect": "Allow" or "Effect": "Deny"; add "Principal": "*" or name the accounts allowed; ` +
				`add "Action": "execute-api:Invoke"; add "Resource": "execute-api:/*"`}},
		},
		"no principal": {
			src:  stmt(`"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0(), Message: `statement has no Principal: add "Principal": "*" or name the accounts allowed`}},
		},
		"both action and not action": {
			src:  stmt(allow + `, "NotAction": "execute-api:InvalidateCache"`),
			want: []Violation{{Path: s0(), Message: `statement has both Action and NotAction: keep one`}},
		},
		"both principal and not principal": {
			src:  stmt(allow + `, "NotPrincipal": {"AWS": "123456789012"}`),
			want: []Violation{{Path: s0(), Message: `statement has both Principal and NotPrincipal: keep one`}},
		},
		"both resource and not resource": {
			src:  stmt(allow + `, "NotResource": "*"`),
			want: []Violation{{Path: s0(), Message: `statement has both Resource and NotResource: keep one`}},
		},
		"misspelt effect is one problem": {
			src: stmt(`"Efect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path: s0("Efect"), OnKey: true, Message: `unknown statement member "Efect": did you mean "Effect"?`,
			}},
		},
		"misspelt negated member answers the pair": {
			src: stmt(`"Effect": "Deny", "Principal": "*", "NotActoin": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path: s0("NotActoin"), OnKey: true, Message: `unknown statement member "NotActoin": did you mean "NotAction"?`,
			}},
		},
		"lowercase member": {
			src:  stmt(`"effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("effect"), OnKey: true, Message: `unknown statement member "effect": did you mean "Effect"?`}},
		},
		"unknown member next to the one it resembles": {
			src: stmt(allow + `, "Efect": "Deny"`),
			want: []Violation{{
				Path: s0("Efect"), OnKey: true,
				Message: `unknown statement member "Efect": remove it; a statement may only have Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, and Condition`,
			}},
		},
		"sid not a string": {
			src:  stmt(`"Sid": 1, ` + allow),
			want: []Violation{{Path: s0("Sid"), Message: `Sid must be a string, not 1`}},
		},
		"effect permit": {
			src:  stmt(`"Effect": "Permit", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Effect"), Message: `Effect must be "Allow" or "Deny", not "Permit"`}},
		},
		"effect lowercase": {
			src:  stmt(`"Effect": "allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Effect"), Message: `Effect must be "Allow" or "Deny", not "allow"`}},
		},
		"effect a boolean": {
			src:  stmt(`"Effect": true, "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Effect"), Message: `Effect must be "Allow" or "Deny", not true`}},
		},
		"principal an account string": {
			src: stmt(`"Effect": "Allow", "Principal": "123456789012", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path:    s0("Principal"),
				Message: `Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}, not "123456789012"`,
			}},
		},
		"principal empty string": {
			src: stmt(`"Effect": "Allow", "Principal": "", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path:    s0("Principal"),
				Message: `Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}, not ""`,
			}},
		},
		"not principal a list": {
			src: stmt(`"Effect": "Deny", "NotPrincipal": ["*"], "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path:    s0("NotPrincipal"),
				Message: `NotPrincipal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}, not a list`,
			}},
		},
		"principal type lowercase": {
			src:  stmt(`"Effect": "Allow", "Principal": {"aws": "*"}, "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Principal", "aws"), OnKey: true, Message: `unknown principal type "aws": did you mean "AWS"?`}},
		},
		"principal type unknown": {
			src: stmt(`"Effect": "Allow", "Principal": {"Account": "123456789012"}, "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path: s0("Principal", "Account"), OnKey: true,
				Message: `unknown principal type "Account": use AWS, Federated, Service or CanonicalUser`,
			}},
		},
		"principal ids empty": {
			src:  stmt(`"Effect": "Allow", "Principal": {"AWS": []}, "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Principal", "AWS"), Message: `Principal.AWS is an empty list: name at least one principal or remove it`}},
		},
		"principal ids an object": {
			src: stmt(`"Effect": "Allow", "Principal": {"Service": {"Name": "x"}}, "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path: s0("Principal", "Service"), Message: `Principal.Service must be a string or a non-empty list of strings, not an object`,
			}},
		},
		"principal id a number": {
			src:  stmt(`"Effect": "Allow", "Principal": {"AWS": ["*", 123456789012]}, "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{Path: s0("Principal", "AWS", 1), Message: `Principal.AWS entries must be strings, not 123456789012`}},
		},
		"action malformed": {
			src: stmt(`"Effect": "Allow", "Principal": "*", "Action": "Invoke", "Resource": "*"`),
			want: []Violation{{
				Path: s0("Action"), Message: `Action "Invoke" is not "*" or "service:action": write it like "execute-api:Invoke"`,
			}},
		},
		"not action entry malformed": {
			src: stmt(`"Effect": "Deny", "Principal": "*", "NotAction": ["execute-api:Invoke", "execute-api: Invoke"], "Resource": "*"`),
			want: []Violation{{
				Path:    s0("NotAction", 1),
				Message: `NotAction "execute-api: Invoke" is not "*" or "service:action": write it like "execute-api:Invoke"`,
			}},
		},
		"action empty list": {
			src: stmt(`"Effect": "Allow", "Principal": "*", "Action": [], "Resource": "*"`),
			want: []Violation{{
				Path: s0("Action"), Message: `Action is an empty list: add at least one action such as "execute-api:Invoke"`,
			}},
		},
		"action an object": {
			src:  stmt(`"Effect": "Allow", "Principal": "*", "Action": {"execute-api": "Invoke"}, "Resource": "*"`),
			want: []Violation{{Path: s0("Action"), Message: `Action must be a string or a non-empty list of strings, not an object`}},
		},
		"action entry null": {
			src:  stmt(`"Effect": "Allow", "Principal": "*", "Action": [null], "Resource": "*"`),
			want: []Violation{{Path: s0("Action", 0), Message: `Action entries must be strings, not null`}},
		},
		"resource not an arn": {
			src: stmt(`"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "foo"`),
			want: []Violation{{
				Path:    s0("Resource"),
				Message: `Resource "foo" is not an ARN: use "execute-api:/stage/VERB/path" or a full arn:aws:execute-api ARN`,
			}},
		},
		"not resource entry not an arn": {
			src: stmt(`"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "NotResource": ["*", "/prod/GET/*"]`),
			want: []Violation{{
				Path:    s0("NotResource", 1),
				Message: `NotResource "/prod/GET/*" is not an ARN: use "execute-api:/stage/VERB/path" or a full arn:aws:execute-api ARN`,
			}},
		},
		"resource empty list": {
			src:  stmt(`"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": []`),
			want: []Violation{{Path: s0("Resource"), Message: `Resource is an empty list: add at least one resource such as "execute-api:/*"`}},
		},
		"resource entry a number": {
			src:  stmt(`"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["*", 3]`),
			want: []Violation{{Path: s0("Resource", 1), Message: `Resource entries must be strings, not 3`}},
		},
		"resource a number": {
			src:  stmt(`"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": 3`),
			want: []Violation{{Path: s0("Resource"), Message: `Resource must be a string or a non-empty list of strings, not 3`}},
		},
		"condition a list": {
			src: stmt(allow + `, "Condition": [{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}]`),
			want: []Violation{{
				Path:    s0("Condition"),
				Message: `Condition must map operators to condition keys, such as {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}, not a list`,
			}},
		},
		"condition operator wrong case": {
			src: stmt(allow + `, "Condition": {"IPAddress": {"aws:SourceIp": "203.0.113.0/24"}}`),
			want: []Violation{{
				Path: s0("Condition", "IPAddress"), OnKey: true,
				Message: `condition operator "IPAddress" is not an IAM operator: did you mean "IpAddress"?`,
			}},
		},
		"condition set prefix misspelt": {
			src: stmt(allow + `, "Condition": {"ForAnyValues:StringLike": {"aws:PrincipalOrgPaths": "o-1/*"}}`),
			want: []Violation{{
				Path: s0("Condition", "ForAnyValues:StringLike"), OnKey: true,
				Message: `condition operator "ForAnyValues:StringLike" is not an IAM operator: did you mean "ForAnyValue:StringLike"?`,
			}},
		},
		"condition null if exists": {
			src: stmt(allow + `, "Condition": {"NullIfExists": {"aws:SourceIp": "true"}}`),
			want: []Violation{{
				Path: s0("Condition", "NullIfExists"), OnKey: true,
				Message: `condition operator "NullIfExists" is not an IAM operator: Null takes no IfExists suffix, use "Null"`,
			}},
		},
		"condition prefixed null if exists": {
			src: stmt(allow + `, "Condition": {"ForAllValues:NullIfExists": {"aws:TagKeys": "true"}}`),
			want: []Violation{{
				Path: s0("Condition", "ForAllValues:NullIfExists"), OnKey: true,
				Message: `condition operator "ForAllValues:NullIfExists" is not an IAM operator: Null takes no IfExists suffix, use "ForAllValues:Null"`,
			}},
		},
		"condition operator unknown": {
			src: stmt(allow + `, "Condition": {"CidrMatch": {"aws:SourceIp": "203.0.113.0/24"}}`),
			want: []Violation{{
				Path: s0("Condition", "CidrMatch"), OnKey: true,
				Message: `condition operator "CidrMatch" is not an IAM operator: use one such as "StringEquals", "IpAddress" or "NotIpAddress"`,
			}},
		},
		"condition block a string": {
			src: stmt(allow + `, "Condition": {"IpAddress": "203.0.113.0/24"}`),
			want: []Violation{{
				Path:    s0("Condition", "IpAddress"),
				Message: `condition operator "IpAddress" must map condition keys to values, such as {"aws:SourceIp": ["203.0.113.0/24"]}, not "203.0.113.0/24"`,
			}},
		},
		"condition value an object": {
			src: stmt(allow + `, "Condition": {"IpAddress": {"aws:SourceIp": {"cidr": "203.0.113.0/24"}}}`),
			want: []Violation{{
				Path:    s0("Condition", "IpAddress", "aws:SourceIp"),
				Message: `condition key "aws:SourceIp" must have a string, number, boolean or a non-empty list of them, not an object`,
			}},
		},
		"condition value empty list": {
			src: stmt(allow + `, "Condition": {"NotIpAddress": {"aws:SourceIp": []}}`),
			want: []Violation{{
				Path:    s0("Condition", "NotIpAddress", "aws:SourceIp"),
				Message: `condition key "aws:SourceIp" has an empty list: give at least one value or remove the key`,
			}},
		},
		"condition value entry null": {
			src: stmt(allow + `, "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", null]}}`),
			want: []Violation{{
				Path:    s0("Condition", "IpAddress", "aws:SourceIp", 1),
				Message: `condition key "aws:SourceIp" values must be strings, numbers or booleans, not null`,
			}},
		},
		"long value is shortened": {
			src: stmt(`"Effect": "` + strings.Repeat("x", 100) + `", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"`),
			want: []Violation{{
				Path:    s0("Effect"),
				Message: `Effect must be "Allow" or "Deny", not "` + strings.Repeat("x", 79) + `…"`,
			}},
		},
		"key with pointer characters": {
			src: stmt(allow + `, "Condition": {"a/b~c d%": {}}`),
			want: []Violation{{
				Path: s0("Condition", "a/b~c d%"), OnKey: true,
				Message: `condition operator "a/b~c d%" is not an IAM operator: use one such as "StringEquals", "IpAddress" or "NotIpAddress"`,
			}},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validate(t, tc.src)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ValidatePolicy() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidatePolicySortsByPathThenMessage(t *testing.T) {
	t.Parallel()
	var stmts []string
	for range 11 {
		stmts = append(stmts, `{`+allow+`}`)
	}
	stmts[10] = `{"Effect": "Permit", "Principal": "*", "Action": "x", "Resource": "*"}`
	stmts[2] = `{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*", "Prinicpal": "*", "Zzz": 1}`
	src := `{"Version": "1", "Statement": [` + strings.Join(stmts, ",") + `]}`
	want := []Violation{
		{Path: []any{"Statement", 2, "Prinicpal"}, OnKey: true, Message: `unknown statement member "Prinicpal": did you mean "Principal"?`},
		{
			Path: []any{"Statement", 2, "Zzz"}, OnKey: true,
			Message: `unknown statement member "Zzz": remove it; a statement may only have Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, and Condition`,
		},
		{Path: []any{"Statement", 10, "Action"}, Message: `Action "x" is not "*" or "service:action": write it like "execute-api:Invoke"`},
		{Path: []any{"Statement", 10, "Effect"}, Message: `Effect must be "Allow" or "Deny", not "Permit"`},
		{Path: []any{"Version"}, Message: `Version must be "2012-10-17" or "2008-10-17", not "1"`},
	}
	// Twice: map iteration inside the validator must not change the answer.
	for range 2 {
		got := validate(t, src)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("ValidatePolicy() mismatch (-want +got):\n%s", diff)
		}
	}
}

// The "did you mean" suppression must not hide a missing member when the
// suggestion is for a different one.
func TestMissingMemberKeptWhenSuggestionDiffers(t *testing.T) {
	t.Parallel()
	got := validate(t, stmt(`"Effect": "Allow", "Principal": "*", "Resource": "*", "Actions": "execute-api:Invoke", "Sidd": "x"`))
	want := []Violation{
		{Path: []any{"Statement", 0, "Actions"}, OnKey: true, Message: `unknown statement member "Actions": did you mean "Action"?`},
		{Path: []any{"Statement", 0, "Sidd"}, OnKey: true, Message: `unknown statement member "Sidd": did you mean "Sid"?`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ValidatePolicy() mismatch (-want +got):\n%s", diff)
	}
}

func TestValidatePolicyGoValues(t *testing.T) {
	t.Parallel()
	valid := func(cond any) any {
		return map[string]any{"Statement": map[string]any{
			"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
			"Condition": map[string]any{"NumericLessThan": map[string]any{"aws:EpochTime": cond}},
		}}
	}
	deep := any("leaf")
	for range maxDepth + 5 {
		deep = []any{deep}
	}
	selfRef := map[string]any{}
	selfRef["a"] = selfRef
	row := slices.Repeat([]any{"x"}, 1024)
	wide := slices.Repeat([]any{row}, 1025) // 1025*1024 values share one row
	tests := map[string]struct {
		in   any
		want []Violation
	}{
		"float64":   {in: valid(1.5)},
		"int":       {in: valid(42)},
		"uint8 ptr": {in: valid([]any{uint8(1), float32(2)})},
		"nil policy": {
			in:   nil,
			want: []Violation{{Path: []any{}, Message: `policy must be a JSON object with a "Statement" member, not null`}},
		},
		"go type not json": {
			in: valid([]string{"1"}),
			want: []Violation{{
				Path:    []any{"Statement", "Condition", "NumericLessThan", "aws:EpochTime"},
				Message: "value of Go type []string is not JSON data: decode the policy with encoding/json",
			}},
		},
		"too deep": {
			in: map[string]any{"Statement": deep},
			want: []Violation{{
				Path:    slices.Concat([]any{"Statement"}, slices.Repeat([]any{0}, maxDepth)),
				Message: "policy is nested more than 10000 levels deep: no IAM policy needs that",
			}},
		},
		"refers to itself": {
			in: selfRef,
			want: []Violation{{
				Path:    slices.Repeat([]any{"a"}, maxDepth+1),
				Message: "policy is nested more than 10000 levels deep: no IAM policy needs that",
			}},
		},
		"too many values": {
			in:   map[string]any{"Statement": wide},
			want: []Violation{{Path: []any{}, Message: "policy holds more than 1048576 values: it is far over API Gateway's policy size limit"}},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, ValidatePolicy(tc.in)); diff != "" {
				t.Errorf("ValidatePolicy() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// The Go tables that word unknown-member findings must list exactly the
// members the schema allows, or suggestions and schema would disagree.
func TestObjectRulesMatchSchema(t *testing.T) {
	t.Parallel()
	doc := compiledPolicySchema().doc
	for def, rules := range objectRules {
		ptr := []string{"$defs", def}
		if def == "" {
			ptr = nil
		}
		node, _ := position.Follow(doc, ptr).(map[string]any)
		if node["additionalProperties"] != false {
			t.Errorf("schema %q does not close its members, yet objectRules describes it", def)
		}
		props, _ := node["properties"].(map[string]any)
		var fromSchema []string
		for k := range props {
			fromSchema = append(fromSchema, k)
		}
		slices.Sort(fromSchema)
		known := slices.Sorted(slices.Values(rules.known))
		if !slices.Equal(fromSchema, known) {
			t.Errorf("objectRules[%q].known = %v, schema has %v", def, known, fromSchema)
		}
	}
}

// Every definition that can reject a value needs a hand-written message.
func TestEveryDefinitionHasAMessage(t *testing.T) {
	t.Parallel()
	defs, _ := position.Follow(compiledPolicySchema().doc, []string{"$defs"}).(map[string]any)
	for name := range defs {
		_, v := valueMessages[name]
		_, k := keyMessages[name]
		if !v && !k {
			t.Errorf("no message for schema definition %q", name)
		}
	}
}

func TestOperatorNamesMatchSchema(t *testing.T) {
	t.Parallel()
	for _, op := range operatorNames {
		src := stmt(allow + `, "Condition": {"` + op + `": {"aws:SourceIp": "203.0.113.0/24"}}`)
		if got := validate(t, src); got != nil {
			t.Errorf("operator %q: %v, want accepted", op, got)
		}
	}
	for _, op := range []string{"NullIfExists", "ForAnyValue:NullIfExists", "stringequals", "IfExists", "ForAnyValue:", "StringEqualsIfExistsIfExists", "Not"} {
		src := stmt(allow + `, "Condition": {"` + op + `": {"aws:SourceIp": "203.0.113.0/24"}}`)
		if got := validate(t, src); len(got) != 1 || !got[0].OnKey {
			t.Errorf("operator %q: %v, want one violation on the key", op, got)
		}
	}
}

func TestClosest(t *testing.T) {
	t.Parallel()
	known := objectRules["statement"].known
	tests := map[string]struct {
		name, want string
	}{
		"one typo":           {name: "Efect", want: "Effect"},
		"case only":          {name: "PRINCIPAL", want: "Principal"},
		"plural":             {name: "Resources", want: "Resource"},
		"too far":            {name: "Foo"},
		"short names strict": {name: "Act"},
		"short name":         {name: "Id", want: "Sid"},
		"too long to try":    {name: strings.Repeat("Effect", 20)},
		"non ascii":          {name: "Éffect", want: "Effect"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := closest(tc.name, known)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("closest(%q) = %q, %v; want %q", tc.name, got, ok, tc.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		a, b string
		want int
	}{
		"equal":        {a: "Effect", b: "Effect", want: 0},
		"empty":        {a: "", b: "abc", want: 3},
		"insert":       {a: "Efect", b: "Effect", want: 1},
		"substitute":   {a: "kitten", b: "sitten", want: 1},
		"classic":      {a: "kitten", b: "sitting", want: 3},
		"runes":        {a: "héllo", b: "hello", want: 1},
		"both empty":   {a: "", b: "", want: 0},
		"transpose=2":  {a: "ab", b: "ba", want: 2},
		"longer first": {a: "Statement", b: "Stmt", want: 5},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestComparePaths(t *testing.T) {
	t.Parallel()
	ordered := [][]any{
		{},
		{"Statement"},
		{"Statement", 2},
		{"Statement", 10},
		{"Statement", 10, "Action"},
		{"Statement", 10, "Effect"},
		{"Version"},
	}
	for i := range ordered {
		for j := range ordered {
			if got, want := comparePaths(ordered[i], ordered[j]), cmpInt(i, j); got != want {
				t.Errorf("comparePaths(%v, %v) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// memberNames are the names a message may start with; everything else
// starts lowercase.
var memberNames = []string{
	"Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal",
	"Action", "NotAction", "Resource", "NotResource", "Condition",
}

// checkViolations asserts the properties every result must have, whatever
// the input: well-formed paths, house-style messages, sorted, no fallback.
func checkViolations(t *testing.T, got []Violation) {
	t.Helper()
	for _, v := range got {
		for _, p := range v.Path {
			switch p.(type) {
			case string, int:
			default:
				t.Errorf("path %v holds a %T", v.Path, p)
			}
		}
		checkMessage(t, v.Message)
	}
	if !slices.IsSortedFunc(got, compareViolations) {
		t.Errorf("violations not sorted: %v", got)
	}
}

func checkMessage(t *testing.T, msg string) {
	t.Helper()
	if msg == "" || strings.HasSuffix(msg, ".") {
		t.Errorf("message %q is empty or ends with a period", msg)
	}
	if strings.Contains(msg, "does not fit the policy grammar") {
		t.Errorf("untranslated schema failure: %q", msg)
	}
	first, _ := utf8.DecodeRuneInString(msg)
	if unicode.IsUpper(first) && !slices.ContainsFunc(memberNames, func(m string) bool { return strings.HasPrefix(msg, m) }) {
		t.Errorf("message %q starts uppercase but not with a member name", msg)
	}
}

func FuzzValidatePolicy(f *testing.F) {
	f.Add([]byte(stmt(allow)))
	f.Add([]byte(`{"Statement": {"Efect": "Allow", "Condition": {"IPAddress": {"aws:SourceIp": []}}}}`))
	f.Add([]byte(stmt(allow + `, "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", 7, true, null, {}, []]}}`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		checkSchemasAgree(t, v)
		got := ValidatePolicy(v)
		checkViolations(t, got)
		if again := ValidatePolicy(v); !reflect.DeepEqual(got, again) {
			t.Errorf("ValidatePolicy is not deterministic:\n%v\n%v", got, again)
		}
	})
}
