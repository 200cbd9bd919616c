# METADATA
# title: Finding constructors
# description: |
#   Builds the finding objects every rule returns. Paths are RFC 6901-style arrays relative
#   to input.policy; the engine turns them into file positions.
package apigwlint.lib.report

# METADATA
# description: A finding located at the value found at path.
at(path, message) := {"path": path, "message": message}

# METADATA
# description: A finding located at the member name (not the value) found at path.
at_key(path, message) := {"path": path, "message": message, "on": "key"}

# METADATA
# description: A finding at the value found at path, lowered to severity warning whatever the rule's default.
warning_at(path, message) := {"path": path, "message": message, "severity": "warning"}
