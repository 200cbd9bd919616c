package source

import (
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/apigwlint/apigwlint/lint/position"
)

// tfAttachment is how a policy reaches an API: the target, and what a
// deployment's triggers must reference to follow the policy.
type tfAttachment struct {
	target Target
	// api names the aws_api_gateway_rest_api whose deployments redeploy the
	// policy; "" when the policy is not attached to one by name.
	api        string
	policyRefs []string       // references whose change is a policy change
	resource   position.Range // what the target index shows at /resource
	root       position.Range // the attaching resource block
}

// restAPIAttachment is the target of aws_api_gateway_rest_api.NAME.policy.
func (m *tfModule) restAPIAttachment(b *hclsyntax.Block) tfAttachment {
	name := b.Labels[1]
	addr := tfRestAPI + "." + name
	return tfAttachment{
		target:     Target{Kind: KindREST, Endpoint: m.endpointOf(b), Resource: addr, Type: tfRestAPI},
		api:        name,
		policyRefs: []string{addr + ".policy", addr + ".body"},
		resource:   m.header(b),
		root:       m.blockRange(b),
	}
}

// policyResourceAttachment is the target of
// aws_api_gateway_rest_api_policy.NAME, found through its rest_api_id.
func (m *tfModule) policyResourceAttachment(b *hclsyntax.Block) tfAttachment {
	self := tfRestAPIPolicy + "." + b.Labels[1]
	att := tfAttachment{
		target:     Target{Kind: KindUnknown, Resource: self, Type: tfRestAPIPolicy},
		policyRefs: []string{self + ".policy"},
		resource:   m.header(b),
		root:       m.blockRange(b),
	}
	a := attr(b, "rest_api_id")
	if a == nil {
		return att
	}
	att.resource = m.rng(a.SrcRange)
	parts := refParts(refOf(a.Expr))
	switch {
	case len(parts) >= 2 && parts[0] == tfRestAPI:
		api := m.byAddr[tfRestAPI+"."+parts[1]]
		addr := tfRestAPI + "." + parts[1]
		att.target = Target{Kind: KindREST, Resource: addr, Type: tfRestAPI}
		if api != nil {
			att.target.Endpoint = m.endpointOf(api)
		}
		att.api = parts[1]
		att.policyRefs = append(att.policyRefs, addr+".policy", addr+".body")
	case len(parts) >= 3 && parts[0] == "data" && parts[1] == tfRestAPI:
		att.target = Target{Kind: KindREST, Resource: strings.Join(parts[:3], "."), Type: tfRestAPI}
	case len(parts) >= 2 && parts[0] == tfV2API:
		att.target = Target{Kind: m.v2Kind(parts[1]), Resource: tfV2API + "." + parts[1], Type: tfV2API}
	}
	return att
}

// endpointOf is the endpoint type of a REST API block: EDGE when it has no
// endpoint_configuration, as API Gateway defaults, "" when the types are
// not a constant.
func (m *tfModule) endpointOf(api *hclsyntax.Block) string {
	for _, d := range blocksOf(api, "dynamic") {
		if len(d.Labels) == 1 && d.Labels[0] == "endpoint_configuration" {
			return ""
		}
	}
	ec := blocksOf(api, "endpoint_configuration")
	if len(ec) == 0 {
		return "EDGE"
	}
	a := attr(ec[0], "types")
	if a == nil {
		return ""
	}
	elems := m.listElems(a.Expr)
	if len(elems) != 1 {
		return ""
	}
	s, ok := constString(elems[0])
	if !ok {
		return ""
	}
	switch t := strings.ToUpper(s); t {
	case "EDGE", "REGIONAL", "PRIVATE":
		return t
	}
	return ""
}

// v2Kind is the kind of an aws_apigatewayv2_api by its protocol_type;
// HTTP unless the file says WEBSOCKET.
func (m *tfModule) v2Kind(name string) string {
	if a := attr(m.byAddr[tfV2API+"."+name], "protocol_type"); a != nil {
		if s, ok := constString(a.Expr); ok && strings.EqualFold(s, "WEBSOCKET") {
			return KindWebSocket
		}
	}
	return KindHTTP
}

// deployments lists the aws_api_gateway_deployment resources of the
// attachment's REST API, with the range each is shown at: its triggers, or
// its header when it has none.
func (m *tfModule) deployments(att tfAttachment, src tfSource) ([]Deployment, []position.Range) {
	if att.api == "" {
		return nil, nil
	}
	refs := append(append([]string(nil), att.policyRefs...), src.refs...)
	var (
		deps   []Deployment
		ranges []position.Range
	)
	for _, b := range m.resources {
		if b.Labels[0] != tfDeployment {
			continue
		}
		a := attr(b, "rest_api_id")
		if a == nil {
			continue
		}
		if parts := refParts(refOf(a.Expr)); len(parts) < 2 || parts[0] != tfRestAPI || parts[1] != att.api {
			continue
		}
		d := Deployment{Resource: tfDeployment + "." + b.Labels[1], Policy: att.policyRefs[0]}
		r := m.header(b)
		if t := attr(b, "triggers"); t != nil {
			d.HasTriggers = true
			d.TriggersPolicy = m.triggersFollow(t.Expr, refs, src.file)
			r = m.rng(t.SrcRange)
		}
		deps = append(deps, d)
		ranges = append(ranges, r)
	}
	return deps, ranges
}

// triggersFollow reports whether a triggers expression changes when the
// policy does: it references the policy (or something the policy is read
// from), or names the policy's file.
func (m *tfModule) triggersFollow(e hclsyntax.Expression, refs []string, file string) bool {
	if alwaysChanges(e) {
		return true
	}
	for _, t := range hclsyntax.Variables(e) {
		p := traversalPath(t)
		for _, r := range refs {
			if refCovers(p, r) {
				return true
			}
		}
	}
	return file != "" && strings.Contains(m.text(m.exprRange(e)), filepath.Base(file))
}

// alwaysChanges reports whether an expression calls a function whose value
// changes on every run (timestamp(), uuid()): such a trigger redeploys on
// every apply, policy change or not.
func alwaysChanges(e hclsyntax.Expression) bool {
	found := false
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			switch call.Name {
			case "timestamp", "plantimestamp", "uuid":
				found = true
			}
		}
		return nil
	})
	return found
}

// refCovers reports whether a reference to a depends on r: it reads r or
// something inside it, or the whole object r is part of.
func refCovers(a, r string) bool {
	return a == r || strings.HasPrefix(a, r+".") || strings.HasPrefix(r, a+".")
}

// newTargetIndex locates the target's description in f: /resource and
// each /deployments/<i>.
func newTargetIndex(f *position.File, att tfAttachment, deps []position.Range) *position.Index {
	ix := position.NewIndex(f)
	ix.Set("", position.Entry{Value: att.root})
	ix.Set("/resource", position.Entry{Value: att.resource})
	for i, r := range deps {
		ix.Set(position.Pointer("deployments", i), position.Entry{Value: r})
	}
	return ix
}
