package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRuleFolders is the meta test: a rule is one folder, and this test
// names the file that folder is missing.
func TestRuleFolders(t *testing.T) {
	t.Parallel()
	reg := newEngine(t).Registry()
	dirs, err := filepath.Glob("../rules/*/*")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		category, name := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		if category == "lib" || category == "main" {
			continue
		}
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		seen[name] = true
		rule, ok := reg.Lookup(name)
		if !ok {
			t.Errorf("%s: no rule package apigwlint.rules.%s[%q] with METADATA", dir, category, name)
			continue
		}
		if rule.Category != category {
			t.Errorf("%s: package category is %q, folder says %q", dir, rule.Category, category)
		}
		checkRuleFolder(t, dir, name, rule.Code)
	}
	for _, r := range reg.Rules() {
		if !r.Custom && !seen[r.Name] {
			t.Errorf("rule %s (%s) has no folder rules/%s/%s", r.Name, r.Code, r.Category, r.Name)
		}
	}
}

var docHeadings = []string{"## What it does", "## Why is this bad?", "## Example", "Use instead:", "## References"}

func checkRuleFolder(t *testing.T, dir, name, code string) {
	t.Helper()
	file := strings.ReplaceAll(name, "-", "_")
	for _, f := range []string{file + ".rego", file + "_test.rego", "README.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: missing %s", dir, f)
		}
	}
	if tests, err := os.ReadFile(filepath.Join(dir, file+"_test.rego")); err == nil && !regexp.MustCompile(`(?m)^test_`).Match(tests) {
		t.Errorf("%s: %s_test.rego defines no test_ rule", dir, file)
	}
	doc, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err == nil {
		if first, _, _ := strings.Cut(string(doc), "\n"); first != "# "+name+" ("+code+")" {
			t.Errorf("%s/README.md: first line is %q, want %q", dir, first, "# "+name+" ("+code+")")
		}
		for _, h := range docHeadings {
			if !strings.Contains(string(doc), h) {
				t.Errorf("%s/README.md: missing %q", dir, h)
			}
		}
	}
	bad, _ := filepath.Glob(filepath.Join(dir, "testdata", "bad*"))
	good, _ := filepath.Glob(filepath.Join(dir, "testdata", "good*"))
	if len(bad) == 0 {
		t.Errorf("%s: missing testdata/bad* fixtures that fire", dir)
	}
	if len(good) == 0 {
		t.Errorf("%s: missing testdata/good* fixtures that stay silent", dir)
	}
}
