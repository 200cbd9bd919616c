# METADATA
# title: Policy document breaks the IAM policy grammar
# description: |
#   A statement without Effect, Principal, Action or Resource, an Effect other than Allow or
#   Deny, or a member of the wrong type makes API Gateway reject the policy, or makes the
#   statement mean something other than intended. The document is checked against
#   schemas/policy.schema.json.
# custom:
#   code: AG002
#   severity: error
package apigwlint.rules.syntax["invalid-policy"]

import data.apigwlint.lib.report

# The schema is validated in Go; problems arrive with the failing element's path.
findings contains f if {
	some p in input.problems
	p.rule == "invalid-policy"
	f := _finding(object.get(p, "path", []), p.message, object.get(p, "on", ""))
}

# A problem about a member name (an unknown or misspelt key) is located on the key.
_finding(path, message, "key") := report.at_key(path, message)

_finding(path, message, on) := report.at(path, message) if on != "key"
