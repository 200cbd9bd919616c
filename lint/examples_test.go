package lint_test

import (
	"context"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/config"
)

// TestExamplesFireEveryRule keeps the README's first command honest: the
// bundled examples folder shows every rule at least once, with the
// examples/apigwlint.yaml that command names (its approved ranges
// switch on unapproved-cidr). Suppressions are applied by the engine
// itself, so AG901/AG902 fire here too.
func TestExamplesFireEveryRule(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load("../examples/apigwlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sel, err := cfg.Select(newEngine(t).Registry().Rules())
	if err != nil {
		t.Fatal(err)
	}
	e, err := lint.New(context.Background(), lint.Options{Disabled: sel.Disabled, Severity: sel.Severity, Settings: sel.Settings})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Run(context.Background(), []string{"../examples"}, lint.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.FileErrors) > 0 {
		t.Fatalf("file errors: %v", rep.FileErrors)
	}
	fired := map[string]bool{}
	for _, f := range rep.Findings {
		fired[f.Rule.Code] = true
	}
	for _, r := range e.Registry().Rules() {
		if !r.Custom && !fired[r.Code] {
			t.Errorf("no example under examples/ fires %s %s: add one", r.Code, r.Name)
		}
	}
}
