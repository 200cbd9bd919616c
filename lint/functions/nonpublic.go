package functions

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var nonPublicDecl = &rego.Function{
	Name: "apigwlint.ip.non_public",
	Description: "Takes the value of one IP condition key as written (a string or a list) and returns only the " +
		"entries that lie inside or partly overlap never-public ranges: " +
		`[{"index": i or null for a lone string, "value", "inside": [{cidr, name, rfc, suspect}], "overlap": [...]}]. ` +
		"Opaque (${...}), malformed and all-address (/0) values are skipped; other rules report those.",
	Decl: types.NewFunction(
		types.Args(types.Named("values", types.A).Description("a condition key's value: a string or a list")),
		types.Named("hits", types.NewArray(nil, types.A)).Description("the never-public entries, usually none"),
	),
	Memoize: false,
}

// nonPublic answers for a whole condition key at once. Most values are
// public, so returning only the hits keeps the per-value work in Go and
// out of the Rego evaluator, which is the hot path of a repository scan.
func nonPublic(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	var hits []*ast.Term
	switch v := a.Value.(type) {
	case ast.String:
		if h := nonPublicHit(ast.NullTerm(), string(v)); h != nil {
			hits = append(hits, h)
		}
	case *ast.Array:
		for i := range v.Len() {
			if s, ok := v.Elem(i).Value.(ast.String); ok {
				if h := nonPublicHit(ast.InternedTerm(i), string(s)); h != nil {
					hits = append(hits, h)
				}
			}
		}
	}
	return ast.ArrayTerm(hits...), nil
}

func nonPublicHit(index *ast.Term, s string) *ast.Term {
	if strings.Contains(s, "${") {
		return nil
	}
	p, err := ipset.ParseValue(s)
	if err != nil || p.Prefix.Bits() == 0 {
		return nil
	}
	inside, overlap := ipset.NonPublic(p.Prefix)
	if len(inside) == 0 && len(overlap) == 0 {
		return nil
	}
	return ast.ObjectTerm(
		item("index", index),
		item("value", ast.StringTerm(s)),
		item("inside", ranges(inside)),
		item("overlap", ranges(overlap)),
	)
}
