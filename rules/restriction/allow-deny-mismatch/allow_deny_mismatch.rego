# METADATA
# title: Allow and Deny list different IP ranges
# description: |
#   In the allowlist pattern the Allow's IpAddress list and the Deny's NotIpAddress list on
#   the same key should name the same addresses. Where they differ the Deny wins: an address
#   only the Allow lists is refused, and an address only the Deny lists escapes the Deny but
#   is admitted only for callers who need no Allow (same-account IAM, Lambda authorizers).
# custom:
#   code: AG105
#   severity: warning
package apigwlint.rules.restriction["allow-deny-mismatch"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# Per address key (lower case), the values of every Allow's IpAddress: together they are
# what the Allows admit, so one Deny is compared with all of them at once. Computed once.
_allowed[key] := [c.raw |
	some c in policy.condition_entries
	c.key_lower == key
	c.effect == "Allow"
	c.base == "IpAddress"
] if some key in policy.address_keys

# apigwlint.ip.compare takes both sides' whole value lists and returns the canonical CIDRs
# of each set difference; opaque values make the sets unknown, and then nothing is said.
findings contains report.at_key(c.path_key, _message(c, diff)) if {
	some c in policy.condition_entries
	c.effect == "Deny"
	c.base == "NotIpAddress"
	allowed := _allowed[c.key_lower]
	count(allowed) > 0
	diff := apigwlint.ip.compare(allowed, [c.raw])
	not diff.opaque

	# A list that covers a whole address family is allow-all-ips' finding; the
	# differences it makes are all of the Internet and say nothing more.
	not diff.everything
	count(diff.left_only) + count(diff.right_only) > 0
}

_message(c, diff) := sprintf(
	"this Deny's NotIpAddress list on %s differs from %s, and the Deny wins: %s; list the same ranges in both",
	[c.key, _allow_side(_allowed[c.key_lower]), concat("; ", _parts(diff))],
)

_allow_side(lists) := "the Allow's IpAddress list" if count(lists) == 1

_allow_side(lists) := "the Allows' IpAddress lists together" if count(lists) > 1

_parts(diff) := array.concat(_left(diff.left_only), _right(diff.right_only))

_left(list) := [] if count(list) == 0

_left(list) := [sprintf(
	"%s %s only in the Allow, so the Deny refuses %s",
	[_cidrs(list), _verb(list), _them(list)],
)] if count(list) > 0

# DOMAIN.md §5.2: with the resource policy silent, NONE gets an implicit deny while Table A
# lets an identity-side Allow through.
_right(list) := [] if count(list) == 0

_right(list) := [sprintf(
	"%s %s only in this list, so %s the Deny but no Allow admits %s: anonymous callers get 403, while same-account IAM callers and callers a Lambda authorizer allows are let in",
	[_cidrs(list), _verb(list), _escape(list), _them(list)],
)] if count(list) > 0

# Long differences are cut to four ranges; the count says how much more there is.
_cidrs(list) := concat(", ", list) if count(list) <= 4

_cidrs(list) := sprintf("%s and %d more", [concat(", ", array.slice(list, 0, 4)), count(list) - 4]) if count(list) > 4

_verb(list) := "is" if count(list) == 1

_verb(list) := "are" if count(list) > 1

_them(list) := "it" if count(list) == 1

_them(list) := "them" if count(list) > 1

_escape(list) := "it escapes" if count(list) == 1

_escape(list) := "they escape" if count(list) > 1
