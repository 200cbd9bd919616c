package lint_test

import (
	"context"
	"testing"
)

// FuzzLintSource lints arbitrary bytes as a policy file named on the command
// line. Whatever the bytes, linting must neither panic nor fail: a bad
// document is a finding, and a rule that errors on some input is a bug.
func FuzzLintSource(f *testing.F) {
	for _, seed := range []string{
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
		  "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", 3, null, "::/0", "300.1.1.1"]}}}]}`,
		`{"Statement": {"Effect": "Deny", "Condition": {"NotIpAddress": {"AWS:SOURCEIP": "1.2.3.4"}}}}`,
		`{"Statement": [{"Effect": 1, "Principal": [], "Action": {}, "Resource": [null], "Condition": []}]}`,
		`{"Statement": "x", "Version": 7}`,
		`{"Statement": [{"Condition": {"ForAnyValue:IpAddressIfExists": {"aws:VpcSourceIp": {"a": 1}}}}]}`,
		`{"Statement": [`,
	} {
		f.Add([]byte(seed))
	}
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, _, _, err := e.LintSource(context.Background(), "fuzz.json", src, true); err != nil {
			t.Fatalf("lint failed: %v", err)
		}
	})
}
