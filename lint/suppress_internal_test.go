package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCommentStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		hcl  bool
		want int
	}{
		{"# apigwlint:ignore AG201 x", false, 0},
		{"  key: value # c", false, 13},
		{`  key: "a # b" # c`, false, 15},
		{`  key: 'it''s # here' # c`, false, 22},
		{"  key: it's # c", false, 12},
		{"  url: http://x#frag", false, -1},
		{`  key: 5" pipe # c`, false, 15},
		{`  - "a\" # b" # c`, false, 14},
		{`  resource = "*" # c`, true, 17},
		{`  resource = "*" // c`, true, 17},
		{`  name = "a#b"#c`, true, 14},
		{`  name = "a//b"`, true, -1},
		{`  name = 'x' # c`, true, 13},
	}
	for _, tc := range tests {
		if got := commentStart(tc.line, tc.hcl); got != tc.want {
			t.Errorf("commentStart(%q, hcl=%v) = %d, want %d", tc.line, tc.hcl, got, tc.want)
		}
	}
}

func TestParseDirective(t *testing.T) {
	t.Parallel()
	type parsed struct {
		Rules  []string
		Reason string
	}
	tests := map[string]*parsed{
		"# apigwlint:ignore AG201 the API is private":      {[]string{"AG201"}, "the API is private"},
		"# apigwlint:ignore AG201,AG102 two rules":         {[]string{"AG201", "AG102"}, "two rules"},
		"# apigwlint:ignore AG201, wildcard-resource  why": {[]string{"AG201", "wildcard-resource"}, "why"},
		"# apigwlint:ignore AG201 ,AG102 spaced":           {[]string{"AG201", "AG102"}, "spaced"},
		"#apigwlint:ignore AG201":                          {[]string{"AG201"}, ""},
		"// apigwlint:ignore AG201 hcl":                    {[]string{"AG201"}, "hcl"},
		"# apigwlint:ignore":                               {nil, ""},
		"# apigwlint:ignored AG201 not a directive":        nil,
		"# see apigwlint:ignore":                           nil,
	}
	for line, want := range tests {
		d, ok := parseDirective(line, 0)
		if want == nil {
			if ok {
				t.Errorf("%q parsed as a directive", line)
			}
			continue
		}
		if !ok {
			t.Errorf("%q not parsed", line)
			continue
		}
		if diff := cmp.Diff(*want, parsed{d.rules, d.reason}); diff != "" {
			t.Errorf("%q (-want +got):\n%s", line, diff)
		}
	}
}

// TestDirectiveTargets: a comment alone on its line covers the next line of
// code, skipping blank and comment lines; a trailing comment its own line.
func TestDirectiveTargets(t *testing.T) {
	t.Parallel()
	src := "a: 1 # apigwlint:ignore AG201 trailing\n" +
		"# apigwlint:ignore AG101 stacked one\n" +
		"\n" +
		"# apigwlint:ignore AG102 stacked two\n" +
		"# an ordinary comment\n" +
		"b: 2\n" +
		"# apigwlint:ignore AG301 at the end\n"
	var got [][2]int
	for _, d := range scanDirectives([]byte(src), false) {
		got = append(got, [2]int{d.line, d.target})
	}
	want := [][2]int{{1, 1}, {2, 6}, {4, 6}, {7, 7}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(line, target) (-want +got):\n%s", diff)
	}
}
