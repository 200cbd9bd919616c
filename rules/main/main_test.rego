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

test_every_category_is_dispatched if {
	problem := {"rule": "invalid-json", "path": [], "message": "unexpected end of JSON input"}
	categories := {c | some c, _ in data.apigwlint.rules} with input as {"policy": null, "problems": [problem]}
	dispatched := main._categories with input as {"policy": null, "problems": [problem]}
	categories == dispatched | {"meta"}
}

test_syntax_rules_skipped_without_problems if {
	not "syntax" in main._categories with input as {"policy": _doc, "problems": []}

	# Skipping them loses nothing: they relay problems and find none of their own.
	every rule in data.apigwlint.rules.syntax {
		object.get(rule, "findings", set()) == set()
	} with input as {"policy": {"Statement": "junk", "Version": 1}, "problems": []}
	"syntax" in main._categories with input as {"policy": null, "problems": [{"rule": "invalid-json", "path": [], "message": "x"}]}
}

# The engine reports meta rules; a meta package that found something in Rego would
# need dispatching. (Test packages sit beside the rules and have no findings.)
test_meta_rules_report_nothing_in_rego if {
	every rule in data.apigwlint.rules.meta {
		object.get(rule, "findings", set()) == set()
	}
}
