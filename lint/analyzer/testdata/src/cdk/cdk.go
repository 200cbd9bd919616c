// Package cdk defines REST APIs with the AWS CDK for Go.
package cdk

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// An allowlist without the Deny that enforces it, on a resource that is
// every resource.
func allowlist(scope constructs.Construct) {
	awsapigateway.NewRestApi(scope, jsii.String("Allowlist"), &awsapigateway.RestApiProps{
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{ // want `AG101 .*\(missing-deny-clause\)`
					Effect:     awsiam.Effect_ALLOW,
					Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
					Actions:    jsii.Strings("execute-api:Invoke"),
					Resources:  &[]*string{jsii.String("*")}, // want `AG201 Resource "\*"`
					Conditions: &map[string]interface{}{
						"IpAddress": &map[string]interface{}{
							"aws:SourceIp": []*string{jsii.String("52.94.76.0/22"), jsii.String("10.1.0.0/16")}, // want `AG102 .*10\.1\.0\.0/16`
						},
					},
				}),
			},
		}),
	})
}

// The standard allowlist, built in a variable with AddStatements and
// statement variables: no finding but the private range.
func allowlistWithDeny(scope constructs.Construct, apiName *string) {
	allow := awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()},
		Actions:    &[]*string{jsii.String("execute-api:Invoke")},
		Resources:  &[]*string{jsii.String("execute-api:/*")},
	})
	deny := awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()},
		Actions:    &[]*string{jsii.String("execute-api:Invoke")},
		Resources:  &[]*string{jsii.String("execute-api:/*")},
		Conditions: &map[string]interface{}{
			"NotIpAddress": map[string]interface{}{
				"aws:SourceIp": "192.0.2.0/24", // want `AG102 .*192\.0\.2\.0/24`
			},
		},
	})
	doc := awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &[]awsiam.PolicyStatement{allow}})
	doc.AddStatements(deny)
	awsapigateway.NewRestApi(scope, jsii.String("Standard"), &awsapigateway.RestApiProps{
		RestApiName: apiName,
		Policy:      doc,
	})
}

// A document from its JSON form, in a Lambda-backed API.
func fromJSON(scope constructs.Construct) {
	awsapigateway.NewLambdaRestApi(scope, jsii.String("FromJson"), &awsapigateway.LambdaRestApiProps{
		Policy: awsiam.PolicyDocument_FromJson(&map[string]interface{}{
			"Version": "2012-10-17",
			"Statement": []interface{}{
				map[string]interface{}{
					"Effect":    "Allow",
					"Principal": "*",
					"Action":    "execute-api:Invoke",
					"Resource":  "arn:aws:execute-api:*:*:*", // want `AG201 .*wildcard`
				},
			},
		}),
	})
}

// Values not known until synth are placeholders: the ARN from a variable
// is never taken for a wildcard.
func unknown(scope constructs.Construct, arn *string) {
	awsapigateway.NewRestApi(scope, jsii.String("Unknown"), &awsapigateway.RestApiProps{
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Principals: &[]awsiam.IPrincipal{awsiam.NewAccountPrincipal(jsii.String("123456789012"))},
					Actions:    &[]*string{jsii.String("execute-api:Invoke")},
					Resources:  &[]*string{arn},
				}),
			},
		}),
	})
}

// A statement changed after it is made: CDK renders what the analyzer
// cannot see, so the document is left alone.
func mutated(scope constructs.Construct) {
	st := awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Resources:  &[]*string{jsii.String("*")},
	})
	st.AddActions(jsii.String("execute-api:Invoke"))
	awsapigateway.NewRestApi(scope, jsii.String("Mutated"), &awsapigateway.RestApiProps{
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &[]awsiam.PolicyStatement{st}}),
	})
}

// A document passed in: not known here.
func passedIn(scope constructs.Construct, doc awsiam.PolicyDocument) {
	awsapigateway.NewRestApi(scope, jsii.String("PassedIn"), &awsapigateway.RestApiProps{Policy: doc})
}

// An IAM policy document that is not a REST API's policy.
var notAPI = awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
	Statements: &[]awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Resources: &[]*string{jsii.String("*")}}),
	},
})
