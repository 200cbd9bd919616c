package functions_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/apigwlint/apigwlint/lint/functions"
)

// eval runs query with the custom functions registered as the engine does:
// declared in the capabilities and implemented through RegoOptions.
func eval(t *testing.T, query string) any {
	t.Helper()
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = append(caps.Builtins, functions.Builtins()...)
	opts := []func(*rego.Rego){
		rego.Query(query),
		rego.Capabilities(caps),
		rego.StrictBuiltinErrors(true),
	}
	opts = append(opts, functions.RegoOptions()...)
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil {
		t.Fatalf("eval %s: %v", query, err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("eval %s: want one result, got %v", query, rs)
	}
	return rs[0].Expressions[0].Value
}

func TestClassify(t *testing.T) {
	t.Parallel()
	none := []any{}
	rfc1918 := func(cidr string) []any {
		return []any{map[string]any{"cidr": cidr, "name": "private-use", "rfc": "RFC 1918", "suspect": false}}
	}
	tests := map[string]struct {
		arg  string // a Rego term
		want map[string]any
	}{
		"public v4": {`"52.94.76.0/22"`, map[string]any{
			"valid": true, "cidr": "52.94.76.0/22", "all": false, "inside": none, "overlap": none,
			"version": 4, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
		"bare v4 is /32": {`"52.94.76.18"`, map[string]any{
			"valid": true, "cidr": "52.94.76.18/32", "all": false, "inside": none, "overlap": none,
			"version": 4, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
		"private inside": {`"10.1.0.0/16"`, map[string]any{
			"valid": true, "cidr": "10.1.0.0/16", "all": false, "inside": rfc1918("10.0.0.0/8"), "overlap": none,
			"version": 4, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
		"host bits are masked": {`"172.31.16.9/20"`, map[string]any{
			"valid": true, "cidr": "172.31.16.0/20", "all": false, "inside": rfc1918("172.16.0.0/12"), "overlap": none,
			"version": 4, "host_bits": true, "bare_v6": false, "mapped": false,
		}},
		"partial overlap": {`"10.0.0.0/7"`, map[string]any{
			"valid": true, "cidr": "10.0.0.0/7", "all": false, "inside": none, "overlap": rfc1918("10.0.0.0/8"),
			"version": 4, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
		"public v6 upper case": {`"2600:1F18::/32"`, map[string]any{
			"valid": true, "cidr": "2600:1f18::/32", "all": false, "inside": none, "overlap": none,
			"version": 6, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
		"bare v6": {`"2600:1f18::1"`, map[string]any{
			"valid": true, "cidr": "2600:1f18::1/128", "all": false, "inside": none, "overlap": none,
			"version": 6, "host_bits": false, "bare_v6": true, "mapped": false,
		}},
		"unique-local v6": {`"fd00:1::/32"`, map[string]any{
			"valid": true, "cidr": "fd00:1::/32", "all": false,
			"inside":  []any{map[string]any{"cidr": "fc00::/7", "name": "unique-local", "rfc": "RFC 4193", "suspect": false}},
			"overlap": none, "version": 6, "host_bits": false, "bare_v6": false, "mapped": false,
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := eval(t, "apigwlint.ip.classify("+tc.arg+")")
			if diff := cmp.Diff(tc.want, normalise(got)); diff != "" {
				t.Errorf("classify(%s) mismatch (-want +got):\n%s", tc.arg, diff)
			}
		})
	}
}

// TestClassifyAll checks only the fields that matter for "everyone": the
// overlap lists of 0.0.0.0/0 are ipset's business.
func TestClassifyAll(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"0.0.0.0/0", "::/0"} {
		got := normalise(eval(t, `apigwlint.ip.classify("`+v+`")`)).(map[string]any)
		if got["valid"] != true || got["all"] != true || got["cidr"] != v {
			t.Errorf("classify(%q) = valid %v, all %v, cidr %v; want true, true, %q", v, got["valid"], got["all"], got["cidr"], v)
		}
	}
}

// TestClassifyInvalid checks that garbage yields valid=false and a message,
// never an evaluation error (StrictBuiltinErrors is on in eval).
func TestClassifyInvalid(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{`""`, `"10.0.0.0/33"`, `"not an ip"`, `"10.0.0.0/8 "`, `"fe80::1%eth0"`, `"${var.cidr}"`, `42`, `null`, `["10.0.0.0/8"]`} {
		got, ok := normalise(eval(t, "apigwlint.ip.classify("+arg+")")).(map[string]any)
		if !ok {
			t.Fatalf("classify(%s) did not return an object", arg)
		}
		if got["valid"] != false {
			t.Errorf("classify(%s).valid = %v, want false", arg, got["valid"])
		}
		if msg, _ := got["error"].(string); msg == "" {
			t.Errorf("classify(%s) has no error message", arg)
		}
		if diff := cmp.Diff([]any{}, got["inside"]); diff != "" {
			t.Errorf("classify(%s).inside not empty:\n%s", arg, diff)
		}
	}
}

func TestDeclarationsAgree(t *testing.T) {
	t.Parallel()
	b, o, tb := functions.Builtins(), functions.RegoOptions(), functions.TesterBuiltins()
	if len(b) == 0 || len(b) != len(o) || len(b) != len(tb) {
		t.Fatalf("Builtins %d, RegoOptions %d, TesterBuiltins %d: want the same non-zero count", len(b), len(o), len(tb))
	}
	for i := range b {
		if b[i].Name != tb[i].Decl.Name || b[i].Decl.String() != tb[i].Decl.Decl.String() {
			t.Errorf("builtin %d: %s %s vs tester %s %s", i, b[i].Name, b[i].Decl, tb[i].Decl.Name, tb[i].Decl.Decl)
		}
		if b[i].Description == "" {
			t.Errorf("builtin %s has no description", b[i].Name)
		}
	}
}

// normalise turns json.Number results into ints so tables can use plain literals.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = normalise(e)
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = normalise(e)
		}
		return v
	case interface{ Int64() (int64, error) }:
		n, _ := v.Int64()
		return int(n)
	}
	return v
}
