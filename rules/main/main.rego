# METADATA
# title: Rule dispatch
# description: |
#   The single entrypoint the engine queries. Rules are found by package path, so adding a
#   rule folder registers it; no list of rules is kept anywhere.
package apigwlint.main

# METADATA
# entrypoint: true
# description: |
#   Every finding of every enabled rule, built-in (data.apigwlint.rules[category][name]) and
#   user (data.apigwlint.custom[name]), each tagged with "rule": the rule name.
findings contains tagged if {
	some category, name
	some f in data.apigwlint.rules[category][name].findings
	_reports(category)
	not _disabled(name)
	tagged := object.union(f, {"rule": name})
}

findings contains tagged if {
	some name
	some f in data.apigwlint.custom[name].findings
	_reports("custom")
	not _disabled(name)
	tagged := object.union(f, {"rule": name})
}

# data.config is written by the engine from .apigwlint.yaml; when it is absent nothing is disabled.
_disabled(name) if data.config.disabled[name] == true

# HTTP and WebSocket APIs ignore resource policies, so only the target rules, which say
# exactly that, have anything useful to report there. The kind is read with a default:
# OPA 1.22 evaluates `not <undefined> in {...}` as undefined, not true.
_reports(_) if not object.get(input, ["target", "kind"], "") in {"http", "websocket"}

_reports("target")
