// Package functions provides the custom Rego built-in functions of
// apigwlint. They bring the exact IP reasoning of lint/ipset to the rules,
// so a rule asks "is this aws:SourceIp value private?" instead of doing
// CIDR arithmetic in Rego.
//
// Each function is offered three ways, all built from the same declaration:
// Builtins for the compiler's capabilities, RegoOptions for rego.New, and
// TesterBuiltins for OPA's test runner. Every function is pure and total:
// bad input yields a result that says so, never an evaluation error.
package functions

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
)

// function pairs a declaration with the rego option that registers its
// implementation (rego.Function1, Function2, ... by arity).
type function struct {
	decl     *rego.Function
	register func(*rego.Rego)
}

// all lists every custom function; the three exported views derive from it.
var all = []function{
	{classifyDecl, rego.Function1(classifyDecl, classify)},
	{nonPublicDecl, rego.Function1(nonPublicDecl, nonPublic)},
	{coversAllDecl, rego.Function1(coversAllDecl, coversAll)},
	{invalidDecl, rego.Function1(invalidDecl, invalidValues)},
	{compareDecl, rego.Function2(compareDecl, compareLists)},
	{denyScopeDecl, rego.Function4(denyScopeDecl, denyScope)},
	{outsideDecl, rego.Function2(outsideDecl, outside)},
	{viewDecl, rego.Function1(viewDecl, view)},
	{arnWildcardsDecl, rego.Function1(arnWildcardsDecl, arnWildcards)},
}

// Builtins returns the declarations of the custom functions, to be appended
// to the capabilities the rules are compiled with.
func Builtins() []*ast.Builtin {
	out := make([]*ast.Builtin, 0, len(all))
	for _, f := range all {
		out = append(out, builtin(f.decl))
	}
	return out
}

// RegoOptions returns one rego.New option per custom function, registering
// its implementation. None is memoized: OPA keys its memo on the arguments
// rendered as text, which for a list of thirty CIDRs costs more than the
// call, and each rule calls a function once per value list anyway.
func RegoOptions() []func(*rego.Rego) {
	out := make([]func(*rego.Rego), 0, len(all))
	for _, f := range all {
		out = append(out, f.register)
	}
	return out
}

// TesterBuiltins returns the custom functions in the form OPA's test runner
// takes (tester.Runner.AddCustomBuiltins), so Rego unit tests can call them.
func TesterBuiltins() []*tester.Builtin {
	out := make([]*tester.Builtin, 0, len(all))
	for _, f := range all {
		out = append(out, &tester.Builtin{Decl: builtin(f.decl), Func: f.register})
	}
	return out
}

func builtin(d *rego.Function) *ast.Builtin {
	return &ast.Builtin{Name: d.Name, Description: d.Description, Decl: d.Decl}
}
