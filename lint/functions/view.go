package functions

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
)

var viewDecl = &rego.Function{
	Name: "apigwlint.policy.view",
	Description: "Normalises a policy document for rules/lib: " +
		`{"statements": [{"path", "index", "effect", "raw"}], "allows": [statement], "denies": [statement], ` +
		`"condition_entries": [entry], "conditions": {statement path: [entry]}}` +
		", with entries as data.apigwlint.lib.policy.condition_entries documents them. Anything that is not " +
		"a statement object or a condition block is skipped; the schema reports it.",
	Decl: types.NewFunction(
		types.Args(types.Named("policy", types.A).Description("the policy document")),
		types.Named("view", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).Description("the normalised view"),
	),
	// Called once per document, through a complete rule that OPA caches.
	Memoize: false,
}

// view builds in one pass what every rule reads first. Written in Rego,
// the same comprehensions were a quarter of each document's evaluation,
// and finding one statement's conditions meant a scan of all of them.
func view(_ rego.BuiltinContext, policy *ast.Term) (*ast.Term, error) {
	var stmts, allows, denies, entries []*ast.Term
	byStatement := ast.NewObject()
	forEachStatement(policy, func(index int, steps []*ast.Term, s ast.Object) {
		path := ast.ArrayTerm(steps...)
		effect := ast.NullTerm()
		if e := s.Get(ast.InternedTerm("Effect")); e != nil {
			effect = e
		}
		st := ast.ObjectTerm(
			item("path", path),
			item("index", ast.InternedTerm(index)),
			item("effect", effect),
			item("raw", ast.NewTerm(s)),
		)
		stmts = append(stmts, st)
		// Exactly "Allow" and "Deny": IAM documents no other spellings.
		switch {
		case effect.Value.Compare(ast.String("Allow")) == 0:
			allows = append(allows, st)
		case effect.Value.Compare(ast.String("Deny")) == 0:
			denies = append(denies, st)
		}
		own := conditionEntries(steps, effect, s)
		entries = append(entries, own...)
		byStatement.Insert(path, ast.ArrayTerm(own...))
	})
	return ast.ObjectTerm(
		item("statements", ast.ArrayTerm(stmts...)),
		item("allows", ast.ArrayTerm(allows...)),
		item("denies", ast.ArrayTerm(denies...)),
		item("condition_entries", ast.ArrayTerm(entries...)),
		item("conditions", ast.NewTerm(byStatement)),
	), nil
}

// forEachStatement calls f on every statement object with its index and
// path: ["Statement", i] in an array, ["Statement"] (index 0) for a lone
// object.
func forEachStatement(policy *ast.Term, f func(index int, path []*ast.Term, s ast.Object)) {
	root, ok := policy.Value.(ast.Object)
	if !ok {
		return
	}
	switch st := valueOf(root.Get(ast.InternedTerm("Statement"))).(type) {
	case ast.Object:
		f(0, []*ast.Term{ast.InternedTerm("Statement")}, st)
	case *ast.Array:
		for i := range st.Len() {
			if s, ok := st.Elem(i).Value.(ast.Object); ok {
				f(i, []*ast.Term{ast.InternedTerm("Statement"), ast.InternedTerm(i)}, s)
			}
		}
	}
}

// conditionEntries lists a statement's condition entries, operators and
// keys in sorted order, as Rego iterates objects.
func conditionEntries(steps []*ast.Term, effect *ast.Term, s ast.Object) []*ast.Term {
	cond, ok := valueOf(s.Get(ast.InternedTerm("Condition"))).(ast.Object)
	if !ok {
		return nil
	}
	path := ast.ArrayTerm(steps...)
	var out []*ast.Term
	for _, op := range cond.Keys() {
		block, ok := cond.Get(op).Value.(ast.Object)
		name, isString := op.Value.(ast.String)
		if !ok || !isString {
			continue
		}
		qualifier, unqualified := splitQualifier(string(name))
		for _, key := range block.Keys() {
			k, ok := key.Value.(ast.String)
			if !ok {
				continue
			}
			out = append(out, ast.ObjectTerm(
				item("statement_path", path),
				item("effect", effect),
				item("operator", op),
				item("base", ast.StringTerm(strings.TrimSuffix(unqualified, "IfExists"))),
				item("if_exists", ast.InternedTerm(strings.HasSuffix(unqualified, "IfExists"))),
				item("qualifier", ast.StringTerm(qualifier)),
				item("key", key),
				item("key_lower", ast.StringTerm(strings.ToLower(string(k)))),
				item("path_key", ast.ArrayTerm(append(slices.Clip(steps), ast.InternedTerm("Condition"), op, key)...)),
				item("raw", block.Get(key)),
			))
		}
	}
	return out
}

// splitQualifier separates a set operator prefix from the operator.
// Operator names are matched in exact case: AWS does not document
// case-insensitive operators.
func splitQualifier(op string) (qualifier, rest string) {
	for _, q := range []string{"ForAnyValue", "ForAllValues"} {
		if r, ok := strings.CutPrefix(op, q+":"); ok {
			return q, r
		}
	}
	return "", op
}

func valueOf(t *ast.Term) ast.Value {
	if t == nil {
		return nil
	}
	return t.Value
}
