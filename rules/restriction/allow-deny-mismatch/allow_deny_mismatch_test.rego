package apigwlint.rules.restriction["allow-deny-mismatch_test"]

import data.apigwlint.rules.restriction["allow-deny-mismatch"] as rule

_stmt(effect, cond) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": cond,
}

test_both_directions_named_on_the_deny_key if {
	rule.findings == {{
		"path": ["Statement", 1, "Condition", "NotIpAddress", "aws:SourceIp"],
		"message": `this Deny's NotIpAddress list on aws:SourceIp differs from the Allow's IpAddress list, and the Deny wins: 52.94.76.0/22 is only in the Allow, so the Deny refuses it; 80.239.128.0/19 is only in this list, so it escapes the Deny but no Allow admits it: anonymous callers get 403, while same-account IAM callers and callers a Lambda authorizer allows are let in; list the same ranges in both`,
		"on": "key",
	}} with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27", "52.94.76.0/22"]}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27", "80.239.128.0/19"]}}),
	]}}
}

test_exact_sets_key_case_and_if_exists if {
	# The Allow's /24 is only half covered by the Deny's /25: the other half is refused.
	rule.findings == {{
		"path": ["Statement", 1, "Condition", "NotIpAddressIfExists", "AWS:SOURCEIP"],
		"message": `this Deny's NotIpAddress list on AWS:SOURCEIP differs from the Allow's IpAddress list, and the Deny wins: 81.2.69.128/25, 2600:1f18::/33 are only in the Allow, so the Deny refuses them; list the same ranges in both`,
		"on": "key",
	}} with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"aws:sourceip": ["81.2.69.0/24", "2600:1F18::/32"]}}),
		_stmt("Deny", {"NotIpAddressIfExists": {"AWS:SOURCEIP": ["81.2.69.0/25", "2600:1f18:8000::/33"]}}),
	]}}
}

test_union_of_allows_and_long_lists_cut if {
	rule.findings == {{
		"path": ["Statement", 2, "Condition", "NotIpAddress", "aws:VpcSourceIp"],
		"message": `this Deny's NotIpAddress list on aws:VpcSourceIp differs from the Allows' IpAddress lists together, and the Deny wins: 10.1.0.0/16, 10.3.0.0/16, 10.5.0.0/16, 10.7.0.0/16 and 1 more are only in this list, so they escape the Deny but no Allow admits them: anonymous callers get 403, while same-account IAM callers and callers a Lambda authorizer allows are let in; list the same ranges in both`,
		"on": "key",
	}} with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}),
		_stmt("Allow", {"IpAddress": {"aws:VpcSourceIp": ["10.9.0.0/16"]}}),
		_stmt("Deny", {"NotIpAddress": {"aws:VpcSourceIp": ["10.0.0.0/16", "10.1.0.0/16", "10.3.0.0/16", "10.5.0.0/16", "10.7.0.0/16", "10.11.0.0/16", "10.9.0.0/16"]}}),
	]}}
}

test_silent_when_equal_opaque_or_unpaired if {
	# The same addresses written differently.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["81.2.69.0/25", "81.2.69.128/25", "52.94.76.18"]}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["52.94.76.18/32", "81.2.69.0/24"]}}),
	]}}

	# A placeholder makes the Allow's set unknown.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["81.2.69.0/24", "${var.extra_cidr}"]}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "81.2.69.0/24"}}),
	]}}

	# Different keys, or no IpAddress Allow at all (the canonical pattern).
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "81.2.69.0/24"}}),
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
	]}}
}

test_silent_on_a_lone_statement if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": _stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "81.2.69.0/24"}})}}
	count(rule.findings) == 0 with input as {"policy": null}
}
