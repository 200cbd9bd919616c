# METADATA
# title: Suppression silences nothing
# description: |
#   An "# apigwlint:ignore" comment, or an ignore entry of .apigwlint.yaml, that silences no
#   finding. Left in place it would hide the next real finding on that line without anyone
#   having reviewed it, and it tells readers of the file something that is no longer true.
# custom:
#   code: AG901
#   severity: warning
package apigwlint.rules.meta["unused-suppression"]

# The engine reports this rule in Go (lint/suppress.go): only Go sees the file's comments and
# the configuration file, and only after every other rule has run. The Rego side carries the
# metadata, so the rule can be listed, explained, disabled and re-levelled like any other.
findings := set()
