package apigwlint.rules.syntax["invalid-json_test"]

import data.apigwlint.rules.syntax["invalid-json"] as rule

test_fires_on_parse_problem if {
	got := rule.findings with input as {"policy": null, "problems": [
		{"rule": "invalid-json", "path": [], "message": "invalid character '\"' after object key:value pair"},
		{"rule": "invalid-policy", "path": ["Statement"], "message": "Statement is required"},
	]}
	got == {{"path": [], "message": "invalid character '\"' after object key:value pair"}}
}

test_fires_without_path if {
	got := rule.findings with input as {"policy": null, "problems": [{"rule": "invalid-json", "message": "unexpected end of input"}]}
	got == {{"path": [], "message": "unexpected end of input"}}
}

test_silent_without_problems if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}, "problems": []}
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}}
}
