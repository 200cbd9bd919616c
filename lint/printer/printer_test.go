package printer_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/printer"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	ruleDeny = &lint.Rule{Code: "AG101", Name: "missing-deny-clause", Severity: lint.SeverityError, DocsURL: "https://example.test/AG101"}
	ruleWild = &lint.Rule{Code: "AG201", Name: "wildcard-resource", Severity: lint.SeverityWarning, DocsURL: "https://example.test/AG201"}
)

func span(line, col, endLine, endCol int) position.Span {
	return position.Span{Start: position.Pos{Line: line, Col: col}, End: position.Pos{Line: endLine, Col: endCol}}
}

// sampleReport covers a multi-line span, a tab-indented source line, and
// a one-line span.
func sampleReport() *lint.Report {
	return &lint.Report{
		Files:    3,
		Policies: 2,
		Findings: []lint.Finding{
			{
				Rule: ruleDeny, Severity: lint.SeverityError, File: "api/policy.json", Span: span(3, 5, 12, 6), Exact: true,
				Pointer: "/Statement/0", Message: `allow statement restricts callers by "aws:SourceIp" but no Deny negates it`,
				Source: "    {",
			},
			{
				Rule: ruleWild, Severity: lint.SeverityWarning, File: "api/policy.json", Span: span(7, 15, 7, 18), Exact: true,
				Pointer: "/Statement/0/Resource", Message: `Resource "*" matches every resource`,
				Source: "\t\t\"Resource\": \"*\",",
			},
		},
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	type golden struct {
		p   printer.Printer
		rep func() *lint.Report
	}
	printers := map[string]golden{
		"text.txt":           {printer.Text{}, sampleReport},
		"text-color.txt":     {printer.Text{Options: printer.TextOptions{Color: true, Context: true}}, sampleReport},
		"json.json":          {printer.JSON{}, sampleReport},
		"text-breakdown.txt": {printer.Text{Options: printer.TextOptions{Breakdown: true}}, manyReport},
		"sarif.sarif":        {printer.SARIF{Version: "v1.2.3", ReadFile: sampleFiles}, richReport},
		"github.txt":         {printer.GitHub{}, richReport},
		"gitlab.json":        {printer.GitLab{}, richReport},
		"junit.xml":          {printer.JUnit{}, richReport},
		"checkstyle.xml":     {printer.Checkstyle{}, richReport},
	}
	for name, g := range printers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := g.p.Print(&buf, g.rep()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, buf.Bytes()) {
				t.Errorf("%s output differs from the golden file:\ngot:\n%s\nwant:\n%s", name, buf.Bytes(), want)
			}
		})
	}
}

func TestTextNoFindings(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (printer.Text{}).Print(&buf, &lint.Report{Files: 1, Policies: 1}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "no findings; 1 policy document checked in 1 file\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestJSONMatchesSchema validates real output against the published report
// schema, so the schema and the printer cannot drift apart.
func TestJSONMatchesSchema(t *testing.T) {
	t.Parallel()
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("../../schemas/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, rep := range map[string]*lint.Report{"sample": sampleReport(), "empty": {}} {
		var buf bytes.Buffer
		if err := (printer.JSON{}).Print(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: JSON output breaks report.schema.json: %v", name, err)
		}
	}
}

// manyReport has twelve findings over three folders: enough for a
// breakdown.
func manyReport() *lint.Report {
	rep := &lint.Report{Files: 12, Policies: 12}
	for i, dir := range []string{"api", "api", "api", "api", "api", "infra", "infra", "infra", "legacy", "legacy", "api", "top.json"} {
		rule, sev := ruleWild, lint.SeverityWarning
		if i%3 == 0 {
			rule, sev = ruleDeny, lint.SeverityError
		}
		file := dir + "/p" + strconv.Itoa(i) + ".json"
		if dir == "top.json" {
			file = dir
		}
		rep.Findings = append(rep.Findings, lint.Finding{Rule: rule, Severity: sev, File: file, Span: span(1, 1, 1, 2), Message: "m"})
	}
	lint.SortFindings(rep.Findings)
	return rep
}
