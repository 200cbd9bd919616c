package functions

import (
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

// parseCacheKey names this package's entry in OPA's builtin cache, which
// lives for one evaluation: one document.
type parseCacheKey struct{}

type parseResult struct {
	parsed ipset.Parsed
	err    error
}

// parseValue is ipset.ParseValue remembered for the document being
// evaluated. Several rules hand the same CIDR lists to different functions
// (non_public, covers_all, invalid, compare), and parsing was most of the
// cost of each call.
func parseValue(bctx rego.BuiltinContext, s string) (ipset.Parsed, error) {
	if bctx.Cache == nil {
		return ipset.ParseValue(s)
	}
	v, _ := bctx.Cache.Get(parseCacheKey{})
	seen, _ := v.(map[string]parseResult)
	if seen == nil {
		// Sized for a policy's usual few dozen CIDRs: growing the map
		// cost as much as the parsing it saves.
		seen = make(map[string]parseResult, 64)
		bctx.Cache.Put(parseCacheKey{}, seen)
	}
	if r, ok := seen[s]; ok {
		return r.parsed, r.err
	}
	p, err := ipset.ParseValue(s)
	seen[s] = parseResult{parsed: p, err: err}
	return p, err
}
