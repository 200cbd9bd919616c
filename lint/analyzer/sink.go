package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/apigwlint/apigwlint/lint/source"
)

// The packages whose types carry a resource policy. Fields are recognised
// by the package that declares their struct, resolved through the type
// checker, never by name alone: an S3 PutBucketPolicyInput.Policy is not an
// API Gateway policy.
const (
	pkgSDKv2      = "github.com/aws/aws-sdk-go-v2/service/apigateway"
	pkgSDKv2Types = pkgSDKv2 + "/types"
	pkgSDKv1      = "github.com/aws/aws-sdk-go/service/apigateway"
	pkgCDKv2      = "github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	pkgCDKv1      = "github.com/aws/aws-cdk-go/awscdk/awsapigateway"
)

// sinkPackages are the imports that make a package worth a walk.
var sinkPackages = map[string]bool{
	pkgSDKv2: true, pkgSDKv2Types: true, pkgSDKv1: true, pkgCDKv2: true, pkgCDKv1: true,
}

// sinkKind says what a field expects.
type sinkKind int

const (
	sinkPolicy  sinkKind = iota // a resource policy as JSON text
	sinkOpenAPI                 // an OpenAPI definition, whose x-amazon-apigateway-policy is the policy
	sinkCDK                     // a CDK awsiam.PolicyDocument
)

// sdkFields are the fields of the SDK's input types that carry a policy,
// by type name, in both SDK versions. Output types (GetRestApiOutput and
// the like) also have a Policy, but what API Gateway returns is not code to
// lint.
var sdkFields = map[string]map[string]sinkKind{
	"CreateRestApiInput": {"Policy": sinkPolicy},
	"PutRestApiInput":    {"Body": sinkOpenAPI},
	"ImportRestApiInput": {"Body": sinkOpenAPI},
}

// sink is an expression whose value becomes a policy.
type sink struct {
	kind   sinkKind
	value  ast.Expr
	target source.Target
}

// named returns the named type t is or points to.
func named(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// pkgPath is the import path of the package that declares n.
func pkgPath(n *types.Named) string {
	if n == nil || n.Obj().Pkg() == nil {
		return ""
	}
	return vendorless(n.Obj().Pkg().Path())
}

// fieldKind says whether field of the struct type n carries a policy.
func fieldKind(n *types.Named, field string) (sinkKind, bool) {
	switch pkgPath(n) {
	case pkgSDKv2, pkgSDKv1:
		k, ok := sdkFields[n.Obj().Name()][field]
		return k, ok
	case pkgCDKv2, pkgCDKv1:
		// Every props struct of a REST API (RestApiProps, LambdaRestApiProps,
		// SpecRestApiProps, ...) names its policy document Policy.
		return sinkCDK, field == "Policy"
	}
	return 0, false
}

// typeName renders n as code does: apigateway.CreateRestApiInput.
func typeName(n *types.Named) string {
	return n.Obj().Pkg().Name() + "." + n.Obj().Name()
}

// compositeSink records the policy fields set in a composite literal.
func (s *scan) compositeSink(cur inspector.Cursor, lit *ast.CompositeLit) {
	n := named(s.info.TypeOf(lit))
	if n == nil {
		return
	}
	if n.Obj().Name() == "PatchOperation" && (pkgPath(n) == pkgSDKv2Types || pkgPath(n) == pkgSDKv1) {
		s.patchSink(cur, lit)
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if kind, ok := fieldKind(n, key.Name); ok {
			s.sinks = append(s.sinks, sink{kind: kind, value: kv.Value, target: s.targetOf(n, lit)})
		}
	}
}

// patchSink records the value of an UpdateRestApi patch operation on the
// path /policy. The same path on UpdateDomainName is a custom domain's
// policy, which is not a REST API's; an operation written inside any SDK
// input other than UpdateRestApiInput is skipped for that reason.
func (s *scan) patchSink(cur inspector.Cursor, lit *ast.CompositeLit) {
	path, value := fieldValue(lit, "Path"), fieldValue(lit, "Value")
	if p, ok := s.constString(path); !ok || p != "/policy" || value == nil {
		return
	}
	for enc := range cur.Parent().Enclosing((*ast.CompositeLit)(nil)) {
		outer, _ := enc.Node().(*ast.CompositeLit)
		n := named(s.info.TypeOf(outer))
		if p := pkgPath(n); (p == pkgSDKv2 || p == pkgSDKv1) && n.Obj().Name() != "UpdateRestApiInput" {
			return
		}
	}
	s.sinks = append(s.sinks, sink{
		kind: sinkPolicy, value: value,
		target: source.Target{Kind: source.KindREST, Type: "UpdateRestApi /policy"},
	})
}

// fieldSink records a policy field set by assignment: in.Policy = ....
func (s *scan) fieldSink(sel *ast.SelectorExpr, value ast.Expr) {
	selection := s.info.Selections[sel]
	if selection == nil || selection.Kind() != types.FieldVal {
		return
	}
	n := named(selection.Recv())
	if kind, ok := fieldKind(n, sel.Sel.Name); ok {
		s.sinks = append(s.sinks, sink{kind: kind, value: value, target: s.targetOf(n, nil)})
	}
}

// setterSink records the SDK v1 setters of policy fields:
// in.SetPolicy(p), in.SetBody(b).
func (s *scan) setterSink(call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 || !strings.HasPrefix(sel.Sel.Name, "Set") {
		return
	}
	selection := s.info.Selections[sel]
	if selection == nil || selection.Kind() != types.MethodVal {
		return
	}
	n := named(selection.Recv())
	if pkgPath(n) != pkgSDKv1 {
		return
	}
	if kind, ok := fieldKind(n, strings.TrimPrefix(sel.Sel.Name, "Set")); ok {
		s.sinks = append(s.sinks, sink{kind: kind, value: call.Args[0], target: s.targetOf(n, nil)})
	}
}

// targetOf describes the REST API that the literal lit of type n creates:
// its endpoint type and name when they are constants.
func (s *scan) targetOf(n *types.Named, lit *ast.CompositeLit) source.Target {
	t := source.Target{Kind: source.KindREST, Type: typeName(n)}
	if lit == nil {
		return t
	}
	if name, ok := s.constString(firstNonNil(fieldValue(lit, "Name"), fieldValue(lit, "RestApiName"))); ok {
		t.Resource = name
	}
	t.Endpoint = s.endpoint(lit)
	return t
}

// endpoint reads the endpoint type of a REST API literal: the SDK's
// EndpointConfiguration.Types, or CDK's EndpointTypes or
// EndpointConfiguration.Types. It is "" unless the first type is a
// constant API Gateway knows.
func (s *scan) endpoint(lit *ast.CompositeLit) string {
	list := fieldValue(lit, "EndpointTypes")
	if conf, ok := unaddr(fieldValue(lit, "EndpointConfiguration")).(*ast.CompositeLit); ok {
		list = fieldValue(conf, "Types")
	}
	elts := s.stringListElts(list)
	if len(elts) == 0 {
		return ""
	}
	v, _ := s.constString(elts[0])
	switch v = strings.ToUpper(v); v {
	case "EDGE", "REGIONAL", "PRIVATE":
		return v
	}
	return ""
}

// stringListElts returns the elements of a list of strings written as a
// slice literal (possibly behind &) or as aws.StringSlice / jsii.Strings of
// one.
func (s *scan) stringListElts(e ast.Expr) []ast.Expr {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && s.isHelper(call, "StringSlice", "Strings") {
		if len(call.Args) == 1 {
			if lit, ok := unaddr(call.Args[0]).(*ast.CompositeLit); ok {
				return lit.Elts
			}
		}
		return call.Args
	}
	if lit, ok := unaddr(e).(*ast.CompositeLit); ok {
		return lit.Elts
	}
	return nil
}

// fieldValue returns the value of field name in a keyed struct literal,
// or nil.
func fieldValue(lit *ast.CompositeLit, name string) ast.Expr {
	if kv := keyValue(lit, name); kv != nil {
		return kv.Value
	}
	return nil
}

func firstNonNil(es ...ast.Expr) ast.Expr {
	for _, e := range es {
		if e != nil {
			return e
		}
	}
	return nil
}

// unaddr strips parentheses and a leading &.
func unaddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return ast.Unparen(u.X)
	}
	return e
}
