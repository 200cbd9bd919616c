package apigwlint.rules.target["missing-redeploy-trigger_test"]

import data.apigwlint.rules.target["missing-redeploy-trigger"] as rule

_policy := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}

_target(deployments) := {
	"kind": "rest", "endpoint": "REGIONAL", "resource": "aws_api_gateway_rest_api.orders",
	"type": "aws_api_gateway_rest_api", "deployments": deployments,
}

test_fires_on_deployment_without_triggers if {
	got := rule.findings with input as {"policy": _policy, "target": _target([
		{"resource": "aws_api_gateway_deployment.prod", "has_triggers": false, "triggers_policy": false},
	])}
	got == {{
		"path": ["deployments", 0], "on": "target",
		"message": concat("", [
			"aws_api_gateway_deployment.prod has no triggers, so it is not redeployed when the resource policy of ",
			"aws_api_gateway_rest_api.orders changes and the stage keeps enforcing the old policy; add ",
			"triggers = { policy = sha1(aws_api_gateway_rest_api_policy.<name>.policy) }, hashing the policy argument that sets it",
		]),
	}}
}

test_fires_on_triggers_without_policy if {
	got := rule.findings with input as {"policy": _policy, "target": _target([
		{"resource": "aws_api_gateway_deployment.ok", "has_triggers": true, "triggers_policy": true},
		{"resource": "aws_api_gateway_deployment.ids", "has_triggers": true, "triggers_policy": false, "policy": "aws_api_gateway_rest_api_policy.orders.policy"},
	])}
	got == {{
		"path": ["deployments", 1], "on": "target",
		"message": concat("", [
			"the triggers of aws_api_gateway_deployment.ids do not depend on the resource policy of aws_api_gateway_rest_api.orders, ",
			"so a policy change is not redeployed and the stage keeps enforcing the old policy; add the policy to them, ",
			"e.g. triggers = { policy = sha1(aws_api_gateway_rest_api_policy.orders.policy) }",
		]),
	}}
}

test_names_no_api_when_unknown if {
	got := rule.findings with input as {"policy": _policy, "target": {"kind": "rest", "resource": "", "deployments": [
		{"resource": "aws_api_gateway_deployment.prod", "has_triggers": false, "triggers_policy": false},
	]}}
	some f in got
	contains(f.message, "when the resource policy changes")
}

test_silent_without_deployments if {
	count(rule.findings) == 0 with input as {"policy": _policy, "target": _target([])}
	count(rule.findings) == 0 with input as {"policy": _policy, "target": {"kind": "unknown"}}
	count(rule.findings) == 0 with input as {"policy": _policy}
}

test_silent_when_triggers_follow_policy if {
	count(rule.findings) == 0 with input as {"policy": _policy, "target": _target([
		{"resource": "aws_api_gateway_deployment.prod", "has_triggers": true, "triggers_policy": true},
	])}
}
