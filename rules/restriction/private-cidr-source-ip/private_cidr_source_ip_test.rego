package apigwlint.rules.restriction["private-cidr-source-ip_test"]

import data.apigwlint.rules.restriction["private-cidr-source-ip"] as rule

_stmt(effect, condition) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": condition,
}

_inside(value, range) := sprintf(
	"%q is inside a range that is never a public source address (%s), so aws:SourceIp never matches it; list the caller's public (post-NAT) address, or use aws:VpcSourceIp for callers of a private API",
	[value, range],
)

_overlap(value, ranges) := sprintf(
	"%q partly overlaps ranges that are never a public source address (%s); that part never matches aws:SourceIp: narrow it to public addresses, or use aws:VpcSourceIp for callers of a private API",
	[value, ranges],
)

test_fires_on_private_value_in_list if {
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "172.31.16.0/20"]}})]}}
	got == {{
		"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp", 1],
		"message": _inside("172.31.16.0/20", "172.16.0.0/12, private-use, RFC 1918"),
	}}
}

test_fires_on_scalar_value_in_single_statement if {
	got := rule.findings with input as {"policy": {"Statement": _stmt("Deny", {"NotIpAddress": {"aws:SourceIp": "192.168.1.10"}})}}
	got == {{
		"path": ["Statement", "Condition", "NotIpAddress", "aws:SourceIp"],
		"message": _inside("192.168.1.10", "192.168.0.0/16, private-use, RFC 1918"),
	}}
}

test_fires_with_key_case_if_exists_and_qualifier if {
	got := rule.findings with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddressIfExists": {"AWS:SOURCEIP": "10.20.0.0/16"}}),
		_stmt("Deny", {"ForAnyValue:NotIpAddress": {"aws:sourceip": ["127.0.0.1/32"]}}),
	]}}
	got == {
		{
			"path": ["Statement", 0, "Condition", "IpAddressIfExists", "AWS:SOURCEIP"],
			"message": _inside("10.20.0.0/16", "10.0.0.0/8, private-use, RFC 1918"),
		},
		{
			"path": ["Statement", 1, "Condition", "ForAnyValue:NotIpAddress", "aws:sourceip", 0],
			"message": _inside("127.0.0.1/32", "127.0.0.0/8, loopback, RFC 1122"),
		},
	}
}

test_fires_on_ipv6_and_documentation_ranges if {
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": [
		"fd12:3456:789a::/48",
		"2001:DB8:1234::/48",
		"203.0.113.0/24",
		"2600:1f18::/32",
	]}})]}}
	got == {
		{
			"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp", 0],
			"message": _inside("fd12:3456:789a::/48", "fc00::/7, unique-local, RFC 4193"),
		},
		{
			"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp", 1],
			"message": _inside("2001:DB8:1234::/48", "2001:db8::/32, documentation, RFC 3849"),
		},
		{
			"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp", 2],
			"message": _inside("203.0.113.0/24", "203.0.113.0/24, documentation (TEST-NET-3), RFC 5737"),
		},
	}
}

test_fires_warning_on_partial_overlap if {
	got := rule.findings with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": "10.0.0.0/7"}})]}}
	got == {{
		"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp"],
		"message": _overlap("10.0.0.0/7", "10.0.0.0/8, private-use, RFC 1918"),
		"severity": "warning",
	}}
}

test_fires_warning_caps_long_overlap_lists if {
	[f] := [f | some f in rule.findings] with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": "0.0.0.0/1"}})]}}
	f.severity == "warning"
	regex.match(`; and [0-9]+ more\)`, f.message)
}

test_silent_on_public_all_and_vpc_source_ip if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "2600:1f18::/32", "0.0.0.0/0", "::/0"]}}),
		_stmt("Deny", {"NotIpAddress": {"aws:VpcSourceIp": ["10.0.0.0/8", "172.16.0.0/12"]}}),
	]}}
}

test_silent_on_opaque_malformed_and_non_ip_operators if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["${var.office_cidr}", "10.0.0.0/33", "not-an-ip", 10]}}),
		_stmt("Allow", {"StringEquals": {"aws:SourceIp": "10.0.0.1"}}),
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": {"Ref": "OfficeCidr"}}}),
	]}}
}

test_silent_on_unparsed_policy if {
	count(rule.findings) == 0 with input as {"policy": null}
}

test_fires_warning_on_nat64_prefix if {
	[f] := [f | some f in rule.findings] with input as {"policy": {"Statement": [
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["64:ff9b::c000:201/128"]}}),
	]}}
	f.severity == "warning"
	f.path == ["Statement", 0, "Condition", "NotIpAddress", "aws:SourceIp", 0]
	contains(f.message, "well-known NAT64 prefix")
}
