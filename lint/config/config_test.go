package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/schemas"
)

var testRules = []*lint.Rule{
	{Code: "AG101", Name: "missing-deny-clause"},
	{Code: "AG102", Name: "private-cidr-source-ip"},
	{Code: "AG201", Name: "wildcard-resource"},
	{Code: "AG301", Name: "http-api-target"},
	{Code: "AG901", Name: "unused-suppression"},
}

func parse(t *testing.T, src string) (*Config, error) {
	t.Helper()
	return Parse(".apigwlint.yaml", "/repo", []byte(src))
}

func TestParseFull(t *testing.T) {
	t.Parallel()
	cfg, err := parse(t, `version: 1
rules:
  enable: [AG1, AG201, unused-suppression]
  disable: [AG102]
  severity: {AG201: error, missing-deny-clause: warning}
exclude: [vendor/**, "**/*.generated.json"]
fail-level: error
rules-dirs: [policy/rules]
settings:
  wildcard-resource: {allow: ["execute-api:/*"]}
ignore:
  - path: legacy/*.json
    code: AG201
    pointer: /Statement/0/Resource
    reason: the legacy API is private
`)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FailLevel != "error" || cfg.RulesDirs[0] != filepath.FromSlash("/repo/policy/rules") {
		t.Errorf("fail-level %q, rules-dirs %v", cfg.FailLevel, cfg.RulesDirs)
	}
	want := Ignore{Path: "legacy/*.json", Code: "AG201", Pointer: "/Statement/0/Resource", Reason: "the legacy API is private", Pos: Pos{12, 5}}
	if diff := cmp.Diff([]Ignore{want}, cfg.Ignore); diff != "" {
		t.Errorf("ignore (-want +got):\n%s", diff)
	}
	sel, err := cfg.Select(testRules)
	if err != nil {
		t.Fatal(err)
	}
	wantSel := Selection{
		Disabled: map[string]bool{"private-cidr-source-ip": true, "http-api-target": true},
		Severity: map[string]lint.Severity{"wildcard-resource": lint.SeverityError, "missing-deny-clause": lint.SeverityWarning},
		Settings: map[string]any{"wildcard-resource": map[string]any{"allow": []any{"execute-api:/*"}}},
	}
	if diff := cmp.Diff(wantSel, sel); diff != "" {
		t.Errorf("selection (-want +got):\n%s", diff)
	}
}

// TestSelectSpecificity pins the Ruff-style resolution: the most specific
// selector wins, a tie goes to disable, no enable list means all.
func TestSelectSpecificity(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		rules string
		off   []string
	}{
		"no rules section":               {"", nil},
		"disable a prefix":               {"{disable: [AG1]}", []string{"missing-deny-clause", "private-cidr-source-ip"}},
		"code beats prefix":              {"{disable: [AG1], enable: [AG101]}", []string{"private-cidr-source-ip", "http-api-target", "wildcard-resource", "unused-suppression"}},
		"name beats prefix":              {"{disable: [AG], enable: [wildcard-resource]}", []string{"missing-deny-clause", "private-cidr-source-ip", "http-api-target", "unused-suppression"}},
		"tie goes to disable":            {"{enable: [AG201], disable: [ag201]}", []string{"missing-deny-clause", "private-cidr-source-ip", "wildcard-resource", "http-api-target", "unused-suppression"}},
		"longer prefix beats shorter":    {"{enable: [AG], disable: [AG9]}", []string{"unused-suppression"}},
		"enable alone restricts the set": {"{enable: [AG3]}", []string{"missing-deny-clause", "private-cidr-source-ip", "wildcard-resource", "unused-suppression"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := "version: 1\n"
			if tc.rules != "" {
				src += "rules: " + tc.rules + "\n"
			}
			cfg, err := parse(t, src)
			if err != nil {
				t.Fatal(err)
			}
			sel, err := cfg.Select(testRules)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			for _, n := range tc.off {
				want[n] = true
			}
			if diff := cmp.Diff(want, sel.Disabled); diff != "" {
				t.Errorf("disabled (-want +got):\n%s", diff)
			}
		})
	}
}

// TestErrors pins each message: at the offending key or value, saying what
// to write instead.
func TestErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ src, want string }{
		"unknown key with a near miss": {
			"version: 1\nfail_level: error\n",
			`.apigwlint.yaml:2:1: unknown key "fail_level": did you mean "fail-level"?`,
		},
		"unknown nested key lists the allowed": {
			"version: 1\nrules:\n  select: [AG1]\n",
			`.apigwlint.yaml:3:3: unknown key "select" in rules: use one of disable, enable, severity`,
		},
		"bad enum value": {
			"version: 1\nfail-level: fatal\n",
			`.apigwlint.yaml:2:13: fail-level: must be one of error, warning, info, none`,
		},
		"missing version": {
			"rules: {disable: [AG201]}\n",
			`.apigwlint.yaml:1:1: missing key "version": add version: 1`,
		},
		"wrong version": {
			"version: 2\n",
			`.apigwlint.yaml:1:10: version: must be 1`,
		},
		"bad selector": {
			"version: 1\nrules:\n  disable: [\"AG 201\"]\n",
			`.apigwlint.yaml:3:13: rules.disable[0]: must be a rule code (AG101), a code prefix (AG1) or a rule name (missing-deny-clause)`,
		},
		"ignore without reason": {
			"version: 1\nignore:\n  - path: a.json\n    code: AG201\n",
			`.apigwlint.yaml:3:5: missing key "reason" in ignore[0]: add reason: <why this finding is accepted>`,
		},
		"ignore with an empty reason": {
			"version: 1\nignore:\n  - {path: a.json, code: AG201, reason: \" \"}\n",
			`.apigwlint.yaml:3:41: ignore[0].reason: must not be empty: say why the finding is accepted`,
		},
		"wrong type": {
			"version: 1\nexclude: vendor/**\n",
			`.apigwlint.yaml:2:10: exclude: expected array, but got string`,
		},
		"duplicate key": {
			"version: 1\nversion: 1\n",
			`.apigwlint.yaml:2:1: key "version" is given twice: keep one`,
		},
		"yaml syntax": {
			"version: 1\nrules: [\n",
			`.apigwlint.yaml:2:1: not valid YAML: did not find expected node content`,
		},
		"empty file": {"", `.apigwlint.yaml:1:1: the file is empty: start it with version: 1`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := parse(t, tc.src)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestSelectUnknownRules(t *testing.T) {
	t.Parallel()
	cfg, err := parse(t, "version: 1\nrules:\n  disable: [AG7]\n  severity: {nope: error}\nsettings:\n  AG201: {}\n  typo-rule: {}\n")
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Select(testRules)
	want := `.apigwlint.yaml:3:13: rules.disable[0]: "AG7" selects no rule: give a code (AG101), a code prefix (AG1) or a name; see apigwlint rules
.apigwlint.yaml:4:14: rules.severity: "nope" is no rule's code or name: see apigwlint rules
.apigwlint.yaml:7:3: settings: "typo-rule" is no rule's code or name: see apigwlint rules`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestExcludedAndIgnores(t *testing.T) {
	t.Parallel()
	cfg, err := Parse(".apigwlint.yaml", "/repo", []byte(`version: 1
exclude: [vendor/**, build, "**/*.gen.json"]
ignore:
  - {path: legacy/**, code: AG201, reason: private API}
`))
	if err != nil {
		t.Fatal(err)
	}
	ex := cfg.Excluded()
	for p, want := range map[string]bool{
		"/repo/vendor":             true,
		"/repo/vendor/a/b.json":    true,
		"/repo/build":              true,
		"/repo/build/x.json":       true,
		"/repo/api/x.gen.json":     true,
		"/repo/api/policy.json":    false,
		"/other/vendor/x.json":     false,
		"/repo/buildings/a.json":   false,
		"/repo/sub/vendor/a.json":  false,
		"/repo/x.gen.json.bak":     false,
		"/repo/deep/er/x.gen.json": true,
	} {
		if got := ex(filepath.FromSlash(p)); got != want {
			t.Errorf("excluded(%s) = %v, want %v", p, got, want)
		}
	}
	igs := cfg.Ignores(filepath.FromSlash("/repo/api"), ".apigwlint.yaml")
	if len(igs) != 1 {
		t.Fatalf("%d ignores", len(igs))
	}
	// Report paths are relative to the working directory, here /repo/api.
	if !igs[0].Match("../legacy/p.json") || igs[0].Match("p.json") || !igs[0].Match(filepath.FromSlash("/repo/legacy/a/b.json")) {
		t.Error("ignore glob does not resolve report paths against the working directory")
	}
	if igs[0].Span.Start.Line != 4 || igs[0].Source != "  - {path: legacy/**, code: AG201, reason: private API}" {
		t.Errorf("ignore entry located at %v %q", igs[0].Span, igs[0].Source)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || (got != "" && strings.HasPrefix(got, root)) {
		t.Fatalf("Find with no file = %q, %v", got, err)
	}
	want := filepath.Join(root, "a", FileName)
	if err := os.WriteFile(want, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != want {
		t.Errorf("Find = %q, %v; want %q", got, err, want)
	}
}

// TestSchemaDescribesEverything: editors show descriptions when completing,
// so every property and definition of the published schema has one.
func TestSchemaDescribesEverything(t *testing.T) {
	t.Parallel()
	raw, err := schemas.FS.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$id"] != schemaID {
		t.Errorf("$id = %v, want %s", doc["$id"], schemaID)
	}
	var walk func(path string, node map[string]any)
	walk = func(path string, node map[string]any) {
		if _, ok := node["description"].(string); !ok {
			t.Errorf("%s has no description", path)
		}
		for _, key := range []string{"properties", "definitions"} {
			children, _ := node[key].(map[string]any)
			for name, c := range children {
				if m, ok := c.(map[string]any); ok {
					walk(path+"/"+key+"/"+name, m)
				}
			}
		}
		if items, ok := node["items"].(map[string]any); ok && items["type"] == "object" {
			walk(path+"/items", items)
		}
	}
	walk("#", doc)
}
