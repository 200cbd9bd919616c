// Package analyzer defines a go/analysis Analyzer that finds API Gateway
// REST API resource policies written in Go and checks them with apigwlint's
// rules: the same rules, codes and messages as the apigwlint command.
//
// # Analyzer apigwlint
//
// apigwlint: check API Gateway resource policies written in Go
//
// The analyzer looks at packages that import the API Gateway client of the
// AWS SDK for Go (v2 or v1) or the AWS CDK for Go's awsapigateway module,
// and lints the policies that reach it:
//
//   - a string constant (a literal, a named constant, constants joined with
//     +, possibly through aws.String) in CreateRestApiInput.Policy, in an
//     UpdateRestApi patch operation on the path /policy, or as the OpenAPI
//     definition (Body) of PutRestApi and ImportRestApi, whose
//     x-amazon-apigateway-policy is linted;
//   - a file embedded with //go:embed into a string or []byte variable that
//     reaches one of those fields;
//   - a CDK policy document (awsiam.NewPolicyDocument with
//     awsiam.NewPolicyStatement, or awsiam.PolicyDocument_FromJson) given as
//     the Policy of a REST API's props, translated into the JSON that CDK
//     synthesises.
//
// Each finding is reported at the offending value inside the Go string
// literal or the CDK expression, with the rule's code as the diagnostic's
// category and its documentation page as the URL. Values the analyzer
// cannot read from the source (a variable, a function result) are treated
// as unknown, never guessed: a policy that is not constant is not linted,
// and an unknown part of a CDK document is a "${...}" placeholder.
//
// Findings in an embedded file are reported at its //go:embed directive,
// with the file, line and column in the message: drivers such as
// golangci-lint drop diagnostics outside Go files.
//
// Use it with go vet:
//
//	go install github.com/apigwlint/apigwlint/cmd/apigwlint-vet@latest
//	go vet -vettool=$(command -v apigwlint-vet) ./...
package analyzer
