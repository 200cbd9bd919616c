package functions

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

func TestWithoutConditions(t *testing.T) {
	t.Parallel()
	stmt := `{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
		"Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}`
	kept := map[string]any{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": []any{"execute-api:/*"}}
	tests := map[string]struct {
		in   string
		want any
	}{
		"list":         {`{"Version": "2012-10-17", "Statement": [` + stmt + `, "junk"]}`, map[string]any{"Statement": []any{kept, "junk"}}},
		"lone object":  {`{"Statement": ` + stmt + `}`, map[string]any{"Statement": kept}},
		"no Statement": {`{"Version": "2012-10-17"}`, map[string]any{}},
		"not a policy": {`["x"]`, []any{"x"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := withoutConditions(ast.MustParseTerm(tt.in).Value)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("withoutConditions(%s) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
