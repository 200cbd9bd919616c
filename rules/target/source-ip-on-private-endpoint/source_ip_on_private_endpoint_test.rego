package apigwlint.rules.target["source-ip-on-private-endpoint_test"]

import data.apigwlint.rules.target["source-ip-on-private-endpoint"] as rule

_stmt(effect, condition) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": condition,
}

_private := {"kind": "rest", "endpoint": "PRIVATE", "resource": "Api", "type": "AWS::ApiGateway::RestApi"}

_msg(key, effect) := sprintf(
	"%q is never present on a PRIVATE API, whose requests arrive through a VPC endpoint: %s; test aws:VpcSourceIp for the caller's private address, or aws:SourceVpce / aws:SourceVpc for the endpoint or VPC it comes through",
	[key, effect],
)

test_fires_on_deny_not_ip_address if {
	got := rule.findings with input as {"target": _private, "policy": {"Statement": [
		_stmt("Allow", null),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["52.94.76.0/22"]}}),
	]}}
	got == {{
		"path": ["Statement", 1, "Condition", "NotIpAddress", "aws:SourceIp"],
		"message": _msg("aws:SourceIp", "this Deny applies to every caller"),
		"on": "key",
	}}
}

test_fires_on_allow_ip_address_with_key_case if {
	got := rule.findings with input as {"target": _private, "policy": {"Statement": _stmt("Allow", {"IpAddress": {"AWS:SOURCEIP": "52.94.76.0/22"}})}}
	got == {{
		"path": ["Statement", "Condition", "IpAddress", "AWS:SOURCEIP"],
		"message": _msg("AWS:SOURCEIP", "this Allow never matches"),
		"on": "key",
	}}
}

test_fires_on_if_exists_and_other_operators if {
	got := rule.findings with input as {"target": _private, "policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"aws:SourceIp": "52.94.76.0/22"}}),
		_stmt("Deny", {"IpAddress": {"aws:sourceip": "52.94.76.0/22"}}),
	]}}
	got == {
		{
			"path": ["Statement", 0, "Condition", "IpAddressIfExists", "aws:SourceIp"],
			"message": _msg("aws:SourceIp", "this Allow matches every caller, whatever their address"),
			"on": "key",
		},
		{
			"path": ["Statement", 1, "Condition", "IpAddress", "aws:sourceip"],
			"message": _msg("aws:sourceip", "this Deny never applies"),
			"on": "key",
		},
	}
}

test_silent_on_public_endpoints_and_unknown_targets if {
	policy := {"Statement": [_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "52.94.76.0/22"}})]}
	count(rule.findings) == 0 with input as {"target": object.union(_private, {"endpoint": "REGIONAL"}), "policy": policy}
	count(rule.findings) == 0 with input as {"target": object.union(_private, {"endpoint": "EDGE"}), "policy": policy}
	count(rule.findings) == 0 with input as {"target": {"kind": "unknown", "endpoint": ""}, "policy": policy}
	count(rule.findings) == 0 with input as {"policy": policy}
}

test_silent_on_private_keys_and_null_test if {
	count(rule.findings) == 0 with input as {"target": _private, "policy": {"Statement": [
		_stmt("Deny", {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}),
		_stmt("Deny", {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"}}),
		_stmt("Deny", {"Null": {"aws:SourceIp": "false"}}),
	]}}
}
