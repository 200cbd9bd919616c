package lint_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

// corpusDir is the shared real-world corpus. It exists beside a development
// checkout only; a user's clone has no ../shared, and the test skips.
const corpusDir = "../../shared/corpus/realworld"

// expectation is one row of EXPECT.tsv.
type expectation struct {
	file       string
	rule       string
	start, end int
	col        int // 0 when the row gives none
}

func readExpect(t *testing.T) []expectation {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "EXPECT.tsv"))
	if err != nil {
		t.Skipf("no shared corpus here (%v)", err)
	}
	defer f.Close()
	var out []expectation
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		e := expectation{file: cols[0], rule: cols[1]}
		lo, hi, _ := strings.Cut(cols[2], "-")
		e.start, _ = strconv.Atoi(lo)
		e.end = e.start
		if hi != "" {
			e.end, _ = strconv.Atoi(hi)
		}
		if len(cols) > 3 && cols[3] != "" {
			e.col, _ = strconv.Atoi(cols[3])
		}
		out = append(out, e)
	}
	return out
}

// corpusFormats says which corpus files the front ends read: every file a
// walk offers to them is compared, so a new format joins the comparison as
// soon as discovery accepts its files.
func corpusFormats(name string) bool {
	return source.Candidate(name)
}

// TestRealWorldCorpus lints the shared corpus and compares the findings
// with EXPECT.tsv: every expected row must be found, and nothing else.
func TestRealWorldCorpus(t *testing.T) {
	t.Parallel()
	expect := readExpect(t)
	rep, err := newEngine(t).Run(context.Background(), []string{corpusDir}, lint.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.FileErrors) > 0 {
		t.Fatalf("file errors: %v", rep.FileErrors)
	}
	var got []lint.Finding
	for _, f := range rep.Findings {
		rel, _ := filepath.Rel(corpusDir, f.File)
		f.File = filepath.ToSlash(rel)
		if corpusFormats(f.File) {
			got = append(got, f)
		}
	}
	used := make([]bool, len(got))
	for _, e := range expect {
		if !corpusFormats(e.file) {
			continue
		}
		i := firstUnused(got, used, e)
		if i < 0 {
			t.Errorf("%s:%d-%d: expected %s, not found", e.file, e.start, e.end, e.rule)
			continue
		}
		used[i] = true
	}
	for i, f := range got {
		if !used[i] && disagreement(f) != "" {
			t.Logf("%s:%d: %s, beyond EXPECT.tsv: %s", f.File, f.Span.Start.Line, f.Rule.Name, disagreement(f))
			continue
		}
		if !used[i] {
			t.Errorf("%s:%d:%d: unexpected %s %s", f.File, f.Span.Start.Line, f.Span.Start.Col, f.Rule.Name, f.Message)
		}
	}
}

// disagreements are findings EXPECT.tsv does not list that we are sure of,
// each with the DOMAIN.md fact that shows it. The corpus labels predate
// these rules; the closing note reports every entry.
var disagreements = []struct {
	file, rule string
	line       int
	why        string
}{
	{
		"019-tf-private-api-private-cidr-sourceip-mgmt-arn.tf", "source-ip-on-private-endpoint", 26,
		"the API is PRIVATE and aws:SourceIp is absent on requests through a VPC endpoint (DOMAIN.md §3.3, §4), " +
			"so the Allow never matches; MANIFEST.md notes this under 'other'",
	},
}

func disagreement(f lint.Finding) string {
	for _, d := range disagreements {
		if f.File == d.file && f.Rule.Name == d.rule && f.Span.Start.Line == d.line {
			return d.why
		}
	}
	return ""
}

func firstUnused(got []lint.Finding, used []bool, e expectation) int {
	for i, f := range got {
		if !used[i] && e.matches(f) {
			return i
		}
	}
	return -1
}

func (e expectation) matches(f lint.Finding) bool {
	return f.File == e.file && f.Rule.Name == e.rule &&
		f.Span.Start.Line >= e.start && f.Span.Start.Line <= e.end &&
		(e.col == 0 || e.col == f.Span.Start.Col)
}

func (e expectation) String() string { return fmt.Sprintf("%s:%d %s", e.file, e.start, e.rule) }
