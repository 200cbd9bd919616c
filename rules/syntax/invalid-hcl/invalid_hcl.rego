# METADATA
# title: Terraform file does not parse
# description: |
#   A .tf file that holds an API Gateway resource policy but is not valid HCL cannot be
#   applied, and none of the policies in it can be checked until it parses.
# custom:
#   code: AG005
#   severity: error
package apigwlint.rules.syntax["invalid-hcl"]

import data.apigwlint.lib.report

# Parsing happens in Go, which knows where the parser stopped; the rule only passes its
# problems through so that metadata, suppression and output stay uniform.
findings contains report.at(object.get(p, "path", []), p.message) if {
	some p in input.problems
	p.rule == "invalid-hcl"
}
