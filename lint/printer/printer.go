// Package printer renders a lint.Report in the formats users consume: text
// for people; JSON for tools; SARIF for code scanning; GitHub workflow
// commands; GitLab Code Quality; JUnit and Checkstyle XML for CI dashboards.
// Every printer is deterministic: the same report gives the same bytes.
package printer

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// Printer renders a finished report.
type Printer interface {
	Print(w io.Writer, r *lint.Report) error
}

// Names lists the formats New accepts.
func Names() []string {
	return []string{"checkstyle", "github", "gitlab", "json", "junit", "sarif", "text"}
}

// Options are what a printer may need beyond the report. Each printer reads
// the fields it needs; the zero value is valid for all of them.
type Options struct {
	Text TextOptions
	// Root is the directory relative paths in the report are relative to
	// (the working directory). SARIF and GitLab reports need paths relative
	// to the repository root; an absolute path under Root is made relative.
	Root string
	// Version is the apigwlint version, named as the tool's in SARIF.
	Version string
	// ReadFile, when set, lets SARIF convert an end column on a line other
	// than the start line to UTF-16 code units. Without it that line is
	// assumed to be ASCII before the end column.
	ReadFile func(path string) ([]byte, error)
}

// New returns the printer for a format name.
func New(format string, opts Options) (Printer, error) {
	switch format {
	case "text":
		return Text{Options: opts.Text}, nil
	case "json":
		return JSON{}, nil
	case "sarif":
		return SARIF{Root: opts.Root, Version: opts.Version, ReadFile: opts.ReadFile}, nil
	case "github":
		return GitHub{}, nil
	case "gitlab":
		return GitLab{Root: opts.Root}, nil
	case "junit":
		return JUnit{}, nil
	case "checkstyle":
		return Checkstyle{}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Names(), ", "))
}

// Counts tallies findings by severity.
type Counts struct {
	Errors, Warnings, Infos int
}

// Count tallies the findings of a report.
func Count(fs []lint.Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case lint.SeverityError:
			c.Errors++
		case lint.SeverityWarning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

// plural writes "1 finding" or "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// fileCount is the number of distinct files that have findings.
func fileCount(fs []lint.Finding) int {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.File] = true
	}
	return len(seen)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
