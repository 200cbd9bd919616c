package functions

import (
	"slices"
	"strconv"
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

// view builds in one pass what every rule reads first, as data: a Rego
// function call costs several microseconds in OPA's evaluator (argument
// hashing for its call cache, fresh bindings), a field lookup a fraction of
// that, so whatever a rule needs per statement or per condition entry is a
// field here rather than a lib function computed on each call.
func view(_ rego.BuiltinContext, policy *ast.Term) (*ast.Term, error) {
	var stmts, allows, denies, entries []*ast.Term
	byStatement := ast.NewObject()
	forEachStatement(policy, func(index int, steps []*ast.Term, s ast.Object) {
		path := ast.ArrayTerm(steps...)
		effect := ast.NullTerm()
		if e := s.Get(term("Effect")); e != nil {
			effect = e
		}
		ownEntries := conditionEntries(steps, effect, s)
		own := ast.ArrayTerm(ownEntries...)
		st := ast.ObjectTerm(
			item("path", path),
			item("index", ast.InternedTerm(index)),
			item("effect", effect),
			item("raw", ast.NewTerm(s)),
			item("label", ast.StringTerm(label(index, steps, s))),
			item("values", memberValues(steps, s)),
			item("principals", ast.ArrayTerm(principals(steps, s)...)),
			item("conditions", own),
		)
		stmts = append(stmts, st)
		// Exactly "Allow" and "Deny": IAM documents no other spellings.
		switch {
		case effect.Value.Compare(ast.String("Allow")) == 0:
			allows = append(allows, st)
		case effect.Value.Compare(ast.String("Deny")) == 0:
			denies = append(denies, st)
		}
		entries = append(entries, ownEntries...)
		byStatement.Insert(path, own)
	})
	return ast.ObjectTerm(
		item("statements", ast.ArrayTerm(stmts...)),
		item("allows", ast.ArrayTerm(allows...)),
		item("denies", ast.ArrayTerm(denies...)),
		item("condition_entries", ast.ArrayTerm(entries...)),
		item("conditions", ast.NewTerm(byStatement)),
	), nil
}

// label names a statement in messages: by its Sid when it has one, else by
// where it sits.
func label(index int, steps []*ast.Term, s ast.Object) string {
	if sid, ok := valueOf(s.Get(term("Sid"))).(ast.String); ok && sid != "" {
		return "statement " + strconv.Quote(string(sid))
	}
	if len(steps) > 1 {
		return "Statement[" + strconv.Itoa(index) + "]"
	}
	return "Statement"
}

// listMembers are the statement members whose values rules iterate.
var listMembers = []string{"Action", "NotAction", "Resource", "NotResource"}

// memberValues maps each list member present in s to its values.
func memberValues(steps []*ast.Term, s ast.Object) *ast.Term {
	out := ast.NewObject()
	for _, m := range listMembers {
		name := term(m)
		if v := s.Get(name); v != nil {
			out.Insert(name, ast.ArrayTerm(valuesAt(append(slices.Clip(steps), name), v)...))
		}
	}
	return ast.NewTerm(out)
}

// principals lists who a Principal names as {type, value, path}: "*" is
// type "*"; a map gives one entry per identifier, typed by its key.
func principals(steps []*ast.Term, s ast.Object) []*ast.Term {
	member := term("Principal")
	p := s.Get(member)
	if p == nil {
		return nil
	}
	switch v := p.Value.(type) {
	case ast.String:
		if v != "*" {
			return nil
		}
		return []*ast.Term{ast.ObjectTerm(item("type", p), item("value", p), item("path", extend(steps, member)))}
	case ast.Object:
		var out []*ast.Term
		for _, typ := range v.Keys() {
			out = append(out, valuesAt(append(slices.Clip(steps), member, typ), v.Get(typ), item("type", typ))...)
		}
		return out
	}
	return nil
}

// valuesAt lists the value at path as {value, path} objects, with extra
// members added: one entry per element of an array, or one for anything
// else, at the path of the value itself.
func valuesAt(path []*ast.Term, v *ast.Term, extra ...[2]*ast.Term) []*ast.Term {
	entry := func(value *ast.Term, path *ast.Term) *ast.Term {
		return ast.ObjectTerm(append([][2]*ast.Term{item("value", value), item("path", path)}, extra...)...)
	}
	arr, ok := v.Value.(*ast.Array)
	if !ok {
		return []*ast.Term{entry(v, ast.ArrayTerm(path...))}
	}
	out := make([]*ast.Term, 0, arr.Len())
	for i := range arr.Len() {
		out = append(out, entry(arr.Elem(i), extend(path, ast.InternedTerm(i))))
	}
	return out
}

// extend returns the path steps followed by more, without touching steps.
func extend(steps []*ast.Term, more ...*ast.Term) *ast.Term {
	return ast.ArrayTerm(append(slices.Clip(steps), more...)...)
}

// forEachStatement calls f on every statement object with its index and
// path: ["Statement", i] in an array, ["Statement"] (index 0) for a lone
// object.
func forEachStatement(policy *ast.Term, f func(index int, path []*ast.Term, s ast.Object)) {
	root, ok := policy.Value.(ast.Object)
	if !ok {
		return
	}
	switch st := valueOf(root.Get(term("Statement"))).(type) {
	case ast.Object:
		f(0, []*ast.Term{term("Statement")}, st)
	case *ast.Array:
		for i := range st.Len() {
			if s, ok := st.Elem(i).Value.(ast.Object); ok {
				f(i, []*ast.Term{term("Statement"), ast.InternedTerm(i)}, s)
			}
		}
	}
}

// conditionEntries lists a statement's condition entries, operators and
// keys in sorted order, as Rego iterates objects.
func conditionEntries(steps []*ast.Term, effect *ast.Term, s ast.Object) []*ast.Term {
	cond, ok := valueOf(s.Get(term("Condition"))).(ast.Object)
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
			pathKey := extend(steps, term("Condition"), op, key)
			out = append(out, ast.ObjectTerm(
				item("statement_path", path),
				item("effect", effect),
				item("operator", op),
				item("base", term(strings.TrimSuffix(unqualified, "IfExists"))),
				item("if_exists", ast.InternedTerm(strings.HasSuffix(unqualified, "IfExists"))),
				item("qualifier", term(qualifier)),
				item("key", key),
				item("key_lower", term(strings.ToLower(string(k)))),
				item("path_key", pathKey),
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
