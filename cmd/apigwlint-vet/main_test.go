package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestGoVet builds apigwlint-vet, runs it through go vet -vettool on the
// sample module testdata/vetmodule, and checks the findings go vet prints:
// position and code of each, and nothing else.
func TestGoVet(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build apigwlint-vet or run go vet")
	}
	if testing.Short() {
		t.Skip("builds a binary and runs go vet; skipped in -short mode")
	}
	tool := filepath.Join(t.TempDir(), "apigwlint-vet")
	build := exec.Command(goTool, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	vet := exec.Command(goTool, "vet", "-vettool="+tool, "./...")
	vet.Dir = filepath.Join("..", "..", "testdata", "vetmodule")
	// The module's dependencies are local stubs: no network, no workspace.
	vet.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var stderr bytes.Buffer
	vet.Stderr = &stderr
	err = vet.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("go vet: err = %v, want exit status 1 (findings)\n%s", err, stderr.String())
	}

	want := []string{
		"main.go:22:17: AG201",
		"main.go:26:1: AG101 policies/orders.json:4:5:",
		"main.go:30:90: AG102",
	}
	if got := findings(stderr.String()); !slices.Equal(got, want) {
		t.Errorf("go vet findings:\n got %q\nwant %q\nfull output:\n%s", got, want, stderr.String())
	}
}

// finding matches a diagnostic line: file:line:col: CODE, and for an
// embedded file the file:line:col that follows.
var finding = regexp.MustCompile(`(?m)^(?:\./)?(\S+\.go:\d+:\d+: AG\d{3}(?: \S+\.json:\d+:\d+:)?)`)

func findings(out string) []string {
	var got []string
	for _, m := range finding.FindAllStringSubmatch(out, -1) {
		got = append(got, m[1])
	}
	return got
}
