package printer

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/baseline"
)

// SARIF prints a SARIF 2.1.0 log, the format GitHub code scanning and other
// security dashboards import.
//
// Columns: apigwlint counts columns in bytes, SARIF in UTF-16 code units
// unless told otherwise, and neither "bytes" nor anything close is a
// columnKind SARIF allows. The log states columnKind "utf16CodeUnits" and
// every column is converted from the source line, so a finding after "é" or
// an emoji lands on the same character in a SARIF viewer as in an editor.
//
// Paths are relative URIs with uriBaseId %SRCROOT%, left for the consumer to
// resolve against its checkout (GitHub does); the log does not record where
// the scan ran, so two machines give the same bytes.
type SARIF struct {
	Root     string                            // see Options.Root
	Version  string                            // the tool's version
	ReadFile func(path string) ([]byte, error) // see Options.ReadFile
}

// sarifFingerprint names the partial fingerprint apigwlint contributes.
// The "/v1" is bumped if its recipe ever changes, as SARIF asks.
const sarifFingerprint = "apigwlintFingerprint/v1"

const (
	srcRoot        = "%SRCROOT%"
	informationURI = "https://github.com/apigwlint/apigwlint"
)

// Print implements Printer.
func (s SARIF) Print(w io.Writer, r *lint.Report) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI("apigwlint", informationURI)
	if s.Version != "" {
		run.Tool.Driver.Version = &s.Version
	}
	run.WithColumnKind("utf16CodeUnits")
	for _, rule := range reportRules(r.Findings) {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(rule))
	}
	fps := baseline.Fingerprints(r.Findings)
	for i, f := range r.Findings {
		run.AddResult(s.result(f, fps[i]))
	}
	run.Invocations = []*sarif.Invocation{s.invocation(r)}
	log.AddRun(run)
	// encoding/json would escape <, > and & in messages as \u003c...; the
	// log is not HTML, so keep them readable.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// reportRules is every distinct rule with a finding, ordered by code.
func reportRules(fs []lint.Finding) []*lint.Rule {
	byCode := map[string]*lint.Rule{}
	for _, f := range fs {
		byCode[f.Rule.Code] = f.Rule
	}
	out := make([]*lint.Rule, 0, len(byCode))
	for _, code := range sortedKeys(byCode) {
		out = append(out, byCode[code])
	}
	return out
}

func sarifRule(rule *lint.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(rule.Code).
		WithName(rule.Name).
		WithShortDescription(sarif.NewMultiformatMessageString(rule.Title)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity))).
		WithProperties(sarifProperties(rule))
	if rule.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString(rule.Description))
	}
	if rule.DocsURL != "" {
		d.WithHelpURI(rule.DocsURL)
	}
	help := sarif.NewMultiformatMessageString(helpText(rule))
	if rule.Doc != "" {
		help.WithMarkdown(rule.Doc)
	}
	return d.WithHelp(help)
}

// sarifProperties are a rule's tags and, for a security rule, the score
// GitHub code scanning ranks its alerts by (security-severity, 0.0 to 10.0:
// 7.0 and up is high, 4.0 to 6.9 medium, below 4.0 low). An error is a
// policy that lets in callers it was written to keep out, or does nothing at
// all: high. A warning is a doubtful or partial restriction: medium.
func sarifProperties(rule *lint.Rule) sarif.Properties {
	props := sarif.Properties{"tags": sarifTags(rule)}
	if securityRule(rule) {
		props["security-severity"] = securitySeverity[rule.Severity]
	}
	return props
}

var securitySeverity = map[lint.Severity]string{
	lint.SeverityError:   "8.0",
	lint.SeverityWarning: "5.0",
	lint.SeverityInfo:    "2.0",
}

// sarifTags marks security rules "security", which GitHub uses to file
// their alerts under security.
func sarifTags(rule *lint.Rule) []string {
	if !securityRule(rule) {
		return []string{rule.Category}
	}
	return []string{"security", rule.Category}
}

// securityRule reports whether a rule is about the policy, and so about who
// can call the API; the meta rules (about suppressions) are not.
func securityRule(rule *lint.Rule) bool { return rule.Category != "meta" }

func helpText(rule *lint.Rule) string {
	text := rule.Title
	if rule.Description != "" {
		text = rule.Description
	}
	if rule.DocsURL != "" {
		text += "\n\nDocs: " + rule.DocsURL
	}
	return text
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "note"
}

func (s SARIF) result(f lint.Finding, fingerprint string) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule.Code).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message)).
		WithPartialFingerPrints(map[string]any{sarifFingerprint: fingerprint})
	res.AddLocation(sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().
			WithArtifactLocation(s.artifact(f.File)).
			WithRegion(s.region(f)),
	))
	if f.Pointer != "" {
		res.Properties = sarif.Properties{"pointer": f.Pointer}
	}
	return res
}

func (s SARIF) artifact(file string) *sarif.ArtifactLocation {
	p, rel := repoPath(s.Root, file)
	loc := sarif.NewSimpleArtifactLocation(fileURI(p, rel))
	if rel {
		loc.WithUriBaseId(srcRoot)
	}
	return loc
}

// region converts the finding's byte columns to UTF-16 code units.
func (s SARIF) region(f lint.Finding) *sarif.Region {
	start, end := f.Span.Start, f.Span.End
	if end.Line == 0 {
		end = start
	}
	reg := sarif.NewRegion().WithStartLine(max(start.Line, 1)).WithStartColumn(utf16Col(f.Source, start.Col))
	endLine := f.Source
	if end.Line != start.Line {
		endLine = s.line(f.File, end.Line)
	}
	return reg.WithEndLine(max(end.Line, 1)).WithEndColumn(max(utf16Col(endLine, end.Col), 1))
}

// line reads line n of file for column conversion; "" (treated as ASCII)
// when no reader was given or the file cannot be read any more.
func (s SARIF) line(file string, n int) string {
	if s.ReadFile == nil {
		return ""
	}
	src, err := s.ReadFile(file)
	if err != nil {
		return ""
	}
	return lineOf(src, n)
}

// invocation says whether every file could be read; files that could not
// are notifications, so a scan that skipped files does not look clean.
func (s SARIF) invocation(r *lint.Report) *sarif.Invocation {
	inv := sarif.NewInvocation().WithExecutionSuccess(len(r.FileErrors) == 0)
	for _, fe := range r.FileErrors {
		n := sarif.NewNotification().WithLevel("error").WithTextMessage(fe.Error())
		n.AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(s.artifact(fe.Path))))
		inv.AddTToolExecutionNotification(n)
	}
	return inv
}
