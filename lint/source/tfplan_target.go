package source

import (
	"encoding/json"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// documents returns the policies the plan sets on REST APIs.
func (p *planFile) documents(path string, f *position.File) []*Document {
	var docs []*Document
	for i := range p.resources {
		r := &p.resources[i]
		if r.typ != tfRestAPI && r.typ != tfRestAPIPolicy {
			continue
		}
		pol, at := p.str(r.values, "policy")
		if at < 0 || strings.TrimSpace(pol) == "" {
			continue
		}
		doc := &Document{Path: path, Format: FormatTFPlan, Target: Target{Kind: KindUnknown}, Index: position.NewIndex(f)}
		v, dups, se := decodeJSON([]byte(pol), jsonStringRemap(p.src, at), doc.Index)
		if se != nil {
			syntaxProblem(doc, se, len(p.src))
		} else {
			doc.Policy = v
			doc.Problems = dups.problems(f, v)
		}
		att := p.attachment(r)
		deps, ranges := p.deployments(att)
		doc.Target = att.target
		doc.Target.Deployments = deps
		doc.TargetIndex = newTargetIndex(f, att, ranges)
		docs = append(docs, doc)
	}
	return docs
}

// local is a resource's address inside its module's configuration.
func (r *planResource) local() string { return strings.TrimPrefix(r.config, r.module) }

// attachment describes the API a policy resource of the plan is set on.
func (p *planFile) attachment(r *planResource) tfAttachment {
	refs := append([]string{r.local() + ".policy"}, p.config[r.config]["policy"]...)
	att := tfAttachment{
		target:     Target{Kind: KindUnknown, Resource: r.addr, Type: r.typ},
		policyRefs: refs,
		resource:   r.obj,
		root:       r.obj,
	}
	api := r
	if r.typ == tfRestAPIPolicy {
		if api = p.apiOf(r); api == nil {
			return att
		}
	}
	switch api.typ {
	case tfRestAPI:
		att.target = Target{Kind: KindREST, Endpoint: p.endpoint(api), Resource: api.addr, Type: tfRestAPI}
		att.api = api.config
		att.policyRefs = append(att.policyRefs, api.local()+".policy", api.local()+".body")
	case tfV2API:
		kind := KindHTTP
		if proto, _ := p.str(api.values, "protocol_type"); strings.EqualFold(proto, "WEBSOCKET") {
			kind = KindWebSocket
		}
		att.target = Target{Kind: kind, Resource: api.addr, Type: tfV2API}
	}
	return att
}

// apiOf finds the API a policy or deployment resource names in rest_api_id:
// by the configuration's reference, else by the id the plan already knows.
func (p *planFile) apiOf(r *planResource) *planResource {
	for _, ref := range p.config[r.config]["rest_api_id"] {
		parts := refParts(ref)
		if len(parts) < 2 || (parts[0] != tfRestAPI && parts[0] != tfV2API) {
			continue
		}
		if api := p.byConfig(r.module + parts[0] + "." + parts[1]); api != nil {
			return api
		}
	}
	id, at := p.str(r.values, "rest_api_id")
	if at < 0 || id == "" {
		return nil
	}
	for i := range p.resources {
		a := &p.resources[i]
		if a.typ != tfRestAPI && a.typ != tfV2API {
			continue
		}
		if aid, _ := p.str(a.values, "id"); aid == id {
			return a
		}
	}
	return nil
}

func (p *planFile) byConfig(config string) *planResource {
	for i := range p.resources {
		if p.resources[i].config == config {
			return &p.resources[i]
		}
	}
	return nil
}

// endpoint is a REST API's endpoint type: EDGE when the plan has no
// endpoint_configuration, "" when it is not known yet.
func (p *planFile) endpoint(api *planResource) string {
	v, ok := p.member(api.values, "endpoint_configuration")
	if !ok {
		return ""
	}
	var ec []struct {
		Types []string `json:"types"`
	}
	if json.Unmarshal(p.src[v.Start:v.End], &ec) != nil {
		return ""
	}
	if len(ec) == 0 {
		return "EDGE"
	}
	if len(ec[0].Types) != 1 {
		return ""
	}
	switch t := strings.ToUpper(ec[0].Types[0]); t {
	case "EDGE", "REGIONAL", "PRIVATE":
		return t
	}
	return ""
}

// deployments lists the plan's aws_api_gateway_deployment resources of the
// attachment's REST API. Whether their triggers follow the policy is read
// from the configuration's references; a plan without a configuration
// section cannot tell, and a deployment with triggers is then assumed to
// follow it rather than reported on a guess.
func (p *planFile) deployments(att tfAttachment) ([]Deployment, []position.Range) {
	api := p.byConfig(att.api)
	if api == nil {
		return nil, nil
	}
	var (
		deps   []Deployment
		ranges []position.Range
	)
	for i := range p.resources {
		d := &p.resources[i]
		if d.typ != tfDeployment || p.apiOf(d) != api {
			continue
		}
		dep := Deployment{Resource: d.addr}
		r := d.obj
		cfg, hasConfig := p.config[d.config]
		known := false
		if t, ok := p.member(d.values, "triggers"); ok && p.src[t.Start] != 'n' {
			dep.HasTriggers, known = true, true
			r = t
		}
		switch refs, ok := cfg["triggers"]; {
		case ok:
			// Triggers that reference nothing yet are unknown until apply
			// change with every run (timestamp()); a constant never does.
			dep.HasTriggers = true
			dep.TriggersPolicy = anyCovers(refs, att.policyRefs) || (len(refs) == 0 && !known)
		case !hasConfig:
			dep.TriggersPolicy = dep.HasTriggers
		}
		deps = append(deps, dep)
		ranges = append(ranges, r)
	}
	return deps, ranges
}

func anyCovers(refs, targets []string) bool {
	for _, a := range refs {
		for _, r := range targets {
			if refCovers(a, r) {
				return true
			}
		}
	}
	return false
}
