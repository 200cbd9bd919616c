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

# apigwlint.arn.wildcards parses the ARN in Go: which of its partition, region,
# account and api-id hold a wildcard (placeholders never do).
findings contains report.at(v.path, msg) if {
	some s in policy.allows
	some v in s.values.Resource
	wild := apigwlint.arn.wildcards(v.value)
	count(wild) > 0
	msg := sprintf("Resource %q has a wildcard in the %s; %s", [v.value, _positions_text(wild), _advice])
}

_positions_text(wild) := sprintf("%s position", wild) if count(wild) == 1

_positions_text(wild) := sprintf("%s and %s positions", [
	concat(", ", array.slice(wild, 0, count(wild) - 1)),
	wild[count(wild) - 1],
]) if count(wild) > 1
