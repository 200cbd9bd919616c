# METADATA
# title: Allow grants a wildcard resource
# description: |
#   A Resource of "*", or an execute-api ARN with a wildcard where the partition, region,
#   account or API id belongs, does not say which API the statement is about. Copied to
#   another API, or read by a reviewer, it grants more than intended; the execute-api:/ form
#   always means this API.
# custom:
#   code: AG201
#   severity: warning
package apigwlint.rules.resource["wildcard-resource"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

_advice := `use the "execute-api:/stage/VERB/path" form, which API Gateway expands to this API's own ARN`

findings contains report.at(v.path, msg) if {
	some s in policy.allows
	some v in s.values.Resource
	v.value == "*"
	msg := sprintf("Resource %q matches every resource; %s (e.g. \"execute-api:/*\")", [v.value, _advice])
}

findings contains report.at(v.path, msg) if {
	some s in policy.allows
	some v in s.values.Resource
	not _plain_arn(v.value)
	wild := _wild_positions(v.value)
	count(wild) > 0
	msg := sprintf("Resource %q has a wildcard in the %s; %s", [v.value, _positions_text(wild), _advice])
}

_wild_positions(arn) := [name |
	some name in _order
	_has_wildcard(_segment(parts, _index[name]))
] if {
	is_string(arn)
	startswith(arn, "arn:")
	parts := split(_blank_placeholders(arn), ":")
	parts[2] == "execute-api"
}

# A cheap test that settles most values: not an ARN, or an ARN whose six fields all come
# before the first "/" and hold no wildcard. Only the rest is split into positions.
_plain_arn(v) if not is_string(v)

_plain_arn(v) if not startswith(v, "arn:")

_plain_arn(v) if {
	head := split(_blank_placeholders(v), "/")[0]
	not contains(head, "*")
	not contains(head, "?")
	count(split(head, ":")) >= 6
}

_has_wildcard(s) if contains(s, "*")

_has_wildcard(s) if contains(s, "?")

# ${...} is a value the IaC tool fills in, never a wildcard: blank it out (with a character
# that is neither ":" nor "/" nor a wildcard) before splitting. Most values have none, and a
# regex is the costliest thing this rule would otherwise do.
_blank_placeholders(arn) := regex.replace(arn, `\$\{[^}]*\}`, "\u0001") if contains(arn, "${")

_blank_placeholders(arn) := arn if not contains(arn, "${")

_order := ["partition", "region", "account", "api-id"]

_index := {"partition": 1, "region": 3, "account": 4, "api-id": 5}

_segment(parts, i) := parts[i] if {
	i < 5
	i < count(parts)
}

# "${execution_arn}*" style: a * right after an unknown api-id stands for "/...", not for other APIs.
_segment(parts, 5) := trim_suffix(id, "\u0001*") if {
	count(parts) > 5
	id := split(concat(":", array.slice(parts, 5, count(parts))), "/")[0]
}

# A * ending the last segment may expand across ":", so the missing positions are wild too.
_segment(parts, i) := "*" if {
	i >= count(parts)
	endswith(parts[count(parts) - 1], "*")
}

default _segment(_, _) := ""

_positions_text(wild) := sprintf("%s position", wild) if count(wild) == 1

_positions_text(wild) := sprintf("%s and %s positions", [
	concat(", ", array.slice(wild, 0, count(wild) - 1)),
	wild[count(wild) - 1],
]) if count(wild) > 1
