package printer_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/printer"
)

var (
	richDeny = &lint.Rule{
		Code: "AG101", Name: "missing-deny-clause", Category: "restriction", Severity: lint.SeverityError,
		Title:       "Source restriction in an Allow has no matching Deny",
		Description: "Same-account IAM callers bypass an Allow-only restriction.",
		Doc:         "# missing-deny-clause (AG101)\n\n## What it does\n\nReports an Allow-only IP restriction.\n",
		DocsURL:     "https://example.test/rules/restriction/missing-deny-clause",
	}
	richWild = &lint.Rule{
		Code: "AG201", Name: "wildcard-resource", Category: "resource", Severity: lint.SeverityWarning,
		Title:   "Allow grants a wildcard resource",
		DocsURL: "https://example.test/rules/resource/wildcard-resource",
	}
	richInfo = &lint.Rule{Code: "AG901", Name: "unused-suppression", Category: "meta", Severity: lint.SeverityInfo, Title: "Suppression suppresses nothing"}
)

// policyLines is api/policy.json as sampleFiles serves it: line 12 holds
// non-ASCII text before the end of the multi-line finding, so SARIF's end
// column must be converted from that line, not the start line.
var policyLines = []string{
	`{`, `  "Version": "2012-10-17",`, `  "Statement": [`, `    {`, `      "Effect": "Allow",`, `      "Principal": "*",`,
	"\t\t\"Resource\": \"*\",", `      "Action": "execute-api:Invoke",`, `      "Condition": {`,
	`        "IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}`, `      },`, `    "Sid": "Büro"}`, `  ]`, `}`,
}

func sampleFiles(path string) ([]byte, error) {
	if path == "api/policy.json" {
		return []byte(strings.Join(policyLines, "\n") + "\n"), nil
	}
	return nil, fs.ErrNotExist
}

// richReport exercises what only the machine formats care about: rule
// metadata, a span that ends on another line, non-ASCII before a column,
// characters GitHub commands must escape, a path with a space, an info
// finding and a file that could not be read.
func richReport() *lint.Report {
	nonASCII := `    "Sid": "Zugriff für Büro 😀", "Resource": "*"`
	col := strings.Index(nonASCII, `"*"`) + 1
	return &lint.Report{
		Files: 4, Policies: 3,
		Findings: []lint.Finding{
			{
				Rule: richDeny, Severity: lint.SeverityError, File: "api/policy.json", Span: span(4, 5, 12, 20), Exact: true,
				Pointer: "/Statement/0", Message: `allow statement restricts callers by "aws:SourceIp" but no Deny negates it`,
				Source: policyLines[3], ValueHash: "1111",
			},
			{
				Rule: richWild, Severity: lint.SeverityWarning, File: "api/policy.json", Span: span(7, 15, 7, 18), Exact: true,
				Pointer: "/Statement/0/Resource", Message: `Resource "*" matches 100% of resources: every API, every stage`,
				Source: policyLines[6], ValueHash: "2222",
			},
			{
				Rule: richWild, Severity: lint.SeverityWarning, File: "infra/main.tf", Span: span(9, col, 9, col+3), Exact: true,
				Pointer: "/Statement/1/Resource", Message: `Resource "*" matches every resource`,
				Source: nonASCII, ValueHash: "2222",
			},
			{
				Rule: richInfo, Severity: lint.SeverityInfo, File: "infra/my stack/template.yaml", Span: span(3, 9, 3, 40), Exact: true,
				Message: `# apigwlint:ignore AG102 suppresses nothing: no AG102 finding on this line or the next`,
				Source:  `      - # apigwlint:ignore AG102 legacy range`, ValueHash: "3333",
			},
		},
		FileErrors: []lint.FileError{{Path: "broken/unreadable.json", Err: errors.New("open broken/unreadable.json: permission denied")}},
	}
}

// sarifSchema is the OASIS SARIF 2.1.0 schema kept in the shared folder
// beside the repository; tests that need it skip when it is not there.
const sarifSchema = "../../../shared/schemas-external/sarif-schema-2.1.0.json"

func TestSARIFMatchesSchema(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(sarifSchema); err != nil {
		t.Skipf("SARIF schema not available: %v", err)
	}
	schema, err := jsonschema.NewCompiler().Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	for name, rep := range map[string]*lint.Report{"rich": richReport(), "sample": sampleReport(), "empty": {}} {
		var buf bytes.Buffer
		if err := (printer.SARIF{Version: "devel"}).Print(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: SARIF output breaks the SARIF 2.1.0 schema: %#v", name, err)
		}
	}
}

// TestSARIFColumns checks the byte → UTF-16 conversion: "ü" is two bytes
// and one unit, "😀" four bytes and two units.
func TestSARIFColumns(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (printer.SARIF{ReadFile: sampleFiles}).Print(&buf, richReport()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						Region           struct{ StartColumn, EndColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	type cols struct{ start, end int }
	want := []cols{{5, 19}, {15, 18}, {47, 50}, {9, 40}}
	for i, res := range run.Results {
		reg := res.Locations[0].PhysicalLocation.Region
		if got := (cols{reg.StartColumn, reg.EndColumn}); got != want[i] {
			t.Errorf("result %d: columns %v, want %v", i, got, want[i])
		}
	}
	if got := run.Results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "infra/my%20stack/template.yaml" {
		t.Errorf("uri = %q, want the path percent-encoded", got)
	}
	if a, b := run.Results[1].PartialFingerprints, run.Results[2].PartialFingerprints; a["apigwlintFingerprint/v1"] == b["apigwlintFingerprint/v1"] {
		t.Errorf("two findings in different files share a fingerprint")
	}
}

// TestGitHubEscaping pins the escapes the Actions runner decodes: "%", CR
// and LF everywhere, and ":" and "," in properties.
func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	rep := &lint.Report{Findings: []lint.Finding{{
		Rule: richWild, Severity: lint.SeverityWarning, File: "a,b:c%.json", Span: span(1, 2, 1, 5),
		Message: "100% wrong:\r\nsee, here",
	}}}
	var buf bytes.Buffer
	if err := (printer.GitHub{}).Print(&buf, rep); err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(buf.String(), "\n")
	want := "::warning file=a%2Cb%3Ac%25.json,line=1,endLine=1,col=2,endColumn=5,title=AG201 wildcard-resource::" +
		"100%25 wrong:%0D%0Asee, here%0A%0ASee https://example.test/rules/resource/wildcard-resource"
	if line != want {
		t.Errorf("got  %s\nwant %s", line, want)
	}
}

func TestJUnitParses(t *testing.T) {
	t.Parallel()
	for name, rep := range map[string]*lint.Report{"rich": richReport(), "empty": {Files: 2, Policies: 1}} {
		var buf bytes.Buffer
		if err := (printer.JUnit{}).Print(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Errors   int `xml:"errors,attr"`
			Suites   []struct {
				Name  string `xml:"name,attr"`
				Cases []struct {
					Name    string `xml:"name,attr"`
					Failure *struct {
						Message string `xml:"message,attr"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("%s: JUnit output does not parse: %v", name, err)
		}
		cases := 0
		for _, s := range got.Suites {
			cases += len(s.Cases)
		}
		if cases != got.Tests || got.Failures != len(rep.Findings) || got.Errors != len(rep.FileErrors) {
			t.Errorf("%s: tests=%d failures=%d errors=%d over %d cases; want failures=%d errors=%d",
				name, got.Tests, got.Failures, got.Errors, cases, len(rep.Findings), len(rep.FileErrors))
		}
		if name == "rich" && got.Suites[0].Cases[1].Failure.Message != rep.Findings[1].Message {
			t.Errorf("failure message %q does not round-trip", got.Suites[0].Cases[1].Failure.Message)
		}
	}
}

func TestCheckstyleParses(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	rep := richReport()
	if err := (printer.Checkstyle{}).Print(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("Checkstyle output does not parse: %v", err)
	}
	var n int
	for _, f := range got.Files {
		for _, e := range f.Errors {
			want := rep.Findings[n]
			if f.Name != want.File || e.Line != want.Span.Start.Line || e.Column != want.Span.Start.Col ||
				e.Message != want.Message || e.Severity != want.Severity.String() || !strings.Contains(e.Source, want.Rule.Code) {
				t.Errorf("error %d = %+v in %s, want %s:%d:%d %s", n, e, f.Name, want.File, want.Span.Start.Line, want.Span.Start.Col, want.Message)
			}
			n++
		}
	}
	if n != len(rep.Findings) {
		t.Errorf("%d errors, want %d", n, len(rep.Findings))
	}
}

func TestNewKnowsEveryName(t *testing.T) {
	t.Parallel()
	for _, name := range printer.Names() {
		if _, err := printer.New(name, printer.Options{}); err != nil {
			t.Errorf("New(%q): %v", name, err)
		}
	}
	if _, err := printer.New("xml", printer.Options{}); err == nil || !strings.Contains(err.Error(), "sarif") {
		t.Errorf("New(xml) = %v, want an error listing the formats", err)
	}
}
