package access_test

import (
	"testing"

	"github.com/apigwlint/apigwlint/lint/access"
)

// scopePolicy is an Allow (statement 0) and a Deny (statement 1) with the
// given Resource elements, written as JSON.
func scopePolicy(t testing.TB, allow, deny string) *access.Policy {
	t.Helper()
	return parse(t, `{"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", `+allow+`},
		{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", `+deny+`,
		 "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}}}]}`)
}

func TestScopeGap(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, allow, deny string
		want              *access.ScopeGap // nil: no gap
	}{
		{"same resource", `"Resource": "execute-api:/*"`, `"Resource": "execute-api:/*"`, nil},
		{"deny on everything", `"Resource": "execute-api:/prod/GET/x"`, `"Resource": "*"`, nil},
		{"deny by stars", `"Resource": "execute-api:/*"`, `"Resource": ["execute-api:/*/*/*"]`, nil},
		{
			"deny on one stage", `"Resource": "execute-api:/*"`, `"Resource": "execute-api:/prod/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "y", Method: "GET", Path: "/", AnyStage: true, Level: "stage"},
		},
		{
			"named stage left out", `"Resource": ["execute-api:/prod/*", "execute-api:/dev/*"]`, `"Resource": "execute-api:/prod/*"`,
			&access.ScopeGap{Element: "Resource", Value: 1, Stage: "dev", Method: "GET", Path: "/", Level: "stage"},
		},
		{
			"deny on one verb", `"Resource": "execute-api:/prod/*"`, `"Resource": "execute-api:/prod/GET/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "prod", Method: "PUT", Path: "/", Level: "method"},
		},
		{
			// IAM's "*" crosses "/", so the Deny covers PUT /a/GET/b; the gap is
			// still named after the verb it was written for.
			"deny on one verb in every stage", `"Resource": "execute-api:/*"`, `"Resource": "execute-api:/*/GET/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "y", Method: "PUT", Path: "/", AnyStage: true, Level: "method"},
		},
		{
			"deny on one path", `"Resource": "execute-api:/prod/*"`, `"Resource": "execute-api:/prod/*/admin/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "prod", Method: "GET", Path: "/", Level: "path"},
		},
		{
			"full ARN against the shorthand", `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*"`,
			`"Resource": "execute-api:/*"`, nil,
		},
		{
			"NotResource deny leaves a hole", `"Resource": "execute-api:/*"`, `"NotResource": "execute-api:/*/OPTIONS/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "y", Method: "OPTIONS", Path: "/", AnyStage: true, Level: "method"},
		},
		// The shortcut for a Deny naming the whole API by its ARN, and its near misses.
		{"deny by the API's ARN", `"Resource": "execute-api:/*"`, `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*/*/*"`, nil},
		{"deny by the API's ARN, one star", `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/x"`, `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*"`, nil},
		{"deny by the API's ARN, wild fields", `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*"`, `"Resource": "arn:aws:execute-api:*:*:abc123/*/*"`, nil},
		{
			"deny by another API's ARN", `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*"`,
			`"Resource": ["arn:aws:execute-api:eu-west-1:123456789012:other/*/*/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*"]`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "y", Method: "GET", Path: "/", AnyStage: true, Level: "stage"},
		},
		{
			"deny by the API's ARN on one stage", `"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/*"`,
			`"Resource": "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*"`,
			&access.ScopeGap{Element: "Resource", Value: -1, Stage: "y", Method: "GET", Path: "/", AnyStage: true, Level: "stage"},
		},
		// An Allow that shares nothing with the Deny is not one it backs.
		{"disjoint grant", `"Resource": "execute-api:/*/GET/health"`, `"Resource": "execute-api:/*/*/admin/*"`, nil},
		// Opaque values: the Allow certainly grants nothing, the Deny may cover anything.
		{"opaque allow", `"Resource": "execute-api:/${Stage}/*"`, `"Resource": "execute-api:/prod/*"`, nil},
		{"opaque deny", `"Resource": "execute-api:/*"`, `"Resource": "execute-api:/${Stage}/*"`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := scopePolicy(t, tc.allow, tc.deny).Scope([]int{1}).Gap(0)
			switch {
			case tc.want == nil && ok:
				t.Errorf("gap %+v, want none", got)
			case tc.want != nil && !ok:
				t.Errorf("no gap, want %+v", *tc.want)
			case tc.want != nil && got != *tc.want:
				t.Errorf("gap %+v\nwant %+v", got, *tc.want)
			}
		})
	}
}

// Several Denies cover together what none covers alone.
func TestScopeGapUnion(t *testing.T) {
	t.Parallel()
	p := parse(t, `{"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/prod/*", "execute-api:/dev/*"]},
		{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/*"},
		{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/dev/*"}]}`)
	if g, ok := p.Scope([]int{1, 2}).Gap(0); ok {
		t.Errorf("gap %+v, want none", g)
	}
	if _, ok := p.Scope([]int{1}).Gap(0); !ok {
		t.Error("no gap with one Deny, want stage dev")
	}
}

func TestCoversInvoke(t *testing.T) {
	t.Parallel()
	p := parse(t, `{"Statement": [
		{"Effect": "Deny", "Action": "execute-api:*"},
		{"Effect": "Deny", "Action": ["execute-api:InvalidateCache"]},
		{"Effect": "Deny", "NotAction": "execute-api:Invoke"},
		{"Effect": "Deny", "NotAction": "execute-api:ManageConnections"},
		{"Effect": "Deny", "Action": "EXECUTE-API:invoke"},
		{"Effect": "Deny", "Action": "${var.action}"}]}`)
	want := []access.Tri{access.Yes, access.No, access.No, access.Yes, access.Yes, access.Maybe}
	for i, w := range want {
		if got := p.CoversInvoke(i); got != w {
			t.Errorf("statement %d: %v, want %v", i, got, w)
		}
	}
	if got := p.CoversInvoke(9); got != access.No {
		t.Errorf("out of range: %v, want No", got)
	}
}

// BenchmarkScopeGap is the gap the bench corpus shows most: an Allow for
// every request and a Deny for one stage and verb.
func BenchmarkScopeGap(b *testing.B) {
	p := scopePolicy(b, `"Resource": "execute-api:/*/*/*"`, `"Resource": "execute-api:/v1/GET/*"`)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.Scope([]int{1}).Gap(0); !ok {
			b.Fatal("no gap")
		}
	}
}
