# METADATA
# title: IP condition value is not an address or CIDR
# description: |
#   An IpAddress or NotIpAddress value must be an IPv4 or IPv6 address or CIDR with a prefix
#   length in range. A value that is not one restricts nothing the way it reads. A CIDR with
#   host bits set (203.0.113.7/24) or a bare IPv6 address parses, but AWS does not say how IAM
#   reads it, so it is a warning that shows the canonical form.
# custom:
#   code: AG103
#   severity: error
package apigwlint.rules.restriction["invalid-cidr"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# Every key counts, not only aws:SourceIp: an IP operator reads its values as addresses
# whatever the key (ip-operator-mismatch reports a key that holds none).
# apigwlint.ip.invalid checks a key's whole list in Go and returns only the values that
# are not clean; opaque ${...} values are skipped there.
findings contains _finding(c, hit) if {
	some c in policy.condition_entries
	c.base in {"IpAddress", "NotIpAddress"}
	some hit in apigwlint.ip.invalid(c.raw)
}

_finding(c, hit) := report.at(_path(c, hit.index), sprintf(
	"%s under %s is not an IP address or CIDR: %s; write an address or a CIDR such as 203.0.113.0/24",
	[_shown(hit.value), c.key, hit.reason],
)) if hit.kind == "invalid"

# DOMAIN.md §4: how IAM reads host bits and bare IPv6 addresses is UNCONFIRMED, so these
# are warnings, and they say what to write instead rather than what IAM does.
_finding(c, hit) := report.warning_at(_path(c, hit.index), sprintf(
	"%q under %s has host bits set: it names the network %s, and whether IAM masks, rejects or misreads such a value is not documented; write %s (or %s for the one address)",
	[hit.value, c.key, hit.canonical, hit.canonical, hit.address],
)) if hit.kind == "host_bits"

_finding(c, hit) := report.warning_at(_path(c, hit.index), sprintf(
	"%q under %s is an IPv6 address without a prefix length: AWS documents the /32 default only for IPv4, so write %s",
	[hit.value, c.key, hit.canonical],
)) if hit.kind == "bare_v6"

_path(c, null) := c.path_key

_path(c, i) := array.concat(c.path_key, [i]) if i != null

# Strings are quoted; numbers, booleans and null are shown as JSON.
_shown(v) := sprintf("%q", [v]) if is_string(v)

_shown(v) := json.marshal(v) if not is_string(v)
