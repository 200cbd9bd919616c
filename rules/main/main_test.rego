package apigwlint.main_test

import data.apigwlint.main

# A policy that trips one restriction rule (missing-deny-clause) and one resource rule.
_doc := {"Statement": [{
	"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
	"Condition": {"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}},
}]}

_rules(fs) := {f.rule | some f in fs}

test_findings_tagged_with_rule_name if {
	got := main.findings with input as {"policy": _doc, "target": {"kind": "rest"}}
	_rules(got) == {"missing-deny-clause", "wildcard-resource"}
	some f in got
	f.rule == "wildcard-resource"
	f.path == ["Statement", 0, "Resource"]
	startswith(f.message, `Resource "*"`)
}

test_findings_pass_problems_through if {
	got := main.findings with input as {"policy": null, "problems": [{"rule": "invalid-json", "path": [], "message": "unexpected end of JSON input"}]}
	got == {{"rule": "invalid-json", "path": [], "message": "unexpected end of JSON input"}}
}

test_disabled_rules_are_skipped if {
	got := main.findings with input as {"policy": _doc} with data.config as {"disabled": {"wildcard-resource": true, "missing-deny-clause": false}}
	_rules(got) == {"missing-deny-clause"}
}

test_only_target_rules_on_http_and_websocket if {
	http := main.findings with input as {"policy": _doc, "target": {"kind": "http", "resource": "", "type": ""}}
	_rules(http) == {"http-api-target"}
	ws := main.findings with input as {"policy": _doc, "target": {"kind": "websocket", "resource": "", "type": ""}}
	_rules(ws) == {"http-api-target"}
}

test_custom_rules_join_dispatch if {
	custom := {"team-rule": {"findings": {{"path": ["Version"], "message": "use a Version"}}}}
	got := main.findings with input as {"policy": {"Statement": []}} with data.apigwlint.custom as custom
	got == {{"rule": "team-rule", "path": ["Version"], "message": "use a Version"}}
	silenced := main.findings with input as {"policy": {"Statement": []}, "target": {"kind": "http"}} with data.apigwlint.custom as custom
	_rules(silenced) == {"http-api-target"}
	disabled := main.findings with input as {"policy": {"Statement": []}}
		with data.apigwlint.custom as custom
		with data.config as {"disabled": {"team-rule": true}}
	disabled == set()
}
