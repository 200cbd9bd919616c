package apigwlint.rules.resource["wildcard-resource_test"]

import data.apigwlint.rules.resource["wildcard-resource"] as rule

_advice := `use the "execute-api:/stage/VERB/path" form, which API Gateway expands to this API's own ARN`

_stmt(effect, resource) := {"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke", "Resource": resource}

_wild(value, where) := sprintf("Resource %q has a wildcard in the %s; %s", [value, where, _advice])

test_fires_on_star if {
	got := rule.findings with input as {"policy": {"Statement": _stmt("Allow", "*")}}
	got == {{
		"path": ["Statement", "Resource"],
		"message": sprintf("Resource \"*\" matches every resource; %s (e.g. \"execute-api:/*\")", [_advice]),
	}}
}

test_fires_on_region_account_and_api_id if {
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", "arn:aws:execute-api:*:*:*")]}}
	got == {{
		"path": ["Statement", 0, "Resource"],
		"message": _wild("arn:aws:execute-api:*:*:*", "region, account and api-id positions"),
	}}
}

test_fires_on_api_id_only if {
	v := "arn:aws:execute-api:ap-southeast-1:123456789012:*/*/*/*"
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", v)]}}
	got == {{"path": ["Statement", 0, "Resource"], "message": _wild(v, "api-id position")}}
}

test_fires_once_per_value_with_placeholders if {
	a := "arn:aws:execute-api:${aws_region}:*:*/*/GET/balance"
	b := "arn:aws:execute-api:${aws_region}:123456789012:${api_id}/*/GET/history"
	c := "arn:aws:execute-api:${var.region}:${data.aws_caller_identity.this.account_id}:*"
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", [a, b, c])]}}
	got == {
		{"path": ["Statement", 0, "Resource", 0], "message": _wild(a, "account and api-id positions")},
		{"path": ["Statement", 0, "Resource", 2], "message": _wild(c, "api-id position")},
	}
}

test_fires_on_question_mark_and_partition if {
	a := "arn:aws:execute-api:us-east-?:123456789012:a1b2c3d4e5/prod/*"
	b := "arn:*:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", a), _stmt("Allow", b)]}}
	got == {
		{"path": ["Statement", 0, "Resource"], "message": _wild(a, "region position")},
		{"path": ["Statement", 1, "Resource"], "message": _wild(b, "partition position")},
	}
}

test_fires_on_truncated_arn if {
	v := "arn:aws:execute-api:us-east-1:*"
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", v)]}}
	got == {{"path": ["Statement", 0, "Resource"], "message": _wild(v, "account and api-id positions")}}
}

test_silent_on_deny if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Deny", "*"),
		_stmt("Deny", "arn:aws:execute-api:*:*:*"),
	]}}
}

test_silent_on_shorthand_and_specific_arns if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_stmt("Allow", [
		"execute-api:/*",
		"execute-api:/prod/GET/*",
		"arn:aws:execute-api:eu-west-2:210987654321:a1b2c3d4e5/*/GET/status",
		"arn:aws-cn:execute-api:cn-north-1:210987654321:a1b2c3d4e5/*",
	])]}}
}

test_silent_on_opaque_segments if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_stmt("Allow", [
		"arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*",
		"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*",
		"arn:aws:execute-api:${var.region}:${var.account}:${aws_api_gateway_rest_api.api.id}*",
		"${aws_api_gateway_rest_api.api.execution_arn}/*",
		"${aws_api_gateway_rest_api.api.execution_arn}*",
	])]}}
}

test_silent_on_not_resource_other_services_and_odd_values if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		object.union(_stmt("Allow", null), {"Resource": {"Fn::Sub": "execute-api:/*"}}),
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "NotResource": "*"},
		_stmt("Allow", "arn:aws:lambda:*:*:function:*"),
	]}}
	count(rule.findings) == 0 with input as {"policy": null}
}
