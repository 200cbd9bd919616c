package cli

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the stdout and stderr sections of testdata/cli/*.txtar")

// TestCLI runs each testdata/cli/*.txtar case: the "args" section is the
// command line, every other file is written to a fresh directory that
// becomes the working directory, and "stdout", "stderr" and "exit" hold what
// must come out. A case without a "stderr" section does not check stderr.
func TestCLI(t *testing.T) {
	// Absolute, because each case runs in its own working directory.
	cases, err := filepath.Glob(must(filepath.Abs("../../testdata/cli")) + "/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no CLI cases found (err=%v)", err)
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			runCase(t, path)
		})
	}
}

func runCase(t *testing.T, path string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	dir := t.TempDir()
	for _, f := range ar.Files {
		switch f.Name {
		case "args", "stdout", "stderr", "exit":
			want[f.Name] = string(f.Data)
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, isTerminal: func(io.Writer) bool { return false }, getenv: func(string) string { return "" }}
	code := e.run(context.Background(), strings.Fields(want["args"]))
	if *update {
		rewrite(t, path, ar, stdout.String(), stderr.String(), code)
		return
	}
	if got := strconv.Itoa(code) + "\n"; got != want["exit"] {
		t.Errorf("exit code %s, want %s", strings.TrimSpace(got), strings.TrimSpace(want["exit"]))
	}
	if stdout.String() != want["stdout"] {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want["stdout"])
	}
	if w, ok := want["stderr"]; ok && stderr.String() != w {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), w)
	}
}

func rewrite(t *testing.T, path string, ar *txtar.Archive, stdout, stderr string, code int) {
	t.Helper()
	got := map[string]string{"stdout": stdout, "stderr": stderr, "exit": strconv.Itoa(code) + "\n"}
	for i, f := range ar.Files {
		if v, ok := got[f.Name]; ok {
			ar.Files[i].Data = []byte(v)
		}
	}
	if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
