package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const wildPolicy = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}` + "\n"

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeveralFormatsWriteFiles: each FORMAT=FILE output lands in its file,
// whole and parseable, while text goes to stdout.
func TestSeveralFormatsWriteFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"policy.json": wildPolicy})
	t.Chdir(dir)
	out, _, code := runCLI(t, "lint", "-f", "text", "-f", "sarif=r.sarif", "-f", "junit=r.xml", "-f", "gitlab=cq.json", "policy.json")
	if code != ExitFindings || !strings.Contains(out, "AG201") {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	var log struct {
		Runs []struct {
			ColumnKind string
			Results    []struct{ RuleID string }
		}
	}
	if err := json.Unmarshal(must(os.ReadFile("r.sarif")), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || log.Runs[0].Results[0].RuleID != "AG201" {
		t.Errorf("r.sarif: %+v (%v)", log, err)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(must(os.ReadFile("r.xml")), &suites); err != nil || suites.Failures != 1 {
		t.Errorf("r.xml: %+v (%v)", suites, err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(must(os.ReadFile("cq.json")), &issues); err != nil || len(issues) != 1 {
		t.Errorf("cq.json: %v (%v)", issues, err)
	}
}

// TestBaselineRoundTrip: a baseline written today makes the same findings
// pass tomorrow, and a new finding fails.
func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"api/policy.json": wildPolicy})
	t.Chdir(dir)
	if _, errOut, code := runCLI(t, "lint", "--write-baseline", "baseline.json"); code != ExitOK {
		t.Fatalf("write-baseline: exit %d: %s", code, errOut)
	}
	if out, _, code := runCLI(t, "lint", "--baseline", "baseline.json"); code != ExitOK || !strings.HasPrefix(out, "no findings") {
		t.Fatalf("with baseline: exit %d: %s", code, out)
	}
	writeFiles(t, dir, map[string]string{"api/new.json": wildPolicy})
	if out, _, code := runCLI(t, "lint", "--baseline", "baseline.json"); code != ExitFindings || !strings.HasPrefix(out, "api/new.json:1:98: warning AG201") {
		t.Fatalf("new finding: exit %d: %s", code, out)
	}
}

// TestNewFromRev runs the CLI in a temporary git repository: an old
// finding on an unchanged line is not reported, a new one is.
func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	two := "{\"Statement\": [\n" +
		"  {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"*\"},\n" +
		"  {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\"}\n" +
		"]}\n"
	writeFiles(t, dir, map[string]string{"policy.json": two})
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	writeFiles(t, dir, map[string]string{"policy.json": strings.Replace(two, `"execute-api:/*"`, `"arn:aws:execute-api:*:*:*"`, 1)})
	t.Chdir(dir)
	out, errOut, code := runCLI(t, "lint", "--new-from-rev", "HEAD")
	if code != ExitFindings || strings.Count(out, "AG201") != 1 || !strings.HasPrefix(out, "policy.json:3:") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, errOut, code := runCLI(t, "lint", "--new-from-rev", "nope"); code != ExitUsage || !strings.Contains(errOut, "not a revision") {
		t.Errorf("bad revision: exit %d: %s", code, errOut)
	}
}

// TestProgressOnlyOnTerminal: progress is drawn on a terminal once the scan
// passes the delay, and erased before the report; never elsewhere.
func TestProgressOnlyOnTerminal(t *testing.T) {
	for _, tty := range []bool{false, true} {
		var stderr bytes.Buffer
		e := &env{stdout: io.Discard, stderr: &stderr, isTerminal: func(io.Writer) bool { return tty }, getenv: func(string) string { return "" }}
		p := e.newProgress()
		p.start = p.start.Add(-time.Hour)
		p.file("a.json")
		if tty {
			p.draw() // what the loop does once the delay has passed
		}
		p.done()
		got := stderr.String()
		if tty && (!strings.Contains(got, "linting: 1 files") || !strings.HasSuffix(got, "\r\x1b[K")) {
			t.Errorf("terminal: %q", got)
		}
		if !tty && got != "" {
			t.Errorf("not a terminal: %q", got)
		}
	}
}

// TestNewRuleScaffoldPasses: the files new rule writes compile, their Rego
// tests pass, and the rule fires on its bad fixture only.
func TestNewRuleScaffoldPasses(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if _, errOut, code := runCLI(t, "new", "rule", "my-check", "--dir", "r"); code != ExitOK {
		t.Fatalf("new rule: exit %d: %s", code, errOut)
	}
	if out, errOut, code := runCLI(t, "rules", "test", "r"); code != ExitOK || !strings.Contains(out, "PASS: 2/2") {
		t.Fatalf("rules test: exit %d:\n%s%s", code, out, errOut)
	}
	bad := string(must(os.ReadFile("r/my-check/testdata/bad.json")))
	writeFiles(t, dir, map[string]string{"bad.json": strings.ReplaceAll(bad, "// want CUS001 \"TODO effect\"", "")})
	out, _, code := runCLI(t, "lint", "--rules", "r", "bad.json", "r/my-check/testdata/good.json")
	if code != ExitFindings || !strings.Contains(out, "bad.json:3:5: warning CUS001") || strings.Contains(out, "good.json") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "new", "rule", "my-check", "--dir", "r"); code != ExitUsage || !strings.Contains(errOut, "already exists") {
		t.Errorf("second new rule: exit %d: %s", code, errOut)
	}
	if out, _, code := runCLI(t, "new", "rule", "open-thing", "--category", "resource", "--dir", "builtin"); code != ExitOK || !strings.Contains(out, "builtin/resource/open-thing/open_thing.rego") {
		t.Errorf("built-in scaffold: exit %d: %s", code, out)
	}
	if src := string(must(os.ReadFile("builtin/resource/open-thing/open_thing.rego"))); !regexp.MustCompile(`code: AG2\d\d\n`).MatchString(src) || strings.Contains(src, "code: AG201\n") || !strings.Contains(src, `package apigwlint.rules.resource["open-thing"]`) {
		t.Errorf("built-in scaffold:\n%s", src)
	}
}

// TestCustomRulesExample keeps examples/custom-rules working: its tests
// pass and its rule runs beside the built-in ones.
func TestCustomRulesExample(t *testing.T) {
	t.Parallel()
	out, errOut, code := runCLI(t, "rules", "test", "../../examples/custom-rules/rules")
	if code != ExitOK || !strings.Contains(out, "PASS: 3/3") {
		t.Errorf("rules test: exit %d:\n%s%s", code, out, errOut)
	}
	out, _, _ = runCLI(t, "lint", "--format", "json", "--rules", "../../examples/custom-rules/rules", "../../examples/policies/allow-deny-ok.json")
	if !strings.Contains(out, `"code": "ORG001"`) {
		t.Errorf("the example rule did not run:\n%s", out)
	}
}

// TestHelpTeachesNewCommands: every command added for CI use shows an
// example in its help, and lint's help names every output format.
func TestHelpTeachesNewCommands(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"rules", "test", "--help"}, {"new", "--help"}, {"new", "rule", "--help"}, {"lint", "--help"}} {
		out, _, code := runCLI(t, args...)
		if code != ExitOK || !strings.Contains(out, "Examples:") {
			t.Errorf("%v: exit %d, no examples:\n%s", args, code, out)
		}
	}
	out, _, _ := runCLI(t, "lint", "--help")
	for _, want := range []string{"sarif", "github", "gitlab", "junit", "checkstyle", "--baseline", "--new-from-rev", "--config", "--rules", "--fix", "apigwlint:ignore"} {
		if !strings.Contains(out, want) {
			t.Errorf("lint --help does not mention %s", want)
		}
	}
}
