package printer

import (
	"encoding/json"
	"io"

	"github.com/apigwlint/apigwlint/lint"
)

// JSON prints the report as one object described by
// schemas/report.schema.json.
type JSON struct{}

type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Rule     string       `json:"rule"`
	Code     string       `json:"code"`
	Severity string       `json:"severity"`
	Message  string       `json:"message"`
	Location jsonLocation `json:"location"`
	Pointer  string       `json:"pointer"`
	DocsURL  string       `json:"docs_url,omitempty"`
}

type jsonLocation struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Policies int `json:"policies"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Print implements Printer.
func (JSON) Print(w io.Writer, r *lint.Report) error {
	out := jsonReport{Findings: make([]jsonFinding, 0, len(r.Findings))}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{
			Rule:     f.Rule.Name,
			Code:     f.Rule.Code,
			Severity: f.Severity.String(),
			Message:  f.Message,
			Location: jsonLocation{
				File:      f.File,
				Line:      f.Span.Start.Line,
				Column:    f.Span.Start.Col,
				EndLine:   f.Span.End.Line,
				EndColumn: f.Span.End.Col,
			},
			Pointer: f.Pointer,
			DocsURL: f.Rule.DocsURL,
		})
	}
	c := Count(r.Findings)
	out.Summary = jsonSummary{
		Files: r.Files, Policies: r.Policies, Findings: len(r.Findings),
		Errors: c.Errors, Warnings: c.Warnings, Infos: c.Infos,
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
