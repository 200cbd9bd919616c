# METADATA
# title: Member name appears twice in one object
# description: |
#   The IAM grammar allows a key once per element. Most parsers keep the last of two equal
#   keys without a word, so a repeated Condition, operator or condition key can silently drop
#   a restriction that a reviewer reads in the file. Whether API Gateway rejects such a policy
#   or does the same is not documented.
# custom:
#   code: AG003
#   severity: error
package apigwlint.rules.syntax["duplicate-key"]

import data.apigwlint.lib.report

# Only the decoders see both occurrences (the decoded policy keeps the last), so Go
# reports each repeat as a problem located on the name that wins; the rule passes it on.
findings contains report.at_key(p.path, p.message) if {
	some p in input.problems
	p.rule == "duplicate-key"
}
