package printer

import (
	"testing"

	"github.com/apigwlint/apigwlint/lint"
)

// GitHub ranks security alerts by security-severity, which only the policy
// rules carry: the meta rules, about suppressions, are not security alerts.
func TestSARIFSecuritySeverity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		category string
		severity lint.Severity
		want     any
	}{
		{"restriction", lint.SeverityError, "8.0"},
		{"resource", lint.SeverityWarning, "5.0"},
		{"custom", lint.SeverityInfo, "2.0"},
		{"meta", lint.SeverityError, nil},
	}
	for _, tc := range tests {
		props := sarifProperties(&lint.Rule{Category: tc.category, Severity: tc.severity})
		if got := props["security-severity"]; got != tc.want {
			t.Errorf("%s rule of severity %v: security-severity %v, want %v", tc.category, tc.severity, got, tc.want)
		}
	}
}
