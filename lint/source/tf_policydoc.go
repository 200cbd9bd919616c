package source

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/apigwlint/apigwlint/lint/position"
)

// The version aws_iam_policy_document renders when none is given.
const tfDefaultVersion = "2012-10-17"

// docTranslator renders a data "aws_iam_policy_document" block as the JSON
// the provider renders, indexing every pointer at the attribute or block
// that produces it. A member the provider fills in by default (Effect
// "Allow", an empty Sid, the Version) is located at the block that leaves
// it out.
type docTranslator struct {
	m    *tfModule
	ix   *position.Index
	vals *tfValues
}

// translateDoc renders the policy document block b. It reports false when
// the block builds statements in ways only Terraform can evaluate (dynamic
// blocks, merged documents the file does not declare).
func (m *tfModule) translateDoc(b *hclsyntax.Block, ix *position.Index) (map[string]any, bool) {
	stmts, ok := m.docStatements(b, 0)
	if !ok {
		return nil, false
	}
	t := &docTranslator{m: m, ix: ix, vals: &tfValues{m: m, ix: ix}}
	ix.Set("", position.Entry{Value: m.blockRange(b)})
	out := map[string]any{}
	if a := attr(b, "version"); a != nil {
		out["Version"] = t.vals.build(a.Expr, "/Version", m.rng(a.NameRange))
	} else {
		out["Version"] = tfDefaultVersion
		ix.Set("/Version", position.Entry{Value: m.header(b)})
	}
	if a := attr(b, "policy_id"); a != nil {
		out["Id"] = t.vals.build(a.Expr, "/Id", m.rng(a.NameRange))
	}
	list := make([]any, 0, len(stmts))
	for i, sb := range stmts {
		list = append(list, t.statement(sb, position.Append("/Statement", i)))
	}
	out["Statement"] = list
	ix.Set("/Statement", position.Entry{Value: m.blockRange(b)})
	return out, true
}

// docStatements returns the statement blocks a policy document renders,
// after merging source_policy_documents and override_policy_documents: a
// statement with a non-empty sid replaces an earlier one with that sid.
func (m *tfModule) docStatements(b *hclsyntax.Block, depth int) ([]*hclsyntax.Block, bool) {
	if depth > maxRefDepth || len(blocksOf(b, "dynamic")) > 0 {
		return nil, false
	}
	var out []*hclsyntax.Block
	for _, sb := range blocksOf(b, "statement") {
		if len(blocksOf(sb, "dynamic")) > 0 {
			return nil, false
		}
		out = mergeStatement(out, sb)
	}
	// Sources come first and yield to the document's own statements;
	// overrides come last and replace any statement with their sid.
	for _, arg := range mergeArgs {
		a := attr(b, arg.name)
		if a == nil {
			continue
		}
		merged, ok := m.mergedDocs(a.Expr, arg.list, depth)
		if !ok {
			return nil, false
		}
		if arg.override {
			for _, sb := range merged {
				out = mergeStatement(out, sb)
			}
			continue
		}
		own := out
		out = merged
		for _, sb := range own {
			out = mergeStatement(out, sb)
		}
	}
	return out, true
}

// mergeArgs are the arguments that merge other documents into a policy
// document, in the order the provider applies them.
var mergeArgs = []struct {
	name     string
	list     bool // a list of documents, not one
	override bool
}{
	{"source_json", false, false},
	{"source_policy_documents", true, false},
	{"override_json", false, true},
	{"override_policy_documents", true, true},
}

// mergedDocs returns the statements of other policy documents of this
// file, given as data.aws_iam_policy_document.NAME.json (in a list when
// list is set).
func (m *tfModule) mergedDocs(e hclsyntax.Expression, list bool, depth int) ([]*hclsyntax.Block, bool) {
	elems := []hclsyntax.Expression{e}
	if list {
		tuple, ok := unwrap(e).(*hclsyntax.TupleConsExpr)
		if !ok {
			return nil, false
		}
		elems = tuple.Exprs
	}
	var out []*hclsyntax.Block
	for _, el := range elems {
		src, ok := m.policySource(el)
		if !ok || src.kind != srcDocument || src.doc == nil {
			return nil, false
		}
		stmts, ok := m.docStatements(src.doc, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, stmts...)
	}
	return out, true
}

// mergeStatement adds sb to list, replacing a statement with the same
// non-empty sid.
func mergeStatement(list []*hclsyntax.Block, sb *hclsyntax.Block) []*hclsyntax.Block {
	sid := statementSid(sb)
	if sid != "" {
		for i, prev := range list {
			if statementSid(prev) == sid {
				list[i] = sb
				return list
			}
		}
	}
	return append(list, sb)
}

func statementSid(sb *hclsyntax.Block) string {
	if a := attr(sb, "sid"); a != nil {
		if s, ok := constString(a.Expr); ok {
			return s
		}
	}
	return ""
}

// statementMembers maps a statement's list arguments to policy members.
var statementMembers = []struct{ arg, member string }{
	{"actions", "Action"},
	{"not_actions", "NotAction"},
	{"resources", "Resource"},
	{"not_resources", "NotResource"},
}

// principalMembers maps a statement's principal blocks to policy members.
var principalMembers = []struct{ block, member string }{
	{"principals", "Principal"},
	{"not_principals", "NotPrincipal"},
}

func (t *docTranslator) statement(sb *hclsyntax.Block, ptr string) map[string]any {
	m := t.m
	t.ix.Set(ptr, position.Entry{Value: m.blockRange(sb)})
	st := map[string]any{
		"Sid":    t.scalar(sb, "sid", "", position.Append(ptr, "Sid")),
		"Effect": t.scalar(sb, "effect", "Allow", position.Append(ptr, "Effect")),
	}
	for _, sm := range statementMembers {
		if a := attr(sb, sm.arg); a != nil {
			if v, ok := t.list(a, position.Append(ptr, sm.member)); ok {
				st[sm.member] = v
			}
		}
	}
	for _, pm := range principalMembers {
		if blocks := blocksOf(sb, pm.block); len(blocks) > 0 {
			if v, ok := t.principals(blocks, position.Append(ptr, pm.member)); ok {
				st[pm.member] = v
			}
		}
	}
	if blocks := blocksOf(sb, "condition"); len(blocks) > 0 {
		if v, ok := t.conditions(blocks, position.Append(ptr, "Condition")); ok {
			st["Condition"] = v
		}
	}
	return st
}

// scalar renders a string argument, or its default located at the block's
// type name.
func (t *docTranslator) scalar(sb *hclsyntax.Block, arg, def, ptr string) any {
	if a := attr(sb, arg); a != nil {
		return t.vals.build(a.Expr, ptr, t.m.rng(a.NameRange))
	}
	t.ix.Set(ptr, position.Entry{Value: t.m.rng(sb.TypeRange)})
	return def
}

// list renders a list argument as the provider does: one element as a
// plain string, several as a list. An empty list is left out.
func (t *docTranslator) list(a *hclsyntax.Attribute, ptr string) (any, bool) {
	elems := t.m.listElems(a.Expr)
	if len(elems) == 0 {
		return nil, false
	}
	return t.elements(elems, ptr, t.m.rng(a.NameRange), t.m.exprRange(a.Expr)), true
}

// elements builds values from element expressions at ptr/0, ptr/1, ... and
// collapses a single one to a scalar located at its element.
func (t *docTranslator) elements(elems []hclsyntax.Expression, ptr string, key, at position.Range) any {
	out := make([]any, 0, len(elems))
	for i, el := range elems {
		out = append(out, t.vals.build(el, position.Append(ptr, i), position.Range{}))
	}
	if len(out) == 1 {
		if e, ok := t.ix.Lookup(position.Append(ptr, 0)); ok {
			at = e.Value
		}
		t.ix.Set(ptr, position.Entry{Key: key, Value: at})
		return out[0]
	}
	t.ix.Set(ptr, position.Entry{Key: key, Value: at})
	return out
}

// principals renders principals { type identifiers } blocks: type "*" is
// "Principal": "*"; other types map to their identifiers, merged across
// blocks of the same type.
func (t *docTranslator) principals(blocks []*hclsyntax.Block, ptr string) (any, bool) {
	m := t.m
	type group struct {
		typeAttr *hclsyntax.Attribute
		ids      []hclsyntax.Expression
		idsRange position.Range
	}
	groups := map[string]*group{}
	var order []string
	for _, pb := range blocks {
		ta, ia := attr(pb, "type"), attr(pb, "identifiers")
		if ta == nil || ia == nil {
			continue
		}
		typ := m.keyName(ta.Expr)
		if typ == "*" {
			t.ix.Set(ptr, position.Entry{Key: m.rng(pb.TypeRange), Value: m.exprRange(ta.Expr)})
			return "*", true
		}
		g, ok := groups[typ]
		if !ok {
			g = &group{typeAttr: ta, idsRange: m.exprRange(ia.Expr)}
			groups[typ] = g
			order = append(order, typ)
		}
		g.ids = append(g.ids, m.listElems(ia.Expr)...)
	}
	if len(order) == 0 {
		return nil, false
	}
	t.ix.Set(ptr, position.Entry{Key: m.rng(blocks[0].TypeRange), Value: m.blockRange(blocks[0])})
	out := make(map[string]any, len(order))
	for _, typ := range order {
		g := groups[typ]
		out[typ] = t.elements(g.ids, position.Append(ptr, typ), m.exprRange(g.typeAttr.Expr), g.idsRange)
	}
	return out, true
}

// condEntry is one operator and key of a Condition with the blocks that
// give it values.
type condEntry struct {
	variable *hclsyntax.Attribute
	values   *hclsyntax.Attribute
	elems    []hclsyntax.Expression
}

// condOp is one operator of a Condition.
type condOp struct {
	test  *hclsyntax.Attribute
	block *hclsyntax.Block
	keys  map[string]*condEntry
	order []string
}

// conditions renders condition { test variable values } blocks; blocks
// with the same test and variable merge their values.
func (t *docTranslator) conditions(blocks []*hclsyntax.Block, ptr string) (any, bool) {
	m := t.m
	ops := map[string]*condOp{}
	var order []string
	for _, cb := range blocks {
		ta, va, vs := attr(cb, "test"), attr(cb, "variable"), attr(cb, "values")
		if ta == nil || va == nil || vs == nil {
			continue
		}
		test, key := m.keyName(ta.Expr), m.keyName(va.Expr)
		op, ok := ops[test]
		if !ok {
			op = &condOp{test: ta, block: cb, keys: map[string]*condEntry{}}
			ops[test] = op
			order = append(order, test)
		}
		ce, ok := op.keys[key]
		if !ok {
			ce = &condEntry{variable: va, values: vs}
			op.keys[key] = ce
			op.order = append(op.order, key)
		}
		ce.elems = append(ce.elems, m.listElems(vs.Expr)...)
	}
	if len(order) == 0 {
		return nil, false
	}
	t.ix.Set(ptr, position.Entry{Key: m.rng(blocks[0].TypeRange), Value: m.blockRange(blocks[0])})
	out := make(map[string]any, len(order))
	for _, test := range order {
		op := ops[test]
		optr := position.Append(ptr, test)
		t.ix.Set(optr, position.Entry{Key: m.exprRange(op.test.Expr), Value: m.blockRange(op.block)})
		keys := make(map[string]any, len(op.order))
		for _, key := range op.order {
			ce := op.keys[key]
			keys[key] = t.elements(ce.elems, position.Append(optr, key), m.exprRange(ce.variable.Expr), m.exprRange(ce.values.Expr))
		}
		out[test] = keys
	}
	return out, true
}
