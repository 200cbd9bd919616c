package access_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/access"
	"github.com/apigwlint/apigwlint/lint/ipset"
)

func set(t *testing.T, cidrs string) ipset.Set {
	t.Helper()
	var ps []netip.Prefix
	for _, c := range strings.Fields(cidrs) {
		ps = append(ps, netip.MustParsePrefix(c))
	}
	return ipset.FromPrefixes(ps...)
}

const everything = "0.0.0.0/0 ::/0"

// TestReachableExamples pins the answers for the shapes DOMAIN.md §5.3
// discusses; the property tests check the rest against Evaluate.
func TestReachableExamples(t *testing.T) {
	cases := []struct {
		name     string
		policy   string
		base     access.Request
		may      string // the anonymous upper bound
		must     string // the anonymous lower bound
		key      string
		bypassed []access.Auth // modes whose reach exceeds the anonymous one
	}{
		{
			name: "canonical allowlist", policy: allowDenyIP,
			may: "81.2.69.160/27", must: "81.2.69.160/27", key: "aws:SourceIp",
		},
		{
			name: "allow-only allowlist: IAM and Lambda callers bypass it", policy: allowOnlyIP,
			may: "81.2.69.160/27", must: "81.2.69.160/27", key: "aws:SourceIp",
			bypassed: []access.Auth{access.AuthIAM, access.AuthLambda},
		},
		{
			name: "Deny narrower than the Allow: other stages stay open",
			policy: strings.Replace(allowDenyIP, `"Resource": "execute-api:/*",
	   "Condition"`, `"Resource": "execute-api:/prod/*",
	   "Condition"`, 1),
			may: everything, must: everything, key: "aws:SourceIp",
		},
		{
			name: "Deny narrower than the Allow, but the stage is pinned",
			policy: strings.Replace(allowDenyIP, `"Resource": "execute-api:/*",
	   "Condition"`, `"Resource": "execute-api:/prod/*",
	   "Condition"`, 1),
			base: access.Request{Stage: "prod"},
			may:  "81.2.69.160/27", must: "81.2.69.160/27", key: "aws:SourceIp",
		},
		{
			name:   "NotIpAddress list with 0.0.0.0/0 only keeps out IPv6",
			policy: strings.Replace(allowDenyIP, `["81.2.69.160/27"]`, `["0.0.0.0/0"]`, 1),
			may:    "0.0.0.0/0", must: "0.0.0.0/0", key: "aws:SourceIp",
		},
		{
			name:   "private API: aws:SourceIp is absent, so the Deny NotIpAddress keeps out everyone",
			policy: allowDenyIP, base: access.Request{Private: true},
			may: "", must: "", key: "aws:VpcSourceIp",
		},
		{
			name:   "undetermined Deny: a date",
			policy: strings.Replace(allowDenyIP, `"NotIpAddress"`, `"DateGreaterThan": {"aws:CurrentTime": "2026-01-01"}, "NotIpAddress"`, 1),
			may:    everything, must: "81.2.69.160/27", key: "aws:SourceIp",
		},
		{
			name:   "undetermined Allow: an opaque CIDR",
			policy: strings.Replace(allowOnlyIP, `["81.2.69.160/27"]`, `["81.2.69.160/27", "${OfficeCidr}"]`, 1),
			may:    everything, must: "81.2.69.160/27", key: "aws:SourceIp",
		},
		{
			name:   "the Allow covers only an HTTP verb no request carries",
			policy: stageOnly("execute-api:/prod/TRACE/*"),
			may:    "", must: "", key: "aws:SourceIp",
			// Silent everywhere: Table A lets identity-side Allows through.
			bypassed: []access.Auth{access.AuthIAM, access.AuthLambda},
		},
		{
			name:   `"*" spans "/": */TRACE/* still covers GET /TRACE/x`,
			policy: stageOnly("execute-api:/*/TRACE/*"),
			may:    everything, must: everything, key: "aws:SourceIp",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := access.Reachable(parse(t, tc.policy), tc.base)
			if err != nil {
				t.Fatal(err)
			}
			if r.Key != tc.key {
				t.Errorf("key %s, want %s", r.Key, tc.key)
			}
			if want := set(t, tc.may); !r.Anonymous.May.Equal(want) {
				t.Errorf("may %q, want %q", r.Anonymous.May, want)
			}
			if want := set(t, tc.must); !r.Anonymous.Must.Equal(want) {
				t.Errorf("must %q, want %q", r.Anonymous.Must, want)
			}
			if r.Anonymous.Exact() != (len(r.Conditional) == 0) {
				t.Errorf("exact=%v but %d conditional parts", r.Anonymous.Exact(), len(r.Conditional))
			}
			var bypassed []access.Auth
			for _, m := range r.Modes {
				if !r.Anonymous.May.Contains(m.May) {
					bypassed = append(bypassed, m.Mode.Auth)
				}
			}
			if strings.Join(authNames(bypassed), ",") != strings.Join(authNames(tc.bypassed), ",") {
				t.Errorf("bypassed by %v, want %v", bypassed, tc.bypassed)
			}
		})
	}
}

func authNames(as []access.Auth) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}
