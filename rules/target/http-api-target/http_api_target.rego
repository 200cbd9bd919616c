# METADATA
# title: Resource policy is attached to an HTTP or WebSocket API
# description: |
#   Only REST APIs support resource policies. On an HTTP or WebSocket API the policy is
#   never evaluated, so the access control it seems to provide does not exist.
# custom:
#   code: AG301
#   severity: error
package apigwlint.rules.target["http-api-target"]

import data.apigwlint.lib.report

_kinds := {
	"http": {
		"label": "HTTP",
		"unnamed": "an HTTP API",
		"instead": "move it to a REST API (AWS::ApiGateway::RestApi), or control access with IAM, Lambda or JWT authorizers on the HTTP API",
	},
	"websocket": {
		"label": "WebSocket",
		"unnamed": "a WebSocket API",
		"instead": "control access with IAM authorization or a Lambda REQUEST authorizer on the $connect route instead",
	},
}

findings contains report.at([], msg) if {
	kind := _kinds[input.target.kind]
	msg := sprintf("resource policy on %s has no effect: %s APIs do not support resource policies; %s", [
		_subject(kind, object.get(input.target, "resource", ""), object.get(input.target, "type", "")),
		kind.label, kind.instead,
	])
}

_subject(_, resource, type) := sprintf("%q (%s)", [resource, type]) if {
	resource != ""
	type != ""
}

_subject(_, resource, "") := sprintf("%q", [resource]) if resource != ""

_subject(_, "", type) := sprintf("an API of type %s", [type]) if type != ""

_subject(kind, "", "") := kind.unnamed
