// Package silent holds Policy fields that are not API Gateway resource
// policies, and policies whose value is not known: no diagnostics.
package silent

import (
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const bad = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`

// An S3 bucket policy has a Policy field too.
var bucket = s3.PutBucketPolicyInput{Bucket: aws.String("b"), Policy: aws.String(bad)}

// A struct of this package with a Policy field.
type local struct{ Policy *string }

var mine = local{Policy: aws.String(bad)}

// Read at run time.
func fromFile() (*apigateway.CreateRestApiInput, error) {
	b, err := os.ReadFile("policy.json")
	if err != nil {
		return nil, err
	}
	return &apigateway.CreateRestApiInput{Policy: aws.String(string(b))}, nil
}

// An exported variable may be changed by another package.
var Exported = bad

var fromExported = apigateway.CreateRestApiInput{Policy: aws.String(Exported)}

// An empty policy is no policy.
var empty = apigateway.CreateRestApiInput{Policy: aws.String("")}
