package functions

import (
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestInvalid(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"clean list":      {`["81.2.69.160/27", "52.94.76.18", "2600:1F18::/32", "::/0"]`, `[]`},
		"lone bad string": {`"10.0.0.0/33"`, `[{"index": null, "value": "10.0.0.0/33", "kind": "invalid", "reason": "prefix length 33 is out of range for IPv4 (0-32)"}]`},
		"host bits": {`["81.2.69.160/27", "203.0.113.7/24"]`, `[{"index": 1, "value": "203.0.113.7/24", "kind": "host_bits",
			"canonical": "203.0.113.0/24", "address": "203.0.113.7/32"}]`},
		"v6 host bits": {`["2001:DB8::1/64"]`, `[{"index": 0, "value": "2001:DB8::1/64", "kind": "host_bits",
			"canonical": "2001:db8::/64", "address": "2001:db8::1/128"}]`},
		"bare v6":      {`"2600:1f18::7"`, `[{"index": null, "value": "2600:1f18::7", "kind": "bare_v6", "canonical": "2600:1f18::7/128"}]`},
		"not strings":  {`[8080, true, null]`, `[{"index": 0, "value": 8080, "kind": "invalid", "reason": "a number is not an IP address"}, {"index": 1, "value": true, "kind": "invalid", "reason": "a boolean is not an IP address"}, {"index": 2, "value": null, "kind": "invalid", "reason": "null is not an IP address"}]`},
		"skipped":      {`["${var.cidr}", ["10.0.0.0/33"], {"Ref": "Cidr"}]`, `[]`},
		"lone object":  {`{"Fn::Split": [",", "x"]}`, `[]`},
		"empty string": {`[""]`, `[{"index": 0, "value": "", "kind": "invalid", "reason": "empty value"}]`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := invalidValues(rego.BuiltinContext{}, ast.MustParseTerm(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("invalid(%s) = %v\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ left, right, want string }{
		"equal, written differently": {
			`[["81.2.69.0/25", "81.2.69.128/25"], "52.94.76.18"]`, `[["52.94.76.18/32", "81.2.69.0/24"]]`,
			`{"left_only": [], "right_only": [], "opaque": false, "everything": false}`,
		},
		"both sides": {
			`[["81.2.69.0/24", "2600:1f18::/32"]]`, `[["81.2.69.0/25", "80.239.128.0/19"]]`,
			`{"left_only": ["81.2.69.128/25", "2600:1f18::/32"], "right_only": ["80.239.128.0/19"], "opaque": false, "everything": false}`,
		},
		"opaque": {
			`[["81.2.69.0/24", "${var.cidr}"]]`, `["81.2.69.0/24"]`,
			`{"left_only": [], "right_only": [], "opaque": true, "everything": false}`,
		},
		"malformed skipped": {
			`[["81.2.69.0/24", "x", 7]]`, `["81.2.69.0/24"]`,
			`{"left_only": [], "right_only": [], "opaque": false, "everything": false}`,
		},
		"every IPv6": {
			`[["::/1", "8000::/1"]]`, `[["::/1"]]`,
			`{"left_only": ["8000::/1"], "right_only": [], "opaque": false, "everything": true}`,
		},
		"not lists": {`"81.2.69.0/24"`, `{}`, `{"left_only": [], "right_only": [], "opaque": false, "everything": false}`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := compareLists(rego.BuiltinContext{}, ast.MustParseTerm(tt.left), ast.MustParseTerm(tt.right))
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("compare(%s, %s) = %v\nwant %s", tt.left, tt.right, got, tt.want)
			}
		})
	}
}

// scopePolicy is an Allow (0) and an IP Deny (1) with the given Resources.
func scopePolicy(allow, deny any) *ast.Term {
	doc := map[string]any{"Statement": []any{
		map[string]any{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": allow},
		map[string]any{
			"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": deny,
			"Condition": map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": "81.2.69.160/27"}},
		},
	}}
	b, _ := json.Marshal(doc)
	return ast.MustParseTerm(string(b))
}

// restrictingOps is deny-scope-gap's table of restricting operators.
var restrictingOps = ast.MustParseTerm(`{
	"aws:sourceip": {"NotIpAddress"}, "aws:vpcsourceip": {"NotIpAddress"},
	"aws:sourcevpc": {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"},
	"aws:sourcevpce": {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"}}`)

// viewOf is rules/lib's view of doc, as the rules read it.
func viewOf(t *testing.T, doc *ast.Term) ast.Object {
	t.Helper()
	v, err := view(rego.BuiltinContext{}, doc)
	if err != nil {
		t.Fatal(err)
	}
	return v.Value.(ast.Object)
}

// scopeOf calls deny_scope as deny-scope-gap does, on the view of doc, and
// returns its result with every statement replaced by its index.
func scopeOf(t *testing.T, doc *ast.Term) *ast.Term {
	t.Helper()
	lib := viewOf(t, doc)
	got, err := denyScope(rego.BuiltinContext{}, doc, lib.Get(ast.StringTerm("allows")), lib.Get(ast.StringTerm("denies")), restrictingOps)
	if err != nil {
		t.Fatal(err)
	}
	return indexed(got)
}

// indexed replaces every rules/lib statement inside t by its index.
func indexed(t *ast.Term) *ast.Term {
	if i, ok := statementIndex(t); ok {
		return ast.InternedTerm(i)
	}
	switch v := t.Value.(type) {
	case *ast.Array:
		out := make([]*ast.Term, 0, v.Len())
		v.Foreach(func(e *ast.Term) { out = append(out, indexed(e)) })
		return ast.ArrayTerm(out...)
	case ast.Object:
		out := ast.NewObject()
		v.Foreach(func(k, e *ast.Term) { out.Insert(k, indexed(e)) })
		return ast.NewTerm(out)
	}
	return t
}

func TestDenyScope(t *testing.T) {
	t.Parallel()
	anyStage := `{"denies": [1], "allows": [0], "gaps": [{"allow": 0, "element": "Resource", "value": null, "stage": "y", "any_stage": true, "method": "GET", "path": "/", "level": "stage"}], "no_invoke": []}`
	none := `{"denies": [1], "allows": [0], "gaps": [], "no_invoke": []}`
	tests := map[string]struct {
		allow, deny any
		want        string
	}{
		"covered":      {"execute-api:/*", "execute-api:/*", none},
		"stage only":   {"execute-api:/*", "execute-api:/prod/*", anyStage},
		"same head":    {"${aws_api_gateway_rest_api.a.execution_arn}/*", "${aws_api_gateway_rest_api.a.execution_arn}/prod/*", anyStage},
		"no slash":     {"${aws_api_gateway_rest_api.a.execution_arn}*", "${aws_api_gateway_rest_api.a.execution_arn}/prod/*", anyStage},
		"head and sub": {"arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*", "execute-api:/prod/*", anyStage},
		"other heads":  {"${aws_api_gateway_rest_api.a.execution_arn}/*", "${aws_api_gateway_rest_api.b.execution_arn}/prod/*", none},
		// A literal API beside a placeholder one: they may or may not be the same.
		"literal beside": {[]any{"${aws_api_gateway_rest_api.a.execution_arn}/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*"}, "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*", none},
		"opaque stage":   {"execute-api:/${Stage}/*", "execute-api:/prod/*", none},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := scopeOf(t, scopePolicy(tt.allow, tt.deny)); !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("deny_scope = %v\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDenyScopeActions(t *testing.T) {
	t.Parallel()
	doc := ast.MustParseTerm(`{"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:InvalidateCache", "Resource": "execute-api:/*"},
		{"Effect": "Deny", "Principal": "*", "Action": "execute-api:InvalidateCache", "Resource": "execute-api:/prod/*", "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}},
		{"Effect": "Deny", "Principal": "*", "NotAction": "execute-api:ManageConnections", "Resource": "execute-api:/*", "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "${var.action}", "Resource": "execute-api:/*", "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}}]}`)
	// The Allow does not grant Invoke, so it has no gap to report.
	if got, want := scopeOf(t, doc), ast.MustParseTerm(`{"denies": [1, 2, 3], "allows": [0], "gaps": [], "no_invoke": [1]}`); !got.Equal(want) {
		t.Errorf("deny_scope = %v, want %v", got, want)
	}
}

func TestDenyScopeSelection(t *testing.T) {
	t.Parallel()
	const (
		ipDeny   = `{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/*", "Condition": {"NotIpAddress": {"AWS:SOURCEIP": "81.2.69.160/27"}}}`
		vpceDeny = `{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}}`
		plainAll = `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}`
	)
	allowOn := func(op, key string) string {
		return `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"` + op + `": {"` + key + `": "x"}}}`
	}
	tests := map[string]struct{ statements, want string }{
		"no restricting deny": {
			plainAll + `, {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "1.2.3.4"}}}`,
			`{"denies": [], "allows": [], "gaps": [], "no_invoke": []}`,
		},
		"no allow": {ipDeny, `{"denies": [], "allows": [], "gaps": [], "no_invoke": []}`},
		"own restriction on a key no deny restricts": {
			allowOn("StringEquals", "aws:SourceVpce") + `, ` + ipDeny,
			`{"denies": [], "allows": [], "gaps": [], "no_invoke": []}`,
		},
		"own restriction on the deny's key": {
			allowOn("StringEquals", "aws:sourcevpce") + `, ` + vpceDeny,
			`{"denies": [1], "allows": [0], "gaps": [{"allow": 0, "element": "Resource", "value": null, "stage": "y", "any_stage": true, "method": "GET", "path": "/", "level": "stage"}], "no_invoke": []}`,
		},
		"negated and Null conditions are no restriction": {
			allowOn("StringNotEquals", "aws:SourceVpce") + `, ` + allowOn("Null", "aws:SourceVpce") + `, ` + plainAll + `, "junk", ` + ipDeny,
			`{"denies": [4], "allows": [0, 1, 2], "gaps": [
				{"allow": 0, "element": "Resource", "value": null, "stage": "y", "any_stage": true, "method": "GET", "path": "/", "level": "stage"},
				{"allow": 1, "element": "Resource", "value": null, "stage": "y", "any_stage": true, "method": "GET", "path": "/", "level": "stage"},
				{"allow": 2, "element": "Resource", "value": null, "stage": "y", "any_stage": true, "method": "GET", "path": "/", "level": "stage"}], "no_invoke": []}`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := ast.MustParseTerm(`{"Statement": [` + tt.statements + `]}`)
			if got := scopeOf(t, doc); !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("deny_scope = %v\nwant %s", got, tt.want)
			}
		})
	}
}

func TestAPIHead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, head string
		kind     int
	}{
		{"${x.execution_arn}/*", "${x.execution_arn}", headPlaceholder},
		{"${x.execution_arn}*", "${x.execution_arn}", headPlaceholder},
		{"arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*", "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}", headPlaceholder},
		{"arn:aws:execute-api:${var.region}:${var.account}:*/*", "arn:aws:execute-api:${var.region}:${var.account}:*", headOther},
		{`${join("", ["arn:aws:execute-api:", var.region, "/*"])}`, `${join("", ["arn:aws:execute-api:", var.region, "`, headOther},
		{"arn:aws:execute-api:eu-west-1:123456789012:abc123/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123", headLiteral},
		{"arn:aws:execute-api:*:*:*", "arn:aws:execute-api:*:*:", headOther},
		{"execute-api:/*", "execute-api:", headOther},
		{"arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}", "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}", headOther},
		{"*", "", headOther},
	}
	for _, tt := range tests {
		if head, kind := apiHead(tt.in); head != tt.head || kind != tt.kind {
			t.Errorf("apiHead(%q) = %q, %d; want %q, %d", tt.in, head, kind, tt.head, tt.kind)
		}
	}
}
