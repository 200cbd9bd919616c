package printer

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// JUnit prints a JUnit XML report, which CI servers (GitLab, Jenkins, Azure
// Pipelines, ...) show as test results: one test suite per file with
// findings, one failing test case per finding, and one error test case per
// file that could not be read. A clean scan is one passing test case, so the
// report is never empty.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// Print implements Printer.
func (JUnit) Print(w io.Writer, r *lint.Report) error {
	out := junitSuites{Name: "apigwlint"}
	byFile := map[string]*junitSuite{}
	var order []string
	suite := func(file string) *junitSuite {
		if s, ok := byFile[file]; ok {
			return s
		}
		byFile[file] = &junitSuite{Name: file}
		order = append(order, file)
		return byFile[file]
	}
	for _, f := range r.Findings {
		s := suite(f.File)
		loc := fmt.Sprintf("%s:%d:%d", f.File, f.Span.Start.Line, f.Span.Start.Col)
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s %s at %s", f.Rule.Code, f.Rule.Name, loc),
			Classname: f.File,
			Failure: &junitProblem{
				Message: f.Message,
				Type:    f.Severity.String(),
				Text:    strings.TrimSpace(fmt.Sprintf("%s: %s %s %s (%s)\n%s", loc, f.Severity, f.Rule.Code, f.Message, f.Rule.Name, f.Rule.DocsURL)),
			},
		})
		s.Failures++
	}
	for _, fe := range r.FileErrors {
		s := suite(fe.Path)
		s.Cases = append(s.Cases, junitCase{
			Name: "read " + fe.Path, Classname: fe.Path,
			Error: &junitProblem{Message: fe.Err.Error(), Type: "file-error", Text: fe.Error()},
		})
		s.Errors++
	}
	if len(order) == 0 {
		out.Suites = []junitSuite{{Name: "apigwlint", Tests: 1, Cases: []junitCase{{
			Name: Text{}.summary(r), Classname: "apigwlint",
		}}}}
	}
	for _, file := range order {
		s := byFile[file]
		s.Tests = len(s.Cases)
		out.Suites = append(out.Suites, *s)
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	return writeXML(w, out)
}

// writeXML writes v indented, after the XML declaration, with a final
// newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
