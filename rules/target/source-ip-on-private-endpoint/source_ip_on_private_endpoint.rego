# METADATA
# title: Source IP condition on a private API
# description: |
#   Requests to a PRIVATE API arrive through an interface VPC endpoint, so aws:SourceIp is
#   absent from the request context. A Deny with NotIpAddress on it then refuses every caller,
#   and an Allow with IpAddress on it never matches. The caller's address is aws:VpcSourceIp.
# custom:
#   code: AG302
#   severity: error
package apigwlint.rules.target["source-ip-on-private-endpoint"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

_advice := "test aws:VpcSourceIp for the caller's private address, or aws:SourceVpce / aws:SourceVpc for the endpoint or VPC it comes through"

findings contains report.at_key(c.path_key, msg) if {
	input.target.endpoint == "PRIVATE"
	some s in policy.statements
	some c in s.conditions
	c.key_lower == "aws:sourceip"

	# Null tests exactly that absence, which is how a policy tells VPC endpoint traffic apart.
	c.base != "Null"
	msg := sprintf("%q is never present on a PRIVATE API, whose requests arrive through a VPC endpoint: %s; %s", [
		c.key, _effect(s.effect, c), _advice,
	])
}

# What the absent key does to the statement (DOMAIN.md §4: an absent key makes a negated or
# IfExists operator true and any other operator false).
_effect("Deny", c) := "this Deny applies to every caller" if _true_when_absent(c)

_effect("Allow", c) := "this Allow never matches" if not _true_when_absent(c)

_effect("Allow", c) := "this Allow matches every caller, whatever their address" if _true_when_absent(c)

_effect("Deny", c) := "this Deny never applies" if not _true_when_absent(c)

default _effect(_, _) := "the condition cannot test the caller's address"

_true_when_absent(c) if c.if_exists

_true_when_absent(c) if contains(c.base, "Not")

_true_when_absent(c) if c.qualifier == "ForAllValues"
