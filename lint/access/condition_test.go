package access

import (
	"net/netip"
	"testing"
)

// condResult evaluates a one-operator Condition block against a request.
func condResult(t *testing.T, cond map[string]any, r Request) Tri {
	t.Helper()
	p := Parse(map[string]any{"Statement": map[string]any{
		"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": cond,
	}})
	s := p.Statements[0]
	if len(s.conds) != 1 || len(s.doubts) != 0 {
		t.Fatalf("want one condition and no doubt, got %d and %v", len(s.conds), s.doubts)
	}
	r, _ = p.Complete(r)
	return s.conds[0].eval(newContext(r), true).Holds
}

func ctxReq(kv ...string) Request {
	r := Request{SourceIP: netip.MustParseAddr("203.0.113.9"), Context: map[string][]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Context[kv[i]] = append(r.Context[kv[i]], kv[i+1])
	}
	return r
}

func TestConditionOperators(t *testing.T) {
	vpc := Request{SourceVpce: "vpce-1"}
	cases := []struct {
		name string
		op   string
		key  string
		val  any
		req  Request
		want Tri
	}{
		{"StringEquals", "StringEquals", "aws:UserAgent", "curl", ctxReq("aws:UserAgent", "curl"), Yes},
		{"StringEquals is case-sensitive", "StringEquals", "aws:UserAgent", "CURL", ctxReq("aws:UserAgent", "curl"), No},
		{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "aws:UserAgent", "CURL", ctxReq("aws:UserAgent", "curl"), Yes},
		{"StringNotEquals is NOR", "StringNotEquals", "aws:UserAgent", []any{"a", "curl"}, ctxReq("aws:UserAgent", "curl"), No},
		{"StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "aws:UserAgent", "X", ctxReq("aws:UserAgent", "curl"), Yes},
		{"StringLike", "StringLike", "aws:Referer", "https://*.example.com/?", ctxReq("aws:Referer", "https://a.b.example.com/x"), Yes},
		{"StringNotLike", "StringNotLike", "aws:Referer", "https://*", ctxReq("aws:Referer", "http://x"), Yes},
		{"key names are case-insensitive", "StringEquals", "AWS:USERAGENT", "curl", ctxReq("aws:useragent", "curl"), Yes},
		{"NumericLessThan", "NumericLessThan", "aws:MultiFactorAuthAge", "3600", ctxReq("aws:MultiFactorAuthAge", "60"), Yes},
		{"NumericGreaterThanEquals exact", "NumericGreaterThanEquals", "n", "10.0", ctxReq("n", "10"), Yes},
		{"NumericNotEquals", "NumericNotEquals", "n", 10, ctxReq("n", "10"), No},
		{"NumericLessThanEquals", "NumericLessThanEquals", "n", "1e3", ctxReq("n", "1000"), Yes},
		{"NumericGreaterThan", "NumericGreaterThan", "n", "5", ctxReq("n", "4"), No},
		{"Numeric with a non-number request value fails", "NumericEquals", "n", "5", ctxReq("n", "five"), No},
		{"Numeric with a non-number policy value is undetermined", "NumericEquals", "n", "five", ctxReq("n", "5"), Maybe},
		{"DateLessThan ISO", "DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z", ctxReq("aws:CurrentTime", "2026-05-01T12:00:00Z"), Yes},
		{"DateGreaterThan epoch", "DateGreaterThan", "aws:EpochTime", "1700000000", ctxReq("aws:EpochTime", "1800000000"), Yes},
		{"DateEquals mixes forms", "DateEquals", "aws:CurrentTime", "1970-01-01T00:00:10Z", ctxReq("aws:CurrentTime", "10"), Yes},
		{"DateNotEquals", "DateNotEquals", "aws:CurrentTime", "2020-01-01", ctxReq("aws:CurrentTime", "2020-01-01T00:00:00Z"), No},
		{"DateLessThanEquals", "DateLessThanEquals", "aws:CurrentTime", "2020-01-01", ctxReq("aws:CurrentTime", "2020-01-01T00:00:00Z"), Yes},
		{"DateGreaterThanEquals", "DateGreaterThanEquals", "aws:CurrentTime", "2020-01-02", ctxReq("aws:CurrentTime", "2020-01-01T00:00:00Z"), No},
		{"Bool", "Bool", "aws:SecureTransport", true, ctxReq("aws:SecureTransport", "true"), Yes},
		{"Bool false", "Bool", "aws:SecureTransport", "false", ctxReq("aws:SecureTransport", "true"), No},
		{"BinaryEquals", "BinaryEquals", "k", "QUJD", ctxReq("k", "QUJD"), Yes},
		{"BinaryEquals differs", "BinaryEquals", "k", "QUJD", ctxReq("k", "QUJE"), No},
		{"IpAddress", "IpAddress", "aws:SourceIp", "203.0.113.0/24", Request{SourceIP: netip.MustParseAddr("203.0.113.9")}, Yes},
		{"IpAddress bare IPv4 is /32", "IpAddress", "aws:SourceIp", "203.0.113.9", Request{SourceIP: netip.MustParseAddr("203.0.113.9")}, Yes},
		{"IpAddress IPv6", "IpAddress", "aws:SourceIp", "2001:DB8::/32", Request{SourceIP: netip.MustParseAddr("2001:db8::1")}, Yes},
		{"IPv4 never matches an IPv4-mapped prefix", "IpAddress", "aws:SourceIp", "::ffff:203.0.113.0/120", Request{SourceIP: netip.MustParseAddr("203.0.113.9")}, No},
		{"NotIpAddress", "NotIpAddress", "aws:SourceIp", []any{"10.0.0.0/8", "203.0.113.0/24"}, Request{SourceIP: netip.MustParseAddr("203.0.113.9")}, No},
		{"malformed CIDR is undetermined", "IpAddress", "aws:SourceIp", "203.0.113.0/33", Request{SourceIP: netip.MustParseAddr("203.0.113.9")}, Maybe},
		{"ArnLike", "ArnLike", "aws:SourceArn", "arn:aws:states:*:111122223333:*", ctxReq("aws:SourceArn", "arn:aws:states:us-east-1:111122223333:stateMachine:x"), Yes},
		{"ArnEquals part by part", "ArnEquals", "aws:SourceArn", "arn:aws:states:us-east-1:111122223333:x", ctxReq("aws:SourceArn", "arn:aws:states:us-east-1:444455556666:x"), No},
		{"ArnNotLike", "ArnNotLike", "aws:SourceArn", "arn:aws:states:*", ctxReq("aws:SourceArn", "arn:aws:lambda:us-east-1:1:function:f"), Yes},

		// Absent keys (DOMAIN.md §1.4).
		{"absent: positive is false", "StringEquals", "aws:UserAgent", "x", ctxReq(), No},
		{"absent: negated is true", "StringNotLike", "aws:UserAgent", "x*", ctxReq(), Yes},
		{"absent: IfExists is true", "StringEqualsIfExists", "aws:UserAgent", "x", ctxReq(), Yes},
		{"absent: negated IfExists is true", "ArnNotEqualsIfExists", "aws:SourceVpc", "x", ctxReq(), Yes},
		{"absent SourceIp via VPC endpoint: IpAddress false", "IpAddress", "aws:SourceIp", "0.0.0.0/0", vpc, No},
		{"absent SourceIp via VPC endpoint: NotIpAddress true", "NotIpAddress", "aws:SourceIp", "0.0.0.0/0", vpc, Yes},
		{"Null true on an absent key", "Null", "aws:SourceIp", "true", vpc, Yes},
		{"Null false on a present key", "Null", "aws:SourceIp", false, ctxReq(), Yes},
		{"ForAnyValue absent", "ForAnyValue:StringNotEquals", "aws:UserAgent", "x", ctxReq(), No},
		{"ForAllValues absent", "ForAllValues:StringEquals", "aws:UserAgent", "x", ctxReq(), Yes},
		{"ForAnyValue: one value matches", "ForAnyValue:StringEquals", "aws:TagKeys", "b", ctxReq("aws:TagKeys", "a", "aws:TagKeys", "b"), Yes},
		{"ForAllValues: one value does not", "ForAllValues:StringEquals", "aws:TagKeys", "b", ctxReq("aws:TagKeys", "a", "aws:TagKeys", "b"), No},
		{"ForAllValues:StringNotEquals", "ForAllValues:StringNotEquals", "aws:TagKeys", "c", ctxReq("aws:TagKeys", "a", "aws:TagKeys", "b"), Yes},
		{"ForAnyValue IfExists absent", "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "c", ctxReq(), Yes},

		// Unknown and opaque: undetermined.
		{"always-present key not given", "DateLessThan", "aws:CurrentTime", "2030-01-01", ctxReq(), Maybe},
		{"aws:SourceIp not given", "IpAddress", "aws:SourceIp", "0.0.0.0/0", Request{}, Maybe},
		{"Null on an unknown key", "Null", "aws:CurrentTime", "true", ctxReq(), Maybe},
		{"opaque policy value", "StringEquals", "aws:UserAgent", "${UA}", ctxReq("aws:UserAgent", "curl"), Maybe},
		{"opaque StringLike ruled out by its literal part", "StringLike", "aws:UserAgent", "x-${V}", ctxReq("aws:UserAgent", "curl"), No},
		{"opaque among values that match", "IpAddress", "aws:SourceIp", []any{"${Office}", "203.0.113.0/24"}, ctxReq(), Yes},
		{"unknown operator", "IPAddress", "aws:SourceIp", "0.0.0.0/0", ctxReq(), Maybe},
		{"NullIfExists is no operator", "NullIfExists", "aws:SourceIp", "true", ctxReq(), Maybe},
		{"IAM key for an IAM caller is unknown", "StringEquals", "aws:PrincipalType", "AssumedRole", Request{Auth: AuthIAM, SourceIP: netip.MustParseAddr("203.0.113.9")}, Maybe},
		{"IAM key for a Lambda caller is absent", "StringEquals", "aws:PrincipalType", "AssumedRole", Request{Auth: AuthLambda, SourceIP: netip.MustParseAddr("203.0.113.9")}, No},
		{"principal account of a same-account IAM caller", "StringEquals", "aws:PrincipalAccount", "111122223333", Request{Auth: AuthIAM, SourceIP: netip.MustParseAddr("203.0.113.9")}, Yes},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := condResult(t, map[string]any{tc.op: map[string]any{tc.key: tc.val}}, tc.req)
			if got != tc.want {
				t.Errorf("%s %s %v: got %s, want %s", tc.op, tc.key, tc.val, got, tc.want)
			}
		})
	}
}

func TestARNGlob(t *testing.T) {
	cases := []struct {
		pattern, arn string
		want         bool
	}{
		{"*", "arn:aws:execute-api:us-east-1:1:a/prod/GET/x", true},
		{"arn:aws:execute-api:*:*:*", "arn:aws:execute-api:us-east-1:1:a/prod/GET/x", true},
		{"arn:aws:execute-api:us-*-1:1:a/*", "arn:aws:execute-api:us-east-1:1:a/p/GET/", true},
		// A "*" inside a segment does not cross ":" (DOMAIN.md §2.3)...
		{"arn:aws:execute-api:us-*1:a/*", "arn:aws:execute-api:us-east-1:1:a/p/GET/", false},
		// ...but one that ends its segment may.
		{"arn:aws:execute-api:*:a/*", "arn:aws:execute-api:us-east-1:1:a/p/GET/", true},
		{"arn:aws:execute-api:us-east-1:1:a/*/GET/*", "arn:aws:execute-api:us-east-1:1:a/p/GET/x/y:z", true},
		{"arn:aws:execute-api:us-east-1:1:a/?/GET/", "arn:aws:execute-api:us-east-1:1:a/p/GET/", true},
		{"arn:aws:execute-api:us-east-1:1:a/?/GET/", "arn:aws:execute-api:us-east-1:1:a/pp/GET/", false},
		{"arn:aws:execute-api:us-east-1:1:a", "arn:aws:execute-api:us-east-1:1:a/p/GET/", false},
	}
	for _, tc := range cases {
		if got := arnGlob(tc.pattern, false).match(tc.arn); got != tc.want {
			t.Errorf("%q ~ %q = %v, want %v", tc.pattern, tc.arn, got, tc.want)
		}
	}
}

// TestUndeterminedStatement: an opaque Resource in a Deny leaves the
// decision open, resolved in the caller's favour and reported as such.
func TestUndeterminedStatement(t *testing.T) {
	p := Parse(map[string]any{"Statement": []any{
		map[string]any{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
		map[string]any{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/${Stage}/*"},
	}})
	res, err := Evaluate(p, Request{SourceIP: netip.MustParseAddr("203.0.113.9")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Statements[1].Match != Maybe || res.Determined || !res.Decision.Allowed || res.Restrictive.Allowed ||
		res.RP != OutcomeAllow || res.RestrictiveRP != OutcomeDeny {
		t.Errorf("got match=%s determined=%v RP=%s/%s", res.Statements[1].Match, res.Determined, res.RP, res.RestrictiveRP)
	}
	// A literal part that rules the request out decides it after all.
	p = Parse(map[string]any{"Statement": map[string]any{
		"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "execute-api:/dev/${Verb}/*",
	}})
	res, _ = Evaluate(p, Request{SourceIP: netip.MustParseAddr("203.0.113.9")})
	if res.Statements[0].Match != No {
		t.Errorf("stage prod vs execute-api:/dev/${Verb}/*: got %s, want no", res.Statements[0].Match)
	}
}

func TestValidate(t *testing.T) {
	bad := []Request{
		{Auth: "basic"},
		{Caller: "other"},
		{Identity: "maybe"},
		{Auth: AuthIAM, Identity: IdentityNoToken},
		{SourceIP: netip.MustParseAddr("1.2.3.4"), SourceVpce: "vpce-1"},
		{Auth: AuthIAM, Principal: "role/ci"},
		{Auth: AuthIAM, Caller: SameAccount, Principal: "arn:aws:iam::444455556666:role/ci"},
	}
	p := Parse(nil)
	for _, r := range bad {
		if _, err := Evaluate(p, r); err == nil {
			t.Errorf("%+v: want an error", r)
		}
	}
}
