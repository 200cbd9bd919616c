// Package fix holds CIDRs with host bits set, which the analyzer offers to
// canonicalise.
package fix

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

const allowlist = `{"Version": "2012-10-17", "Statement": [` +
	`{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},` +
	"{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", " +
	"\"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": [\"52.94.76.7/22\", \"2600:1f18::1/64\"]}}}]}" // want `AG103 "52\.94\.76\.7/22" .*host bits` `AG103 "2600:1f18::1/64" .*host bits`

var in = apigateway.CreateRestApiInput{Policy: aws.String(allowlist)}

func api(scope constructs.Construct) {
	awsapigateway.NewRestApi(scope, jsii.String("Api"), &awsapigateway.RestApiProps{
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()},
					Actions:    jsii.Strings("execute-api:Invoke"),
					Resources:  jsii.Strings("execute-api:/*"),
				}),
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Effect:     awsiam.Effect_DENY,
					Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()},
					Actions:    jsii.Strings("execute-api:Invoke"),
					Resources:  jsii.Strings("execute-api:/*"),
					Conditions: &map[string]interface{}{
						"NotIpAddress": map[string]interface{}{"aws:SourceIp": []string{"52.94.76.7/22"}}, // want `AG103 "52\.94\.76\.7/22" .*host bits`
					},
				}),
			},
		}),
	})
}
