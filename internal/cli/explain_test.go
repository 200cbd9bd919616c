package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, isTerminal: func(io.Writer) bool { return false }, getenv: func(string) string { return "" }}
	code = e.run(context.Background(), args)
	return out.String(), errb.String(), code
}

// explain prints the rule's own docs page, whether named by code (any case)
// or by name; the page is the README beside the rule, so this test checks
// the lookup and framing rather than pinning the prose.
func TestExplain(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"AG201", "ag201", "wildcard-resource"} {
		out, _, code := runCLI(t, "explain", arg)
		if code != ExitOK {
			t.Fatalf("explain %s: exit %d", arg, code)
		}
		if !strings.HasPrefix(out, "# wildcard-resource (AG201)\n") {
			t.Errorf("explain %s starts with %q, want the docs page heading", arg, firstLine(out))
		}
		if !strings.HasSuffix(out, "/rules/resource/wildcard-resource\n") {
			t.Errorf("explain %s does not end with the docs URL", arg)
		}
	}
}

func TestHelpTeaches(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--help"},
		{"lint", "--help"},
		{"eval", "--help"},
		{"access", "--help"},
		{"explain", "--help"},
		{"rules", "--help"},
		{"rules", "test", "--help"},
		{"new", "rule", "--help"},
	} {
		out, _, code := runCLI(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d", args, code)
		}
		if !strings.Contains(out, "Examples:") {
			t.Errorf("%v: help has no examples:\n%s", args, out)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out, _, code := runCLI(t, "version")
	if code != ExitOK || out != "apigwlint "+Version+"\n" {
		t.Errorf("version = %q (exit %d)", out, code)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// rules --rules lists the user's rules beside the built-in ones, as lint
// --rules would run them.
func TestRulesListsCustomRules(t *testing.T) {
	t.Parallel()
	builtin, _, code := runCLI(t, "rules")
	if code != ExitOK {
		t.Fatalf("rules: exit %d", code)
	}
	out, errOut, code := runCLI(t, "rules", "--rules", "../../examples/custom-rules/rules")
	if code != ExitOK {
		t.Fatalf("rules --rules: exit %d\n%s", code, errOut)
	}
	if got, want := strings.Count(out, "\n"), strings.Count(builtin, "\n")+1; got != want {
		t.Errorf("rules --rules printed %d lines, want the %d of rules plus one:\n%s", got, want-1, out)
	}
	if !strings.Contains(out, "ORG001  require-sid") || strings.Contains(builtin, "ORG001") {
		t.Errorf("rules --rules does not list the example's ORG001 require-sid:\n%s", out)
	}
}
