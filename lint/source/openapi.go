package source

// OpenAPI documents (Swagger 2 and OpenAPI 3, JSON or YAML) imported into a
// REST API carry its resource policy as x-amazon-apigateway-policy at the
// root (DOMAIN.md §8.5): a policy object, or a JSON string. The endpoint
// type is not in the document (it is an import parameter), so it is unknown.

func openAPIDocs(t *tree) []*Document {
	root, _ := t.value.(map[string]any)
	v, ok := root[policyExt]
	if !ok {
		return nil
	}
	return appendDoc(nil, policyDoc(t, v, "/"+policyExt, FormatOpenAPI, Target{Kind: KindREST}))
}
