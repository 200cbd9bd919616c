package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

const allowOnly = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Condition": {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}},
      "Principal": "*",
      "Action": ["execute-api:Invoke"],
      "Resource": "execute-api:/prod/*"
    },
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/admin/*"}
  ]
}
`

// TestFixTwiceChangesNothing: the fixed policy is valid JSON in the AWS
// pattern, lints clean of the fixed rule, and a second --fix is a no-op.
func TestFixTwiceChangesNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"policy.json": allowOnly})
	t.Chdir(dir)
	diff, _, code := runCLI(t, "lint", "--fix", "--diff", "policy.json")
	if code != ExitFindings || !strings.Contains(diff, `+      "Effect": "Deny",`) {
		t.Fatalf("--diff: exit %d:\n%s", code, diff)
	}
	if string(must(os.ReadFile("policy.json"))) != allowOnly {
		t.Fatal("--diff wrote the file")
	}
	if _, err := exec.LookPath("git"); err == nil {
		if err := os.WriteFile("fix.patch", []byte(diff), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("git", "apply", "--check", "fix.patch").CombinedOutput(); err != nil {
			t.Errorf("git apply --check rejects the diff: %v\n%s", err, out)
		}
	}
	out, errOut, code := runCLI(t, "lint", "--fix", "policy.json")
	if code != ExitOK || !strings.Contains(errOut, "fixed 1 finding in 1 file") || !strings.HasPrefix(out, "no findings") {
		t.Fatalf("--fix: exit %d:\n%s%s", code, out, errOut)
	}
	fixed := must(os.ReadFile("policy.json"))
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal(fixed, &doc); err != nil || len(doc.Statement) != 3 {
		t.Fatalf("fixed policy: %v\n%s", err, fixed)
	}
	deny := doc.Statement[1]
	if deny["Effect"] != "Deny" || doc.Statement[0]["Condition"] != nil ||
		!strings.Contains(string(fixed), `"Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}`) {
		t.Errorf("unexpected fix:\n%s", fixed)
	}
	if !strings.Contains(string(fixed), "    {\"Effect\": \"Allow\", \"Principal\": {\"AWS\"") {
		t.Errorf("the untouched statement changed:\n%s", fixed)
	}
	_, errOut, _ = runCLI(t, "lint", "--fix", "policy.json")
	if again := must(os.ReadFile("policy.json")); string(again) != string(fixed) || !strings.Contains(errOut, "fixed 0 findings") {
		t.Errorf("second --fix changed the file or fixed something: %s\n%s", errOut, again)
	}
}

// TestFixHostBits runs the CIDR fixer on an invalid-cidr finding, in JSON
// and YAML, keeping the quotes as written.
func TestFixHostBits(t *testing.T) {
	t.Parallel()
	rule := &lint.Rule{Code: "AG103", Name: "invalid-cidr"}
	for name, src := range map[string]string{
		"policy.json": `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.7/24", "10.0.0.0/8"]}}}]}`,
		"t.yaml": "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Policy:\n        Statement:\n" +
			"          - {Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*, Condition: {NotIpAddress: {aws:SourceIp: ['203.0.113.7/24']}}}\n",
	} {
		docs, _ := source.Extract(name, []byte(src), true)
		if len(docs) != 1 {
			t.Fatalf("%s: %d documents", name, len(docs))
		}
		ptr := "/Statement/0/Condition/NotIpAddress/aws:SourceIp/0"
		span, _ := docs[0].Index.Resolve(ptr, false)
		f := lint.Finding{Rule: rule, File: name, Pointer: ptr, Span: span}
		out, n := applyFixes(name, []byte(src), []lint.Finding{f})
		want := strings.Replace(src, "203.0.113.7/24", "203.0.113.0/24", 1)
		if n != 1 || string(out) != want {
			t.Errorf("%s: fixed %d:\n%s\nwant:\n%s", name, n, out, want)
		}
		if again, n := applyFixes(name, out, []lint.Finding{f}); n != 0 || string(again) != string(out) {
			t.Errorf("%s: a second fix changed %d", name, n)
		}
	}
}

// TestFixHostBitsOnly: invalid-cidr findings for anything but host bits
// have no mechanical fix, whatever their message says.
func TestFixHostBitsOnly(t *testing.T) {
	t.Parallel()
	rule := &lint.Rule{Code: "AG103", Name: "invalid-cidr"}
	src := `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", ` +
		`"Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/33", "2600:1f18::7", "::ffff:1.2.3.4/120", "81.2.69.160/27"]}}}]}`
	docs, _ := source.Extract("p.json", []byte(src), true)
	for i := range 4 {
		ptr := "/Statement/0/Condition/NotIpAddress/aws:SourceIp/" + string(rune('0'+i))
		span, _ := docs[0].Index.Resolve(ptr, false)
		f := lint.Finding{Rule: rule, File: "p.json", Pointer: ptr, Span: span, Message: `write 10.0.0.0/32`}
		if out, n := applyFixes("p.json", []byte(src), []lint.Finding{f}); n != 0 || string(out) != src {
			t.Errorf("%s: fixed %d:\n%s", ptr, n, out)
		}
	}
}

func TestDiffHunks(t *testing.T) {
	t.Parallel()
	a := splitLines([]byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"))
	b := splitLines([]byte("1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13"))
	got := strings.Join(diffHunks(a, b, 3), "")
	want := "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n" +
		"@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
