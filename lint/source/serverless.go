package source

import (
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// Serverless Framework services (serverless.yml). The resource policy is a
// list of statements, without the Version/Statement wrapper, under
// provider.apiGateway.resourcePolicy, or under provider.resourcePolicy in
// versions before 3 (DOMAIN.md §8.4). The framework wraps it into the Policy
// of the REST API it generates, ApiGatewayRestApi. Statements may hold
// ${...} variables, which stay placeholders, and CloudFormation intrinsics.
// The service's own resources.Resources are CloudFormation and are read as
// such.

// serverlessPolicies are where the resource policy is, newest first.
var serverlessPolicies = []string{"/provider/apiGateway/resourcePolicy", "/provider/resourcePolicy"}

// isServerless: a service with an AWS provider.
func isServerless(root map[string]any) bool {
	if !has(root, "service") {
		return false
	}
	name, _ := literal(field(root["provider"], "name"))
	return strings.EqualFold(name, "aws")
}

func serverlessDocs(t *tree) []*Document {
	target := serverlessTarget(t.value)
	var docs []*Document
	for _, ptr := range serverlessPolicies {
		v, ok := t.lookup(ptr)
		if list, isList := v.([]any); ok && isList {
			docs = append(docs, serverlessDoc(t, list, ptr, target))
		}
	}
	return append(docs, cloudFormationDocs(t, "/resources/Resources")...)
}

// serverlessDoc wraps the statement list at ptr into a policy document
// whose statements sit where the list items are.
func serverlessDoc(t *tree, list []any, ptr string, target Target) *Document {
	b := newBuilder(t)
	stmts := make([]any, 0, len(list))
	for i, x := range list {
		if st, keep := b.statement(x, position.Append(ptr, i), position.Append("/Statement", len(stmts))); keep {
			stmts = append(stmts, st)
		}
	}
	b.set("/Version", ptr)
	b.set("/Statement", ptr)
	b.setRoot(ptr)
	policy := map[string]any{"Version": "2012-10-17", "Statement": stmts}
	return b.document(FormatServerless, policy, target)
}

// serverlessTarget: the service's REST API, or its HTTP API when no
// function has an http event and some have an httpApi one. The endpoint type
// is provider.endpointType, EDGE by default.
func serverlessTarget(root any) Target {
	rest, httpAPI := false, false
	functions, _ := field(root, "functions").(map[string]any)
	for _, fn := range functions {
		events, _ := field(fn, "events").([]any)
		for _, ev := range events {
			rest = rest || field(ev, "http") != nil
			httpAPI = httpAPI || field(ev, "httpApi") != nil
		}
	}
	if httpAPI && !rest {
		return Target{Kind: KindHTTP, Resource: "HttpApi", Type: typeV2API}
	}
	endpoint := "EDGE"
	if v := field(field(root, "provider"), "endpointType"); v != nil {
		endpoint = endpointName(v)
	}
	return Target{Kind: KindREST, Endpoint: endpoint, Resource: "ApiGatewayRestApi", Type: typeRestAPI}
}
