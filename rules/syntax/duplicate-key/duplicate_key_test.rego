package apigwlint.rules.syntax["duplicate-key_test"]

import data.apigwlint.rules.syntax["duplicate-key"] as rule

_msg := `duplicate key "Condition" (first on line 9): most parsers keep only this last one and silently drop the first, and whether API Gateway rejects the policy or does the same is not documented; write "Condition" once`

test_passes_problems_through_on_the_key if {
	got := rule.findings with input as {"policy": {"Statement": []}, "problems": [
		{"rule": "duplicate-key", "path": ["Statement", 0, "Condition"], "message": _msg, "on": "key"},
		{"rule": "invalid-policy", "path": ["Statement", 0], "message": "Effect is required"},
	]}
	got == {{"path": ["Statement", 0, "Condition"], "message": _msg, "on": "key"}}
}

test_one_finding_per_repeat if {
	got := rule.findings with input as {"policy": {"Statement": {}}, "problems": [
		{"rule": "duplicate-key", "path": ["Statement", "Effect"], "message": "a", "on": "key"},
		{"rule": "duplicate-key", "path": ["Statement", "Condition", "IpAddress", "aws:SourceIp"], "message": "b", "on": "key"},
	]}
	count(got) == 2
}

test_silent_without_problems if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}, "problems": []}
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}}
}
