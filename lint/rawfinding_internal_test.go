package lint

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestDecodeFindings(t *testing.T) {
	t.Parallel()
	result := func(v any) rego.ResultSet {
		return rego.ResultSet{{Expressions: []*rego.ExpressionValue{{Value: v}}}}
	}
	got, err := decodeFindings(result([]any{
		map[string]any{"rule": "r", "path": []any{"Statement", json.Number("0")}, "message": "m", "on": "key", "severity": "warning", "extra": 1},
		map[string]any{"rule": "s", "message": "n", "on": nil},
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []rawFinding{
		{Rule: "r", Path: []any{"Statement", json.Number("0")}, Message: "m", On: "key", Severity: "warning"},
		{Rule: "s", Message: "n"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decodeFindings (-want +got):\n%s", diff)
	}
	if got, err := decodeFindings(nil); got != nil || err != nil {
		t.Errorf("decodeFindings(nil) = %v, %v", got, err)
	}
	for name, bad := range map[string]any{
		"not a list":       map[string]any{},
		"not an object":    []any{"x"},
		"message a number": []any{map[string]any{"message": json.Number("1")}},
		"path a string":    []any{map[string]any{"message": "m", "path": "Statement"}},
	} {
		if _, err := decodeFindings(result(bad)); err == nil || !strings.HasPrefix(err.Error(), "decode findings: ") {
			t.Errorf("%s: err = %v, want a decode findings error", name, err)
		}
	}
}
