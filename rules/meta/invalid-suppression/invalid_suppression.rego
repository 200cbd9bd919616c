# METADATA
# title: Suppression has no reason or names no rule
# description: |
#   An "# apigwlint:ignore" comment must name the rules it silences, by code or name, and say
#   why. A suppression without a reason cannot be reviewed, and one naming a code that does
#   not exist silences nothing while looking as if it did.
# custom:
#   code: AG902
#   severity: error
package apigwlint.rules.meta["invalid-suppression"]

# The engine reports this rule in Go (lint/suppress.go), where the file's comments are read;
# rules never see comments. The Rego side carries the metadata only.
findings := set()
