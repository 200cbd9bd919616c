# METADATA
# title: Normalised view of the policy document
# description: |
#   Gives every rule the same view of input.policy whatever its JSON shape: statements as a
#   list, member values as lists of {value, path}, condition entries with keys matched
#   case-insensitively. Every element carries the RFC 6901 path of what the user wrote.
package apigwlint.lib.policy

# METADATA
# description: |
#   Every statement object, as
#   {"path", "index", "effect", "raw", "label", "values", "principals", "conditions"}.
#   Statement may be one object (path ["Statement"], index 0) or an array (path
#   ["Statement", i], index i); elements that are not objects are skipped, the schema reports
#   them. effect is the Effect value as written, or null. label names the statement in a
#   message: statement "Sid" when it has a non-empty Sid, else its place (Statement[2], or
#   Statement for a lone object). values maps each of Action, NotAction, Resource and
#   NotResource that is present to its values as a list of {value, path}: one per array
#   element, or one for a scalar (at the scalar's own path). principals lists the Principal as
#   {type, value, path}: "*" gives type "*", a map one entry per identifier typed by its key
#   (AWS, Service, ...); empty otherwise. conditions are the statement's own condition
#   entries (see condition_entries).
default statements := []

statements := _view.statements

# The view is built in Go (lint/functions/view.go), once per document, and is data
# rather than functions: in OPA's evaluator a function call costs several times a field
# lookup, and the same comprehensions written in Rego were a quarter of every document's
# evaluation.
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
#   Every condition entry of every statement, one per operator and key, computed once per
#   document and shared by all rules: {statement_path, effect (of the statement), operator (as written),
#   base (without ForAnyValue:/ForAllValues: and IfExists), if_exists, qualifier
#   ("ForAnyValue", "ForAllValues" or ""), key (as written), key_lower, path_key (path of the
#   key), raw (the value as written)}. Keys are case-insensitive in IAM, so rules compare
#   key_lower. The values are expanded only on demand, by condition_values: most rules hand
#   raw to a builtin whole, and expanding every value of every entry up front was most of
#   the cost of building the view.
default condition_entries := []

condition_entries := _view.condition_entries

# METADATA
# description: |
#   The condition entries of each statement, by statement path: what a rule holding only a
#   condition entry's statement_path uses to reach its siblings.
default statement_conditions := {}

statement_conditions := _view.conditions

# METADATA
# description: |
#   The values of a condition entry as a list of {value, path}: one per array element, or
#   one for a scalar (path of the scalar itself).
condition_values(c) := [{"value": x, "path": array.concat(c.path_key, [i])} | some i, x in c.raw] if is_array(c.raw)

condition_values(c) := [{"value": c.raw, "path": c.path_key}] if not is_array(c.raw)

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
