// Package embedpol keeps its policies in files embedded with //go:embed.
package embedpol

import (
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
)

// want +2 `^AG201 policies/allow\.json:8:19: Resource "\*" matches every resource; .*\(wildcard-resource\)$`
//
//go:embed policies/allow.json
var allow string

var create = apigateway.CreateRestApiInput{Policy: aws.String(allow)}

var (
	// want +1 `AG101 openapi\.yaml:9:7: .*\(missing-deny-clause\)` `AG102 openapi\.yaml:15:25: .*172\.16\.0\.0/12`
	//go:embed "openapi.yaml"
	definition []byte
)

var put = apigateway.PutRestApiInput{Body: definition}

// A glob that matches one file.
//
// want +2 `AG201 policies/allow\.json:8:19: `
//
//go:embed policies/a*.json
var globbed string

var again = apigateway.CreateRestApiInput{Policy: aws.String(globbed)}
