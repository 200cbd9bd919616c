// Package types is a test stub of the AWS SDK for Go v2's API Gateway
// types package.
package types

// EndpointType is the type of an API's endpoint.
type EndpointType string

// The endpoint types.
const (
	EndpointTypeRegional EndpointType = "REGIONAL"
	EndpointTypeEdge     EndpointType = "EDGE"
	EndpointTypePrivate  EndpointType = "PRIVATE"
)

// EndpointConfiguration is the endpoint configuration of a REST API.
type EndpointConfiguration struct {
	Types          []EndpointType
	VpcEndpointIds []string
}

// Op is a patch operation.
type Op string

// The patch operations.
const (
	OpAdd     Op = "add"
	OpRemove  Op = "remove"
	OpReplace Op = "replace"
)

// PatchOperation is one update to a resource.
type PatchOperation struct {
	From  *string
	Op    Op
	Path  *string
	Value *string
}
