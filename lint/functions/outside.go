package functions

import (
	"net/netip"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var outsideDecl = &rego.Function{
	Name: "apigwlint.ip.outside",
	Description: "Takes the value of one IP condition key as written (a string or a list) and a list of approved " +
		"CIDRs, and returns the entries that admit addresses outside the approved ranges: " +
		`[{"index": i or null for a lone string, "value", "outside": [canonical CIDRs]}]. ` +
		"Opaque and malformed values, and approved entries that do not parse, are skipped.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("values", types.A).Description("a condition key's value: a string or a list"),
			types.Named("approved", types.A).Description("the approved CIDRs"),
		),
		types.Named("hits", types.NewArray(nil, types.A)).Description("the entries reaching outside, usually none"),
	),
}

// outside is the set difference of each value and the approved ranges,
// exact, so "10.0.0.0/8 is approved" also approves 10.1.0.0/16 and a value
// straddling the edge of an approved range names only the part beyond it.
func outside(_ rego.BuiltinContext, values, approved *ast.Term) (*ast.Term, error) {
	var approvedPrefixes []netip.Prefix
	for _, s := range stringTerms(approved) {
		if p, err := ipset.ParseValue(s.text); err == nil {
			approvedPrefixes = append(approvedPrefixes, p.Prefix)
		}
	}
	allowed := ipset.FromPrefixes(approvedPrefixes...)
	var hits []*ast.Term
	for _, v := range stringTerms(values) {
		if strings.Contains(v.text, "${") {
			continue
		}
		p, err := ipset.ParseValue(v.text)
		if err != nil {
			continue
		}
		extra := ipset.FromPrefixes(p.Prefix).Minus(allowed)
		if extra.IsEmpty() {
			continue
		}
		var cidrs []*ast.Term
		for _, q := range extra.Prefixes() {
			cidrs = append(cidrs, ast.StringTerm(q.String()))
		}
		hits = append(hits, ast.ObjectTerm(
			item("index", v.index), item("value", ast.StringTerm(v.text)), item("outside", ast.ArrayTerm(cidrs...)),
		))
	}
	return ast.ArrayTerm(hits...), nil
}

// indexedString is one string of a string-or-list value, with its index
// (null for a lone string).
type indexedString struct {
	index *ast.Term
	text  string
}

func stringTerms(t *ast.Term) []indexedString {
	switch v := t.Value.(type) {
	case ast.String:
		return []indexedString{{ast.NullTerm(), string(v)}}
	case *ast.Array:
		var out []indexedString
		for i := range v.Len() {
			if s, ok := v.Elem(i).Value.(ast.String); ok {
				out = append(out, indexedString{ast.InternedTerm(i), string(s)})
			}
		}
		return out
	}
	return nil
}
