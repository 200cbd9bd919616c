package printer

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// GitHub prints GitHub Actions workflow commands, which a workflow run turns
// into annotations on the pull request's diff:
//
//	::error file=api/policy.json,line=3,endLine=3,col=5,endColumn=9,title=AG101 missing-deny-clause::message
//
// Columns are apigwlint's byte columns: GitHub does not say which unit it
// counts, and it uses them only to underline within the line. They are left
// out for a finding that spans several lines, which GitHub does not accept
// columns for. A summary line, not a command, ends the output.
type GitHub struct{}

// Print implements Printer.
func (GitHub) Print(w io.Writer, r *lint.Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		props := []string{
			"file=" + ghProperty(f.File),
			fmt.Sprintf("line=%d", f.Span.Start.Line),
			fmt.Sprintf("endLine=%d", max(f.Span.End.Line, f.Span.Start.Line)),
		}
		if f.Span.End.Line == f.Span.Start.Line {
			props = append(props, fmt.Sprintf("col=%d", f.Span.Start.Col), fmt.Sprintf("endColumn=%d", f.Span.End.Col))
		}
		props = append(props, "title="+ghProperty(f.Rule.Code+" "+f.Rule.Name))
		msg := f.Message
		if f.Rule.DocsURL != "" {
			msg += "\n\nSee " + f.Rule.DocsURL
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", ghCommand(f.Severity), strings.Join(props, ","), ghData(msg))
	}
	for _, fe := range r.FileErrors {
		fmt.Fprintf(bw, "::error file=%s,title=apigwlint::%s\n", ghProperty(fe.Path), ghData(fe.Err.Error()))
	}
	fmt.Fprintln(bw, Text{}.summary(r))
	return bw.Flush()
}

func ghCommand(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// ghData escapes a command's message as the Actions runner decodes it: "%"
// first, so that the escapes it adds are not escaped again.
var ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// ghPropertyEscaper escapes a property value, where ":" and "," also
// delimit.
var ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
