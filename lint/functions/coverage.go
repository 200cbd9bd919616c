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
// as the obvious 0.0.0.0/0. The set is built once from all the prefixes:
// adding them one Union at a time copied the set per value.
func coversAll(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	var prefixes []netip.Prefix
	single := map[string]*ast.Term{}
	add := func(index *ast.Term, s string) {
		if strings.Contains(s, "${") {
			return
		}
		p, err := ipset.ParseValue(s)
		if err != nil {
			return
		}
		prefixes = append(prefixes, p.Prefix)
		if fam := family(p.Prefix.Addr().Is4()); p.Prefix.Bits() == 0 && single[fam] == nil {
			single[fam] = index
		}
	}
	switch v := a.Value.(type) {
	case ast.String:
		add(ast.NullTerm(), string(v))
	case *ast.Array:
		for i := range v.Len() {
			if s, ok := v.Elem(i).Value.(ast.String); ok {
				add(ast.InternedTerm(i), string(s))
			}
		}
	}
	union := ipset.FromPrefixes(prefixes...)
	var out []*ast.Term
	for _, f := range []struct {
		name string
		all  ipset.Set
		got  ipset.Set
	}{{"IPv4", ipset.All4(), union.V4()}, {"IPv6", ipset.All6(), union.V6()}} {
		if !f.got.Equal(f.all) {
			continue
		}
		index := single[f.name]
		if index == nil {
			index = ast.NullTerm()
		}
		out = append(out, ast.ObjectTerm(item("family", ast.StringTerm(f.name)), item("index", index)))
	}
	return ast.ArrayTerm(out...), nil
}

func family(is4 bool) string {
	if is4 {
		return "IPv4"
	}
	return "IPv6"
}
