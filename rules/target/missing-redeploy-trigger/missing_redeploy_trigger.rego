# METADATA
# title: Deployment does not redeploy when the policy changes
# description: |
#   API Gateway applies a changed resource policy only when the API is deployed again. A
#   Terraform aws_api_gateway_deployment is replaced only when its triggers change, so if
#   they do not depend on the policy, a policy change reaches the API but the stage keeps
#   enforcing the policy of its last deployment.
# custom:
#   code: AG303
#   severity: warning
package apigwlint.rules.target["missing-redeploy-trigger"]

import data.apigwlint.lib.report

findings contains object.union(report.at(["deployments", i], _message(d)), {"on": "target"}) if {
	some i, d in input.target.deployments
	not d.triggers_policy
}

_message(d) := sprintf(
	"%s has no triggers, so it is not redeployed when the resource policy%s changes and the stage keeps enforcing the old policy; add %s",
	[d.resource, _of_api, _fix(d)],
) if not d.has_triggers

_message(d) := sprintf(
	"the triggers of %s do not depend on the resource policy%s, so a policy change is not redeployed and the stage keeps enforcing the old policy; add the policy to them, e.g. %s",
	[d.resource, _of_api, _fix(d)],
) if d.has_triggers

_of_api := sprintf(" of %s", [input.target.resource]) if {
	is_string(input.target.resource)
	input.target.resource != ""
}

default _of_api := ""

# The front end may name the expression to hash (the policy argument that sets it); without
# it the suggestion names the usual one.
_fix(d) := sprintf("triggers = { policy = sha1(%s) }", [d.policy]) if {
	is_string(d.policy)
	d.policy != ""
}

default _fix(_) := "triggers = { policy = sha1(aws_api_gateway_rest_api_policy.<name>.policy) }, hashing the policy argument that sets it"
