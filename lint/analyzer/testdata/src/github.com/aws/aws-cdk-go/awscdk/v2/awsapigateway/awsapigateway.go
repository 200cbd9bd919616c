// Package awsapigateway is a test stub of the AWS CDK for Go's API Gateway
// module.
package awsapigateway

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
)

// EndpointType is the type of an API's endpoint.
type EndpointType string

// The endpoint types.
const (
	EndpointType_EDGE     EndpointType = "EDGE"
	EndpointType_REGIONAL EndpointType = "REGIONAL"
	EndpointType_PRIVATE  EndpointType = "PRIVATE"
)

// EndpointConfiguration is the endpoint configuration of a REST API.
type EndpointConfiguration struct {
	Types *[]EndpointType
}

// RestApiProps are the props of a REST API.
type RestApiProps struct {
	RestApiName           *string
	EndpointConfiguration *EndpointConfiguration
	EndpointTypes         *[]EndpointType
	Policy                awsiam.PolicyDocument
}

// LambdaRestApiProps are the props of a Lambda-backed REST API.
type LambdaRestApiProps struct {
	RestApiName *string
	Policy      awsiam.PolicyDocument
}

// RestApi is a REST API.
type RestApi interface{ RestApiId() *string }

type restAPI struct{}

func (restAPI) RestApiId() *string { return nil }

// NewRestApi defines a REST API.
func NewRestApi(scope constructs.Construct, id *string, props *RestApiProps) RestApi {
	return restAPI{}
}

// NewLambdaRestApi defines a Lambda-backed REST API.
func NewLambdaRestApi(scope constructs.Construct, id *string, props *LambdaRestApiProps) RestApi {
	return restAPI{}
}
