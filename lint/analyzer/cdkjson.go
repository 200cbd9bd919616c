package analyzer

import (
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
)

// statementFields maps PolicyStatementProps fields to the statement
// members CDK renders them as; lists are rendered as CDK's _norm does: one
// value as a scalar, several as a list, none left out.
var statementFields = map[string]string{
	"Actions": "Action", "NotActions": "NotAction",
	"Resources": "Resource", "NotResources": "NotResource",
}

// cdkEffects maps the Go enum constants, which hold the member's name, to
// the value CDK renders.
var cdkEffects = map[string]string{"ALLOW": "Allow", "DENY": "Deny"}

// newStatement renders awsiam.NewPolicyStatement(props).
func (d *cdkDoc) newStatement(call *ast.CallExpr, ptr string) (map[string]any, bool) {
	props, ok := d.props(call.Args[0])
	if !ok {
		return nil, false
	}
	d.mark(ptr, nil, call)
	// CDK's default effect is Allow; it is written nowhere, so it is located
	// at the constructor.
	st := map[string]any{"Effect": "Allow"}
	d.mark(ptr+"/Effect", nil, call.Fun)
	if props == nil {
		return st, true
	}
	for _, elt := range props.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			continue
		}
		d.statementField(st, ptr, key.Name, kv)
	}
	return st, true
}

func (d *cdkDoc) statementField(st map[string]any, ptr, field string, kv *ast.KeyValueExpr) {
	switch field {
	case "Sid":
		v, lit := d.scalar(kv.Value)
		st["Sid"] = v
		d.markLit(ptr+"/Sid", kv.Key, kv.Value, lit)
	case "Effect":
		st["Effect"] = d.effect(kv.Value)
		d.mark(ptr+"/Effect", kv.Key, kv.Value)
	case "Principals":
		d.principals(st, ptr, "Principal", kv)
	case "NotPrincipals":
		d.principals(st, ptr, "NotPrincipal", kv)
	case "Conditions":
		c := d.json(kv.Value, ptr+"/Condition")
		if m, ok := c.(map[string]any); c == nil || (ok && len(m) == 0) {
			return
		}
		st["Condition"] = c
		d.mark(ptr+"/Condition", kv.Key, kv.Value)
	default:
		if member, ok := statementFields[field]; ok {
			d.stringList(st, ptr, member, kv)
		}
	}
}

// effect renders an Effect: the enum constant's value, or a placeholder.
func (d *cdkDoc) effect(e ast.Expr) any {
	if tv, ok := d.s.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		if v, ok := cdkEffects[constant.StringVal(tv.Value)]; ok {
			return v
		}
	}
	return opaque(e)
}

// item is one rendered list element and the syntax that wrote it.
type item struct {
	value any
	node  ast.Node
	lit   *ast.BasicLit
}

// stringList renders Actions, Resources and their Not forms. CDK drops
// repeated values from these lists.
func (d *cdkDoc) stringList(st map[string]any, ptr, member string, kv *ast.KeyValueExpr) {
	p := ptr + "/" + member
	elts, ok := d.s.stringListOf(kv.Value)
	if !ok {
		st[member] = opaque(kv.Value)
		d.mark(p, kv.Key, kv.Value)
		return
	}
	var items []item
	seen := map[any]bool{}
	for _, e := range elts {
		v, lit := d.scalar(e)
		if !seen[v] {
			seen[v] = true
			items = append(items, item{value: v, node: e, lit: lit})
		}
	}
	d.renderList(st, member, p, kv.Key, kv.Value, items)
}

// renderList writes items under member as CDK's _norm does, and indexes
// them.
func (d *cdkDoc) renderList(into map[string]any, member, p string, key, list ast.Node, items []item) {
	switch len(items) {
	case 0:
		return
	case 1:
		into[member] = items[0].value
		d.markLit(p, key, items[0].node, items[0].lit)
		return
	}
	vals := make([]any, len(items))
	for i, it := range items {
		vals[i] = it.value
		d.markLit(position.Append(p, i), nil, it.node, it.lit)
	}
	into[member] = vals
	d.mark(p, key, list)
}

// stringListOf returns the elements of a CDK list of strings: a slice
// literal (behind &) or jsii.Strings(...).
func (s *scan) stringListOf(e ast.Expr) ([]ast.Expr, bool) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && s.isHelper(call, "Strings") {
		return call.Args, !call.Ellipsis.IsValid()
	}
	return listElts(e)
}

// principals renders Principals or NotPrincipals. Principals of one type
// merge into one member, as CDK merges them; a StarPrincipal makes the
// whole element "*".
func (d *cdkDoc) principals(st map[string]any, ptr, member string, kv *ast.KeyValueExpr) {
	p := ptr + "/" + member
	elts, ok := listElts(kv.Value)
	if !ok {
		st[member] = map[string]any{"AWS": opaque(kv.Value)}
		d.mark(p, kv.Key, kv.Value)
		return
	}
	byType := map[string][]item{}
	var order []string
	for _, e := range elts {
		typ, it := d.principal(e)
		if typ == "*" {
			st[member] = "*"
			d.mark(p, kv.Key, e)
			return
		}
		if byType[typ] == nil {
			order = append(order, typ)
		}
		byType[typ] = append(byType[typ], it)
	}
	if len(order) == 0 {
		return
	}
	m := map[string]any{}
	for _, typ := range order {
		d.renderList(m, typ, position.Append(p, typ), nil, kv.Value, byType[typ])
	}
	st[member] = m
	d.mark(p, kv.Key, kv.Value)
}

// principal renders one principal constructor as its type and value.
//
// UNCONFIRMED (DOMAIN.md §8.6): NewAnyPrincipal() is rendered {"AWS": "*"}
// and NewStarPrincipal() "*", as CDK is understood to render them; the two
// grant the same in a resource policy. Account ARNs carry the partition
// CDK fills in at deploy time as a placeholder. A principal the analyzer
// does not know is an unknown AWS principal.
func (d *cdkDoc) principal(e ast.Expr) (string, item) {
	name, call := d.iamCall(e)
	arg := func() item {
		if len(call.Args) == 0 {
			return item{value: opaque(e), node: e}
		}
		v, lit := d.scalar(call.Args[0])
		return item{value: v, node: call.Args[0], lit: lit}
	}
	switch name {
	case "NewStarPrincipal":
		return "*", item{}
	case "NewAnyPrincipal":
		return "AWS", item{value: "*", node: call}
	case "NewArnPrincipal":
		return "AWS", arg()
	case "NewServicePrincipal":
		return "Service", arg()
	case "NewCanonicalUserPrincipal":
		return "CanonicalUser", arg()
	case "NewAccountRootPrincipal":
		return "AWS", item{value: "arn:${AWS::Partition}:iam::${AWS::AccountId}:root", node: call}
	case "NewAccountPrincipal":
		it := arg()
		if s, ok := it.value.(string); ok {
			it.value, it.lit = "arn:${AWS::Partition}:iam::"+s+":root", nil
		}
		return "AWS", it
	}
	return "AWS", item{value: opaque(e), node: e}
}

// scalar renders a string-like value: a constant behind jsii.String and
// the like, or a placeholder. lit is the literal that wrote it as is.
func (d *cdkDoc) scalar(e ast.Expr) (any, *ast.BasicLit) {
	e = d.s.unwrap(unaddr(e))
	if v, ok := d.constant(e); ok {
		lit, _ := e.(*ast.BasicLit)
		return v, lit
	}
	return opaque(e), nil
}

// constant returns the JSON value of a constant expression.
func (d *cdkDoc) constant(e ast.Expr) (any, bool) {
	tv, ok := d.s.info.Types[e]
	if !ok || tv.Value == nil {
		return nil, false
	}
	switch v := tv.Value; v.Kind() {
	case constant.String:
		return constant.StringVal(v), true
	case constant.Bool:
		return constant.BoolVal(v), true
	case constant.Int:
		return json.Number(v.ExactString()), true
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), true
	}
	return nil, false
}

// json renders a Go value written as JSON would be: maps, slices,
// constants (behind &, jsii.String, jsii.Number, jsii.Bool). Anything else
// is a placeholder.
func (d *cdkDoc) json(e ast.Expr, ptr string) any {
	e = d.s.unwrapJSII(unaddr(e))
	if v, ok := d.constant(e); ok {
		if lit, ok := e.(*ast.BasicLit); ok {
			d.lits[ptr] = lit
		}
		return v
	}
	if id, ok := e.(*ast.Ident); ok && d.s.info.Uses[id] == types.Universe.Lookup("nil") {
		return nil
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return opaque(e)
	}
	switch d.s.info.TypeOf(lit).Underlying().(type) {
	case *types.Map:
		return d.jsonObject(lit, ptr)
	case *types.Slice, *types.Array:
		out := make([]any, 0, len(lit.Elts))
		for i, elt := range lit.Elts {
			child := position.Append(ptr, i)
			out = append(out, d.json(elt, child))
			d.mark(child, nil, elt)
		}
		return out
	}
	return opaque(e)
}

func (d *cdkDoc) jsonObject(lit *ast.CompositeLit, ptr string) map[string]any {
	out := make(map[string]any, len(lit.Elts))
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		k, ok := d.constant(d.s.unwrap(kv.Key))
		name, isString := k.(string)
		if !ok || !isString {
			name = opaque(kv.Key)
		}
		child := position.Append(ptr, name)
		out[name] = d.json(kv.Value, child)
		d.mark(child, kv.Key, kv.Value)
	}
	return out
}

// unwrapJSII strips parentheses and the jsii helpers that box a value.
func (s *scan) unwrapJSII(e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !s.isHelper(call, "String", "Number", "Bool") {
			return e
		}
		e = call.Args[0]
	}
}

// opaque is the placeholder of a value known only when the program runs:
// a string containing "${", which every rule treats as unknown.
func opaque(e ast.Expr) string { return "${" + types.ExprString(e) + "}" }

// index builds the document's position index. A CDK document's nodes can
// sit anywhere in the package, in several files, so the index points into
// a synthetic file in which byte 2i stands for nodes[i]; the locator maps
// it back.
func (d *cdkDoc) index() (*position.Index, locator) {
	f := position.NewFile(make([]byte, 2*len(d.nodes)+1))
	ix := position.NewIndex(f)
	rng := func(i int) position.Range {
		if i < 0 {
			return position.Range{}
		}
		return position.Range{Start: 2 * i, End: 2*i + 1}
	}
	for _, e := range d.entries {
		ix.Set(e.ptr, position.Entry{Key: rng(e.key), Value: rng(e.value)})
	}
	return ix, synthLocator{nodes: d.nodes, lits: d.lits}
}

// synthLocator maps the synthetic offsets of a CDK document's index back
// to the Go nodes.
type synthLocator struct {
	nodes []ast.Node
	lits  map[string]*ast.BasicLit
}

func (l synthLocator) locate(f lint.Finding) location {
	if len(l.nodes) == 0 {
		return location{}
	}
	// An offset the index does not know (the root's fallback) lands on the
	// document itself, the first node recorded.
	i := f.Span.Start.Offset / 2
	if i < 0 || i >= len(l.nodes) {
		i = 0
	}
	return location{pos: l.nodes[i].Pos(), end: l.nodes[i].End()}
}

func (l synthLocator) replace(f lint.Finding, text string) (analysis.TextEdit, bool) {
	lit := l.lits[f.Pointer]
	if lit == nil {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(text))}, true
}
