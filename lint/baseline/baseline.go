// Package baseline records the findings a repository already has, so that a
// pull-request check fails on new findings only, and gives every finding the
// stable identity (fingerprint) that baselines, SARIF and GitLab reports use.
//
// A fingerprint is built from the file, the rule code, the JSON pointer of
// the offending value inside its policy and a hash of the offending text. It
// holds no line number: inserting lines above a finding, or reformatting the
// file, keeps its fingerprint; changing the offending value makes it new.
package baseline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// Version is the baseline file format this package writes and reads.
const Version = 1

// File is a baseline file: the findings accepted as they are.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding. Only Fingerprint is used for matching; the
// other fields are there so a person reviewing a baseline change can tell
// what was accepted.
type Entry struct {
	File        string `json:"file"`
	Code        string `json:"code"`
	Rule        string `json:"rule"`
	Pointer     string `json:"pointer"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

// Fingerprints returns the fingerprint of each finding of fs, in order. Two
// findings with the same file, code, pointer and value (two identical
// policies in one template) are told apart by their order of appearance.
func Fingerprints(fs []lint.Finding) []string {
	out := make([]string, len(fs))
	seen := make(map[string]int, len(fs))
	for i, f := range fs {
		base := fingerprint(f)
		seen[base]++
		if n := seen[base]; n > 1 {
			base = digest(fmt.Sprintf("%s#%d", base, n))
		}
		out[i] = base
	}
	return out
}

func fingerprint(f lint.Finding) string {
	return digest(strings.Join([]string{CleanPath(f.File), f.Rule.Code, f.Pointer, f.ValueHash}, "\x00"))
}

// digest is 128 bits of SHA-256 in hex: short enough to read in a diff, far
// too long to collide by chance.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// CleanPath is the form of a file path that fingerprints use: forward
// slashes, no "./" or redundant separators, so "./api/p.json" and
// "api/p.json" are the same file.
func CleanPath(p string) string {
	return path.Clean(filepath.ToSlash(p))
}

// New makes the baseline that accepts every finding of fs.
func New(fs []lint.Finding) *File {
	fps := Fingerprints(fs)
	b := &File{Version: Version, Findings: make([]Entry, len(fs))}
	for i, f := range fs {
		b.Findings[i] = Entry{
			File: CleanPath(f.File), Code: f.Rule.Code, Rule: f.Rule.Name,
			Pointer: f.Pointer, Message: f.Message, Fingerprint: fps[i],
		}
	}
	// Sorted by what a person looks for, never by line: a baseline must
	// not change when only line numbers do.
	slices.SortFunc(b.Findings, func(a, b Entry) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File), cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
	return b
}

// Write writes b as indented JSON with a final newline.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// Read reads a baseline file and checks its version.
func Read(r io.Reader) (*File, error) {
	var b File
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline version %d is not supported: this apigwlint reads version %d; write a new one with --write-baseline", b.Version, Version)
	}
	return &b, nil
}

// Filter returns the findings of fs that the baseline does not hold, and how
// many it held. Each baseline entry accepts one finding.
func (b *File) Filter(fs []lint.Finding) (fresh []lint.Finding, known int) {
	left := make(map[string]int, len(b.Findings))
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	fresh = make([]lint.Finding, 0, len(fs))
	for i, fp := range Fingerprints(fs) {
		if left[fp] > 0 {
			left[fp]--
			known++
			continue
		}
		fresh = append(fresh, fs[i])
	}
	return fresh, known
}
