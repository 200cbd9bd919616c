package apigwlint.rules.target["http-api-target_test"]

import data.apigwlint.rules.target["http-api-target"] as rule

_policy := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}

_http_tail := "has no effect: HTTP APIs do not support resource policies; move it to a REST API (AWS::ApiGateway::RestApi), or control access with IAM, Lambda or JWT authorizers on the HTTP API"

test_fires_on_http_api_naming_resource if {
	got := rule.findings with input as {
		"policy": _policy,
		"target": {"kind": "http", "endpoint": "", "resource": "OrdersHttpApi", "type": "AWS::ApiGatewayV2::Api"},
	}
	got == {{"path": [], "message": concat(" ", [`resource policy on "OrdersHttpApi" (AWS::ApiGatewayV2::Api)`, _http_tail])}}
}

test_fires_on_http_api_with_partial_target if {
	named := rule.findings with input as {"policy": _policy, "target": {"kind": "http", "resource": "orders", "type": ""}}
	named == {{"path": [], "message": concat(" ", [`resource policy on "orders"`, _http_tail])}}
	typed := rule.findings with input as {"policy": _policy, "target": {"kind": "http", "resource": "", "type": "AWS::Serverless::HttpApi"}}
	typed == {{"path": [], "message": concat(" ", ["resource policy on an API of type AWS::Serverless::HttpApi", _http_tail])}}
	bare := rule.findings with input as {"policy": null, "target": {"kind": "http"}}
	bare == {{"path": [], "message": concat(" ", ["resource policy on an HTTP API", _http_tail])}}
}

test_fires_on_websocket_api if {
	got := rule.findings with input as {"policy": _policy, "target": {"kind": "websocket", "resource": "ChatApi", "type": "AWS::ApiGatewayV2::Api"}}
	got == {{"path": [], "message": concat("", [
		`resource policy on "ChatApi" (AWS::ApiGatewayV2::Api) has no effect: WebSocket APIs do not support resource policies; `,
		"control access with IAM authorization or a Lambda REQUEST authorizer on the $connect route instead",
	])}}
}

test_fires_on_unnamed_websocket_api if {
	[f] := [f | some f in rule.findings] with input as {"policy": _policy, "target": {"kind": "websocket", "resource": "", "type": ""}}
	startswith(f.message, "resource policy on a WebSocket API has no effect")
}

test_silent_on_rest_and_unknown_targets if {
	count(rule.findings) == 0 with input as {"policy": _policy, "target": {"kind": "rest", "endpoint": "REGIONAL", "resource": "Api", "type": "AWS::ApiGateway::RestApi"}}
	count(rule.findings) == 0 with input as {"policy": _policy, "target": {"kind": "unknown", "endpoint": "", "resource": "", "type": ""}}
	count(rule.findings) == 0 with input as {"policy": _policy}
}
