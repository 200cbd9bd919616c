// Package apigateway is a test stub of the AWS SDK for Go v1's API Gateway
// client.
package apigateway

// The endpoint types and patch operations.
const (
	EndpointTypePrivate  = "PRIVATE"
	EndpointTypeRegional = "REGIONAL"
	OpReplace            = "replace"
)

// EndpointConfiguration is the endpoint configuration of a REST API.
type EndpointConfiguration struct {
	Types []*string
}

// CreateRestApiInput creates a REST API.
type CreateRestApiInput struct {
	Name                  *string
	EndpointConfiguration *EndpointConfiguration
	Policy                *string
}

// SetPolicy sets the Policy field.
func (s *CreateRestApiInput) SetPolicy(v string) *CreateRestApiInput {
	s.Policy = &v
	return s
}

// SetName sets the Name field.
func (s *CreateRestApiInput) SetName(v string) *CreateRestApiInput {
	s.Name = &v
	return s
}

// PatchOperation is one update to a resource.
type PatchOperation struct {
	From  *string
	Op    *string
	Path  *string
	Value *string
}

// UpdateRestApiInput changes a REST API.
type UpdateRestApiInput struct {
	RestApiId       *string
	PatchOperations []*PatchOperation
}

// PutRestApiInput replaces a REST API with an OpenAPI definition.
type PutRestApiInput struct {
	RestApiId *string
	Body      []byte
}

// SetBody sets the Body field.
func (s *PutRestApiInput) SetBody(v []byte) *PutRestApiInput {
	s.Body = v
	return s
}
