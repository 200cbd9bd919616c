package source

import (
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// tfSourceKind says how a Terraform expression writes a policy.
type tfSourceKind int

const (
	srcTemplate     tfSourceKind = iota + 1 // a JSON string or heredoc
	srcEncode                               // jsonencode({...})
	srcDocument                             // data.aws_iam_policy_document.NAME.json
	srcFile                                 // file("x.json")
	srcTemplateFile                         // templatefile("x.json.tpl", {...})
)

// tfSource is what an expression that yields a policy's JSON is made of.
type tfSource struct {
	kind tfSourceKind
	expr hclsyntax.Expression // srcTemplate: the template; srcEncode: jsonencode's argument
	doc  *hclsyntax.Block     // srcDocument
	file string               // srcFile, srcTemplateFile: the file, relative to the working directory
	// refs are the locals and policy documents the expression passes
	// through, such as "local.policy": a deployment trigger on any of them
	// follows the policy.
	refs []string
}

// policySource follows an expression to where its policy is written. It
// reports false for what cannot be known without running Terraform
// (variables, module outputs, other functions).
func (m *tfModule) policySource(e hclsyntax.Expression) (tfSource, bool) {
	var refs []string
	for range maxRefDepth {
		switch x := unwrap(e).(type) {
		case *hclsyntax.TemplateExpr:
			return tfSource{kind: srcTemplate, expr: x, refs: refs}, true
		case *hclsyntax.FunctionCallExpr:
			src, ok := m.callSource(x)
			src.refs = refs
			return src, ok
		case *hclsyntax.ScopeTraversalExpr:
			parts := refParts(traversalPath(x.Traversal))
			switch {
			case len(parts) == 4 && parts[0] == "data" && parts[1] == tfPolicyDoc && (parts[3] == "json" || parts[3] == "minified_json"):
				b := m.docByName[parts[2]]
				addr := strings.Join(parts[:3], ".")
				return tfSource{kind: srcDocument, doc: b, refs: append(refs, addr)}, b != nil
			case len(parts) == 2 && parts[0] == "local":
				a := m.locals[parts[1]]
				if a == nil {
					return tfSource{}, false
				}
				refs = append(refs, "local."+parts[1])
				e = a.Expr
				continue
			}
			return tfSource{}, false
		default:
			return tfSource{}, false
		}
	}
	return tfSource{}, false
}

// callSource reads jsonencode(), file() and templatefile().
func (m *tfModule) callSource(x *hclsyntax.FunctionCallExpr) (tfSource, bool) {
	if len(x.Args) == 0 || x.ExpandFinal {
		return tfSource{}, false
	}
	switch x.Name {
	case "jsonencode":
		return tfSource{kind: srcEncode, expr: x.Args[0]}, len(x.Args) == 1
	case "file":
		p, ok := m.pathArg(x.Args[0])
		return tfSource{kind: srcFile, file: p}, ok && len(x.Args) == 1
	case "templatefile":
		p, ok := m.pathArg(x.Args[0])
		return tfSource{kind: srcTemplateFile, file: p}, ok
	}
	return tfSource{}, false
}

// pathArg resolves a file() path: a constant, with "${path.module}" (and
// path.root, path.cwd, which equal it when the module is the one Terraform
// runs in) standing for the directory of the .tf file.
func (m *tfModule) pathArg(e hclsyntax.Expression) (string, bool) {
	var b strings.Builder
	switch x := unwrap(e).(type) {
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			if s, ok := constString(p); ok {
				b.WriteString(s)
				continue
			}
			if !isPathRef(p) {
				return "", false
			}
			b.WriteString(".")
		}
	case *hclsyntax.LiteralValueExpr:
		s, ok := constString(x)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	default:
		return "", false
	}
	p := b.String()
	if p == "" {
		return "", false
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p), true
	}
	return filepath.Join(m.dir(), filepath.FromSlash(p)), true
}

func isPathRef(e hclsyntax.Expression) bool {
	switch refOf(e) {
	case "path.module", "path.root", "path.cwd":
		return true
	}
	return false
}
