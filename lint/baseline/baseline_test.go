package baseline_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/baseline"
)

var engine = sync.OnceValues(func() (*lint.Engine, error) {
	return lint.New(context.Background(), lint.Options{})
})

func lintText(t *testing.T, path, src string) []lint.Finding {
	t.Helper()
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	fs, _, _, err := e.LintSource(context.Background(), path, []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

const policy = `{"Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"},
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*"}
]}`

// TestFingerprintsSurviveMovesNotChanges: lines inserted above and a
// reformat keep every fingerprint; a changed value gets a new one.
func TestFingerprintsSurviveMovesNotChanges(t *testing.T) {
	t.Parallel()
	base := baseline.Fingerprints(lintText(t, "p.json", policy))
	if len(base) != 2 || base[0] == base[1] {
		t.Fatalf("want two distinct fingerprints, got %v", base)
	}
	moved := "\n\n\n" + strings.ReplaceAll(policy, `": "`, `":   "`)
	if got := baseline.Fingerprints(lintText(t, "./p.json", moved)); got[0] != base[0] || got[1] != base[1] {
		t.Errorf("moved and reformatted: %v, want %v", got, base)
	}
	changed := strings.Replace(policy, "arn:aws:execute-api:*:*:*", "arn:aws:execute-api:*:*:*/prod/*", 1)
	got := baseline.Fingerprints(lintText(t, "p.json", changed))
	if got[0] != base[0] || got[1] == base[1] {
		t.Errorf("changed value: %v; want the first kept and the second new (was %v)", got, base)
	}
	if other := baseline.Fingerprints(lintText(t, "q.json", policy)); other[0] == base[0] {
		t.Error("the same finding in another file has the same fingerprint")
	}
}

func TestWriteReadFilter(t *testing.T) {
	t.Parallel()
	old := lintText(t, "p.json", policy)
	var buf bytes.Buffer
	if err := baseline.New(old).Write(&buf); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := baseline.New([]lint.Finding{old[1], old[0]}).Write(&again); err != nil {
		t.Fatal(err)
	}
	if buf.String() != again.String() {
		t.Error("the baseline depends on the order of findings")
	}
	if strings.Contains(buf.String(), `"line"`) || !strings.HasPrefix(buf.String(), "{\n  \"version\": 1,") {
		t.Errorf("unexpected baseline:\n%s", buf.String())
	}
	b, err := baseline.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// One finding fixed, one new one added, lines moved.
	now := lintText(t, "p.json", "\n"+strings.Replace(policy, `"Resource": "*"`, `"Resource": "arn:aws:execute-api:us-east-1:*:abc/*"`, 1))
	fresh, known := b.Filter(now)
	if known != 1 || len(fresh) != 1 || !strings.Contains(fresh[0].Message, "us-east-1") {
		t.Errorf("known %d, fresh %v", known, fresh)
	}
}

func TestReadRejects(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		`{"version": 2, "findings": []}`:         "baseline version 2 is not supported",
		`{"version": 1, "findings": [], "x": 1}`: "not a baseline file",
		`[]`:                                     "not a baseline file",
	} {
		if _, err := baseline.Read(strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s) = %v, want %q", text, err, want)
		}
	}
}
