package access

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"testing"
)

// FuzzEvaluate evaluates arbitrary JSON as a policy for an arbitrary
// request, and analyses small policies with Reachable. Whatever the input,
// neither may panic, and the results must be consistent: one result per
// statement, and every lower bound inside its upper bound.
func FuzzEvaluate(f *testing.F) {
	for _, seed := range []struct {
		policy, ip          string
		mode                uint8
		stage, method, path string
	}{
		{
			`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
		  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
		   "Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27", "2a02:c7c:1e00::/40"]}}}]}`,
			"81.2.69.170", 0, "prod", "GET", "/",
		},
		{
			`{"Statement": {"Effect": "allow", "NotPrincipal": {"AWS": ["${Acct}", 7]}, "NotAction": "x", "NotResource": ["execute-api:*", null],
		  "Condition": {"ForAnyValue:IpAddressIfExists": {"AWS:SOURCEIP": {"a": 1}}, "Null": {"k": [true, "x"]}}}}`,
			"::1", 3, "", "", "",
		},
		{`{"Statement": [1, "x", {"Effect": "Deny", "Condition": []}], "Version": 7}`, "garbage", 255, "a/b", "get", "//"},
		{`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "arn:aws:execute-api:*:*:a?c/*/G*T/**/??",
		  "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01"}, "NumericEquals": {"n": 1e999}, "BinaryEquals": {"b": "!!"},
		  "ArnLike": {"aws:SourceArn": "arn:*"}, "StringLike": {"aws:UserAgent": "${x}*"}}}]}`, "10.0.0.1", 9, "p", "POST", "/a:b"},
		{`[]`, "", 1, "", "", ""},
	} {
		f.Add([]byte(seed.policy), seed.ip, seed.mode, seed.stage, seed.method, seed.path)
	}
	f.Fuzz(func(t *testing.T, src []byte, ip string, mode uint8, stage, method, path string) {
		d := json.NewDecoder(bytes.NewReader(src))
		d.UseNumber()
		var doc any
		_ = d.Decode(&doc) // a policy that does not decode is evaluated as nil
		p := Parse(doc)
		r := fuzzRequest(ip, mode, stage, method, path)
		res, err := Evaluate(p, r)
		if err == nil && len(res.Statements) != len(p.Statements) {
			t.Fatalf("%d results for %d statements", len(res.Statements), len(p.Statements))
		}
		if len(src) > 1500 {
			return // keep each input fast: Reachable searches grow with the policy
		}
		reach, err := Reachable(p, r)
		if err != nil {
			return
		}
		if !reach.Anonymous.May.Contains(reach.Anonymous.Must) {
			t.Fatalf("lower bound %s not inside upper bound %s", reach.Anonymous.Must, reach.Anonymous.May)
		}
		for _, m := range reach.Modes {
			if !m.May.Contains(m.Must) {
				t.Fatalf("%s: lower bound %s not inside upper bound %s", m.Label, m.Must, m.May)
			}
		}
	})
}

// fuzzRequest spreads mode's bits over the request's enumerations, out of
// range values included, so Validate is fuzzed too.
func fuzzRequest(ip string, mode uint8, stage, method, path string) Request {
	auths := []Auth{AuthNone, AuthIAM, AuthLambda, AuthCognito}
	ids := []Identity{IdentityAllow, IdentitySilent, IdentityDeny, IdentityNoToken}
	r := Request{Stage: stage, Method: method, Path: path}
	r.Auth = auths[mode&3]
	r.Identity = ids[mode>>2&3]
	if mode&16 != 0 {
		r.Caller = CrossAccount
	}
	addr, _ := netip.ParseAddr(ip)
	switch {
	case mode&32 != 0:
		r.VpcSourceIP, r.SourceVpce = addr, "vpce-1"
	case mode&64 != 0:
		r.Context = map[string][]string{"aws:UserAgent": {ip}, "aws:CurrentTime": {ip}}
		r.SourceIP = addr
	default:
		r.SourceIP = addr
	}
	if mode&128 != 0 {
		r.Principal = ip
	}
	return r
}
