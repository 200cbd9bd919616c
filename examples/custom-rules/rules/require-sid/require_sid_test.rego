package apigwlint.custom["require-sid_test"]

import data.apigwlint.custom["require-sid"] as rule

test_statement_without_sid if {
	got := rule.findings with input as {"policy": {"Statement": [
		{"Sid": "AllowAll", "Effect": "Allow"},
		{"Effect": "Deny"},
	]}}
	got == {{"path": ["Statement", 1], "message": "statement has no Sid: name it, e.g. \"Sid\": \"AllowOfficeNetwork\"", "on": "key"}}
}

test_single_statement_object if {
	got := rule.findings with input as {"policy": {"Statement": {"Effect": "Allow", "Sid": ""}}}
	count(got) == 1
}

test_every_statement_named if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [{"Sid": "A"}, {"Sid": "B"}]}}
}
