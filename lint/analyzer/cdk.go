package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
)

// A CDK policy document is built in Go and rendered to JSON by CDK at
// synth time. The analyzer renders it the same way from the syntax, when
// every statement is written out where the document is built, and reports
// each finding at the Go expression that produced the offending value.
// Anything CDK could render in a way the syntax does not show (a statement
// changed after it is made, a document passed through a function) makes
// the analyzer leave the document alone: a guessed policy would give
// findings about a policy that does not exist.

// The CDK IAM module, whose constructors the translation understands.
var iamPackages = map[string]bool{
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam": true,
	"github.com/aws/aws-cdk-go/awscdk/awsiam":    true,
}

// cdkVersion is the policy language version CDK always renders.
const cdkVersion = "2012-10-17"

// cdkPolicy renders the document a CDK sink receives.
func (s *scan) cdkPolicy(k sink) *policy {
	d := &cdkDoc{s: s, lits: map[string]*ast.BasicLit{}}
	doc, ok := d.document(k.value)
	if !ok {
		return nil
	}
	ix, loc := d.index()
	return &policy{
		doc: &source.Document{
			Path:   s.pass.Fset.Position(k.value.Pos()).Filename,
			Format: source.FormatGo,
			Policy: doc,
			Target: k.target,
			Index:  ix,
		},
		loc: loc,
	}
}

// cdkDoc renders one document and records, for every pointer in it, the Go
// nodes of its member name and value.
type cdkDoc struct {
	s       *scan
	nodes   []ast.Node
	entries []cdkEntry
	// lits are the string literals that wrote a value as is, by pointer:
	// what a fix would rewrite.
	lits map[string]*ast.BasicLit
}

// cdkEntry is a pointer's key and value node, as indexes into nodes, or -1.
type cdkEntry struct {
	ptr        string
	key, value int
}

// mark records the Go nodes of the value at ptr; key may be nil.
func (d *cdkDoc) mark(ptr string, key, value ast.Node) {
	e := cdkEntry{ptr: ptr, key: -1, value: -1}
	if key != nil {
		e.key = len(d.nodes)
		d.nodes = append(d.nodes, key)
	}
	if value != nil {
		e.value = len(d.nodes)
		d.nodes = append(d.nodes, value)
	}
	d.entries = append(d.entries, e)
}

// markLit records a value and, if a string literal wrote it as is, the
// literal.
func (d *cdkDoc) markLit(ptr string, key, value ast.Node, lit *ast.BasicLit) {
	d.mark(ptr, key, value)
	if lit != nil {
		d.lits[ptr] = lit
	}
}

// iamCall returns the name of the CDK IAM function e calls.
func (d *cdkDoc) iamCall(e ast.Expr) (string, *ast.CallExpr) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return "", nil
	}
	fn := typeutil.StaticCallee(d.s.info, call)
	if fn == nil || fn.Pkg() == nil || !iamPackages[vendorless(fn.Pkg().Path())] {
		return "", nil
	}
	return fn.Name(), call
}

// document renders a policy document expression.
func (d *cdkDoc) document(e ast.Expr) (map[string]any, bool) {
	e = ast.Unparen(e)
	var added []ast.Expr
	if id, ok := e.(*ast.Ident); ok {
		def, adds, ok := d.docVar(id)
		if !ok {
			return nil, false
		}
		e, added = def, adds
	}
	name, call := d.iamCall(e)
	switch {
	case name == "NewPolicyDocument" && len(call.Args) == 1:
		return d.newDocument(call, added)
	case name == "PolicyDocument_FromJson" && len(call.Args) == 1 && len(added) == 0:
		// The root is marked first: the locator falls back to node 0.
		d.mark("", nil, call)
		doc, ok := d.json(call.Args[0], "").(map[string]any)
		return doc, ok
	}
	return nil, false
}

// docVar follows a variable that holds a document to the one place it is
// made, collecting the statements added to it with AddStatements. Any other
// use could change the document in ways the syntax does not show.
func (d *cdkDoc) docVar(id *ast.Ident) (ast.Expr, []ast.Expr, bool) {
	v, ok := d.s.info.Uses[id].(*types.Var)
	if !ok {
		return nil, nil, false
	}
	def, ok := d.s.singleDef(v)
	if !ok {
		return nil, nil, false
	}
	var added []ast.Expr
	for use := range d.s.usesOf(v) {
		if args, ok := addStatementsArgs(use); ok {
			added = append(added, args...)
			continue
		}
		if !isPolicyValue(use) {
			return nil, nil, false
		}
	}
	return def, added, true
}

// usesOf returns the cursors of the identifiers that use v, in source
// order. It walks the package again; it runs only for the few variables
// that hold a CDK document or statement.
func (s *scan) usesOf(v *types.Var) func(yield func(inspector.Cursor) bool) {
	return func(yield func(inspector.Cursor) bool) {
		for cur := range s.in.Root().Preorder((*ast.Ident)(nil)) {
			id, _ := cur.Node().(*ast.Ident)
			if s.info.Uses[id] == v && !yield(cur) {
				return
			}
		}
	}
}

// addStatementsArgs returns the arguments of doc.AddStatements(...) when
// use is the doc of such a call, made as a statement of its own.
func addStatementsArgs(use inspector.Cursor) ([]ast.Expr, bool) {
	sel, ok := use.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "AddStatements" {
		return nil, false
	}
	call, ok := use.Parent().Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != sel {
		return nil, false
	}
	if _, ok := use.Parent().Parent().Parent().Node().(*ast.ExprStmt); !ok {
		return nil, false
	}
	return call.Args, true
}

// isPolicyValue reports whether use is the value of a Policy field in a
// struct literal: the sink itself, which reads the document and leaves it
// alone.
func isPolicyValue(use inspector.Cursor) bool {
	kv, ok := use.Parent().Node().(*ast.KeyValueExpr)
	if !ok || kv.Value != use.Node() {
		return false
	}
	key, ok := kv.Key.(*ast.Ident)
	return ok && key.Name == "Policy"
}

// newDocument renders awsiam.NewPolicyDocument(props), plus the statements
// added to it later.
func (d *cdkDoc) newDocument(call *ast.CallExpr, added []ast.Expr) (map[string]any, bool) {
	d.mark("", nil, call)
	d.mark("/Version", nil, call.Fun)
	var stmts []ast.Expr
	var key, list ast.Node = nil, call
	props, ok := d.props(call.Args[0])
	if !ok {
		return nil, false
	}
	if props != nil {
		if kv := keyValue(props, "Statements"); kv != nil {
			elts, ok := listElts(kv.Value)
			if !ok {
				return nil, false
			}
			stmts, key, list = elts, kv.Key, kv.Value
		}
	}
	stmts = append(stmts, added...)
	if len(stmts) == 0 {
		// CDK renders no policy for an empty document.
		return nil, false
	}
	out := make([]any, 0, len(stmts))
	for i, st := range stmts {
		m, ok := d.statement(st, position.Append("/Statement", i))
		if !ok {
			return nil, false
		}
		out = append(out, m)
	}
	d.mark("/Statement", key, list)
	return map[string]any{"Version": cdkVersion, "Statement": out}, true
}

// props returns the struct literal of a props argument, nil for a nil
// argument, and false for anything else (props built elsewhere).
func (d *cdkDoc) props(e ast.Expr) (*ast.CompositeLit, bool) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && d.s.info.Uses[id] == types.Universe.Lookup("nil") {
		return nil, true
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	return lit, ok
}

// statement renders one statement expression.
func (d *cdkDoc) statement(e ast.Expr, ptr string) (map[string]any, bool) {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		def, ok := d.stmtVar(id)
		if !ok {
			return nil, false
		}
		e = def
	}
	name, call := d.iamCall(e)
	switch {
	case name == "NewPolicyStatement" && len(call.Args) == 1:
		return d.newStatement(call, ptr)
	case name == "PolicyStatement_FromJson" && len(call.Args) == 1:
		st, ok := d.json(call.Args[0], ptr).(map[string]any)
		d.mark(ptr, nil, call)
		return st, ok
	}
	return nil, false
}

// stmtVar follows a variable that holds a statement to where it is made.
// The statement may be listed in documents, but any other use (a method
// such as AddActions, a function call) could change it.
func (d *cdkDoc) stmtVar(id *ast.Ident) (ast.Expr, bool) {
	v, ok := d.s.info.Uses[id].(*types.Var)
	if !ok {
		return nil, false
	}
	def, ok := d.s.singleDef(v)
	if !ok {
		return nil, false
	}
	for use := range d.s.usesOf(v) {
		switch p := use.Parent().Node().(type) {
		case *ast.CompositeLit:
		case *ast.CallExpr:
			if sel, ok := p.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "AddStatements" {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return def, true
}

// keyValue returns the element of a keyed struct literal for field name.
func keyValue(lit *ast.CompositeLit, name string) *ast.KeyValueExpr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv
			}
		}
	}
	return nil
}

// listElts returns the elements of a slice literal, possibly behind &.
func listElts(e ast.Expr) ([]ast.Expr, bool) {
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	return lit.Elts, true
}
