package changes

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
)

func TestParseDiff(t *testing.T) {
	t.Parallel()
	diff := `diff --git a/a.json b/a.json
--- a/a.json
+++ b/a.json
@@ -3 +3 @@
-x
+y
@@ -10,0 +11,2 @@
+z
+w
@@ -20,2 +22,0 @@
-gone
-gone
diff --git "a/sp ace\tq.yaml" "b/sp ace\tq.yaml"
--- /dev/null
+++ "b/sp ace\tq.yaml"
@@ -0,0 +1,2 @@
+a
+b
diff --git a/deleted.json b/deleted.json
--- a/deleted.json
+++ /dev/null
@@ -1 +0,0 @@
-x
`
	s, err := parseDiff("/r", []byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file        string
		first, last int
		want        bool
	}{
		{"/r/a.json", 3, 3, true},
		{"/r/a.json", 4, 10, false},
		{"/r/a.json", 11, 11, true},
		{"/r/a.json", 12, 12, true},
		{"/r/a.json", 13, 30, false},
		{"/r/a.json", 1, 3, true}, // a span reaching a changed line
		{"/r/sp ace\tq.yaml", 2, 2, true},
		{"/r/deleted.json", 1, 1, false},
	} {
		if got := s.Touches(filepath.FromSlash(tc.file), tc.first, tc.last); got != tc.want {
			t.Errorf("Touches(%s, %d, %d) = %v, want %v", tc.file, tc.first, tc.last, got, tc.want)
		}
	}
}

// TestSinceRealRepository runs git on a temporary repository: a committed
// file changed on one line, an untracked file, and an unchanged file.
func TestSinceRealRepository(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q")
	write("changed.json", "1\n2\n3\n4\n")
	write("same.json", "1\n2\n")
	run("add", ".")
	run("commit", "-q", "-m", "base")
	write("changed.json", "1\n2\nthree\n4\n")
	write("new.json", "1\n")

	s, err := Since(context.Background(), dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	finding := func(file string, line int) lint.Finding {
		return lint.Finding{File: file, Span: position.Span{Start: position.Pos{Line: line}, End: position.Pos{Line: line}}}
	}
	got := s.Filter([]lint.Finding{
		finding("changed.json", 2), finding("changed.json", 3), finding("same.json", 1), finding("new.json", 1),
	}, dir)
	var names []string
	for _, f := range got {
		names = append(names, f.File+":"+f.Span.Start.String())
	}
	if strings.Join(names, " ") != "changed.json:3:0 new.json:1:0" {
		t.Errorf("kept %v, want changed.json:3 and new.json:1", names)
	}
	if _, err := Since(context.Background(), dir, "no-such-rev"); err == nil || !strings.Contains(err.Error(), "not a revision") {
		t.Errorf("bad revision: %v", err)
	}
	if _, err := Since(context.Background(), dir, "--output=/tmp/x"); err == nil {
		t.Error("a revision that is an option was accepted")
	}
}
