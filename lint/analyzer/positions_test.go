package analyzer_test

import (
	"os"
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/apigwlint/apigwlint/lint/analyzer"
)

// TestExactRanges checks more than the line that analysistest checks: each
// diagnostic's range must cover exactly the offending value as written in
// the Go source, through quotes, escapes and concatenation, and carry the
// rule's code and docs page.
func TestExactRanges(t *testing.T) {
	cases := []struct {
		pkg, msg string
		want     []string // the source text of each matching diagnostic, in order
	}{
		{"sdkv2", `^AG201 Resource "\*" matches`, []string{`"*"`, `"*"`}},
		{"sdkv2", `^AG102`, []string{`\"10.0.0.0/8\"`}},
		{"sdkv2", `^AG101`, []string{`{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}`}},
		{"sdkv2", `^AG001`, []string{`,`}},
		{"concat", `^AG102`, []string{`\"127.0.0.1\"`, `"127.0.0.1"`}},
		{"concat", `^AG201 Resource "\*"`, []string{`"*"`, "policies.Open"}},
		{"cdk", `^AG201 Resource "\*"`, []string{`jsii.String("*")`}},
		{"cdk", `^AG201 Resource "arn`, []string{`"arn:aws:execute-api:*:*:*"`}},
		{"cdk", `^AG102 "10\.1`, []string{`jsii.String("10.1.0.0/16")`}},
		{"cdk", `^AG102 "192`, []string{`"192.0.2.0/24"`}},
		{"embedpol", `^AG201`, []string{"//go:embed policies/allow.json", "//go:embed policies/a*.json"}},
	}
	results := map[string]*analysistest.Result{}
	for _, c := range cases {
		if results[c.pkg] == nil {
			results[c.pkg] = analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, c.pkg)[0]
		}
		r := results[c.pkg]
		rx := regexp.MustCompile(c.msg)
		var got []string
		for _, d := range r.Diagnostics {
			if !rx.MatchString(d.Message) {
				continue
			}
			if d.Category != d.Message[:5] || d.URL == "" {
				t.Errorf("%s: category %q, URL %q: want the code and the docs page", d.Message, d.Category, d.URL)
			}
			start, end := r.Pass.Fset.Position(d.Pos), r.Pass.Fset.Position(d.End)
			src, err := os.ReadFile(start.Filename)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(src[start.Offset:end.Offset]))
		}
		if len(got) != len(c.want) {
			t.Errorf("%s %s: got ranges %q, want %q", c.pkg, c.msg, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s %s: range %d covers %q, want %q", c.pkg, c.msg, i, got[i], c.want[i])
			}
		}
	}
}

// TestEmbedRelated checks that a finding in an embedded file, reported at
// the directive, points at the exact value in the file as related
// information.
func TestEmbedRelated(t *testing.T) {
	r := analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "embedpol")[0]
	for _, d := range r.Diagnostics {
		if len(d.Related) != 1 {
			t.Errorf("%s: %d related positions, want 1", d.Message, len(d.Related))
			continue
		}
		rel := r.Pass.Fset.Position(d.Related[0].Pos)
		want := regexp.MustCompile(`^AG\d{3} (\S+):(\d+):(\d+): `).FindStringSubmatch(d.Message)
		if want == nil {
			t.Errorf("%s: no file:line:col in the message", d.Message)
			continue
		}
		if got := rel.String(); !regexp.MustCompile(regexp.QuoteMeta(want[1]+":"+want[2]+":"+want[3]) + `$`).MatchString(got) {
			t.Errorf("%s: related position %s, want %s:%s:%s", d.Message, got, want[1], want[2], want[3])
		}
	}
}
