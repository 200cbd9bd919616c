package source

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/apigwlint/apigwlint/lint/position"
)

// maxPolicyFile bounds what file() may make us read: a resource policy is
// at most a few kilobytes.
const maxPolicyFile = 4 << 20

// documents returns the policies of the file: first those attached to an
// API, in file order, then those kept in locals or policy documents that
// nothing in the file attaches.
func (m *tfModule) documents() []*Document {
	m.markMerged()
	var docs []*Document
	for _, b := range m.resources {
		if d := m.attached(b); d != nil {
			docs = append(docs, d)
		}
	}
	docs = append(docs, m.looseLocals()...)
	return append(docs, m.looseDocs()...)
}

// markMerged marks the policy documents other documents merge in: they are
// linted as part of those.
func (m *tfModule) markMerged() {
	for _, b := range m.docs {
		for _, arg := range mergeArgs {
			a := attr(b, arg.name)
			if a == nil {
				continue
			}
			for _, v := range hclsyntax.Variables(a.Expr) {
				if parts := refParts(traversalPath(v)); len(parts) >= 3 && parts[0] == "data" && parts[1] == tfPolicyDoc {
					m.consumed[strings.Join(parts[:3], ".")] = true
				}
			}
		}
	}
}

// attached returns the policy an aws_api_gateway_rest_api or
// aws_api_gateway_rest_api_policy resource sets, or nil.
func (m *tfModule) attached(b *hclsyntax.Block) *Document {
	var att tfAttachment
	switch b.Labels[0] {
	case tfRestAPI:
		att = m.restAPIAttachment(b)
	case tfRestAPIPolicy:
		att = m.policyResourceAttachment(b)
	default:
		return nil
	}
	a := attr(b, "policy")
	if a == nil {
		return nil
	}
	var doc *Document
	src, ok := m.policySource(a.Expr)
	if ok {
		for _, r := range src.refs {
			m.consumed[r] = true
		}
		doc = m.sourceDoc(src, true)
	}
	deps, ranges := m.deployments(att, src)
	if doc == nil {
		// What the policy says is only known when Terraform runs, but where
		// it is attached may still be wrong.
		if (att.target.Kind == KindREST && len(deps) == 0) || att.target.Kind == KindUnknown {
			return nil
		}
		doc = m.newDoc()
		doc.Index.Set("", position.Entry{Value: m.exprRange(a.Expr)})
	}
	doc.Target = att.target
	doc.Target.Deployments = deps
	if doc.Path == m.path {
		// The target is described in this file; a policy read with file()
		// is shown in its own file, where these ranges do not apply.
		doc.TargetIndex = newTargetIndex(m.file, att, ranges)
	}
	return doc
}

// looseLocals returns the policies kept in locals, as jsonencode() or a
// JSON string, that no attachment in the file reads.
func (m *tfModule) looseLocals() []*Document {
	var docs []*Document
	for _, a := range m.localList {
		if m.consumed["local."+a.Name] {
			continue
		}
		var src tfSource
		switch x := unwrap(a.Expr).(type) {
		case *hclsyntax.FunctionCallExpr:
			if x.Name != "jsonencode" || len(x.Args) != 1 || x.ExpandFinal {
				continue
			}
			src = tfSource{kind: srcEncode, expr: x.Args[0]}
		case *hclsyntax.TemplateExpr:
			src = tfSource{kind: srcTemplate, expr: x}
		default:
			continue
		}
		if !strings.Contains(m.text(m.exprRange(a.Expr)), "Statement") {
			continue
		}
		if doc := m.sourceDoc(src, false); doc != nil && looksLikeResourcePolicy(doc.Policy) {
			docs = append(docs, doc)
		}
	}
	return docs
}

// looseDocs returns the policy documents no attachment or other document
// in the file reads, when they look like resource policies of an API.
func (m *tfModule) looseDocs() []*Document {
	var docs []*Document
	for _, b := range m.docs {
		if m.consumed["data."+tfPolicyDoc+"."+b.Labels[1]] {
			continue
		}
		doc := m.sourceDoc(tfSource{kind: srcDocument, doc: b}, false)
		if doc != nil && looksLikeResourcePolicy(doc.Policy) {
			docs = append(docs, doc)
		}
	}
	return docs
}

// looksLikeResourcePolicy tells an API Gateway resource policy nothing
// attaches from the other policies Terraform code holds (role policies,
// trust policies, bucket policies): it is about API Gateway and, as only a
// resource policy does, names a principal.
func looksLikeResourcePolicy(policy any) bool {
	obj, ok := policy.(map[string]any)
	if !ok || !mentionsAPIGateway(obj) {
		return false
	}
	var stmts []any
	switch s := obj["Statement"].(type) {
	case []any:
		stmts = s
	case map[string]any:
		stmts = []any{s}
	}
	for _, s := range stmts {
		st, _ := s.(map[string]any)
		if _, ok := st["Principal"]; ok {
			return true
		}
		if _, ok := st["NotPrincipal"]; ok {
			return true
		}
	}
	return false
}

// mentionsAPIGateway reports whether some string of v names an execute-api
// action or resource, or refers to an API Gateway resource.
func mentionsAPIGateway(v any) bool {
	switch x := v.(type) {
	case string:
		s := strings.ToLower(x)
		return strings.Contains(s, "execute-api") || strings.Contains(s, "aws_api_gateway_") || strings.Contains(s, "execution_arn")
	case []any:
		for _, c := range x {
			if mentionsAPIGateway(c) {
				return true
			}
		}
	case map[string]any:
		for _, c := range x {
			if mentionsAPIGateway(c) {
				return true
			}
		}
	}
	return false
}

// sourceDoc builds the document a policy source describes, or nil when its
// shape is only known when Terraform runs. attached says an API uses it,
// so even a broken one is reported.
func (m *tfModule) sourceDoc(src tfSource, attached bool) *Document {
	var doc *Document
	switch src.kind {
	case srcTemplate:
		if t, ok := src.expr.(*hclsyntax.TemplateExpr); ok {
			doc = m.templateDoc(t, attached)
		}
	case srcEncode:
		doc = m.newDoc()
		vals := &tfValues{m: m, ix: doc.Index}
		doc.Policy = vals.build(src.expr, "", position.Range{})
		doc.Problems = vals.dups.problems(m.file, doc.Policy)
	case srcDocument:
		doc = m.newDoc()
		p, ok := m.translateDoc(src.doc, doc.Index)
		if !ok {
			return nil
		}
		doc.Policy = p
	case srcFile, srcTemplateFile:
		doc = m.fileDoc(src)
	}
	if doc == nil || (doc.Policy != nil && !shapeKnown(doc.Policy)) {
		return nil
	}
	return doc
}

func (m *tfModule) newDoc() *Document {
	return &Document{Path: m.path, Format: FormatTerraform, Target: Target{Kind: KindUnknown}, Index: position.NewIndex(m.file)}
}

// templateDoc decodes the JSON a string or heredoc holds.
func (m *tfModule) templateDoc(t *hclsyntax.TemplateExpr, attached bool) *Document {
	tb := m.newTemplate(t, true)
	if tb == nil {
		return nil
	}
	doc := m.newDoc()
	v, dups, se := decodeJSON(tb.text, tb.remap(), doc.Index)
	if se != nil {
		if !attached {
			return nil
		}
		syntaxProblem(doc, se, len(m.src))
		return doc
	}
	doc.Policy = m.substitute(v, "", tb, doc.Index)
	doc.Problems = dups.problems(m.file, doc.Policy)
	return doc
}

// syntaxProblem turns doc into the report of a JSON syntax error.
func syntaxProblem(doc *Document, se *SyntaxError, size int) {
	start := clampTo(se.Offset, size)
	doc.Index.Set("", position.Entry{Value: position.Range{Start: start, End: min(start+1, size)}})
	doc.Problems = append(doc.Problems, Problem{Rule: "invalid-json", Message: se.Message})
}

// fileDoc reads the policy file() or templatefile() names. A file that is
// not JSON is left to the walk, which lints it on its own, unless the walk
// never reads it; a template that is not JSON before rendering is not
// reported here at all.
func (m *tfModule) fileDoc(src tfSource) *Document {
	info, err := os.Stat(src.file)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxPolicyFile {
		return nil
	}
	data, err := os.ReadFile(src.file)
	if err != nil {
		return nil
	}
	f := position.NewFile(data)
	doc := &Document{Path: src.file, Format: FormatJSON, Target: Target{Kind: KindUnknown}, Index: position.NewIndex(f)}
	shift := 0
	if bytes.HasPrefix(data, bom) {
		shift = len(bom)
	}
	v, dups, se := decodeJSON(data[shift:], Shift(shift), doc.Index)
	if se != nil {
		if src.kind == srcTemplateFile || Candidate(src.file) {
			return nil
		}
		syntaxProblem(doc, se, len(data))
		return doc
	}
	doc.Policy = v
	doc.Problems = dups.problems(f, v)
	return doc
}

// substitute replaces the placeholders of a template's value positions by
// the values their interpolations stand for.
func (m *tfModule) substitute(v any, ptr string, tb *tplText, ix *position.Index) any {
	if len(tb.subs) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		if sub, ok := tb.placeholder(x); ok {
			return m.subValue(sub, ptr, ix)
		}
	case []any:
		for i := range x {
			x[i] = m.substitute(x[i], position.Append(ptr, i), tb, ix)
		}
	case map[string]any:
		for k, c := range x {
			x[k] = m.substitute(c, position.Append(ptr, k), tb, ix)
		}
	}
	return v
}

// placeholder returns the substitution a placeholder string stands for.
func (tb *tplText) placeholder(s string) (tplSub, bool) {
	rest, ok := strings.CutPrefix(s, placeholderPrefix)
	if !ok {
		return tplSub{}, false
	}
	i, err := strconv.Atoi(rest)
	if err != nil || i < 0 || i >= len(tb.subs) {
		return tplSub{}, false
	}
	return tb.subs[i], true
}

// subValue is the value an interpolation renders where a JSON value is
// expected (see substitutable). The value stays located at the
// interpolation; its parts are located where they are written.
func (m *tfModule) subValue(sub tplSub, ptr string, ix *position.Index) any {
	orig, _ := ix.Lookup(ptr)
	e := unwrap(sub.expr)
	if call, ok := e.(*hclsyntax.FunctionCallExpr); ok && len(call.Args) == 1 {
		e = call.Args[0]
	}
	return (&tfValues{m: m, ix: ix}).buildAt(e, ptr, orig.Key, orig.Value)
}

// shapeKnown reports whether the policy's structure is known: an opaque
// value where the statements, a statement or a condition belong leaves
// nothing to lint that would not be a guess.
func shapeKnown(policy any) bool {
	obj, ok := policy.(map[string]any)
	if !ok {
		return !isOpaqueValue(policy)
	}
	st, ok := obj["Statement"]
	if !ok {
		return true
	}
	if isOpaqueValue(st) {
		return false
	}
	stmts, ok := st.([]any)
	if !ok {
		stmts = []any{st}
	}
	for _, s := range stmts {
		if !statementShapeKnown(s) {
			return false
		}
	}
	return true
}

func statementShapeKnown(s any) bool {
	if isOpaqueValue(s) {
		return false
	}
	st, ok := s.(map[string]any)
	if !ok {
		return true
	}
	c, ok := st["Condition"]
	if !ok {
		return true
	}
	if isOpaqueValue(c) {
		return false
	}
	ops, _ := c.(map[string]any)
	for _, block := range ops {
		if isOpaqueValue(block) {
			return false
		}
	}
	return true
}

func isOpaqueValue(v any) bool {
	s, ok := v.(string)
	return ok && hasInterpolation(s)
}
