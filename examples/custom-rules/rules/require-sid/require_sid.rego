# METADATA
# title: Statement has no Sid
# description: |
#   Our change-review process names each statement of a resource policy by its Sid, so a
#   reviewer can tell which statement a change touches. A statement without one cannot be
#   referred to.
# custom:
#   code: ORG001
#   severity: warning
package apigwlint.custom["require-sid"]

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

findings contains report.at_key(s.path, "statement has no Sid: name it, e.g. \"Sid\": \"AllowOfficeNetwork\"") if {
	some s in policy.statements
	not _has_sid(s.raw)
}

_has_sid(raw) if {
	is_string(raw.Sid)
	raw.Sid != ""
}
