// Package apigateway is a stub of the SDK's API Gateway client.
package apigateway

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
)

// Client is an API Gateway client.
type Client struct{}

// CreateRestApiInput creates a REST API.
type CreateRestApiInput struct {
	Name   *string
	Policy *string
}

// CreateRestApiOutput is the created API.
type CreateRestApiOutput struct{ Id *string }

// UpdateRestApiInput changes a REST API.
type UpdateRestApiInput struct {
	RestApiId       *string
	PatchOperations []types.PatchOperation
}

// UpdateRestApiOutput is the changed API.
type UpdateRestApiOutput struct{}

// CreateRestApi creates a REST API.
func (c *Client) CreateRestApi(ctx context.Context, in *CreateRestApiInput) (*CreateRestApiOutput, error) {
	return &CreateRestApiOutput{}, nil
}

// UpdateRestApi changes a REST API.
func (c *Client) UpdateRestApi(ctx context.Context, in *UpdateRestApiInput) (*UpdateRestApiOutput, error) {
	return &UpdateRestApiOutput{}, nil
}
