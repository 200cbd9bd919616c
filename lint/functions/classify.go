package functions

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

var classifyDecl = &rego.Function{
	Name: "apigwlint.ip.classify",
	Description: "Classifies one IpAddress/NotIpAddress condition value: " +
		`{"valid", "error"?, "cidr", "all", "inside", "overlap", "version", "host_bits", "bare_v6", "mapped"}; ` +
		"inside/overlap list the never-public ranges ({cidr, name, rfc}) the value lies in or partly overlaps.",
	Decl: types.NewFunction(
		types.Args(types.Named("value", types.A).Description("a condition value; anything but a string is invalid")),
		types.Named("result", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
			Description("the classification"),
	),
	Memoize: false,
}

// classify never returns an error: a value that is not an IP or CIDR is
// a finding for some rule, not a reason to abort the document.
func classify(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	s, ok := a.Value.(ast.String)
	if !ok {
		return invalid(fmt.Sprintf("%s is not a string", ast.ValueName(a.Value))), nil
	}
	p, err := ipset.ParseValue(string(s))
	if err != nil {
		return invalid(err.Error()), nil
	}
	inside, overlap := ipset.NonPublic(p.Prefix)
	version := 4
	if p.Prefix.Addr().Is6() {
		version = 6
	}
	return ast.ObjectTerm(
		item("valid", ast.BooleanTerm(true)),
		item("cidr", ast.StringTerm(p.Prefix.String())),
		// 0.0.0.0/0 and ::/0 overlap almost every special block; callers
		// want to know they mean "everyone" rather than read that list.
		item("all", ast.BooleanTerm(p.Prefix.Bits() == 0)),
		item("inside", ranges(inside)),
		item("overlap", ranges(overlap)),
		item("version", ast.IntNumberTerm(version)),
		item("host_bits", ast.BooleanTerm(p.HostBits)),
		item("bare_v6", ast.BooleanTerm(p.BareV6)),
		item("mapped", ast.BooleanTerm(p.Mapped)),
	), nil
}

func invalid(msg string) *ast.Term {
	return ast.ObjectTerm(
		item("valid", ast.BooleanTerm(false)),
		item("error", ast.StringTerm(msg)),
		item("all", ast.BooleanTerm(false)),
		item("inside", ast.ArrayTerm()),
		item("overlap", ast.ArrayTerm()),
	)
}

func ranges(rs []ipset.Range) *ast.Term {
	terms := make([]*ast.Term, 0, len(rs))
	for _, r := range rs {
		terms = append(terms, ast.ObjectTerm(
			item("cidr", ast.StringTerm(r.Prefix.String())),
			item("name", ast.StringTerm(r.Name)),
			item("rfc", ast.StringTerm(r.RFC)),
			item("suspect", ast.BooleanTerm(r.Suspect)),
		))
	}
	return ast.ArrayTerm(terms...)
}

// item is one member of a result object, its key made by term.
func item(k string, v *ast.Term) [2]*ast.Term { return ast.Item(term(k), v) }

// term returns the string as a term, shared for the texts the functions
// write again and again. The view alone builds a few hundred objects per
// document: sharing their keys saved a sixth of its allocations, and the
// policy's member names and common operators and keys a fifth of the rest
// (OPA's InternedTerm knows none of these, and allocates).
func term(s string) *ast.Term {
	if t, ok := sharedTerms[s]; ok {
		return t
	}
	return ast.StringTerm(s)
}

// sharedTerms are the texts term shares, made once and then only read, so
// the functions may run concurrently.
var sharedTerms = func() map[string]*ast.Term {
	names := []string{
		// view
		"statements", "allows", "denies", "condition_entries", "conditions",
		"path", "index", "effect", "raw", "label", "values", "principals",
		"statement_path", "operator", "base", "if_exists", "qualifier", "key", "key_lower", "path_key",
		"value", "type",
		// the IP functions
		"cidr", "name", "rfc", "suspect", "inside", "overlap", "family", "kind", "reason", "canonical",
		"address", "outside", "left_only", "right_only", "opaque", "everything",
		// deny_scope
		"gaps", "no_invoke", "allow", "element", "stage", "any_stage", "method", "level",
		// the policy's member names, read and written into paths
		"Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
		"Resource", "NotResource", "Condition",
		// what the view derives from operators and keys: qualifiers, the
		// operators IP rules look for, the keys they compare lower-cased
		"", "ForAnyValue", "ForAllValues", "IpAddress", "NotIpAddress", "Null", "Bool",
		"StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
		"StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"aws:sourceip", "aws:vpcsourceip", "aws:sourcevpc", "aws:sourcevpce",
	}
	m := make(map[string]*ast.Term, len(names))
	for _, n := range names {
		m[n] = ast.StringTerm(n)
	}
	return m
}()
