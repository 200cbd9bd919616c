package printer

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// TextOptions shape the text output.
type TextOptions struct {
	Color   bool // ANSI colour, for a terminal
	Context bool // the source line with a caret under the span, for a terminal
	// Breakdown adds counts by rule and by top-level folder before the
	// summary when the list is too long to take in at a glance: what a
	// person triaging a large scan reads first.
	Breakdown bool
}

// A breakdown is shown for more than breakdownMany findings, or for at
// least breakdownSpread findings spread over several folders. Below that
// the list itself is the summary, and a pre-commit run or a small
// repository never gets one.
const (
	breakdownMany   = 20
	breakdownSpread = 10
)

// Text prints one line per finding, path:line:col: severity CODE message
// (rule-name), then a summary line.
type Text struct{ Options TextOptions }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

// Print implements Printer.
func (t Text) Print(w io.Writer, r *lint.Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		t.finding(bw, f)
	}
	if t.Options.Breakdown {
		t.breakdown(bw, r.Findings)
	}
	fmt.Fprintln(bw, t.summary(r))
	return bw.Flush()
}

func (t Text) finding(w *bufio.Writer, f lint.Finding) {
	loc := fmt.Sprintf("%s:%d:%d:", f.File, f.Span.Start.Line, f.Span.Start.Col)
	sev := f.Severity.String()
	fmt.Fprintf(w, "%s %s %s %s (%s)\n",
		t.paint(ansiBold, loc), t.paint(sevColor(f.Severity), sev), t.paint(ansiBold, f.Rule.Code), f.Message, f.Rule.Name)
	if t.Options.Context && f.Source != "" {
		fmt.Fprintf(w, "  %s\n  %s\n", expandTabs(f.Source), t.paint(sevColor(f.Severity), caret(f)))
	}
}

// caret underlines the span on its first line. Tabs are expanded the same
// way as in the echoed source line so the caret stays under the value.
func caret(f lint.Finding) string {
	line := f.Source
	start := min(max(f.Span.Start.Col-1, 0), len(line))
	end := len(line)
	if f.Span.End.Line == f.Span.Start.Line {
		end = min(max(f.Span.End.Col-1, start+1), len(line))
	}
	pad := len(expandTabs(line[:start]))
	width := max(len(expandTabs(line[:end]))-pad, 1)
	return strings.Repeat(" ", pad) + "^" + strings.Repeat("~", width-1)
}

func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

func sevColor(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return ansiRed
	case lint.SeverityWarning:
		return ansiYellow
	}
	return ansiBlue
}

func (t Text) paint(code, s string) string {
	if !t.Options.Color {
		return s
	}
	return code + s + ansiReset
}

func (t Text) summary(r *lint.Report) string {
	checked := fmt.Sprintf("%s checked in %s", plural(r.Policies, "policy document"), plural(r.Files, "file"))
	if len(r.Findings) == 0 {
		return t.paint(ansiDim, "no findings; "+checked)
	}
	c := Count(r.Findings)
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{c.Errors, "error"}, {c.Warnings, "warning"}, {c.Infos, "info"}} {
		if p.n > 0 {
			parts = append(parts, plural(p.n, p.word))
		}
	}
	return fmt.Sprintf("%s (%s) in %s; %s",
		plural(len(r.Findings), "finding"), strings.Join(parts, ", "), plural(fileCount(r.Findings), "file"), checked)
}

// breakdown prints the findings counted by rule and by top-level folder,
// largest first.
func (t Text) breakdown(w *bufio.Writer, fs []lint.Finding) {
	byRule, byFolder := map[string]int{}, map[string]int{}
	prefix := commonDir(fs)
	for _, f := range fs {
		byRule[f.Rule.Code+" "+f.Rule.Name]++
		folder := topFolder(strings.TrimPrefix(cleanSlash(f.File), prefix))
		if folder == "." && prefix != "" {
			folder = ""
		}
		byFolder[prefix+folder]++
	}
	if len(fs) <= breakdownMany && (len(byFolder) < 2 || len(fs) < breakdownSpread) {
		return
	}
	for _, section := range []struct {
		title  string
		counts map[string]int
	}{{"by rule", byRule}, {"by folder", byFolder}} {
		if len(section.counts) < 2 {
			continue
		}
		fmt.Fprintln(w, t.paint(ansiBold, section.title+":"))
		keys := sortedKeys(section.counts)
		sort.SliceStable(keys, func(i, j int) bool { return section.counts[keys[i]] > section.counts[keys[j]] })
		width := len(strconv.Itoa(section.counts[keys[0]]))
		for _, k := range keys {
			fmt.Fprintf(w, "  %*d  %s\n", width, section.counts[k], k)
		}
	}
}

// commonDir is the folder (with a final "/") every finding's file is in,
// "" when there is none: a scan of ./infra counts by infra/'s subfolders.
func commonDir(fs []lint.Finding) string {
	if len(fs) == 0 {
		return ""
	}
	dir := path.Dir(cleanSlash(fs[0].File)) + "/"
	for _, f := range fs[1:] {
		for dir != "" && !strings.HasPrefix(cleanSlash(f.File), dir) {
			dir = strings.TrimSuffix(dir, "/")
			if i := strings.LastIndex(dir, "/"); i >= 0 {
				dir = dir[:i+1]
			} else {
				dir = ""
			}
		}
	}
	if dir == "./" {
		return ""
	}
	return dir
}

func cleanSlash(file string) string { return path.Clean(filepath.ToSlash(file)) }

// topFolder is the first folder of a report path, "." for a file at the
// top.
func topFolder(file string) string {
	p := cleanSlash(file)
	first, _, found := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if !found {
		return "."
	}
	if strings.HasPrefix(p, "/") {
		return "/" + first + "/"
	}
	return first + "/"
}
