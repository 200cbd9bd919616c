package apigwlint.rules.restriction["unapproved-cidr_test"]

import data.apigwlint.rules.restriction["unapproved-cidr"] as rule

_settings := {"unapproved-cidr": {"approved-cidrs": ["81.2.69.160/27", "2a02:c7c:1e00::/40"]}}

_stmt(effect, cond) := {
	"Effect": effect, "Principal": "*", "Action": "execute-api:Invoke",
	"Resource": "execute-api:/*", "Condition": cond,
}

test_fires_on_a_deny_exemption_outside_the_approved_ranges if {
	rule.findings == {{
		"path": ["Statement", 1, "Condition", "NotIpAddress", "aws:SourceIp", 1],
		"message": `"52.94.76.0/22" under aws:SourceIp admits 52.94.76.0/22, outside the approved ranges (settings.approved-cidrs); narrow it to approved ranges, or get the range approved`,
	}} with input as {"policy": {"Statement": [
		_stmt("Allow", {}),
		_stmt("Deny", {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/28", "52.94.76.0/22"]}}),
	]}}
		with data.config.settings as _settings
}

test_fires_on_the_part_beyond_an_approved_range if {
	rule.findings == {{
		"path": ["Statement", "Condition", "IpAddressIfExists", "AWS:SOURCEIP"],
		"message": `"81.2.69.128/26" under AWS:SOURCEIP admits 81.2.69.128/27, outside the approved ranges (settings.approved-cidrs); narrow it to approved ranges, or get the range approved`,
	}} with input as {"policy": {"Statement": _stmt("Allow", {"IpAddressIfExists": {"AWS:SOURCEIP": "81.2.69.128/26"}})}}
		with data.config.settings as _settings
}

test_silent_without_settings if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}})]}}
}

test_silent_on_approved_blocklists_and_opaque_values if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [
		_stmt("Allow", {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27", "2a02:c7c:1e00:1::/64", "${var.office}"]}}),
		_stmt("Deny", {"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}),
	]}}
		with data.config.settings as _settings
}

test_names_at_most_four_ranges if {
	[f] := [f | some f in rule.findings] with input as {"policy": {"Statement": [_stmt("Allow", {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})]}}
		with data.config.settings as _settings
	endswith(f.message, " and 23 more ranges, outside the approved ranges (settings.approved-cidrs); narrow it to approved ranges, or get the range approved")
	startswith(f.message, `"0.0.0.0/0" under aws:SourceIp admits 0.0.0.0/2, 64.0.0.0/4, 80.0.0.0/8, 81.0.0.0/15 and`)
}
