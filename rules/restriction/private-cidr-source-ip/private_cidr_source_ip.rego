# METADATA
# title: Source IP condition names a never-public range
# description: |
#   API Gateway sees the caller's public, post-NAT address as aws:SourceIp, so a private,
#   loopback, documentation or other special-purpose range there never matches: an allowlist
#   entry admits nobody and a blocklist entry blocks nobody. Private addresses of callers
#   through a VPC endpoint belong under aws:VpcSourceIp.
# custom:
#   code: AG102
#   severity: error
package apigwlint.rules.restriction["private-cidr-source-ip"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# Every statement counts: a private range is as useless in a Deny as in an Allow.
# apigwlint.ip.non_public checks a key's whole value list in Go and returns only
# the never-public entries; opaque, malformed and all-address values are skipped
# (malformed ones are another rule's business, and so is 0.0.0.0/0).
findings contains _finding(v, r) if {
	some c in policy.condition_entries
	c.key_lower == "aws:sourceip"
	c.base in {"IpAddress", "NotIpAddress"}
	some r in apigwlint.ip.non_public(c.raw)
	v := {"value": r.value, "path": _path(c, r.index)}
}

_path(c, i) := array.concat(c.path_key, [i]) if i != null

_path(c, null) := c.path_key

_finding(v, r) := report.at(v.path, _inside_message(v, r)) if {
	count(r.inside) > 0
	not r.inside[0].suspect
}

# The NAT64 prefix is globally reachable yet never the source API Gateway sees:
# DOMAIN.md §9.2 calls it suspicious, so it is worth a warning, not an error.
_finding(v, r) := report.warning_at(v.path, _inside_message(v, r)) if {
	count(r.inside) > 0
	r.inside[0].suspect
}

_inside_message(v, r) := sprintf(
	"%q is inside a range that is never a public source address (%s), so aws:SourceIp never matches it; list the caller's public (post-NAT) address, or use aws:VpcSourceIp for callers of a private API",
	[v.value, _describe(r.inside[0])],
)

# A partial overlap still admits public addresses, so it is only worth a warning.
_finding(v, r) := report.warning_at(v.path, sprintf(
	"%q partly overlaps ranges that are never a public source address (%s); that part never matches aws:SourceIp: narrow it to public addresses, or use aws:VpcSourceIp for callers of a private API",
	[v.value, _describe_all(r.overlap)],
)) if count(r.inside) == 0

_describe(range) := sprintf("%s, %s, %s", [range.cidr, range.name, range.rfc])

# Very wide values overlap many blocks; three are enough to make the point.
_describe_all(ranges) := concat("; ", [_describe(x) | some x in ranges]) if count(ranges) <= 3

_describe_all(ranges) := sprintf("%s; and %d more", [
	concat("; ", [_describe(x) | some x in array.slice(ranges, 0, 3)]),
	count(ranges) - 3,
]) if count(ranges) > 3
