package printer

import (
	"encoding/xml"
	"io"

	"github.com/apigwlint/apigwlint/lint"
)

// Checkstyle prints Checkstyle XML, which many code review tools and CI
// plugins (Jenkins Warnings, reviewdog, SonarQube importers) read: one
// <file> per file with findings, one <error> per finding. The source
// attribute is apigwlint.<code>.<rule-name>.
type Checkstyle struct{}

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Print implements Printer.
func (Checkstyle) Print(w io.Writer, r *lint.Report) error {
	out := checkstyleReport{Version: "4.3"}
	for _, f := range r.Findings {
		// Findings are sorted by file, so a file's findings are adjacent.
		if n := len(out.Files); n == 0 || out.Files[n-1].Name != f.File {
			out.Files = append(out.Files, checkstyleFile{Name: f.File})
		}
		file := &out.Files[len(out.Files)-1]
		file.Errors = append(file.Errors, checkstyleError{
			Line:     f.Span.Start.Line,
			Column:   f.Span.Start.Col,
			Severity: f.Severity.String(),
			Message:  f.Message,
			Source:   "apigwlint." + f.Rule.Code + "." + f.Rule.Name,
		})
	}
	return writeXML(w, out)
}
