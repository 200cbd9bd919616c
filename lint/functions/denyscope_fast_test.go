package functions

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestPlainlyScoped(t *testing.T) {
	t.Parallel()
	const allowAll = `{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}`
	tests := map[string]struct {
		doc    string
		allows []int
		denies []int
		want   bool
	}{
		"same resource": {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}`, []int{0}, []int{1}, true},
		"deny covers everything": {`{"Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": ["execute-api:/prod/*", "execute-api:/dev/*"]},
			{"Effect": "Deny", "Action": ["execute-api:*"], "Resource": "*"}]}`, []int{0}, []int{1}, true},
		"a later deny without invoke": {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}`, []int{0}, []int{1, 2}, false},
		"shorthand with three stars":  {`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:execute-api:*:*:*"}, {"Effect": "Deny", "Action": "*", "Resource": "execute-api:/*/*/*"}]}`, []int{0}, []int{1}, true},
		"wild arn deny":               {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "*", "Resource": "arn:aws:execute-api:*:*:*/*"}]}`, []int{0}, []int{1}, true},
		"four stars are not all":      {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "*", "Resource": "execute-api:/*/*/*/*"}]}`, []int{0}, []int{1}, false},
		"other partition is not all":  {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "*", "Resource": "arn:aws-cn:execute-api:*:*:*"}]}`, []int{0}, []int{1}, false},
		"union of denies":             {`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": ["a", "b"]}, {"Effect": "Deny", "Action": "*", "Resource": "a"}, {"Effect": "Deny", "Action": "*", "Resource": ["b"]}]}`, []int{0}, []int{1, 2}, true},
		"narrower deny needs search":  {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/*"}]}`, []int{0}, []int{1}, false},
		"deny without invoke":         {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "Action": "execute-api:InvalidateCache", "Resource": "execute-api:/*"}]}`, []int{0}, []int{1}, false},
		"notaction needs search":      {`{"Statement": [` + allowAll + `, {"Effect": "Deny", "NotAction": "x:y", "Resource": "execute-api:/*"}]}`, []int{0}, []int{1}, false},
		"notresource allow":           {`{"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "x"}, {"Effect": "Deny", "Action": "*", "Resource": "x"}]}`, []int{0}, []int{1}, false},
		"lone statement object":       {`{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}`, nil, []int{0}, true},
		"resource not strings":        {`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": ["a", 7]}, {"Effect": "Deny", "Action": "*", "Resource": ["a"]}]}`, []int{0}, []int{1}, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			stmts := viewOf(t, ast.MustParseTerm(tt.doc)).Get(ast.StringTerm("statements")).Value.(*ast.Array)
			pick := func(ix []int) []*ast.Term {
				var out []*ast.Term
				for _, i := range ix {
					out = append(out, stmts.Elem(i))
				}
				return out
			}
			if got := plainlyScoped(pick(tt.allows), pick(tt.denies)); got != tt.want {
				t.Errorf("plainlyScoped = %v, want %v", got, tt.want)
			}
		})
	}
}
