package apigwlint.rules.restriction["missing-deny-clause_test"]

import data.apigwlint.rules.restriction["missing-deny-clause"] as rule

_allow := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

_deny(condition) := object.union(_allow, {"Effect": "Deny", "Condition": condition})

_allow_if(condition) := object.union(_allow, {"Condition": condition})

_msg1(key, fix) := sprintf(
	"allow statement restricts callers by %q but no Deny negates it: same-account IAM callers and Lambda authorizers bypass an Allow-only restriction; add a Deny with %s",
	[key, fix],
)

test_fires_on_ip_allow_only if {
	got := rule.findings with input as {"policy": {"Statement": [_allow_if({"IpAddress": {"aws:SourceIp": ["52.94.76.0/22"]}})]}}
	got == {{"path": ["Statement", 0], "message": _msg1("aws:SourceIp", `NotIpAddress on "aws:SourceIp"`)}}
}

test_fires_on_single_statement_object if {
	got := rule.findings with input as {"policy": {"Statement": _allow_if({"IpAddressIfExists": {"aws:SourceIp": "52.94.76.0/22"}})}}
	got == {{"path": ["Statement"], "message": _msg1("aws:SourceIp", `NotIpAddress on "aws:SourceIp"`)}}
}

test_fires_names_key_as_written if {
	got := rule.findings with input as {"policy": {"Statement": [_allow_if({"StringEquals": {"aws:sourceVpce": "vpce-0a1b2c3d4e5f60718"}})]}}
	got == {{"path": ["Statement", 0], "message": _msg1("aws:sourceVpce", `StringNotEquals on "aws:sourceVpce"`)}}
}

test_fires_on_vpc_source_ip_and_string_like if {
	got := rule.findings with input as {"policy": {"Statement": [
		_allow_if({"IpAddress": {"aws:VpcSourceIp": "10.20.0.0/16"}}),
		_allow_if({"ForAnyValue:StringLike": {"aws:SourceVpc": "vpc-0a1b*"}}),
	]}}
	got == {
		{"path": ["Statement", 0], "message": _msg1("aws:VpcSourceIp", `NotIpAddress on "aws:VpcSourceIp"`)},
		{"path": ["Statement", 1], "message": _msg1("aws:SourceVpc", `StringNotLike on "aws:SourceVpc"`)},
	}
}

test_fires_once_naming_both_keys if {
	got := rule.findings with input as {"policy": {"Statement": [_allow_if({
		"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "2600:1f18::/32"]},
		"StringEquals": {"aws:SourceVpc": "vpc-0a1b2c3d"},
	})]}}
	got == {{"path": ["Statement", 0], "message": concat("", [
		`allow statement restricts callers by "aws:SourceIp" and "aws:SourceVpc" but no Deny negates them: `,
		"same-account IAM callers and Lambda authorizers bypass an Allow-only restriction; ",
		`add one Deny per key: NotIpAddress on "aws:SourceIp", StringNotEquals on "aws:SourceVpc"`,
	])}}
}

test_fires_for_the_unbacked_key_only if {
	got := rule.findings with input as {"policy": {"Statement": [
		_allow_if({"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}, "StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}),
		_deny({"NotIpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
	]}}
	got == {{"path": ["Statement", 0], "message": _msg1("aws:SourceVpce", `StringNotEquals on "aws:SourceVpce"`)}}
}

test_fires_when_deny_is_on_another_key if {
	got := rule.findings with input as {"policy": {"Statement": [
		_allow_if({"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
		_deny({"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}),
		_deny({"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}),
	]}}
	got == {{"path": ["Statement", 0], "message": _msg1("aws:SourceIp", `NotIpAddress on "aws:SourceIp"`)}}
}

test_fires_when_deny_is_a_blocklist if {
	got := rule.findings with input as {"policy": {"Statement": [
		_allow_if({"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
		_deny({"IpAddress": {"aws:SourceIp": "52.94.76.18/32"}}),
	]}}
	count(got) == 1
}

test_fires_on_opaque_values if {
	got := rule.findings with input as {"policy": {"Statement": [_allow_if({"IpAddress": {"aws:sourceIp": "${var.office_cidrs}"}})]}}
	got == {{"path": ["Statement", 0], "message": _msg1("aws:sourceIp", `NotIpAddress on "aws:sourceIp"`)}}
}

test_silent_with_backing_deny_in_other_case if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow_if({"IpAddress": {"aws:SourceIp": ["52.94.76.0/22"]}}),
		_deny({"NotIpAddressIfExists": {"AWS:SOURCEIP": ["52.94.76.0/22"]}}),
	]}}
}

test_silent_with_backing_string_denies if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow_if({"StringEquals": {"aws:SourceVpc": "vpc-0a1b2c3d", "aws:SourceVpce": "vpce-0a1b2c3d"}}),
		_deny({"StringNotEquals": {"aws:sourcevpc": "vpc-0a1b2c3d"}}),
		_deny({"StringNotLike": {"aws:SourceVpce": "vpce-0a1b*"}}),
	]}}
}

test_silent_on_unconditional_allow if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_allow]}}
}

test_silent_on_other_condition_keys if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_allow_if({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}),
		_allow_if({"StringEquals": {"aws:SourceIp": "52.94.76.18"}}),
		_allow_if({"NotIpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
	]}}
}

test_silent_on_deny_only_and_unparsed if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_deny({"NotIpAddress": {"aws:SourceIp": "52.94.76.0/22"}})]}}
	count(rule.findings) == 0 with input as {"policy": null}
}

test_silent_on_lowercase_effect if {
	# IAM documents only "Allow"; other spellings are the schema's business.
	count(rule.findings) == 0 with input as {"policy": {"Statement": [object.union(
		_allow_if({"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
		{"Effect": "allow"},
	)]}}
}
