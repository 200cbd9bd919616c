package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/apigwlint/apigwlint/lint/position"
)

// Finding is one located problem in one file.
type Finding struct {
	Rule     *Rule
	Severity Severity      // the rule's severity, after any override
	File     string        // the file, as the user named or the walk found it
	Span     position.Span // where the offending value is
	Exact    bool          // false when the span is an ancestor of the value the rule named
	Pointer  string        // RFC 6901 pointer into the policy document
	Message  string
	Source   string // the text of the line the span starts on
	// ValueHash identifies the offending text whatever line it is on: the
	// hex SHA-256 of the span's bytes with white space removed. Baselines
	// and SARIF/GitLab fingerprints use it so that a finding survives lines
	// moving above it and reformatting, but not a change of the value.
	ValueHash string
}

// valueHash hashes the text of src[start:end], ASCII white space removed.
func valueHash(src []byte, start, end int) string {
	start, end = max(0, min(start, len(src))), max(0, min(end, len(src)))
	text := make([]byte, 0, max(end-start, 0))
	for _, b := range src[min(start, end):end] {
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		text = append(text, b)
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}

// compareFindings orders findings by file, line, column and code, then by
// message, so output never depends on scheduling.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Span.Start.Line, b.Span.Start.Line),
		cmp.Compare(a.Span.Start.Col, b.Span.Start.Col),
		cmp.Compare(a.Rule.Code, b.Rule.Code),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Pointer, b.Pointer),
	)
}

// SortFindings sorts findings into the deterministic output order.
func SortFindings(fs []Finding) { slices.SortFunc(fs, compareFindings) }

// slicesSortBy sorts s by the string key of each element.
func slicesSortBy[T any](s []T, key func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
