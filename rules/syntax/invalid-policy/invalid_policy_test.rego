package apigwlint.rules.syntax["invalid-policy_test"]

import data.apigwlint.rules.syntax["invalid-policy"] as rule

test_fires_on_schema_problems if {
	got := rule.findings with input as {"policy": {}, "problems": [
		{"rule": "invalid-policy", "path": ["Statement", 0], "message": "statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\""},
		{"rule": "invalid-policy", "path": ["Statement", 1, "Effect"], "message": "Effect \"allow\" must be \"Allow\" or \"Deny\""},
		{"rule": "invalid-json", "path": [], "message": "not this rule"},
	]}
	got == {
		{"path": ["Statement", 0], "message": "statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\""},
		{"path": ["Statement", 1, "Effect"], "message": "Effect \"allow\" must be \"Allow\" or \"Deny\""},
	}
}

test_fires_on_key_keeps_on if {
	got := rule.findings with input as {"policy": {}, "problems": [
		{"rule": "invalid-policy", "path": ["Statement", "Efect"], "on": "key", "message": "unknown member \"Efect\""},
	]}
	got == {{"path": ["Statement", "Efect"], "message": "unknown member \"Efect\"", "on": "key"}}
}

test_fires_ignores_other_on_values if {
	got := rule.findings with input as {"policy": {}, "problems": [
		{"rule": "invalid-policy", "path": ["Version"], "on": "value", "message": "Version must be \"2012-10-17\""},
	]}
	got == {{"path": ["Version"], "message": "Version must be \"2012-10-17\""}}
}

test_silent_without_problems if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}, "problems": []}
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}}
}
