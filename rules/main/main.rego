# METADATA
# title: Rule dispatch
# description: |
#   The single entrypoint the engine queries. Rules are found by package path, so adding a
#   rule folder registers it; no list of rules is kept anywhere (of categories, see _categories).
package apigwlint.main

# METADATA
# entrypoint: true
# description: |
#   Every finding of every enabled rule, built-in (data.apigwlint.rules[category][name]) and
#   user (data.apigwlint.custom[name]), each tagged with "rule": the rule name. A rule is
#   off when data.config.disabled, written by the engine from .apigwlint.yaml, maps its name
#   to true; it is read directly rather than through a function, which OPA would call once
#   per finding at several times the cost.
findings contains tagged if {
	some category in _categories
	some name
	some f in data.apigwlint.rules[category][name].findings
	not data.config.disabled[name]
	tagged := object.union(f, {"rule": name})
}

findings contains tagged if {
	_policy_applies
	some name
	some f in data.apigwlint.custom[name].findings
	not data.config.disabled[name]
	tagged := object.union(f, {"rule": name})
}

# The categories evaluated for this document. Every rule evaluated costs OPA some
# microseconds even when its first line fails, so whole categories that cannot report are
# skipped: a syntax rule only relays a problem the front ends found (input.problems), and
# most documents parse cleanly; a meta rule is reported by the engine (lint/suppress.go),
# its Rego only carries the METADATA. test_every_category_is_dispatched keeps this list
# whole.
_categories contains "target"

_categories contains "syntax" if {
	_policy_applies
	count(input.problems) > 0
}

_categories contains category if {
	_policy_applies
	some category in {"restriction", "resource"}
}

# HTTP and WebSocket APIs ignore resource policies, so only the target rules, which say
# exactly that, have anything useful to report there. The kind is read with a default:
# OPA 1.22 evaluates `not <undefined> in {...}` as undefined, not true.
_policy_applies if not object.get(input, ["target", "kind"], "") in {"http", "websocket"}
