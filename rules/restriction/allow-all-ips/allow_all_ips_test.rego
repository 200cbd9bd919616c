package apigwlint.rules.restriction["allow-all-ips_test"]

import data.apigwlint.rules.restriction["allow-all-ips"] as rule

_stmt(effect, cond) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": cond,
}

test_fires_on_everything_in_an_allow if {
	rule.findings == {{
		"path": ["Statement", 0, "Condition", "IpAddress", "aws:SourceIp", 1],
		"message": `"0.0.0.0/0" under aws:SourceIp admits every IPv4 address, so this Allow does not restrict IPv4 callers; list only the ranges that should reach the API`,
	}} with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "0.0.0.0/0"]}})]}}
}

test_fires_on_everything_exempted_from_a_deny if {
	rule.findings == {{
		"path": ["Statement", "Condition", "NotIpAddressIfExists", "AWS:SOURCEIP"],
		"message": `"::/0" under AWS:SOURCEIP exempts every IPv6 address from this Deny, so it blocks no IPv6 caller; list only the ranges that should reach the API`,
	}} with input as {"policy": {"Statement": _stmt("Deny", {"NotIpAddressIfExists": {"AWS:SOURCEIP": "::/0"}})}}
}

test_fires_on_a_union_that_covers_everything if {
	rule.findings == {{
		"path": ["Statement", 0, "Condition", "IpAddress", "aws:VpcSourceIp"],
		"message": `the ranges under aws:VpcSourceIp together admit every IPv4 address, so this Allow does not restrict IPv4 callers; list only the ranges that should reach the API`,
	}} with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:VpcSourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}})]}}
}

test_silent_on_blocklists_and_narrow_lists if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		# A Deny with IpAddress 0.0.0.0/0 blocks everyone: wrong, perhaps, but not permissive.
		_stmt("Deny", {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}),
		_stmt("Allow", {"NotIpAddress": {"aws:SourceIp": "0.0.0.0/0"}}),
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["0.0.0.0/1", "${var.rest}"]}}),
		_stmt("Allow", {"StringEquals": {"aws:SourceIp": "0.0.0.0/0"}}),
	]}}
}

test_silent_on_unparsed_policy if {
	count(rule.findings) == 0 with input as {"policy": null}
}
