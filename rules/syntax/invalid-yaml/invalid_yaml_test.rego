package apigwlint.rules.syntax["invalid-yaml_test"]

import data.apigwlint.rules.syntax["invalid-yaml"] as rule

test_fires_on_parse_problem if {
	got := rule.findings with input as {"policy": null, "problems": [
		{"rule": "invalid-yaml", "path": [], "message": "mapping values are not allowed in this context"},
		{"rule": "invalid-json", "path": [], "message": "unexpected end of file: a bracket or brace is not closed"},
	]}
	got == {{"path": [], "message": "mapping values are not allowed in this context"}}
}

test_fires_without_path if {
	got := rule.findings with input as {"policy": null, "problems": [{"rule": "invalid-yaml", "message": "did not find expected key"}]}
	got == {{"path": [], "message": "did not find expected key"}}
}

test_silent_without_problems if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}, "problems": []}
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}}
}
