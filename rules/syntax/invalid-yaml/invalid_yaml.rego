# METADATA
# title: Template is not valid YAML
# description: |
#   A CloudFormation, SAM, Serverless or OpenAPI file that does not parse as YAML cannot be
#   deployed, and none of the resource policies it holds can be checked until it does. A
#   document whose aliases expand without bound (a "billion laughs") is refused the same way.
# custom:
#   code: AG004
#   severity: error
package apigwlint.rules.syntax["invalid-yaml"]

import data.apigwlint.lib.report

# Parsing happens in Go, which knows where the parser stopped; the rule only passes its
# problems through so that metadata, suppression and output stay uniform.
findings contains report.at(object.get(p, "path", []), p.message) if {
	some p in input.problems
	p.rule == "invalid-yaml"
}
