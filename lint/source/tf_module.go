package source

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/apigwlint/apigwlint/lint/position"
)

// Terraform resource and data source types this front end reads.
const (
	tfRestAPI       = "aws_api_gateway_rest_api"
	tfRestAPIPolicy = "aws_api_gateway_rest_api_policy"
	tfDeployment    = "aws_api_gateway_deployment"
	tfV2API         = "aws_apigatewayv2_api"
	tfPolicyDoc     = "aws_iam_policy_document"
)

// maxRefDepth bounds how many locals and policy documents a reference may
// pass through; deeper chains (or cycles) are treated as unknown.
const maxRefDepth = 16

// tfModule is what one .tf file declares, by address.
type tfModule struct {
	path string
	file *position.File
	src  []byte

	resources []*hclsyntax.Block              // resource blocks, in file order
	byAddr    map[string]*hclsyntax.Block     // "type.name" of resources
	docs      []*hclsyntax.Block              // aws_iam_policy_document data blocks, in file order
	docByName map[string]*hclsyntax.Block     // by name
	locals    map[string]*hclsyntax.Attribute // by name
	localList []*hclsyntax.Attribute          // in file order
	varDefs   map[string]hclsyntax.Expression // variable defaults, by name

	// consumed holds the addresses of locals and policy documents that some
	// attachment or other policy document reads, so they are not linted a
	// second time on their own.
	consumed map[string]bool
}

func newModule(path string, f *position.File, body *hclsyntax.Body) *tfModule {
	m := &tfModule{
		path: path, file: f, src: f.Bytes(),
		byAddr:    map[string]*hclsyntax.Block{},
		docByName: map[string]*hclsyntax.Block{},
		locals:    map[string]*hclsyntax.Attribute{},
		varDefs:   map[string]hclsyntax.Expression{},
		consumed:  map[string]bool{},
	}
	for _, b := range body.Blocks {
		m.collect(b)
	}
	return m
}

// collect files one top-level block under its address.
func (m *tfModule) collect(b *hclsyntax.Block) {
	switch {
	case b.Type == "resource" && len(b.Labels) == 2:
		m.resources = append(m.resources, b)
		m.byAddr[b.Labels[0]+"."+b.Labels[1]] = b
	case b.Type == "data" && len(b.Labels) == 2 && b.Labels[0] == tfPolicyDoc:
		m.docs = append(m.docs, b)
		m.docByName[b.Labels[1]] = b
	case b.Type == "locals":
		attrs := make([]*hclsyntax.Attribute, 0, len(b.Body.Attributes))
		for _, a := range b.Body.Attributes {
			attrs = append(attrs, a)
		}
		slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
		for _, a := range attrs {
			m.locals[a.Name] = a
			m.localList = append(m.localList, a)
		}
	case b.Type == "variable" && len(b.Labels) == 1:
		if d, ok := b.Body.Attributes["default"]; ok {
			m.varDefs[b.Labels[0]] = d.Expr
		}
	}
}

// dir is the directory file() paths are relative to: path.module.
func (m *tfModule) dir() string { return filepath.Dir(m.path) }

// rng is the file range of an HCL range. hcl counts bytes from the start of
// what it parsed, which is the file with its positions shifted past a BOM.
func (m *tfModule) rng(r hcl.Range) position.Range {
	n := len(m.src)
	s, e := clampTo(r.Start.Byte, n), clampTo(r.End.Byte, n)
	return position.Range{Start: s, End: max(s, e)}
}

// exprRange is the file range of an expression.
func (m *tfModule) exprRange(e hclsyntax.Expression) position.Range { return m.rng(e.Range()) }

// header is the range of a block's type and labels, `resource "t" "n"`:
// where a finding about the block as a whole, or about something it leaves
// to its default, is shown.
func (m *tfModule) header(b *hclsyntax.Block) position.Range {
	r := b.TypeRange
	if n := len(b.LabelRanges); n > 0 {
		r = hcl.RangeBetween(r, b.LabelRanges[n-1])
	}
	return m.rng(r)
}

// blockRange is the range of a whole block, header to closing brace.
func (m *tfModule) blockRange(b *hclsyntax.Block) position.Range {
	return m.rng(hcl.RangeBetween(b.TypeRange, b.CloseBraceRange))
}

// text is the source text of a range.
func (m *tfModule) text(r position.Range) string { return string(m.src[r.Start:r.End]) }

// opaque is how an expression that is only known when Terraform runs enters
// a policy: its source text as an interpolation, which rules never read as
// a wildcard, a CIDR or a mistake.
func (m *tfModule) opaque(e hclsyntax.Expression) string {
	return "${" + m.text(m.exprRange(e)) + "}"
}

// unwrap removes what does not change an expression's value: parentheses
// and the "${...}" of Terraform 0.11 syntax.
func unwrap(e hclsyntax.Expression) hclsyntax.Expression {
	for range maxRefDepth {
		switch w := e.(type) {
		case *hclsyntax.TemplateWrapExpr:
			e = w.Wrapped
		case *hclsyntax.ParenthesesExpr:
			e = w.Expression
		default:
			return e
		}
	}
	return e
}

// traversalPath renders an absolute traversal as "root.attr.attr", stopping
// at the first index or splat.
func traversalPath(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteByte('.')
			b.WriteString(s.Name)
		default:
			return b.String()
		}
	}
	return b.String()
}

// refOf is the dotted path of an expression that is a plain reference, such
// as "data.aws_iam_policy_document.x.json", or "" for anything else.
func refOf(e hclsyntax.Expression) string {
	st, ok := unwrap(e).(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return ""
	}
	return traversalPath(st.Traversal)
}

// refParts splits a dotted reference.
func refParts(ref string) []string {
	if ref == "" {
		return nil
	}
	return strings.Split(ref, ".")
}

// constString is the value of an expression that is a string constant:
// a literal, or a template without interpolations.
func constString(e hclsyntax.Expression) (string, bool) {
	switch x := unwrap(e).(type) {
	case *hclsyntax.LiteralValueExpr:
		if x.Val.Type() == cty.String && x.Val.IsKnown() && !x.Val.IsNull() {
			return x.Val.AsString(), true
		}
	case *hclsyntax.TemplateExpr:
		var b strings.Builder
		for _, p := range x.Parts {
			s, ok := constString(p)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

// attr returns a block's attribute, or nil.
func attr(b *hclsyntax.Block, name string) *hclsyntax.Attribute {
	if b == nil || b.Body == nil {
		return nil
	}
	return b.Body.Attributes[name]
}

// blocksOf returns a block's nested blocks of one type, in file order.
func blocksOf(b *hclsyntax.Block, typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}
