// Command vetmodule is a sample program that provisions REST APIs with
// resource policies that apigwlint finds fault with. The expected findings
// are listed in the apigwlint-vet test (cmd/apigwlint-vet) and in
// scripts/custom-gcl-test.sh.
package main

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
)

const publicPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "execute-api:Invoke",
    "Resource": "*"
  }]
}`

//go:embed policies/orders.json
var ordersPolicy string

const denyPrivate = "{\"Statement\": [{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", " +
	"\"Resource\": \"execute-api:/*\", \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}]}"

func main() {
	ctx := context.Background()
	c := &apigateway.Client{}
	_, _ = c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{
		Name:   aws.String("public"),
		Policy: aws.String(publicPolicy),
	})
	_, _ = c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{
		Name:   aws.String("orders"),
		Policy: aws.String(ordersPolicy),
	})
	_, _ = c.UpdateRestApi(ctx, &apigateway.UpdateRestApiInput{
		RestApiId: aws.String("abc123"),
		PatchOperations: []types.PatchOperation{{
			Op:    types.OpReplace,
			Path:  aws.String("/policy"),
			Value: aws.String(denyPrivate),
		}},
	})
}
