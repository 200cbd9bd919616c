package apigwlint.lib.report_test

import data.apigwlint.lib.report

test_at if {
	report.at(["Statement", 0, "Resource"], "m") == {"path": ["Statement", 0, "Resource"], "message": "m"}
}

test_at_key if {
	report.at_key(["Statement"], "m") == {"path": ["Statement"], "message": "m", "on": "key"}
}

test_warning_at if {
	report.warning_at([], "m") == {"path": [], "message": "m", "severity": "warning"}
}
