// Package sdkv2 creates REST APIs with the AWS SDK for Go v2.
package sdkv2

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
)

// want +7 `^AG201 Resource "\*" matches every resource; .* \(wildcard-resource\)$`
const openPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "execute-api:Invoke",
    "Resource": "*"
  }]
}`

func create(ctx context.Context, c *apigateway.Client) error {
	_, err := c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{
		Name:   aws.String("orders"),
		Policy: aws.String(openPolicy),
	})
	return err
}

const escaped = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}}" // want `AG101 .*\(missing-deny-clause\)` `AG102 .*10\.0\.0\.0/8.*\(private-cidr-source-ip\)`

func createEscaped() *apigateway.CreateRestApiInput {
	in := &apigateway.CreateRestApiInput{Name: aws.String("escaped")}
	in.Policy = aws.String(escaped)
	return in
}

func update(ctx context.Context, c *apigateway.Client, id string) error {
	_, err := c.UpdateRestApi(ctx, &apigateway.UpdateRestApiInput{
		RestApiId: aws.String(id),
		PatchOperations: []types.PatchOperation{{
			Op:    types.OpReplace,
			Path:  aws.String("/policy"),
			Value: aws.String(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}`), // want `AG201 Resource "\*"`
		}},
	})
	return err
}

const broken = `{"Statement": [{"Effect": "Allow",}]}` // want `AG001 .*\(invalid-json\)`

var brokenInput = apigateway.CreateRestApiInput{Policy: aws.String(broken)}

// Not constant: the analyzer does not guess.
func dynamic(cidr string) *apigateway.CreateRestApiInput {
	return &apigateway.CreateRestApiInput{
		Policy: aws.String(fmt.Sprintf(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": %q}}}]}`, cidr)),
	}
}

func param(p string) *apigateway.CreateRestApiInput {
	return &apigateway.CreateRestApiInput{Policy: &p}
}

// A custom domain's policy is not a REST API's.
var domain = apigateway.UpdateDomainNameInput{
	PatchOperations: []types.PatchOperation{{
		Op:    types.OpReplace,
		Path:  aws.String("/policy"),
		Value: aws.String(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`),
	}},
}

// Another path.
var other = types.PatchOperation{Op: types.OpReplace, Path: aws.String("/description"), Value: aws.String(`{"Statement": []}`)}

// Output types are what API Gateway returns, not code to lint.
var out = apigateway.CreateRestApiOutput{Policy: aws.String(openPolicy)}
