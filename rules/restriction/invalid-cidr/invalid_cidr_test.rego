package apigwlint.rules.restriction["invalid-cidr_test"]

import data.apigwlint.rules.restriction["invalid-cidr"] as rule

_stmt(effect, cond) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": cond,
}

test_fires_on_malformed_values_in_a_list if {
	rule.findings == {
		{
			"path": ["Statement", 0, "Condition", "NotIpAddress", "aws:SourceIp", 1],
			"message": `"10.0.0.0/33" under aws:SourceIp is not an IP address or CIDR: prefix length 33 is out of range for IPv4 (0-32); write an address or a CIDR such as 203.0.113.0/24`,
		},
		{
			"path": ["Statement", 0, "Condition", "NotIpAddress", "aws:SourceIp", 2],
			"message": `"81.2.69.300" under aws:SourceIp is not an IP address or CIDR: invalid IP address "81.2.69.300": IPv4 field has value >255; write an address or a CIDR such as 203.0.113.0/24`,
		},
		{
			"path": ["Statement", 0, "Condition", "NotIpAddress", "aws:SourceIp", 3],
			"message": `8080 under aws:SourceIp is not an IP address or CIDR: a number is not an IP address; write an address or a CIDR such as 203.0.113.0/24`,
		},
	} with input as {"policy": {"Statement": [_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27", "10.0.0.0/33", "81.2.69.300", 8080]}})]}}
}

test_host_bits_are_a_warning_with_the_canonical_form if {
	rule.findings == {{
		"path": ["Statement", "Condition", "IpAddressIfExists", "AWS:SOURCEIP"],
		"message": `"203.0.113.7/24" under AWS:SOURCEIP has host bits set: it names the network 203.0.113.0/24, and whether IAM masks, rejects or misreads such a value is not documented; write 203.0.113.0/24 (or 203.0.113.7/32 for the one address)`,
		"severity": "warning",
	}} with input as {"policy": {"Statement": _stmt("Allow", {"IpAddressIfExists": {"AWS:SOURCEIP": "203.0.113.7/24"}})}}
}

test_ipv6_host_bits_and_bare_address if {
	rule.findings == {
		{
			"path": ["Statement", 0, "Condition", "ForAnyValue:NotIpAddress", "aws:VpcSourceIp", 0],
			"message": `"2001:DB8::1/64" under aws:VpcSourceIp has host bits set: it names the network 2001:db8::/64, and whether IAM masks, rejects or misreads such a value is not documented; write 2001:db8::/64 (or 2001:db8::1/128 for the one address)`,
			"severity": "warning",
		},
		{
			"path": ["Statement", 0, "Condition", "ForAnyValue:NotIpAddress", "aws:VpcSourceIp", 1],
			"message": `"2600:1f18::7" under aws:VpcSourceIp is an IPv6 address without a prefix length: AWS documents the /32 default only for IPv4, so write 2600:1f18::7/128`,
			"severity": "warning",
		},
	} with input as {"policy": {"Statement": [_stmt("Deny", {"ForAnyValue:NotIpAddress": {"aws:VpcSourceIp": ["2001:DB8::1/64", "2600:1f18::7", "2600:1f18::/32"]}})]}}
}

test_any_key_under_an_ip_operator if {
	rule.findings == {{
		"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceVpce"],
		"message": `"vpce-0a1b2c3d" under aws:SourceVpce is not an IP address or CIDR: invalid IP address "vpce-0a1b2c3d": unable to parse IP; write an address or a CIDR such as 203.0.113.0/24`,
	}} with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceVpce": "vpce-0a1b2c3d"}})]}}
}

test_silent_on_clean_opaque_and_other_operators if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27", "52.94.76.18", "2600:1f18::/32", "${var.office_cidr}"]}}),
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": "${OfficeCidr}"}}),
		_stmt("Allow", {"StringEquals": {"aws:SourceIp": "203.0.113.7/24"}}),
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": [["nested"], {"Ref": "Cidr"}]}}),
	]}}
	count(rule.findings) == 0 with input as {"policy": null}
}
