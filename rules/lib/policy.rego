# METADATA
# title: Normalised view of the policy document
# description: |
#   Gives every rule the same view of input.policy whatever its JSON shape: statements as a
#   list, member values as lists of {value, path}, condition entries with keys matched
#   case-insensitively. Every element carries the RFC 6901 path of what the user wrote.
package apigwlint.lib.policy

# METADATA
# description: |
#   Every statement object as {"path", "index", "effect", "raw"}. Statement may be one object
#   (path ["Statement"], index 0) or an array (path ["Statement", i], index i); elements that
#   are not objects are skipped, the schema reports them. effect is the Effect value as
#   written, or null.
default statements := []

statements := _view.statements

# The view is built in Go (lint/functions/view.go), once per document: the same
# comprehensions written in Rego were a quarter of every document's evaluation, and
# conditions(s) scanned every entry of the document on each call.
_view := apigwlint.policy.view(input.policy)

# METADATA
# description: The statements whose Effect is exactly "Allow" (IAM does not document other spellings).
default allows := []

allows := _view.allows

# METADATA
# description: The statements whose Effect is exactly "Deny".
default denies := []

denies := _view.denies

# METADATA
# description: |
#   The values of a member such as Action, Resource or NotResource as a list of {value, path}:
#   one entry per array element, or one entry for a scalar (path of the scalar, no index).
#   Empty when the member is absent.
values(s, member) := _values_at(array.concat(s.path, [member]), s.raw[member])

default values(_, _) := []

# METADATA
# description: |
#   The Principal as a list of {type, value, path}: "*" gives type "*"; a map gives one entry
#   per identifier, type being the map key (AWS, Service, ...). Empty when absent.
principals(s) := [{"type": "*", "value": "*", "path": array.concat(s.path, ["Principal"])}] if {
	s.raw.Principal == "*"
}

principals(s) := [p |
	some type, ids in s.raw.Principal
	some v in _values_at(array.concat(s.path, ["Principal", type]), ids)
	p := object.union(v, {"type": type})
] if is_object(s.raw.Principal)

default principals(_) := []

# METADATA
# description: |
#   Every condition entry of every statement, one per operator and key, computed once per
#   document and shared by all rules: {statement_path, effect (of the statement), operator (as written),
#   base (without ForAnyValue:/ForAllValues: and IfExists), if_exists, qualifier
#   ("ForAnyValue", "ForAllValues" or ""), key (as written), key_lower, path_key (path of the
#   key), raw (the value as written)}. Keys are case-insensitive in IAM, so rules compare
#   key_lower. The values are expanded only on demand, by condition_values.
default condition_entries := []

condition_entries := _view.condition_entries

# METADATA
# description: The condition entries of one statement (see condition_entries).
conditions(s) := _view.conditions[s.path]

default conditions(_) := []

# METADATA
# description: |
#   The values of a condition entry as a list of {value, path}: one per array element, or
#   one for a scalar (path of the scalar itself).
condition_values(c) := _values_at(c.path_key, c.raw)

_values_at(path, v) := [{"value": x, "path": array.concat(path, [i])} | some i, x in v] if is_array(v)

_values_at(path, v) := [{"value": v, "path": path}] if not is_array(v)

# METADATA
# description: |
#   True for a value that infrastructure code left unknown (CloudFormation !Ref, Terraform
#   interpolation, template placeholders): a string containing "${". Such a value is never a
#   wildcard, a CIDR or malformed.
opaque(v) if {
	is_string(v)
	contains(v, "${")
}

# METADATA
# description: |
#   The condition keys (lower case) that hold the caller's IP address: aws:SourceIp, and
#   aws:VpcSourceIp for calls through a VPC endpoint. IAM's IP operators apply to these only.
address_keys := {"aws:sourceip", "aws:vpcsourceip"}

# METADATA
# description: The index of a statement in the Statement array (0 when Statement is one object).
statement_index(s) := s.index

# METADATA
# description: |
#   How a message names a statement: its Sid when it has a non-empty one, else its place
#   (Statement[2], or Statement when Statement is one object).
statement_label(s) := sprintf("statement %q", [s.raw.Sid]) if _has_sid(s)

statement_label(s) := _place(s) if not _has_sid(s)

_has_sid(s) if {
	is_string(s.raw.Sid)
	s.raw.Sid != ""
}

_place(s) := sprintf("Statement[%d]", [s.path[1]]) if count(s.path) > 1

_place(s) := "Statement" if count(s.path) == 1

# METADATA
# description: |
#   True for a condition entry whose values are addresses it lets in: an Allow's IpAddress
#   (any IfExists or set prefix), or a Deny's NotIpAddress, whose listed addresses escape the
#   Deny. The allowlist shapes that compliance and coverage rules look at.
admits_addresses(c) if {
	c.effect == "Allow"
	c.base == "IpAddress"
}

admits_addresses(c) if {
	c.effect == "Deny"
	c.base == "NotIpAddress"
}
