package source

import (
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// CloudFormation templates, JSON or YAML. A REST API's resource policy is
// the Policy property of AWS::ApiGateway::RestApi, a JSON object or a JSON
// string, or x-amazon-apigateway-policy in the OpenAPI document of its Body
// (DOMAIN.md §8.1). Which of the two wins when both are set is not
// documented, so both are linted. AWS::ApiGatewayV2::Api has no Policy
// property; a policy written there anyway is reported by the target rules,
// since HTTP and WebSocket APIs ignore resource policies (§6).

// Resource types read here.
const (
	typeRestAPI = "AWS::ApiGateway::RestApi"
	typeV2API   = "AWS::ApiGatewayV2::Api"
	policyExt   = "x-amazon-apigateway-policy"
)

// cloudFormationDocs returns the policies of the resources under the
// mapping at resources (the template's Resources, or the Resources a
// Serverless service adds), and, for a SAM template, the policies SAM
// generates.
func cloudFormationDocs(t *tree, resources string) []*Document {
	res, _ := t.lookup(resources)
	all, _ := res.(map[string]any)
	var docs []*Document
	sam := false
	for _, name := range members(all) {
		ptr := position.Append(resources, name)
		typ, _ := field(all[name], "Type").(string)
		props, _ := field(all[name], "Properties").(map[string]any)
		propsPtr := position.Append(ptr, "Properties")
		switch {
		case typ == typeRestAPI:
			target := Target{Kind: KindREST, Endpoint: restEndpoint(props), Resource: name, Type: typ}
			docs = append(docs, apiPolicies(t, propsPtr, props, FormatCloudFormation, target)...)
		case typ == typeV2API:
			target := Target{Kind: v2Kind(props), Resource: name, Type: typ}
			docs = append(docs, apiPolicies(t, propsPtr, props, FormatCloudFormation, target)...)
		case strings.HasPrefix(typ, "AWS::Serverless::"):
			sam = true
		}
	}
	if sam || isSAM(t.value) {
		docs = append(docs, samDocs(t, resources)...)
	}
	return docs
}

// isSAM reports a template that names the SAM transform.
func isSAM(root any) bool {
	tr := foldValue(field(root, "Transform"))
	if l, ok := tr.([]any); ok {
		for _, x := range l {
			if s, _ := x.(string); strings.HasPrefix(s, "AWS::Serverless") {
				return true
			}
		}
	}
	s, _ := tr.(string)
	return strings.HasPrefix(s, "AWS::Serverless")
}

// apiPolicies returns the documents of an API resource's Policy property
// and of the x-amazon-apigateway-policy in its Body.
func apiPolicies(t *tree, propsPtr string, props map[string]any, format Format, target Target) []*Document {
	var docs []*Document
	if v, ok := props["Policy"]; ok {
		docs = appendDoc(docs, policyDoc(t, v, position.Append(propsPtr, "Policy"), format, target))
	}
	if body, ok := props["Body"].(map[string]any); ok {
		if v, ok := body[policyExt]; ok {
			ptr := position.Append(position.Append(propsPtr, "Body"), policyExt)
			docs = appendDoc(docs, policyDoc(t, v, ptr, format, target))
		}
	}
	return docs
}

func appendDoc(docs []*Document, d *Document) []*Document {
	if d == nil {
		return docs
	}
	return append(docs, d)
}

// policyDoc builds the Document of the policy v found at ptr, or nil when
// the policy is only known at deploy time (a !Ref to a parameter, say).
func policyDoc(t *tree, v any, ptr string, format Format, target Target) *Document {
	b := newBuilder(t)
	p, ok := b.policy(v, ptr)
	if !ok {
		return nil
	}
	if p != nil {
		b.setRoot(ptr)
	}
	return b.document(format, p, target)
}

// restEndpoint is the endpoint type of an AWS::ApiGateway::RestApi:
// EndpointConfiguration.Types, else the endpointConfigurationTypes import
// parameter, else API Gateway's default, EDGE. An endpoint type known only
// at deploy time is "".
func restEndpoint(props map[string]any) string {
	ec, ok := props["EndpointConfiguration"]
	if !ok {
		if p, ok := field(props["Parameters"], "endpointConfigurationTypes").(string); ok {
			return endpointName(p)
		}
		return "EDGE"
	}
	m, isMap := foldValue(ec).(map[string]any)
	if !isMap {
		return ""
	}
	types, ok := m["Types"]
	if l, isList := types.([]any); isList && len(l) > 0 {
		types = l[0]
	} else if !ok || isList {
		return "EDGE"
	}
	return endpointName(types)
}

// endpointName normalises an endpoint type to EDGE, REGIONAL or PRIVATE,
// and anything else (a placeholder) to unknown.
func endpointName(v any) string {
	s, ok := literal(v)
	if !ok {
		return ""
	}
	switch s = strings.ToUpper(strings.TrimSpace(s)); s {
	case "EDGE", "REGIONAL", "PRIVATE":
		return s
	}
	return ""
}

// v2Kind reads ProtocolType: WEBSOCKET or HTTP. An API imported from an
// OpenAPI Body is an HTTP API, and so is one whose protocol is unknown:
// neither kind supports resource policies.
func v2Kind(props map[string]any) string {
	if p, ok := literal(props["ProtocolType"]); ok && strings.EqualFold(p, "WEBSOCKET") {
		return KindWebSocket
	}
	return KindHTTP
}
