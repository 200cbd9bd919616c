# METADATA
# title: Policy document is not valid JSON
# description: |
#   API Gateway rejects a resource policy that does not parse as JSON, so the deployment
#   fails or, worse, a template renders a policy other than the one reviewed. Nothing else
#   can be checked until the document parses.
# custom:
#   code: AG001
#   severity: error
package apigwlint.rules.syntax["invalid-json"]

import data.apigwlint.lib.report

# Parsing happens in Go, which knows the byte offset of the error; the rule only
# passes its problems through so that metadata, suppression and output stay uniform.
findings contains report.at(object.get(p, "path", []), p.message) if {
	some p in input.problems
	p.rule == "invalid-json"
}
