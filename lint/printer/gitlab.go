package printer

import (
	"encoding/json"
	"io"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/baseline"
)

// GitLab prints a GitLab Code Quality report (a JSON array of Code Climate
// issues), which a merge request shows as new and fixed findings. GitLab
// matches issues between pipelines by fingerprint, so fingerprints are the
// same stable ones baselines use.
//
// Severities map error → major, warning → minor, info → info: GitLab's
// "critical" and "blocker" are left for what stops a release outright,
// which a misconfigured policy that deploys is not.
type GitLab struct {
	Root string // see Options.Root; paths must be relative to the repository
}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// Print implements Printer.
func (g GitLab) Print(w io.Writer, r *lint.Report) error {
	issues := make([]gitlabIssue, 0, len(r.Findings))
	fps := baseline.Fingerprints(r.Findings)
	for i, f := range r.Findings {
		p, _ := repoPath(g.Root, f.File)
		issues = append(issues, gitlabIssue{
			Description: f.Message + " (" + f.Rule.Code + " " + f.Rule.Name + ")",
			CheckName:   f.Rule.Code,
			Fingerprint: fps[i],
			Severity:    gitlabSeverity(f.Severity),
			Location: gitlabLocation{
				Path:  p,
				Lines: gitlabLines{Begin: f.Span.Start.Line, End: max(f.Span.End.Line, f.Span.Start.Line)},
			},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "major"
	case lint.SeverityWarning:
		return "minor"
	}
	return "info"
}
