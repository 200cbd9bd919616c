# METADATA
# title: Source restriction in an Allow has no matching Deny
# description: |
#   An Allow limited to some source IPs, VPCs or VPC endpoints only restricts callers who
#   need the resource policy to allow them. Same-account IAM callers and callers approved by
#   a Lambda authorizer are let in when the policy is merely silent, so the restriction must
#   be enforced by a Deny with the negated condition on the same key.
# custom:
#   code: AG101
#   severity: error
package apigwlint.rules.restriction["missing-deny-clause"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# The operator that restricts callers in an Allow, mapped to the one a backing Deny needs,
# for each family of condition keys (keys are compared lower-cased: IAM keys are case-insensitive).
# Written out in full: a table that refers to another rule is rebuilt for every document,
# while a constant is bound as it stands.
_negation := {
	"aws:sourceip": {"IpAddress": "NotIpAddress"},
	"aws:vpcsourceip": {"IpAddress": "NotIpAddress"},
	"aws:sourcevpc": {
		"StringEquals": "StringNotEquals",
		"StringEqualsIgnoreCase": "StringNotEqualsIgnoreCase",
		"StringLike": "StringNotLike",
	},
	"aws:sourcevpce": {
		"StringEquals": "StringNotEquals",
		"StringEqualsIgnoreCase": "StringNotEqualsIgnoreCase",
		"StringLike": "StringNotLike",
	},
}

# Keys some Deny tests with a negated operator. IfExists and set qualifiers are accepted:
# with a Deny, a negated operator denies on a missing key either way.
_backed contains c.key_lower if {
	some c in policy.condition_entries
	c.effect == "Deny"
	some negated in _negation[c.key_lower]
	c.base == negated
}

findings contains report.at(s.path, _message(restricting)) if {
	some s in policy.allows

	# This Allow's conditions that restrict callers with nothing backing them.
	restricting := [c |
		some c in s.conditions
		_negation[c.key_lower][c.base]
		not c.key_lower in _backed
	]
	count(restricting) > 0
}

# One restricting condition, the usual case, needs none of the grouping below: building a
# message costs more in Rego than finding the problem.
_message([c]) := _one_key(c.key, sprintf("%s on %q", [_negation[c.key_lower][c.base], c.key]))

_message(restricting) := _keys_message(keys, fixes) if {
	count(restricting) > 1
	lowered := sort({c.key_lower | some c in restricting})

	# One spelling per key, as the user wrote it; min keeps the choice deterministic.
	keys := [min({c.key | some c in restricting; c.key_lower == k}) | some k in lowered]
	fixes := [sprintf("%s on %q", [op, keys[i]]) |
		some i, k in lowered
		op := min({_negation[k][c.base] | some c in restricting; c.key_lower == k})
	]
}

_keys_message(keys, fixes) := _one_key(keys[0], fixes[0]) if count(keys) == 1

_keys_message(keys, fixes) := sprintf(
	"allow statement restricts callers by %s but no Deny negates them: same-account IAM callers and Lambda authorizers bypass an Allow-only restriction; add one Deny per key: %s",
	[concat(" and ", [sprintf("%q", [k]) | some k in keys]), concat(", ", fixes)],
) if count(keys) > 1

_one_key(key, fix) := sprintf(
	"allow statement restricts callers by %q but no Deny negates it: same-account IAM callers and Lambda authorizers bypass an Allow-only restriction; add a Deny with %s",
	[key, fix],
)
