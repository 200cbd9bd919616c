# METADATA
# title: Restricting Deny does not cover what the Allows grant
# description: |
#   A Deny that restricts callers to some addresses, VPCs or VPC endpoints protects only the
#   requests it matches. A narrower Resource, a Principal other than everyone, an Action that
#   misses execute-api:Invoke, or an AND-ed condition on a header the caller sets lets requests
#   the Allows grant skip the restriction.
# custom:
#   code: AG106
#   severity: error
package apigwlint.rules.restriction["deny-scope-gap"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# The operators with which a Deny restricts callers to a list, per key (DOMAIN.md §5.3).
# Written out in full: a table that refers to another rule is rebuilt for every document,
# while a constant is bound as it stands.
_restricting_ops := {
	"aws:sourceip": {"NotIpAddress"},
	"aws:vpcsourceip": {"NotIpAddress"},
	"aws:sourcevpc": {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"},
	"aws:sourcevpce": {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"},
}

# apigwlint.policy.deny_scope picks the Denies with a restricting condition and the Allows
# they are meant to back: those restricted by no source condition of their own, or only on
# keys a Deny restricts (an Allow limited to, say, a VPC endpoint that no Deny enforces is
# missing-deny-clause's business, not a gap in these Denies). It then searches, with
# lint/access's resource automaton, for a request each Allow grants that no restricting
# Deny's Resource may cover, and lists the Denies whose Action misses execute-api:Invoke.
# Opaque values never make a gap. The selection is made in Go because it runs on every
# document and, as Rego comprehensions, cost more than the search.
_scope := apigwlint.policy.deny_scope(input.policy, policy.allows, policy.denies, _restricting_ops)

_denies := _scope.denies

_allows := _scope.allows

# The restricting conditions of the picked Denies, for messages.
_restricting := [c |
	some d in _denies
	some c in d.conditions
	c.base in _restricting_ops[c.key_lower]
]

# A request of the API the Allow grants outside every restricting Deny's Resource.
findings contains _gap_finding(g.allow, g) if some g in _scope.gaps

# A Deny that restricts only some principals, behind an Allow for everyone.
findings contains report.at_key(array.concat(d.path, [element]), _principal_message(element, d, a)) if {
	some d in _denies
	not _everyone(d)
	element := _principal_element(d)
	not _opaque_principal(d)
	a := [s | some s in _allows; _grants_everyone(s)][0]
}

# A Deny whose Action leaves execute-api:Invoke out holds no call to its restriction.
findings contains report.at_key(array.concat(d.path, [element]), _action_message(element, d)) if {
	some d in _scope.no_invoke
	element := _action_element(d)
}

# A condition on a header the caller sets, AND-ed into the restricting Deny (§3.1, §5.3).
findings contains report.at_key(c.path_key, sprintf(
	"this Deny also requires %s (%s), which the caller controls: %s escape the %s restriction; test %s in a Deny of its own",
	[c.key, c.operator, _escape(c), _restriction(d), c.key],
)) if {
	some d in _denies
	count(_allows) > 0
	some c in d.conditions
	c.key_lower in {"aws:useragent", "aws:referer"}
}

# Gaps.

_gap_finding(s, g) := report.at(_value_path(s, g), _gap_message(g)) if g.level != "path"

# A Deny that names some paths only may be meant to guard just those (an admin area behind
# an office range): a warning. A stage or verb left out is almost never intended.
_gap_finding(s, g) := report.warning_at(_value_path(s, g), _gap_message(g)) if g.level == "path"

_value_path(s, g) := array.concat(s.path, [g.element]) if g.value == null

_value_path(s, g) := array.concat(s.path, [g.element, g.value]) if g.value != null

_gap_message(g) := sprintf(
	"%s granted by this Allow but not covered by the Resource of %s, so they skip that restriction; give the Deny this Allow's Resource unless they are meant to be open to every caller",
	[_escaping(g), _deny_side],
)

_escaping(g) := sprintf("requests to stage %q are", [g.stage]) if {
	g.level == "stage"
	not g.any_stage
}

_escaping(g) := "requests to any stage the Deny does not name are" if {
	g.level == "stage"
	g.any_stage
}

_escaping(g) := sprintf("%s requests to stage %q are", [g.method, g.stage]) if {
	g.level == "method"
	not g.any_stage
}

_escaping(g) := sprintf("%s requests are", [g.method]) if {
	g.level == "method"
	g.any_stage
}

_escaping(g) := sprintf("requests such as %s %s in stage %q are", [g.method, g.path, g.stage]) if {
	g.level == "path"
	not g.any_stage
}

_escaping(g) := sprintf("requests such as %s %s in any stage are", [g.method, g.path]) if {
	g.level == "path"
	g.any_stage
}

_deny_side := sprintf("the Deny that restricts %s (%s)", [_restriction(_denies[0]), _denies[0].label]) if count(_denies) == 1

_deny_side := sprintf("any Deny that restricts %s (%s)", [
	_keys(_restricting, " or "),
	concat(", ", [d.label | some d in _denies]),
]) if count(_denies) > 1

# Principals.

_principal_element(d) := "Principal" if _has(d.raw, "Principal")

_principal_element(d) := "NotPrincipal" if {
	not _has(d.raw, "Principal")
	_has(d.raw, "NotPrincipal")
}

# A member that is present, even as null.
_has(obj, key) if _ = obj[key]

_everyone(s) if s.raw.Principal == "*"

_everyone(s) if {
	some p in s.principals
	p.type == "AWS"
	p.value == "*"
}

_opaque_principal(s) if policy.opaque(s.raw.Principal)

_opaque_principal(s) if {
	some p in s.principals
	policy.opaque(p.value)
}

# NotPrincipal in an Allow grants everyone but the listed principals.
_grants_everyone(s) if _everyone(s)

_grants_everyone(s) if _has(s.raw, "NotPrincipal")

_principal_message("Principal", d, a) := sprintf(
	"this Deny applies only to the principals it names: anonymous callers and callers a Lambda authorizer allows, whom the Allow in %s lets in, skip the %s restriction; use \"Principal\": \"*\"",
	[a.label, _restriction(d)],
)

_principal_message("NotPrincipal", d, a) := sprintf(
	"this Deny's NotPrincipal exempts the principals it lists from the %s restriction, while the Allow in %s lets them in; use \"Principal\": \"*\"",
	[_restriction(d), a.label],
)

# Actions.

_action_element(d) := "Action" if _has(d.raw, "Action")

_action_element(d) := "NotAction" if {
	not _has(d.raw, "Action")
	_has(d.raw, "NotAction")
}

_action_message("Action", d) := sprintf(
	"this Deny's Action does not include execute-api:Invoke, the action of every API call, so no call is held to its %s restriction; use \"Action\": \"execute-api:Invoke\"",
	[_restriction(d)],
)

_action_message("NotAction", d) := sprintf(
	"this Deny's NotAction leaves out execute-api:Invoke, the action of every API call, so no call is held to its %s restriction; use \"Action\": \"execute-api:Invoke\"",
	[_restriction(d)],
)

# Caller-controlled headers: which requests escape, by how the condition reads an absent key
# (DOMAIN.md §1.4): a plain positive test fails without the header, IfExists holds without it,
# a negated test holds without it, and Null tests presence itself.
_header := {"aws:useragent": "User-Agent", "aws:referer": "Referer"}

_escape(c) := sprintf("requests that send a %s header", [_header[c.key_lower]]) if {
	c.base == "Null"
	some v in policy.condition_values(c)
	v.value in {true, "true"}
}

_escape(c) := sprintf("requests without a %s header", [_header[c.key_lower]]) if {
	c.base == "Null"
	not _null_true(c)
}

_escape(c) := sprintf("requests whose %s header matches the value it lists", [_header[c.key_lower]]) if {
	c.base != "Null"
	contains(c.base, "Not")
}

_escape(c) := sprintf("requests with any other %s header", [_header[c.key_lower]]) if {
	c.base != "Null"
	not contains(c.base, "Not")
	c.if_exists
}

_escape(c) := sprintf("requests without a %s header, or with another one,", [_header[c.key_lower]]) if {
	c.base != "Null"
	not contains(c.base, "Not")
	not c.if_exists
}

_null_true(c) if {
	some v in policy.condition_values(c)
	v.value in {true, "true"}
}

# The keys a Deny restricts, as written (one spelling per key).
_restriction(d) := _keys([c | some c in _restricting; c.statement_path == d.path], " and ")

_keys(entries, sep) := concat(sep, [min({c.key | some c in entries; c.key_lower == k}) |
	some k in sort({c.key_lower | some c in entries})
])
