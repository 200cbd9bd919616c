// Package concat builds a policy from named constants joined with +,
// spread over lines, written in both kinds of literal.
package concat

import (
	"concat/policies"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
)

const (
	head  = `{"Version": "2012-10-17", "Statement": [`
	allow = `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",` +
		"\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"52.94.76.0/22\", \"127.0.0.1\"]}}}" // want `AG102 .*127\.0\.0\.1`
	deny = `,{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",` +
		`"Condition": {"NotIpAddress": {"aws:SourceIp": ["52.94.76.0/22", "127.0.0.1"]}}}` // want `AG102 .*127\.0\.0\.1`
	tail = "]}"

	policy = head + allow + deny + tail
)

// typed is a named string type, as some code wraps policies.
type document string

const typed document = document(head) + `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}` + tail // want `AG201 Resource "\*"`

var (
	a = apigateway.CreateRestApiInput{Policy: aws.String(policy)}
	b = apigateway.CreateRestApiInput{Policy: aws.String(string(typed))}
)

// local is set once from a constant, so its value is known.
func local() *apigateway.CreateRestApiInput {
	p := head + `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:123456789012:abc/*"}` + tail // want `AG201 .*wildcard`
	return &apigateway.CreateRestApiInput{Policy: aws.String(p)}
}

// changed is assigned twice, so its value is not known.
func changed(prod bool) *apigateway.CreateRestApiInput {
	p := head + `{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}` + tail
	if prod {
		p = head + tail
	}
	return &apigateway.CreateRestApiInput{Policy: aws.String(p)}
}

// A constant of another package: its value is known, but not where each
// character is written, so findings land where it is used.
var fromOther = apigateway.CreateRestApiInput{Policy: aws.String(policies.Open)} // want `AG201 Resource "\*"`
