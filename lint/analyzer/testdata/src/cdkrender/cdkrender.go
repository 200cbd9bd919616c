// Package cdkrender holds CDK documents whose rendering the tests compare
// with the JSON CDK synthesises, one per REST API, in source order.
package cdkrender

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

func apis(scope constructs.Construct, vpce *string) {
	// One value renders as a scalar, several as a list; repeated actions
	// and resources are dropped; the default effect is Allow.
	awsapigateway.NewRestApi(scope, jsii.String("A"), &awsapigateway.RestApiProps{
		EndpointTypes: &[]awsapigateway.EndpointType{awsapigateway.EndpointType_PRIVATE},
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Sid:        jsii.String("AllowVpce"),
					Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
					Actions:    jsii.Strings("execute-api:Invoke", "execute-api:Invoke"),
					Resources:  &[]*string{jsii.String("execute-api:/prod/GET/*"), jsii.String("execute-api:/prod/POST/*")},
					Conditions: &map[string]interface{}{
						"StringEquals": &map[string]interface{}{"aws:SourceVpce": vpce},
					},
				}),
			},
		}),
	})
	// Principals of one type merge; a star principal makes the element "*".
	awsapigateway.NewRestApi(scope, jsii.String("B"), &awsapigateway.RestApiProps{
		Policy: awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Effect: awsiam.Effect_DENY,
					Principals: &[]awsiam.IPrincipal{
						awsiam.NewArnPrincipal(jsii.String("arn:aws:iam::123456789012:role/a")),
						awsiam.NewAccountPrincipal(jsii.String("210987654321")),
						awsiam.NewServicePrincipal(jsii.String("states.amazonaws.com"), nil),
						awsiam.NewOrganizationPrincipal(jsii.String("o-abc")),
					},
					NotActions:   &[]*string{jsii.String("execute-api:InvalidateCache")},
					NotResources: &[]*string{jsii.String("execute-api:/*/OPTIONS/*")},
				}),
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Principals: &[]awsiam.IPrincipal{awsiam.NewAccountRootPrincipal(), awsiam.NewStarPrincipal()},
					Actions:    &[]*string{jsii.String("execute-api:Invoke")},
					Resources:  jsii.Strings("execute-api:/*"),
					Conditions: &map[string]interface{}{
						"NumericLessThan": map[string]interface{}{"aws:MultiFactorAuthAge": 3600},
						"Bool":            map[string]interface{}{"aws:SecureTransport": true},
					},
				}),
			},
		}),
	})
}
