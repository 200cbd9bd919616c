// Package apigateway is a test stub of the AWS SDK for Go v2's API Gateway
// client: the input types the analyzer reads, with the real field names.
package apigateway

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
)

// Client is an API Gateway client.
type Client struct{}

// CreateRestApiInput creates a REST API.
type CreateRestApiInput struct {
	Name                  *string
	Description           *string
	EndpointConfiguration *types.EndpointConfiguration
	Policy                *string
	Tags                  map[string]string
}

// CreateRestApiOutput is the created API.
type CreateRestApiOutput struct {
	Id     *string
	Policy *string
}

// UpdateRestApiInput changes a REST API.
type UpdateRestApiInput struct {
	RestApiId       *string
	PatchOperations []types.PatchOperation
}

// UpdateRestApiOutput is the changed API.
type UpdateRestApiOutput struct{ Policy *string }

// UpdateDomainNameInput changes a custom domain name.
type UpdateDomainNameInput struct {
	DomainName      *string
	PatchOperations []types.PatchOperation
}

// PutRestApiInput replaces a REST API with an OpenAPI definition.
type PutRestApiInput struct {
	RestApiId *string
	Body      []byte
}

// ImportRestApiInput creates a REST API from an OpenAPI definition.
type ImportRestApiInput struct {
	Body []byte
}

// CreateRestApi creates a REST API.
func (c *Client) CreateRestApi(ctx context.Context, in *CreateRestApiInput) (*CreateRestApiOutput, error) {
	return &CreateRestApiOutput{}, nil
}

// UpdateRestApi changes a REST API.
func (c *Client) UpdateRestApi(ctx context.Context, in *UpdateRestApiInput) (*UpdateRestApiOutput, error) {
	return &UpdateRestApiOutput{}, nil
}
