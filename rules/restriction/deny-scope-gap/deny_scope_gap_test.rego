package apigwlint.rules.restriction["deny-scope-gap_test"]

import data.apigwlint.rules.restriction["deny-scope-gap"] as rule

_allow(resource) := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": resource}

_deny(resource) := {
	"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": resource,
	"Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}},
}

_gap_tail := "granted by this Allow but not covered by the Resource of the Deny that restricts aws:SourceIp (Statement[1]), so they skip that restriction; give the Deny this Allow's Resource unless they are meant to be open to every caller"

test_named_stage_left_out if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource", 1],
		"message": concat(" ", [`requests to stage "dev" are`, _gap_tail]),
	}} with input as {"policy": {"Statement": [_allow(["execute-api:/prod/*", "execute-api:/dev/*"]), _deny("execute-api:/prod/*")]}}
}

test_every_other_stage_left_out if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource"],
		"message": concat(" ", ["requests to any stage the Deny does not name are", _gap_tail]),
	}} with input as {"policy": {"Statement": [_allow("execute-api:/*"), _deny(["execute-api:/prod/*"])]}}
}

test_verbs_left_out if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource"],
		"message": concat(" ", ["PUT requests are", _gap_tail]),
	}} with input as {"policy": {"Statement": [_allow("execute-api:/*"), _deny("execute-api:/*/GET/*")]}}
}

test_paths_left_out_is_a_warning if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource"],
		"message": concat(" ", [`requests such as GET / in stage "prod" are`, _gap_tail]),
		"severity": "warning",
	}} with input as {"policy": {"Statement": [_allow("execute-api:/prod/*"), _deny("execute-api:/prod/*/admin/*")]}}
}

test_several_denies_cover_together if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow(["execute-api:/prod/*", "execute-api:/dev/*"]),
		_deny("execute-api:/prod/*"),
		object.union(_deny("execute-api:/dev/*"), {"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"}}}),
	]}}
}

test_several_denies_named_in_the_message if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource", 2],
		"message": `requests to stage "test" are granted by this Allow but not covered by the Resource of any Deny that restricts aws:SourceIp or aws:sourceVpc (Statement[1], statement "VpcOnly"), so they skip that restriction; give the Deny this Allow's Resource unless they are meant to be open to every caller`,
	}} with input as {"policy": {"Statement": [
		_allow(["execute-api:/prod/*", "execute-api:/dev/*", "execute-api:/test/*"]),
		_deny("execute-api:/prod/*"),
		object.union(_deny("execute-api:/dev/*"), {"Sid": "VpcOnly", "Condition": {"StringNotLike": {"aws:sourceVpc": "vpc-0a1b2c3d"}}}),
	]}}
}

# Terraform's execution_arn, the same placeholder on both sides, is this API.
test_same_placeholder_head_is_this_api if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource"],
		"message": concat(" ", ["requests to any stage the Deny does not name are", _gap_tail]),
	}} with input as {"policy": {"Statement": [
		_allow("${aws_api_gateway_rest_api.orders.execution_arn}/*"),
		_deny("${aws_api_gateway_rest_api.orders.execution_arn}/prod/*"),
	]}}
}

test_principal_not_everyone if {
	rule.findings == {{
		"path": ["Statement", 1, "Principal"],
		"message": `this Deny applies only to the principals it names: anonymous callers and callers a Lambda authorizer allows, whom the Allow in statement "Open" lets in, skip the aws:SourceIp restriction; use "Principal": "*"`,
		"on": "key",
	}} with input as {"policy": {"Statement": [
		object.union(_allow("execute-api:/*"), {"Sid": "Open", "Principal": {"AWS": "*"}}),
		object.union(_deny("execute-api:/*"), {"Principal": {"AWS": ["arn:aws:iam::123456789012:root"]}}),
	]}}
}

test_not_principal_exempts if {
	rule.findings == {{
		"path": ["Statement", 1, "NotPrincipal"],
		"message": `this Deny's NotPrincipal exempts the principals it lists from the aws:SourceIp restriction, while the Allow in Statement[0] lets them in; use "Principal": "*"`,
		"on": "key",
	}} with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.remove(object.union(_deny("execute-api:/*"), {"NotPrincipal": {"AWS": "arn:aws:iam::123456789012:role/ops"}}), ["Principal"]),
	]}}
}

test_action_without_invoke if {
	rule.findings == {
		{
			"path": ["Statement", 1, "Action"],
			"message": `this Deny's Action does not include execute-api:Invoke, the action of every API call, so no call is held to its aws:SourceIp restriction; use "Action": "execute-api:Invoke"`,
			"on": "key",
		},
		{
			"path": ["Statement", 2, "NotAction"],
			"message": `this Deny's NotAction leaves out execute-api:Invoke, the action of every API call, so no call is held to its aws:SourceIp restriction; use "Action": "execute-api:Invoke"`,
			"on": "key",
		},
	} with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.union(_deny("execute-api:/*"), {"Action": ["execute-api:InvalidateCache"]}),
		object.remove(object.union(_deny("execute-api:/*"), {"NotAction": "execute-api:Invoke"}), ["Action"]),
	]}}
}

test_caller_controlled_conditions if {
	rule.findings == {
		{
			"path": ["Statement", 1, "Condition", "StringEquals", "aws:UserAgent"],
			"message": `this Deny also requires aws:UserAgent (StringEquals), which the caller controls: requests without a User-Agent header, or with another one, escape the aws:SourceIp restriction; test aws:UserAgent in a Deny of its own`,
			"on": "key",
		},
		{
			"path": ["Statement", 1, "Condition", "Null", "aws:referer"],
			"message": `this Deny also requires aws:referer (Null), which the caller controls: requests without a Referer header escape the aws:SourceIp restriction; test aws:referer in a Deny of its own`,
			"on": "key",
		},
	} with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.union(_deny("execute-api:/*"), {"Condition": {
			"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]},
			"StringEquals": {"aws:UserAgent": "corp-client/1.0"},
			"Null": {"aws:referer": "false"},
		}}),
	]}}
}

test_negated_and_if_exists_header_conditions if {
	msgs := {f.message | some f in rule.findings} with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.union(_deny("execute-api:/*"), {"Condition": {
			"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]},
			"StringNotLike": {"aws:UserAgent": "curl/*"},
			"StringEqualsIfExists": {"aws:Referer": "https://portal.example.com/"},
		}}),
	]}}
	msgs == {
		`this Deny also requires aws:UserAgent (StringNotLike), which the caller controls: requests whose User-Agent header matches the value it lists escape the aws:SourceIp restriction; test aws:UserAgent in a Deny of its own`,
		`this Deny also requires aws:Referer (StringEqualsIfExists), which the caller controls: requests with any other Referer header escape the aws:SourceIp restriction; test aws:Referer in a Deny of its own`,
	}
}

test_silent_on_the_canonical_pattern_and_opaque_values if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_allow("execute-api:/*"), _deny("execute-api:/*")]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_allow("arn:aws:execute-api:*:*:*"), _deny("*")]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_allow("execute-api:/${Stage}/*"), _deny("execute-api:/prod/*")]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_allow("execute-api:/*"), _deny("execute-api:/${Stage}/*")]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.union(_deny("execute-api:/*"), {"Principal": "${var.principal}", "Action": "${var.action}"}),
	]}}

	# Different placeholders may be different APIs: nothing can be shown.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow("${aws_api_gateway_rest_api.a.execution_arn}/*"),
		_deny("${aws_api_gateway_rest_api.b.execution_arn}/prod/*"),
	]}}
}

# An Allow restricted on a key no Deny restricts is missing-deny-clause's finding, and an
# Allow that shares no request with the Denies is not one they back.
test_silent_on_allows_the_denies_do_not_back if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		object.union(_allow("execute-api:/live/GET/health"), {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"}}}),
		_deny("execute-api:/live/POST/payments"),
	]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow("execute-api:/prod/*"),
		_deny("execute-api:/prod/*"),
		object.union(_allow("execute-api:/admin/*"), {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
	]}}
}

# An Allow restricted on the Deny's own key is still backed by it.
test_allow_restricted_on_the_denied_key_is_backed if {
	rule.findings == {{
		"path": ["Statement", 0, "Resource"],
		"message": concat(" ", ["requests to any stage the Deny does not name are", _gap_tail]),
	}} with input as {"policy": {"Statement": [
		object.union(_allow("execute-api:/*"), {"Condition": {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}),
		_deny("execute-api:/prod/*"),
	]}}
}

test_silent_without_a_restricting_deny_or_an_allow if {
	# A blocklist Deny (IpAddress) restricts nobody to a list.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow("execute-api:/*"),
		object.union(object.remove(_deny("execute-api:/prod/*"), ["Condition"]), {"Condition": {"IpAddress": {"aws:SourceIp": "81.2.69.160/27"}}}),
	]}}

	# The Allow's principals are named accounts: a Deny for those accounts covers them.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		object.union(_allow("execute-api:/*"), {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
		object.union(_deny("execute-api:/*"), {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
	]}}

	count(rule.findings) == 0 with input as {"policy": {"Statement": _deny("execute-api:/prod/*")}}
	count(rule.findings) == 0 with input as {"policy": null}
}
