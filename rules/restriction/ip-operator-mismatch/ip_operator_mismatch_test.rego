package apigwlint.rules.restriction["ip-operator-mismatch_test"]

import data.apigwlint.rules.restriction["ip-operator-mismatch"] as rule

_stmt(effect, cond) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": cond,
}

_allow := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

test_string_and_arn_operators_on_an_address_key if {
	rule.findings == {
		{
			"path": ["Statement", 1, "Condition", "StringNotLike", "aws:SourceIp"],
			"message": `aws:SourceIp holds the caller's IP address, but StringNotLike compares text, so a CIDR never matches as a range; write NotIpAddress`,
			"on": "key",
		},
		{
			"path": ["Statement", 2, "Condition", "ArnEqualsIfExists", "AWS:VPCSOURCEIP"],
			"message": `AWS:VPCSOURCEIP holds the caller's IP address, but ArnEqualsIfExists compares ARNs, so a CIDR never matches as a range; write IpAddressIfExists`,
			"on": "key",
		},
	} with input as {"policy": {"Statement": [
		_allow,
		_stmt("Deny", {"StringNotLike": {"aws:SourceIp": ["81.2.69.*"]}}),
		_stmt("Allow", {"ArnEqualsIfExists": {"AWS:VPCSOURCEIP": "10.20.0.0/16"}}),
	]}}
}

test_ip_operator_on_a_key_without_an_address if {
	rule.findings == {
		{
			"path": ["Statement", "Condition", "NotIpAddress", "aws:SourceVpce"],
			"message": `NotIpAddress on aws:SourceVpce, which holds no IP address: IP operators only test aws:SourceIp and aws:VpcSourceIp; compare the id with StringNotEquals`,
			"on": "key",
		},
		{
			"path": ["Statement", "Condition", "NotIpAddress", "aws:Referer"],
			"message": `NotIpAddress on aws:Referer, which holds no IP address: IP operators only test aws:SourceIp and aws:VpcSourceIp; test the caller's address with aws:SourceIp, or aws:VpcSourceIp on a private API`,
			"on": "key",
		},
	} with input as {"policy": {"Statement": _stmt("Deny", {"NotIpAddress": {
		"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718",
		"aws:Referer": "81.2.69.160/27",
		"${var.ip_key}": "81.2.69.160/27",
	}})}}
}

test_set_qualifiers_on_an_address_key if {
	rule.findings == {
		{
			"path": ["Statement", 0, "Condition", "ForAllValues:IpAddress", "aws:SourceIp"],
			"message": `ForAllValues:IpAddress on aws:SourceIp, a single-valued key: set operators are for multivalued keys, and ForAllValues is true when the key is absent, so this Allow also admits every request that carries no aws:SourceIp; write IpAddress`,
			"on": "key",
		},
		{
			"path": ["Statement", 1, "Condition", "ForAnyValue:NotIpAddress", "aws:SourceIp"],
			"message": `ForAnyValue:NotIpAddress on aws:SourceIp, a single-valued key: set operators are for multivalued keys, and ForAnyValue is false when the key is absent, so every request that carries no aws:SourceIp escapes this Deny; write NotIpAddress`,
			"on": "key",
		},
		{
			"path": ["Statement", 2, "Condition", "ForAllValues:NotIpAddressIfExists", "aws:VpcSourceIp"],
			"message": `ForAllValues:NotIpAddressIfExists on aws:VpcSourceIp, a single-valued key: set operators are for multivalued keys, and ForAllValues is true when the key is absent, so this Deny also refuses every request that carries no aws:VpcSourceIp; write NotIpAddressIfExists`,
			"on": "key",
		},
		{
			"path": ["Statement", 3, "Condition", "ForAnyValue:StringEquals", "aws:SourceIp"],
			"message": `ForAnyValue:StringEquals on aws:SourceIp, a single-valued key: set operators are for multivalued keys, and AWS warns that they can make a policy overly permissive; write IpAddress`,
			"on": "key",
		},
	} with input as {"policy": {"Statement": [
		_stmt("Allow", {"ForAllValues:IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}),
		_stmt("Deny", {"ForAnyValue:NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}),
		_stmt("Deny", {"ForAllValues:NotIpAddressIfExists": {"aws:VpcSourceIp": "10.20.0.0/16"}}),
		_stmt("Allow", {"ForAnyValue:StringEquals": {"aws:SourceIp": "81.2.69.160"}}),
	]}}
}

test_if_exists_in_an_allow_without_a_deny_for_keyless_requests if {
	rule.findings == {{
		"path": ["Statement", "Condition", "IpAddressIfExists", "aws:sourceip"],
		"message": `IpAddressIfExists lets every request that carries no aws:sourceip (calls through a VPC endpoint) through this Allow whatever its address, and no Deny refuses those; write IpAddress, or add a Deny with NotIpAddress on aws:sourceip`,
		"on": "key",
	}} with input as {"policy": {"Statement": _stmt("Allow", {"IpAddressIfExists": {"aws:sourceip": ["81.2.69.160/27", "2600:1f18::/32"]}})}}

	# A Deny on another key does not catch requests without this one.
	count(rule.findings) == 1 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"aws:VpcSourceIp": "10.20.0.0/16"}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}),
	]}}
}

test_silent_when_a_deny_catches_keyless_requests if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"aws:SourceIp": "81.2.69.160/27"}}),
		_stmt("Deny", {"NotIpAddressIfExists": {"AWS:SourceIP": "81.2.69.160/27"}}),
	]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"aws:SourceIp": "81.2.69.160/27"}}),
		_stmt("Deny", {"Null": {"aws:SourceIp": "true"}}),
	]}}
}

# A statement that also requires a key absent on the same requests cannot match them.
test_silent_when_the_statement_needs_a_key_keyless_requests_lack if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_stmt("Allow", {
		"IpAddressIfExists": {"aws:VpcSourceIp": "10.40.0.0/20"},
		"StringEquals": {"aws:SourceVpc": "vpc-0f1e2d3c4b5a69788"},
	})]}}
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_stmt("Allow", {
		"IpAddressIfExists": {"aws:SourceIp": "81.2.69.160/27"},
		"Null": {"aws:SourceIp": "false"},
	})]}}

	# Not so for aws:SourceIp: a VPC key is present exactly when aws:SourceIp is not.
	count(rule.findings) == 1 with input as {"policy": {"Statement": [_stmt("Allow", {
		"IpAddressIfExists": {"aws:SourceIp": "81.2.69.160/27"},
		"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"},
	})]}}
}

test_silent_on_the_right_operators if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow,
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"], "aws:VpcSourceIp": "10.20.0.0/16"}}),
		_stmt("Deny", {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"}}),
		_stmt("Deny", {"Null": {"aws:SourceIp": "true"}, "IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}),
		_stmt("Allow", {"IpAddressIfExists": {"aws:SourceIp": "81.2.69.160/27"}}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}),
		_stmt("Deny", {"NotIPAddress": {"aws:SourceIp": "81.2.69.160/27"}}),
	]}}
}
