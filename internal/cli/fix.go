package cli

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/ipset"
	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
)

// edit replaces the bytes [start, end) of a file.
type edit struct {
	start, end int
	text       string
}

// A fixer computes the edits that fix one finding in src, or none when the
// finding is not one it can fix safely. doc is the policy the finding is in.
type fixer func(src []byte, doc *source.Document, f lint.Finding) []edit

// fixers are the safe, mechanical fixes, by rule name. A fix must leave the
// rest of the file byte for byte as written, and running it again on its
// own output must change nothing.
var fixers = map[string]fixer{
	// invalid-cidr also reports values that do not parse and bare IPv6
	// addresses; fixHostBits leaves those alone.
	"invalid-cidr":        fixHostBits,
	"missing-deny-clause": fixMissingDeny,
}

// fix applies (or, with --diff, prints) the fixes for rep's findings, and
// returns the report of a new scan of the fixed files.
func (s *lintSetup) fix(cmd *cobra.Command, rep *lint.Report, paths []string) (*lint.Report, error) {
	byFile := map[string][]lint.Finding{}
	for _, f := range rep.Findings {
		if _, ok := fixers[f.Rule.Name]; ok {
			byFile[f.File] = append(byFile[f.File], f)
		}
	}
	changed, fixed := 0, 0
	for _, file := range sortedKeys(byFile) {
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, internalError(err)
		}
		out, n := applyFixes(file, src, byFile[file])
		if n == 0 {
			continue
		}
		changed++
		fixed += n
		if s.fl.diff {
			writeDiff(s.e.stdout, file, src, out)
			continue
		}
		if err := writeKeepingMode(file, out); err != nil {
			return nil, internalError(err)
		}
	}
	if s.fl.diff {
		if changed > 0 {
			return nil, &ExitError{Code: ExitFindings}
		}
		fmt.Fprintln(s.e.stderr, "apigwlint: nothing to fix")
		return nil, nil
	}
	fmt.Fprintf(s.e.stderr, "apigwlint: fixed %s in %s\n", plural(fixed, "finding"), plural(changed, "file"))
	if changed == 0 {
		return rep, nil
	}
	return s.scan(cmd, paths)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func writeKeepingMode(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, info.Mode().Perm())
}

// applyFixes returns src with the fixes of findings applied and how many
// findings were fixed. Edits that would overlap an earlier one are dropped:
// the next run fixes them.
func applyFixes(path string, src []byte, findings []lint.Finding) ([]byte, int) {
	docs, _ := source.Extract(path, src, true)
	var edits []edit
	fixed := 0
	for _, f := range findings {
		doc := docFor(docs, f)
		if doc == nil {
			continue
		}
		es := fixers[f.Rule.Name](src, doc, f)
		if len(es) == 0 || overlaps(edits, es) {
			continue
		}
		edits = append(edits, es...)
		fixed++
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out := slices.Clone(src)
	for _, e := range edits {
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
	}
	return out, fixed
}

// docFor is the document of a file whose index places the finding's
// pointer where the finding is.
func docFor(docs []*source.Document, f lint.Finding) *source.Document {
	for _, d := range docs {
		if e, ok := d.Index.Lookup(f.Pointer); ok && d.Index.File().Span(e.Value) == f.Span {
			return d
		}
	}
	return nil
}

func overlaps(have, add []edit) bool {
	for _, a := range add {
		for _, h := range have {
			if a.start < h.end && h.start < a.end || a.start == h.start {
				return true
			}
		}
	}
	return false
}

// fixHostBits rewrites a CIDR such as 203.0.113.7/24 to the network it
// denotes, 203.0.113.0/24, inside whatever quotes the file uses. The new
// value is computed from the value at the finding's span, never read from
// the message, so a finding for anything but host bits (a malformed value,
// a bare IPv6 address, an IPv4-mapped form whose family masking may
// change) is left alone.
func fixHostBits(src []byte, doc *source.Document, f lint.Finding) []edit {
	e, ok := doc.Index.Lookup(f.Pointer)
	if !ok {
		return nil
	}
	old, ok := position.ValueAt(doc.Policy, f.Pointer).(string)
	if !ok {
		return nil
	}
	p, err := ipset.ParseValue(old)
	if err != nil || !p.HostBits || p.Mapped {
		return nil
	}
	raw := src[e.Value.Start:e.Value.End]
	if bytes.Count(raw, []byte(old)) != 1 {
		return nil
	}
	at := e.Value.Start + bytes.Index(raw, []byte(old))
	return []edit{{start: at, end: at + len(old), text: p.Prefix.String()}}
}

// writeDiff prints a unified diff of one file's fix.
func writeDiff(w interface{ Write([]byte) (int, error) }, name string, before, after []byte) {
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name)
	for _, h := range diffHunks(splitLines(before), splitLines(after), 3) {
		fmt.Fprint(w, h)
	}
}

func splitLines(b []byte) []string {
	s := string(b)
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
