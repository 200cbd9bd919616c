package apigwlint.rules.syntax["invalid-hcl_test"]

import data.apigwlint.rules.syntax["invalid-hcl"] as rule

test_fires_on_parse_problem if {
	got := rule.findings with input as {"policy": null, "problems": [
		{"rule": "invalid-hcl", "path": [], "message": "missing newline after argument: an argument definition must end with a newline"},
		{"rule": "invalid-json", "path": [], "message": "unexpected end of file"},
	]}
	got == {{"path": [], "message": "missing newline after argument: an argument definition must end with a newline"}}
}

test_fires_without_path if {
	got := rule.findings with input as {"policy": null, "problems": [{"rule": "invalid-hcl", "message": "unclosed configuration block"}]}
	got == {{"path": [], "message": "unclosed configuration block"}}
}

test_silent_without_problems if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}, "problems": []}
	count(rule.findings) == 0 with input as {"policy": {"Statement": []}}
}
