// Package sdkv1 creates REST APIs with the AWS SDK for Go v1.
package sdkv1

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/apigateway"
)

const privatePolicy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*"}]}` // want `AG201 Resource "arn:aws:execute-api:\*:\*:\*" has a wildcard`

var create = &apigateway.CreateRestApiInput{
	Name: aws.String("v1"),
	EndpointConfiguration: &apigateway.EndpointConfiguration{
		Types: []*string{aws.String(apigateway.EndpointTypePrivate)},
	},
	Policy: aws.String(privatePolicy),
}

// The setter of the v1 SDK.
func setter() *apigateway.CreateRestApiInput {
	in := &apigateway.CreateRestApiInput{}
	return in.SetName("x").SetPolicy(`{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.168.0.0/16"]}}}]}`) // want `AG102 .*192\.168\.0\.0/16`
}

var update = &apigateway.UpdateRestApiInput{
	RestApiId: aws.String("abc"),
	PatchOperations: []*apigateway.PatchOperation{{
		Op:    aws.String(apigateway.OpReplace),
		Path:  aws.String("/policy"),
		Value: aws.String(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*", "*"]}]}`), // want `AG201 Resource "\*"`
	}},
}

// An OpenAPI definition carries its policy in x-amazon-apigateway-policy.
const openAPI = `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "x-amazon-apigateway-policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}}` // want `AG201 Resource "\*"`

var put = (&apigateway.PutRestApiInput{RestApiId: aws.String("abc")}).SetBody([]byte(openAPI))
