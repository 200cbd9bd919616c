package functions

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

func TestParseValueRemembersWithinAnEvaluation(t *testing.T) {
	t.Parallel()
	cache := builtins.Cache{}
	bctx := rego.BuiltinContext{Cache: cache}
	for _, s := range []string{"203.0.113.7/24", "2001:db8::1", "10.0.0.0/33", "not an address"} {
		want, wantErr := ipset.ParseValue(s)
		for range 2 { // the second call is answered from the cache
			got, err := parseValue(bctx, s)
			if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Errorf("parseValue(%q) = %+v, %v; want %+v, %v", s, got, err, want, wantErr)
			}
		}
	}
	v, _ := cache.Get(parseCacheKey{})
	if seen, _ := v.(map[string]parseResult); len(seen) != 4 {
		t.Errorf("cache holds %d values, want 4: %v", len(seen), v)
	}
	// Without a cache (a BuiltinContext built by hand) it still parses.
	if got, err := parseValue(rego.BuiltinContext{}, "198.51.100.0/24"); err != nil || got.Prefix.String() != "198.51.100.0/24" {
		t.Errorf("parseValue without cache = %+v, %v", got, err)
	}
}
