package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/apigwlint/apigwlint/lint/source"
)

// helperPackages hold the functions that wrap a value without changing it:
// aws.String(s) is s, as far as the policy is concerned.
var helperPackages = map[string]bool{
	"github.com/aws/aws-sdk-go-v2/aws": true,
	"github.com/aws/aws-sdk-go/aws":    true,
	"github.com/aws/smithy-go/ptr":     true,
	"github.com/aws/jsii-runtime-go":   true,
}

// maxDepth bounds how far a value is followed through constants and
// variables; real code needs two or three steps.
const maxDepth = 16

// text is the value of a string expression that reaches a policy field,
// with what is known about where it is written.
type text struct {
	value string
	// lits decode to value, and their offsets are token.Pos values: each
	// byte of value can be located in the source.
	lits *source.GoString
	// at is where to report when the literals are not known: the value is a
	// constant of another package, or spread over several files.
	at ast.Expr
	// embed is set when value is the content of an embedded file.
	embed *embedded
}

// isHelper reports whether call calls one of the named functions of a
// helper package (aws.String, jsii.Strings, ...).
func (s *scan) isHelper(call *ast.CallExpr, names ...string) bool {
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || fn.Pkg() == nil || !helperPackages[vendorless(fn.Pkg().Path())] {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// unwrap strips what does not change a string value: parentheses,
// aws.String and its kin, and conversions to string or []byte.
func (s *scan) unwrap(e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if !s.isHelper(call, "String") && !s.isTextConversion(call) {
			return e
		}
		e = call.Args[0]
	}
}

// isTextConversion reports whether call converts to a string or []byte
// type.
func (s *scan) isTextConversion(call *ast.CallExpr) bool {
	tv, ok := s.info.Types[call.Fun]
	return ok && tv.IsType() && embeddable(tv.Type)
}

// constString returns the value of e, behind any wrapper, when it is a
// string constant.
func (s *scan) constString(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	tv, ok := s.info.Types[s.unwrap(e)]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// text reads the string value of e: a constant, a variable set once to
// one, or an embedded file. It reports false for anything else, whose
// value is not known until the program runs.
func (s *scan) text(e ast.Expr, depth int) (*text, bool) {
	if depth > maxDepth {
		return nil, false
	}
	e = s.unwrap(e)
	if value, ok := s.constString(e); ok {
		t := &text{value: value, at: e}
		if lits, ok := s.literals(e, 0); ok {
			if gs, err := source.DecodeGoString(lits...); err == nil && gs.Value == value && s.oneFile(lits) {
				t.lits, t.at = gs, nil
			}
		}
		return t, true
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return nil, false
	}
	if d := s.embeds[v]; d != nil {
		return s.embeddedText(d)
	}
	if def, ok := s.singleDef(v); ok {
		return s.text(def, depth+1)
	}
	return nil, false
}

// literals returns the string literals a constant expression is made of, in
// order, following the package's own named constants. It reports false
// when a part is not written in this package's syntax (a constant of
// another package, a conversion from a number).
func (s *scan) literals(e ast.Expr, depth int) ([]source.GoLiteral, bool) {
	if depth > maxDepth {
		return nil, false
	}
	switch x := s.unwrap(e).(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return nil, false
		}
		return []source.GoLiteral{{Text: x.Value, Offset: int(x.Pos())}}, true
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil, false
		}
		left, ok := s.literals(x.X, depth+1)
		if !ok {
			return nil, false
		}
		right, ok := s.literals(x.Y, depth+1)
		return append(left, right...), ok
	case *ast.Ident:
		return s.constLiterals(x, depth)
	case *ast.SelectorExpr:
		return s.constLiterals(x.Sel, depth)
	}
	return nil, false
}

func (s *scan) constLiterals(id *ast.Ident, depth int) ([]source.GoLiteral, bool) {
	c, ok := s.info.Uses[id].(*types.Const)
	if !ok {
		return nil, false
	}
	def, ok := s.consts[c]
	if !ok {
		return nil, false
	}
	return s.literals(def, depth+1)
}

// oneFile reports whether the literals are all in one file. A finding's
// range must not run from one file into another, so a value spread over
// files is reported where it is used instead.
func (s *scan) oneFile(lits []source.GoLiteral) bool {
	f := s.pass.Fset.File(token.Pos(lits[0].Offset))
	for _, l := range lits[1:] {
		if s.pass.Fset.File(token.Pos(l.Offset)) != f {
			return false
		}
	}
	return f != nil
}

// embeddable reports whether t is a type //go:embed can fill with one
// file: string or []byte (or a named type of either).
func embeddable(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}
