package functions

import (
	"net/netip"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var compareDecl = &rego.Function{
	Name: "apigwlint.ip.compare",
	Description: "Compares two address sets, each given as a list of condition values as written (each a string " +
		"or a list of strings): " + `{"left_only": [cidr], "right_only": [cidr], "opaque": bool, "everything": bool}` +
		". The CIDRs are the canonical cover of each set difference; opaque says some value is a ${...} placeholder, " +
		"so the sets are not known; everything says a set holds every IPv4 or every IPv6 address. Malformed values are skipped.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("left", types.NewArray(nil, types.A)).Description("condition values whose union is the left set"),
			types.Named("right", types.NewArray(nil, types.A)).Description("condition values whose union is the right set"),
		),
		types.Named("difference", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
			Description("the addresses in one set only, each side as canonical CIDRs"),
	),
	// Not memoized: OPA keys its memo on the arguments rendered as text,
	// which costs more than the call, and no call repeats within a document.
	Memoize: false,
}

// compareLists computes both set differences exactly (lint/ipset), so
// lists that are written differently but cover the same addresses, such as
// 10.0.0.0/25 plus 10.0.0.128/25 against 10.0.0.0/24, compare equal.
func compareLists(_ rego.BuiltinContext, a, b *ast.Term) (*ast.Term, error) {
	left, opaqueL := unionOf(a)
	right, opaqueR := unionOf(b)
	return ast.ObjectTerm(
		item("left_only", cidrTerms(left.Minus(right))),
		item("right_only", cidrTerms(right.Minus(left))),
		item("opaque", ast.BooleanTerm(opaqueL || opaqueR)),
		item("everything", ast.BooleanTerm(coversFamily(left) || coversFamily(right))),
	), nil
}

// coversFamily reports whether s holds every IPv4 or every IPv6 address.
func coversFamily(s ipset.Set) bool {
	return s.V4().Equal(ipset.All4()) || s.V6().Equal(ipset.All6())
}

// unionOf is the union of the addresses of every value under the list's
// entries, and whether one of them is a placeholder.
func unionOf(t *ast.Term) (ipset.Set, bool) {
	var (
		prefixes []netip.Prefix
		opaque   bool
	)
	add := func(e *ast.Term) {
		s, ok := e.Value.(ast.String)
		if !ok {
			return
		}
		if strings.Contains(string(s), "${") {
			opaque = true
			return
		}
		if p, err := ipset.ParseValue(string(s)); err == nil {
			prefixes = append(prefixes, p.Prefix)
		}
	}
	list, _ := t.Value.(*ast.Array)
	for i := range lenOf(list) {
		e := list.Elem(i)
		if inner, isList := e.Value.(*ast.Array); isList {
			inner.Foreach(add)
			continue
		}
		add(e)
	}
	return ipset.FromPrefixes(prefixes...), opaque
}

func lenOf(a *ast.Array) int {
	if a == nil {
		return 0
	}
	return a.Len()
}

func cidrTerms(s ipset.Set) *ast.Term {
	ps := s.Prefixes()
	terms := make([]*ast.Term, len(ps))
	for i, p := range ps {
		terms[i] = ast.StringTerm(p.String())
	}
	return ast.ArrayTerm(terms...)
}
