package apigwlint.rules.meta["invalid-suppression_test"]

import data.apigwlint.rules.meta["invalid-suppression"] as rule

# Findings come from the engine, never from Rego, so a policy cannot trigger the rule.
test_rego_side_is_empty if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [{"Effect": "Allow", "Resource": "*"}]}}
	count(rule.findings) == 0 with input as {"policy": null, "problems": [{"rule": "invalid-suppression", "path": [], "message": "x"}]}
}
