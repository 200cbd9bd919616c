# METADATA
# title: IP allowlist admits a range outside the approved ones
# description: |
#   Compliance teams approve the ranges an API may be reached from ("only our offices and our
#   NAT gateways"). A value an allowlist lets in that reaches beyond settings.approved-cidrs
#   opens the API to addresses nobody approved. Silent until approved-cidrs is configured.
# custom:
#   code: AG110
#   severity: error
package apigwlint.rules.restriction["unapproved-cidr"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# From .apigwlint.yaml: settings: {unapproved-cidr: {approved-cidrs: [...]}}.
_approved := data.config.settings["unapproved-cidr"]["approved-cidrs"]

# apigwlint.ip.outside subtracts the approved ranges from each value exactly,
# in Go, and returns only the values with something left over.
findings contains report.at(_path(c, hit), msg) if {
	is_array(_approved)
	count(_approved) > 0
	some c in policy.condition_entries
	c.key_lower in {"aws:sourceip", "aws:vpcsourceip"}
	policy.admits_addresses(c)
	some hit in apigwlint.ip.outside(c.raw, _approved)
	msg := sprintf(
		"%q under %s admits %s, outside the approved ranges (settings.approved-cidrs); narrow it to approved ranges, or get the range approved",
		[hit.value, c.key, _list(hit.outside)],
	)
}

# A wide value leaves many unapproved blocks; four name the problem.
_list(cidrs) := concat(", ", cidrs) if count(cidrs) <= 4

_list(cidrs) := sprintf("%s and %d more ranges", [concat(", ", array.slice(cidrs, 0, 4)), count(cidrs) - 4]) if count(cidrs) > 4

_path(c, hit) := array.concat(c.path_key, [hit.index]) if hit.index != null

_path(c, hit) := c.path_key if hit.index == null
