package lint_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
)

// template is a CloudFormation template whose Resource line (7) holds an
// AG201 finding; the directive placeholder goes on line 6.
func template(directive, trailing string) string {
	return "Resources:\n" +
		"  Api:\n" +
		"    Type: AWS::ApiGateway::RestApi\n" +
		"    Properties:\n" +
		"      Policy:\n" +
		"        " + directive + "\n" +
		"        Statement: [{Effect: Allow, Principal: \"*\", Action: execute-api:Invoke, Resource: \"*\"}]" + trailing + "\n"
}

func codesAt(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule.Code+"@"+position.Pos{Line: f.Span.Start.Line, Col: f.Span.Start.Col}.String())
	}
	return out
}

// TestLintSourceAppliesDirectives runs the whole pipeline, as a scan does.
func TestLintSourceAppliesDirectives(t *testing.T) {
	t.Parallel()
	e := newEngine(t)
	tests := map[string]struct {
		src  string
		want string
	}{
		"no directive":           {template("# nothing", ""), "AG201@7:91"},
		"line above by code":     {template("# apigwlint:ignore ag201 private API", ""), ""},
		"trailing by name":       {template("# x", " # apigwlint:ignore wildcard-resource private API"), ""},
		"no reason":              {template("# apigwlint:ignore AG201", ""), "AG902@6:9"},
		"unknown code":           {template("# apigwlint:ignore AG2O1 typo", ""), "AG902@6:9 AG201@7:91"},
		"unused":                 {template("# apigwlint:ignore AG201,AG101 one of two", ""), "AG901@6:9"},
		"trailing on wrong line": {template("Version: '2012-10-17' # apigwlint:ignore AG201 wrong line", ""), "AG901@6:31 AG201@7:91"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fs, _, _, err := e.LintSource(context.Background(), "template.yaml", []byte(tc.src), true)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(codesAt(fs), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestApplyIgnores(t *testing.T) {
	t.Parallel()
	e := newEngine(t)
	src := `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}`
	fs, _, _, err := e.LintSource(context.Background(), "api/policy.json", []byte(src), true)
	if err != nil || len(fs) != 1 {
		t.Fatalf("want one AG201 finding, got %v (%v)", codesAt(fs), err)
	}
	under := func(dir string) func(string) bool {
		return func(f string) bool { return strings.HasPrefix(filepath.ToSlash(f), dir) }
	}
	entry := func(match func(string) bool, rule, ptr string, line int) lint.Ignore {
		return lint.Ignore{
			Match: match, Rule: rule, Pointer: ptr, Reason: "r", File: ".apigwlint.yaml",
			Span: position.Span{Start: position.Pos{Line: line, Col: 5}, End: position.Pos{Line: line, Col: 20}},
		}
	}
	tests := map[string]struct {
		ignores []lint.Ignore
		linted  []string
		want    string
	}{
		"by code and pointer": {[]lint.Ignore{entry(under("api/"), "AG201", "/Statement/0", 3)}, []string{"api/policy.json"}, ""},
		"wrong pointer":       {[]lint.Ignore{entry(under("api/"), "AG201", "/Statement/1", 3)}, []string{"api/policy.json"}, "AG901@3:5 AG201@1:98"},
		"unused but not linted": {
			[]lint.Ignore{entry(under("api/"), "wildcard-resource", "", 3), entry(under("old/"), "AG201", "", 4)},
			[]string{"api/policy.json"},
			"",
		},
		"unused and linted": {
			[]lint.Ignore{entry(under("api/"), "AG201", "", 3), entry(under("api/"), "AG102", "", 4)},
			[]string{"api/policy.json"},
			"AG901@4:5",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep := &lint.Report{Findings: append([]lint.Finding(nil), fs...)}
			e.ApplyIgnores(rep, tc.ignores, tc.linted)
			if got := strings.Join(codesAt(rep.Findings), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
