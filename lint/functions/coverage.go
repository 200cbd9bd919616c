package functions

import (
	"net/netip"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var coversAllDecl = &rego.Function{
	Name: "apigwlint.ip.covers_all",
	Description: "Takes the value of one IP condition key as written (a string or a list) and returns, per " +
		"address family whose every address it covers, " + `{"family": "IPv4"|"IPv6", "index": i or null}` +
		": index names a lone list entry that covers the family by itself (0.0.0.0/0, ::/0); null means a " +
		"lone string value, or that only the union of the entries covers it. Opaque and malformed values are skipped.",
	Decl: types.NewFunction(
		types.Args(types.Named("values", types.A).Description("a condition key's value: a string or a list")),
		types.Named("families", types.NewArray(nil, types.A)).Description("the families covered, usually none"),
	),
	Memoize: false,
}

// coversAll unions the values exactly, so that ranges which only together
// cover an address family (0.0.0.0/1 plus 128.0.0.0/1) are caught as well
// as the obvious 0.0.0.0/0. The set is built once from all the prefixes
// (adding them one Union at a time copied the set per value), and only for
// a family whose two ends the prefixes reach.
func coversAll(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	var ps prefixList
	switch v := a.Value.(type) {
	case ast.String:
		ps.add(ast.NullTerm(), string(v))
	case *ast.Array:
		ps.list = make([]netip.Prefix, 0, v.Len())
		for i := range v.Len() {
			if s, ok := v.Elem(i).Value.(ast.String); ok {
				ps.add(ast.InternedTerm(i), string(s))
			}
		}
	}
	var out []*ast.Term
	for _, is4 := range []bool{true, false} {
		if !reachesEnds(ps.list, is4) {
			continue
		}
		union := ipset.FromPrefixes(ps.list...)
		name, got, all, index := "IPv6", union.V6(), ipset.All6(), ps.whole6
		if is4 {
			name, got, all, index = "IPv4", union.V4(), ipset.All4(), ps.whole4
		}
		if !got.Equal(all) {
			continue
		}
		if index == nil {
			index = ast.NullTerm()
		}
		out = append(out, ast.ObjectTerm(item("family", ast.StringTerm(name)), item("index", index)))
	}
	return ast.ArrayTerm(out...), nil
}

// prefixList gathers the prefixes of a value list, and the first entry
// that is a whole family by itself (0.0.0.0/0, ::/0).
type prefixList struct {
	list           []netip.Prefix
	whole4, whole6 *ast.Term
}

func (l *prefixList) add(index *ast.Term, s string) {
	if strings.Contains(s, "${") {
		return
	}
	p, err := ipset.ParseValue(s)
	if err != nil {
		return
	}
	l.list = append(l.list, p.Prefix)
	switch {
	case p.Prefix.Bits() != 0:
	case p.Prefix.Addr().Is4() && l.whole4 == nil:
		l.whole4 = index
	case !p.Prefix.Addr().Is4() && l.whole6 == nil:
		l.whole6 = index
	}
}

// reachesEnds reports whether the prefixes of one family hold its lowest
// and its highest address. A union that misses either end cannot cover the
// family, and that settles almost every list without building the set.
func reachesEnds(ps []netip.Prefix, is4 bool) bool {
	lowest, highest := netip.IPv6Unspecified(), netip.AddrFrom16([16]byte{
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	})
	if is4 {
		lowest, highest = netip.IPv4Unspecified(), netip.AddrFrom4([4]byte{255, 255, 255, 255})
	}
	var low, high bool
	for _, p := range ps {
		if p.Addr().Is4() == is4 {
			low = low || p.Contains(lowest)
			high = high || p.Contains(highest)
		}
	}
	return low && high
}
