package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// scan holds what the analyzer learns about a package that may hold a
// policy, in one walk over its syntax: where its constants and variables get
// their values, which variables embed a file, and which expressions reach a
// policy field.
type scan struct {
	pass   *analysis.Pass
	info   *types.Info
	in     *inspector.Inspector
	consts map[*types.Const]ast.Expr
	// defs are the values assigned to each variable; a nil element is an
	// assignment the analyzer does not follow (a range, ++, &v, a call with
	// several results), which makes the variable's value unknown.
	defs   map[*types.Var][]ast.Expr
	embeds map[*types.Var]*embedDecl
	sinks  []sink
	// files are the embedded files added to the FileSet, by path.
	files map[string]*token.File
}

func newScan(pass *analysis.Pass) *scan {
	return &scan{
		pass:   pass,
		info:   pass.TypesInfo,
		in:     inspector.New(pass.Files),
		consts: map[*types.Const]ast.Expr{},
		defs:   map[*types.Var][]ast.Expr{},
		embeds: map[*types.Var]*embedDecl{},
		files:  map[string]*token.File{},
	}
}

// walkTypes are the nodes the walk looks at.
var walkTypes = []ast.Node{
	(*ast.GenDecl)(nil), (*ast.AssignStmt)(nil), (*ast.RangeStmt)(nil), (*ast.IncDecStmt)(nil),
	(*ast.UnaryExpr)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil),
}

// policies walks the package and returns the policies its sinks receive.
func (s *scan) policies() []*policy {
	for cur := range s.in.Root().Preorder(walkTypes...) {
		s.visit(cur)
	}
	var out []*policy
	for _, k := range s.sinks {
		out = append(out, s.policiesOf(k)...)
	}
	return out
}

func (s *scan) visit(cur inspector.Cursor) {
	switch n := cur.Node().(type) {
	case *ast.GenDecl:
		s.genDecl(n)
	case *ast.AssignStmt:
		s.assign(n)
	case *ast.RangeStmt:
		s.unknown(n.Key)
		s.unknown(n.Value)
	case *ast.IncDecStmt:
		s.unknown(n.X)
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			// &v lets anything change v behind the analyzer's back.
			s.unknown(n.X)
		}
	case *ast.CompositeLit:
		s.compositeSink(cur, n)
	case *ast.CallExpr:
		s.setterSink(n)
	}
}

// genDecl records constant values, variable initialisers and //go:embed
// directives.
func (s *scan) genDecl(d *ast.GenDecl) {
	switch d.Tok {
	case token.CONST:
		var last []ast.Expr
		for _, spec := range d.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			// In a const group, a spec without values repeats the last ones.
			if len(vs.Values) > 0 {
				last = vs.Values
			}
			for i, name := range vs.Names {
				if c, ok := s.info.Defs[name].(*types.Const); ok && i < len(last) {
					s.consts[c] = last[i]
				}
			}
		}
	case token.VAR:
		for _, spec := range d.Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok {
				s.varSpec(d, vs)
			}
		}
	}
}

func (s *scan) varSpec(d *ast.GenDecl, vs *ast.ValueSpec) {
	for i, name := range vs.Names {
		v, ok := s.info.Defs[name].(*types.Var)
		if !ok {
			continue
		}
		switch {
		case len(vs.Values) == len(vs.Names):
			s.defs[v] = append(s.defs[v], vs.Values[i])
		case len(vs.Values) > 0:
			s.defs[v] = append(s.defs[v], nil)
		}
	}
	if e := embedOf(d, vs); e != nil && len(vs.Names) == 1 {
		if v, ok := s.info.Defs[vs.Names[0]].(*types.Var); ok && embeddable(v.Type()) {
			e.v = v
			s.embeds[v] = e
		}
	}
}

// assign records the values given to variables and the policy fields set
// by assignment.
func (s *scan) assign(a *ast.AssignStmt) {
	paired := len(a.Lhs) == len(a.Rhs) && (a.Tok == token.ASSIGN || a.Tok == token.DEFINE)
	for i, lhs := range a.Lhs {
		if !paired {
			s.unknown(lhs)
			continue
		}
		if v := s.localVar(lhs); v != nil {
			s.defs[v] = append(s.defs[v], a.Rhs[i])
			continue
		}
		if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
			s.fieldSink(sel, a.Rhs[i])
		}
	}
}

// unknown marks the variable e names, if any, as changed in a way the
// analyzer does not follow.
func (s *scan) unknown(e ast.Expr) {
	if v := s.localVar(e); v != nil {
		s.defs[v] = append(s.defs[v], nil)
	}
}

// localVar returns the variable (not a struct field) that e names.
func (s *scan) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.info.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() || v.Pkg() != s.pass.Pkg {
		return nil
	}
	return v
}

// singleDef returns the one value ever given to v, when v is declared in
// this package, assigned exactly once and never changed otherwise. An
// exported package variable may be changed by another package, so it has
// no single value.
func (s *scan) singleDef(v *types.Var) (ast.Expr, bool) {
	if v.Exported() && v.Parent() == s.pass.Pkg.Scope() {
		return nil, false
	}
	defs := s.defs[v]
	if len(defs) != 1 || defs[0] == nil {
		return nil, false
	}
	return defs[0], true
}
