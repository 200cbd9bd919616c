# METADATA
# title: IP restriction admits every address
# description: |
#   An IP allowlist that covers every IPv4 or every IPv6 address restricts nothing for that
#   family: 0.0.0.0/0 in an Allow's IpAddress, the same in a Deny's NotIpAddress (which then
#   exempts every caller from the Deny), or ranges whose union is the whole address space.
# custom:
#   code: AG104
#   severity: error
package apigwlint.rules.restriction["allow-all-ips"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# apigwlint.ip.covers_all unions a key's values exactly, in Go, and names the
# lone entry that covers a family by itself when there is one. It comes before
# policy.admits_addresses: it finds nothing in nearly every list, and a Rego
# function call costs more than the builtin.
findings contains report.at(_where(c, hit), _message(c, hit)) if {
	some c in policy.condition_entries
	c.key_lower in {"aws:sourceip", "aws:vpcsourceip"}
	some hit in apigwlint.ip.covers_all(c.raw)
	policy.admits_addresses(c)
}

_where(c, hit) := array.concat(c.path_key, [hit.index]) if hit.index != null

_where(c, hit) := c.path_key if hit.index == null

_subject(c, hit) := sprintf("%q under %s", [c.raw[hit.index], c.key]) if hit.index != null

_subject(c, hit) := sprintf("%q under %s", [c.raw, c.key]) if {
	hit.index == null
	is_string(c.raw)
}

_subject(c, hit) := sprintf("the ranges under %s together", [c.key]) if {
	hit.index == null
	not is_string(c.raw)
}

_message(c, hit) := sprintf(
	"%s %s every %s address, so this Allow does not restrict %s callers; list only the ranges that should reach the API",
	[_subject(c, hit), _verb(c, hit, "admits", "admit"), hit.family, hit.family],
) if c.effect == "Allow"

_message(c, hit) := sprintf(
	"%s %s every %s address from this Deny, so it blocks no %s caller; list only the ranges that should reach the API",
	[_subject(c, hit), _verb(c, hit, "exempts", "exempt"), hit.family, hit.family],
) if c.effect == "Deny"

# One value admits; several ranges together admit.
_verb(c, hit, one, _) := one if _single(c, hit)

_verb(c, hit, _, many) := many if not _single(c, hit)

_single(_, hit) if hit.index != null

_single(c, _) if is_string(c.raw)
