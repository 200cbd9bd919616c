package functions

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var invalidDecl = &rego.Function{
	Name: "apigwlint.ip.invalid",
	Description: "Takes the value of one IP condition key as written (a string or a list) and returns only the " +
		"entries that are not a clean address or CIDR: " +
		`[{"index": i or null for a lone value, "value", "kind": "invalid"|"host_bits"|"bare_v6", "reason"?, "canonical"?, "address"?}]. ` +
		"reason says why an invalid value does not parse; canonical is the network a host-bits value names, or the " +
		"/128 of a bare IPv6 address; address is the /32 or /128 of the one address a host-bits value was written with. " +
		"Opaque (${...}) values and nested lists or objects are skipped.",
	Decl: types.NewFunction(
		types.Args(types.Named("values", types.A).Description("a condition key's value: a string or a list")),
		types.Named("hits", types.NewArray(nil, types.A)).Description("the values that are not clean, usually none"),
	),
	// Not memoized: OPA keys its memo on the arguments rendered as text,
	// which costs more than the call, and no call repeats within a document.
	Memoize: false,
}

// invalidValues checks a whole condition key in one call: almost every
// value is clean, and returning only the others keeps the per-value work
// in Go rather than in the Rego evaluator.
func invalidValues(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	var hits []*ast.Term
	switch v := a.Value.(type) {
	case *ast.Array:
		for i := range v.Len() {
			if h := invalidHit(ast.InternedTerm(i), v.Elem(i)); h != nil {
				hits = append(hits, h)
			}
		}
	default:
		if h := invalidHit(ast.NullTerm(), a); h != nil {
			hits = append(hits, h)
		}
	}
	return ast.ArrayTerm(hits...), nil
}

// invalidHit judges one value. A number, a boolean or null is never an
// address; a list or object inside the list is the schema's to report.
func invalidHit(index, t *ast.Term) *ast.Term {
	switch v := t.Value.(type) {
	case ast.String:
		return stringHit(index, t, string(v))
	case ast.Number, ast.Boolean, ast.Null:
		reason := "a " + ast.ValueName(v) + " is not an IP address"
		if _, isNull := v.(ast.Null); isNull {
			reason = "null is not an IP address"
		}
		return ast.ObjectTerm(
			item("index", index), item("value", t), item("kind", ast.StringTerm("invalid")),
			item("reason", ast.StringTerm(reason)),
		)
	}
	return nil
}

func stringHit(index, t *ast.Term, s string) *ast.Term {
	if strings.Contains(s, "${") {
		return nil
	}
	p, err := ipset.ParseValue(s)
	switch {
	case err != nil:
		// ParseValue starts its messages with the quoted value, which the
		// rule's message already shows.
		reason := strings.TrimPrefix(err.Error(), strconv.Quote(s)+": ")
		return ast.ObjectTerm(item("index", index), item("value", t), item("kind", ast.StringTerm("invalid")), item("reason", ast.StringTerm(reason)))
	case p.HostBits:
		addr, _ := netip.ParseAddr(s[:strings.IndexByte(s, '/')])
		return ast.ObjectTerm(
			item("index", index), item("value", t), item("kind", ast.StringTerm("host_bits")),
			item("canonical", ast.StringTerm(p.Prefix.String())),
			item("address", ast.StringTerm(netip.PrefixFrom(addr, addr.BitLen()).String())),
		)
	case p.BareV6:
		return ast.ObjectTerm(
			item("index", index), item("value", t), item("kind", ast.StringTerm("bare_v6")),
			item("canonical", ast.StringTerm(p.Prefix.String())),
		)
	}
	return nil
}
