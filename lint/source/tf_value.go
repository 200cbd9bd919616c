package source

import (
	"encoding/json"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/apigwlint/apigwlint/lint/position"
)

// maxValues bounds the values built from one file's expressions, so that
// locals referring to each other many times over cost little.
const maxValues = 1 << 16

// maxNesting bounds the nesting of a built value; deeper expressions are
// opaque.
const maxNesting = 256

// tfValues builds the JSON value an HCL expression stands for, as
// jsonencode() would render it, and records where each part of the value
// is written. What is only known when Terraform runs (resource attributes,
// variables without a default in the file, function results) becomes an
// opaque "${...}" string holding the expression's source text.
type tfValues struct {
	m     *tfModule
	ix    *position.Index // nil: build without indexing
	count int
	stack []string   // locals and variables being resolved, against cycles
	dups  duplicates // keys an object repeats, when indexing
}

// build returns the value of e and indexes it at ptr, with key as the range
// of its member name (zero for array elements).
func (v *tfValues) build(e hclsyntax.Expression, ptr string, key position.Range) any {
	return v.buildAt(e, ptr, key, v.m.exprRange(e))
}

// buildAt is build with the value's range given: a reference resolved to
// its definition is still shown where the policy names it.
func (v *tfValues) buildAt(e hclsyntax.Expression, ptr string, key, at position.Range) any {
	v.count++
	v.set(ptr, key, at)
	if v.count > maxValues || len(v.stack) > maxNesting {
		return v.m.opaque(e)
	}
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyScalar(x.Val, v.m.text(at))
	case *hclsyntax.TemplateExpr:
		return v.m.templateString(x)
	case *hclsyntax.TemplateWrapExpr:
		return v.wrapped(x.Wrapped, ptr, key, at)
	case *hclsyntax.ParenthesesExpr:
		return v.wrapped(x.Expression, ptr, key, at)
	case *hclsyntax.TupleConsExpr:
		return v.tuple(x, ptr)
	case *hclsyntax.ObjectConsExpr:
		return v.object(x, ptr)
	case *hclsyntax.ScopeTraversalExpr:
		return v.reference(x, ptr, key, at)
	case *hclsyntax.FunctionCallExpr:
		return v.call(x, ptr, key, at)
	}
	return v.m.opaque(e)
}

func (v *tfValues) set(ptr string, key, at position.Range) {
	if v.ix != nil {
		v.ix.Set(ptr, position.Entry{Key: key, Value: at})
	}
}

// wrapped builds the value of an expression inside parentheses or "${}";
// the value stays located at the outer expression.
func (v *tfValues) wrapped(inner hclsyntax.Expression, ptr string, key, at position.Range) any {
	v.stack = append(v.stack, "")
	defer func() { v.stack = v.stack[:len(v.stack)-1] }()
	return v.buildAt(inner, ptr, key, at)
}

func (v *tfValues) tuple(x *hclsyntax.TupleConsExpr, ptr string) any {
	return v.elements(x.Exprs, ptr)
}

func (v *tfValues) object(x *hclsyntax.ObjectConsExpr, ptr string) any {
	out := make(map[string]any, len(x.Items))
	v.stack = append(v.stack, "")
	defer func() { v.stack = v.stack[:len(v.stack)-1] }()
	for _, it := range x.Items {
		name := v.m.keyName(it.KeyExpr)
		child := position.Append(ptr, name)
		if _, again := out[name]; again && v.ix != nil {
			// HCL keeps the last of two equal keys without a word, as
			// jsonencode's JSON readers would.
			v.dups = v.dups.add(v.ix, child)
		}
		out[name] = v.build(it.ValueExpr, child, v.m.exprRange(it.KeyExpr))
	}
	return out
}

// keyName is the member name an object key expression gives: a bare
// identifier or a constant string as written, else an opaque name.
func (m *tfModule) keyName(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" {
				return kw
			}
		}
		e = k.Wrapped
	}
	if s, ok := constString(e); ok {
		return s
	}
	if t, ok := unwrap(e).(*hclsyntax.TemplateExpr); ok {
		return m.templateString(t)
	}
	return m.opaque(unwrap(e))
}

// reference resolves var.NAME to its default and local.NAME to its value
// when the file declares them; the parts of the value are located at the
// definition, the value itself where the policy names it.
func (v *tfValues) reference(x *hclsyntax.ScopeTraversalExpr, ptr string, key, at position.Range) any {
	def, name := v.m.definition(x)
	if def == nil || v.resolving(name) {
		return v.m.opaque(x)
	}
	v.stack = append(v.stack, name)
	defer func() { v.stack = v.stack[:len(v.stack)-1] }()
	return v.buildAt(def, ptr, key, at)
}

func (v *tfValues) resolving(name string) bool {
	for _, s := range v.stack {
		if s == name {
			return true
		}
	}
	return false
}

// definition returns the expression a var.NAME or local.NAME reference
// stands for, when this file declares it, and the reference's name.
func (m *tfModule) definition(x *hclsyntax.ScopeTraversalExpr) (hclsyntax.Expression, string) {
	if len(x.Traversal) != 2 {
		return nil, ""
	}
	step, ok := x.Traversal[1].(hcl.TraverseAttr)
	if !ok {
		return nil, ""
	}
	switch x.Traversal.RootName() {
	case "var":
		if d, ok := m.varDefs[step.Name]; ok {
			return d, "var." + step.Name
		}
	case "local":
		if a, ok := m.locals[step.Name]; ok {
			return a.Expr, "local." + step.Name
		}
	}
	return nil, ""
}

// call evaluates the type conversions that leave a value as it is; every
// other function's result is opaque.
func (v *tfValues) call(x *hclsyntax.FunctionCallExpr, ptr string, key, at position.Range) any {
	switch x.Name {
	case "tolist", "toset", "tostring", "tonumber", "tobool", "tomap":
		if len(x.Args) == 1 && !x.ExpandFinal {
			return v.wrapped(x.Args[0], ptr, key, at)
		}
	case "concat":
		if !x.ExpandFinal {
			return v.elements(v.m.listElems(x), ptr)
		}
	}
	return v.m.opaque(x)
}

// elements builds a list from element expressions.
func (v *tfValues) elements(elems []hclsyntax.Expression, ptr string) []any {
	out := make([]any, 0, len(elems))
	v.stack = append(v.stack, "")
	defer func() { v.stack = v.stack[:len(v.stack)-1] }()
	for i, el := range elems {
		out = append(out, v.build(el, position.Append(ptr, i), position.Range{}))
	}
	return out
}

// ctyScalar converts a literal's value. Numbers keep Terraform's rendering;
// text is the literal as written, the fallback for anything unexpected.
func ctyScalar(val cty.Value, text string) any {
	if !val.IsKnown() || val.IsNull() {
		return nil
	}
	switch val.Type() {
	case cty.String:
		return val.AsString()
	case cty.Bool:
		return val.True()
	case cty.Number:
		return json.Number(numberText(val.AsBigFloat()))
	}
	return "${" + text + "}"
}

func numberText(f *big.Float) string {
	if f.IsInt() {
		return f.Text('f', 0)
	}
	return f.Text('g', -1)
}

// templateString is the text of a string template as written, with its
// literal parts decoded (escapes, $${) and its interpolations kept as
// "${...}" source text: opaque unless the template is constant.
func (m *tfModule) templateString(t *hclsyntax.TemplateExpr) string {
	if s, ok := constString(t); ok {
		return s
	}
	tb := m.newTemplate(t, false)
	if tb == nil {
		return m.opaque(t)
	}
	return string(tb.text)
}

// listElems returns the element expressions of a list-valued expression:
// the elements of a tuple, of tolist/toset of a list, of concat() of lists,
// or of a variable's or local's tuple value declared in the file. What
// cannot be known is one opaque element.
func (m *tfModule) listElems(e hclsyntax.Expression) []hclsyntax.Expression {
	return m.listElemsDepth(e, 0)
}

func (m *tfModule) listElemsDepth(e hclsyntax.Expression, depth int) []hclsyntax.Expression {
	orig := e
	for ; depth < maxRefDepth; depth++ {
		switch x := unwrap(e).(type) {
		case *hclsyntax.TupleConsExpr:
			return x.Exprs
		case *hclsyntax.FunctionCallExpr:
			return m.callElems(x, orig, depth)
		case *hclsyntax.ScopeTraversalExpr:
			if e, _ = m.definition(x); e == nil {
				return []hclsyntax.Expression{orig}
			}
		default:
			// A scalar: build resolves it again and shows it where the
			// policy names it.
			return []hclsyntax.Expression{orig}
		}
	}
	return []hclsyntax.Expression{orig}
}

// callElems is listElems of a function call.
func (m *tfModule) callElems(x *hclsyntax.FunctionCallExpr, orig hclsyntax.Expression, depth int) []hclsyntax.Expression {
	if x.ExpandFinal {
		return []hclsyntax.Expression{orig}
	}
	switch {
	case (x.Name == "tolist" || x.Name == "toset") && len(x.Args) == 1:
		return m.listElemsDepth(x.Args[0], depth+1)
	case x.Name == "concat":
		var out []hclsyntax.Expression
		for _, a := range x.Args {
			out = append(out, m.listElemsDepth(a, depth+1)...)
		}
		return out
	}
	return []hclsyntax.Expression{orig}
}

// hasInterpolation reports whether s holds a "${" placeholder.
func hasInterpolation(s string) bool { return strings.Contains(s, "${") }
