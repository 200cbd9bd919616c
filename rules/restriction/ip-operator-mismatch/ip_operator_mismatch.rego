# METADATA
# title: IP condition key and operator do not fit
# description: |
#   aws:SourceIp and aws:VpcSourceIp hold an address and are compared with IpAddress or
#   NotIpAddress. Under a string or ARN operator a CIDR is only text; an IP operator on another
#   key tests no address; ForAnyValue:/ForAllValues: are for multivalued keys and change what
#   happens when the key is absent; and IpAddressIfExists in an Allow admits every request that
#   carries no address unless a Deny catches those.
# custom:
#   code: AG107
#   severity: error
package apigwlint.rules.restriction["ip-operator-mismatch"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# Every finding sits on the condition key, so a condition gets one finding whichever of
# the cases below it falls in; the cases are disjoint by construction.

# The operators IAM documents other than the IP ones and Null (DOMAIN.md §1.4), and what
# each compares. A table rather than prefix tests: every condition of every document is
# looked up here once.
_compares := {
	"StringEquals": "text", "StringNotEquals": "text",
	"StringEqualsIgnoreCase": "text", "StringNotEqualsIgnoreCase": "text",
	"StringLike": "text", "StringNotLike": "text",
	"NumericEquals": "numbers", "NumericNotEquals": "numbers",
	"NumericLessThan": "numbers", "NumericLessThanEquals": "numbers",
	"NumericGreaterThan": "numbers", "NumericGreaterThanEquals": "numbers",
	"DateEquals": "dates", "DateNotEquals": "dates",
	"DateLessThan": "dates", "DateLessThanEquals": "dates",
	"DateGreaterThan": "dates", "DateGreaterThanEquals": "dates",
	"Bool": "booleans", "BinaryEquals": "base64 bytes",
	"ArnEquals": "ARNs", "ArnLike": "ARNs", "ArnNotEquals": "ARNs", "ArnNotLike": "ARNs",
}

# An address key under another documented operator. Null tests presence only, which
# is right for an address key.
findings contains report.at_key(c.path_key, sprintf(
	"%s holds the caller's IP address, but %s compares %s, so a CIDR never matches as a range; write %s",
	[c.key, c.operator, _compares[c.base], _ip_operator(c)],
)) if {
	some c in policy.condition_entries
	_compares[c.base]
	c.qualifier == ""
	policy.address_keys[c.key_lower]
}

# An IP operator on a key that holds no address. Opaque keys may turn out to be one.
findings contains report.at_key(c.path_key, sprintf(
	"%s on %s, which holds no IP address: IP operators only test aws:SourceIp and aws:VpcSourceIp; %s",
	[c.operator, c.key, _instead(c)],
)) if {
	some c in policy.condition_entries
	c.base in {"IpAddress", "NotIpAddress"}
	not policy.address_keys[c.key_lower]
	not policy.opaque(c.key)
}

# ForAnyValue:/ForAllValues: on a single-valued address key (DOMAIN.md §1.4, §4).
findings contains report.at_key(c.path_key, sprintf(
	"%s on %s, a single-valued key: set operators are for multivalued keys, and %s; write %s",
	[c.operator, c.key, _absent(c), _ip_operator(c)],
)) if {
	some c in policy.condition_entries
	c.qualifier != ""
	policy.address_keys[c.key_lower]
}

# IpAddressIfExists in an Allow holds when the key is absent (§4): requests without an
# address get through whatever their source, unless some Deny refuses them.
findings contains report.at_key(c.path_key, sprintf(
	"%s lets every request that carries no %s (%s) through this Allow whatever its address, and no Deny refuses those; write IpAddress, or add a Deny with NotIpAddress on %s",
	[c.operator, c.key, _keyless[c.key_lower], c.key],
)) if {
	some c in policy.condition_entries
	c.if_exists
	c.effect == "Allow"
	c.base == "IpAddress"
	c.qualifier == ""
	policy.address_keys[c.key_lower]
	not c.key_lower in _caught
	not _needs_presence(c)
}

# Keys absent on exactly the requests that lack each address key (DOMAIN.md §3.3): the
# VPC keys exist only on calls through a VPC endpoint, as aws:VpcSourceIp does.
_absent_together := {
	"aws:sourceip": set(),
	"aws:vpcsourceip": {"aws:sourcevpc", "aws:sourcevpce"},
}

# The statement also requires a key that those requests lack, so it cannot match them.
_needs_presence(c) if {
	some o in policy.statement_conditions[c.statement_path]
	o.key_lower in _absent_together[c.key_lower]
	o.qualifier == ""
	not o.if_exists
	not contains(o.base, "Not")
	o.base != "Null"
}

_needs_presence(c) if {
	some o in policy.statement_conditions[c.statement_path]
	o.key_lower in (_absent_together[c.key_lower] | {c.key_lower})
	o.base == "Null"
	some v in policy.condition_values(o)
	v.value in {false, "false"}
}

# Address keys for which some Deny holds when the key is absent: a negated IP operator
# (absent is true, with or without IfExists; ForAnyValue makes it false), or Null "true".
_caught contains c.key_lower if {
	some c in policy.condition_entries
	c.effect == "Deny"
	c.base == "NotIpAddress"
	c.qualifier != "ForAnyValue"
}

_caught contains c.key_lower if {
	some c in policy.condition_entries
	c.effect == "Deny"
	c.base == "Null"
	some v in policy.condition_values(c)
	v.value in {true, "true"}
}

# Which requests carry no value for each address key (DOMAIN.md §3.2).
_keyless := {
	"aws:sourceip": "calls through a VPC endpoint",
	"aws:vpcsourceip": "calls not made through a VPC endpoint",
}

# The IP operator of the same polarity, keeping IfExists.
_ip_operator(c) := concat("", [_polarity(c), "IpAddress", _suffix(c)])

_polarity(c) := "Not" if contains(c.base, "Not")

_polarity(c) := "" if not contains(c.base, "Not")

_suffix(c) := "IfExists" if c.if_exists

_suffix(c) := "" if not c.if_exists

# VPC and VPC endpoint ids are compared as strings.
_instead(c) := sprintf("compare the id with %s", [_string_operator(c)]) if c.key_lower in {"aws:sourcevpc", "aws:sourcevpce"}

_instead(c) := "test the caller's address with aws:SourceIp, or aws:VpcSourceIp on a private API" if {
	not c.key_lower in {"aws:sourcevpc", "aws:sourcevpce"}
}

_string_operator(c) := "StringNotEquals" if c.base == "NotIpAddress"

_string_operator(c) := "StringEquals" if c.base == "IpAddress"

# What the set qualifier does when the key is absent, and what that means here.
_absent(c) := sprintf("ForAllValues is true when the key is absent, so this Allow also admits every request that carries no %s", [c.key]) if {
	c.qualifier == "ForAllValues"
	c.effect == "Allow"
}

_absent(c) := sprintf("ForAllValues is true when the key is absent, so this Deny also refuses every request that carries no %s", [c.key]) if {
	c.qualifier == "ForAllValues"
	c.effect == "Deny"
}

_absent(c) := sprintf("ForAnyValue is false when the key is absent, so every request that carries no %s escapes this Deny", [c.key]) if {
	c.qualifier == "ForAnyValue"
	c.effect == "Deny"
}

# ForAnyValue in an Allow is false on an absent key, as the plain operator is, and the
# same on a present one: only AWS's warning applies.
default _absent(_) := "AWS warns that they can make a policy overly permissive"
