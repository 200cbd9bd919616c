package rules_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/functions"
	"github.com/apigwlint/apigwlint/rules"
)

// regoFiles returns the path and source of every .rego file in the embedded
// bundle, tests included.
func regoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(rules.FS, p)
		files[p] = src
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the embedded bundle holds no .rego file")
	}
	return files
}

func parse(t *testing.T, name string, src []byte) *ast.Module {
	t.Helper()
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
	})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return m
}

// TestRego runs every *_test.rego in process through OPA's tester, with the
// custom functions, so CI needs no opa binary.
func TestRego(t *testing.T) {
	t.Parallel()
	mods := map[string]*ast.Module{}
	for name, src := range regoFiles(t) {
		mods[name] = parse(t, name, src)
	}
	// Strict mode (unused variables and imports, shadowed input) keeps the rules
	// compiling whether or not the engine turns it on.
	compiler := ast.NewCompiler().WithCapabilities(lint.Capabilities()).WithEnablePrintStatements(true).WithStrict(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		AddCustomBuiltins(functions.TesterBuiltins()).
		RaiseBuiltinErrors(true).
		SetModules(mods).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("compile rules: %v", err)
	}
	ran := 0
	for r := range ch {
		ran++
		switch {
		case r.Error != nil:
			t.Errorf("%s.%s: error: %v", r.Package, r.Name, r.Error)
		case r.Fail:
			t.Errorf("%s.%s: FAIL%s", r.Package, r.Name, printed(r.Output))
		case r.Skip:
			t.Logf("%s.%s: skipped", r.Package, r.Name)
		}
	}
	if ran == 0 {
		t.Fatal("no Rego test ran")
	}
	t.Logf("%d Rego tests ran", ran)
}

func printed(out []byte) string {
	if len(out) == 0 {
		return ""
	}
	return "\n" + string(out)
}

// TestFormat is the `opa fmt --list` check without the binary.
func TestFormat(t *testing.T) {
	t.Parallel()
	for name, src := range regoFiles(t) {
		got, err := format.Source(name, src)
		if err != nil {
			t.Errorf("format %s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, src) {
			t.Errorf("%s is not formatted: run opa fmt -w on it", name)
		}
	}
}

var (
	codePattern  = regexp.MustCompile(`^AG[0-9]{3}$`)
	rulePackage  = regexp.MustCompile(`^data\.apigwlint\.rules\.([a-z]+)\["([a-z0-9-]+)"\]$`)
	wantMark     = regexp.MustCompile(`(//|#)\s*want\s+AG`)
	categoryCode = map[string]string{"syntax": "AG0", "restriction": "AG1", "resource": "AG2", "target": "AG3"}
)

// TestRuleAnnotations checks that every rule file parses with its package
// METADATA complete, sits where its package path says, and has a unique code.
func TestRuleAnnotations(t *testing.T) {
	t.Parallel()
	codes := map[string]string{}
	for name, src := range regoFiles(t) {
		parts := strings.Split(name, "/")
		if len(parts) != 3 || strings.HasSuffix(name, "_test.rego") {
			continue
		}
		category, rule, file := parts[0], parts[1], parts[2]
		m := parse(t, name, src)
		want := `data.apigwlint.rules.` + category + `["` + rule + `"]`
		if got := m.Package.Path.String(); got != want || !rulePackage.MatchString(got) {
			t.Errorf("%s: package %s, want %s", name, got, want)
		}
		if file != strings.ReplaceAll(rule, "-", "_")+".rego" {
			t.Errorf("%s: file name should be %s.rego", name, strings.ReplaceAll(rule, "-", "_"))
		}
		a := packageAnnotations(m)
		if a == nil {
			t.Errorf("%s: no package-scoped METADATA", name)
			continue
		}
		if a.Title == "" || len(a.Title) > 60 || strings.HasSuffix(a.Title, ".") {
			t.Errorf("%s: title %q must be set, at most 60 characters, without a trailing period", name, a.Title)
		}
		if strings.TrimSpace(a.Description) == "" {
			t.Errorf("%s: METADATA has no description", name)
		}
		code, _ := a.Custom["code"].(string)
		if !codePattern.MatchString(code) || !strings.HasPrefix(code, categoryCode[category]) {
			t.Errorf("%s: custom.code %q must be %sNN", name, code, categoryCode[category])
		}
		if prev, dup := codes[code]; dup {
			t.Errorf("%s: code %s is already used by %s", name, code, prev)
		}
		codes[code] = rule
		if sev, _ := a.Custom["severity"].(string); !slices.Contains([]string{"error", "warning", "info"}, sev) {
			t.Errorf("%s: custom.severity %q must be error, warning or info", name, sev)
		}
		if !definesFindings(m) {
			t.Errorf("%s: defines no findings rule", name)
		}
		readme, err := fs.ReadFile(rules.FS, path.Join(category, rule, "README.md"))
		if err != nil || !strings.HasPrefix(string(readme), "# "+rule+" ("+code+")\n") {
			t.Errorf("%s: README.md missing or not starting with %q", name, "# "+rule+" ("+code+")")
		}
	}
	if len(codes) == 0 {
		t.Fatal("no rule found")
	}
}

// TestRuleFolders checks that every rule folder carries its tests and
// fixtures: at least one testdata/bad* file with a want comment and one
// testdata/good* file (JSON, YAML, HCL: any format a front end reads).
// Fixtures are not embedded, so this reads the source tree.
func TestRuleFolders(t *testing.T) {
	t.Parallel()
	dirs, err := fs.Glob(rules.FS, "*/*/*.rego")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range dirs {
		if strings.HasSuffix(f, "_test.rego") {
			continue
		}
		dir := path.Dir(f)
		test := strings.TrimSuffix(f, ".rego") + "_test.rego"
		if _, err := fs.Stat(rules.FS, test); err != nil {
			t.Errorf("%s: missing %s", dir, test)
		}
		bad, _ := filepath.Glob(filepath.Join(dir, "testdata", "bad*"))
		good, _ := filepath.Glob(filepath.Join(dir, "testdata", "good*"))
		if len(bad) == 0 || len(good) == 0 {
			t.Errorf("%s: want testdata/bad* and testdata/good* fixtures, have %d and %d", dir, len(bad), len(good))
		}
		for _, b := range bad {
			src, err := os.ReadFile(b)
			if err != nil || !wantMark.Match(src) {
				t.Errorf("%s: a bad fixture needs a want comment", b)
			}
		}
		for _, g := range good {
			if src, _ := os.ReadFile(g); wantMark.Match(src) {
				t.Errorf("%s: a good fixture must not expect findings", g)
			}
		}
	}
}

func packageAnnotations(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

func definesFindings(m *ast.Module) bool {
	for _, r := range m.Rules {
		if r.Head.Name == "findings" || r.Head.Ref().String() == "findings" {
			return true
		}
	}
	return false
}
