package access_test

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/access"
)

// parse decodes a policy as lint/source does (numbers as json.Number).
func parse(t testing.TB, src string) *access.Policy {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(src))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("bad test policy: %v\n%s", err, src)
	}
	return access.Parse(v)
}

// Policies whose resource-policy result is known for every request below.
const (
	// RP = Allow for everyone.
	allowAll = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}`
	// RP = Deny for everyone: Deny wins over the Allow.
	denyAll = `{"Statement": [
	  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
	  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}`
	// RP = Silent: the only statement is for another stage.
	silent = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
	  "Resource": "execute-api:/test/*"}]}`
	// The Allow-only allowlist of DOMAIN.md §5.3: Silent outside the range.
	allowOnlyIP = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
	  "Condition": {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}`
	// The canonical allowlist: Deny outside the range.
	allowDenyIP = `{"Statement": [
	  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
	  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
	   "Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}`
)

var (
	inside  = netip.MustParseAddr("81.2.69.170")
	outside = netip.MustParseAddr("198.51.100.7")
)

type evalCase struct {
	name    string
	policy  string
	req     access.Request
	rp      access.Outcome
	allowed bool
	status  int
	row     string // a substring of the §5.2 row that must apply
}

// rpColumns checks one §5.2 row against all three RP columns.
func rpColumns(name string, req access.Request, row string, deny, allow, silentCell int) []evalCase {
	req.SourceIP = inside
	return []evalCase{
		{name + "/RP=Deny", denyAll, req, access.OutcomeDeny, deny == 200, deny, row},
		{name + "/RP=Allow", allowAll, req, access.OutcomeAllow, allow == 200, allow, row},
		{name + "/RP=Silent", silent, req, access.OutcomeSilent, silentCell == 200, silentCell, row},
	}
}

func iam(c access.Caller, id access.Identity) access.Request {
	return access.Request{Auth: access.AuthIAM, Caller: c, Identity: id}
}

// decisionTableCases is DOMAIN.md §5.2, row by row and column by column.
func decisionTableCases() []evalCase {
	var cs []evalCase
	add := func(c []evalCase) { cs = append(cs, c...) }
	add(rpColumns("NONE", access.Request{Auth: access.AuthNone}, "NONE", 403, 200, 403))
	add(rpColumns("IAM same/allow", iam(access.SameAccount, access.IdentityAllow), "same account | IAM Allow", 403, 200, 200))
	add(rpColumns("IAM same/silent", iam(access.SameAccount, access.IdentitySilent), "same account | IAM silent", 403, 200, 403))
	add(rpColumns("IAM cross/allow", iam(access.CrossAccount, access.IdentityAllow), "cross account | IAM Allow", 403, 200, 403))
	add(rpColumns("IAM cross/silent", iam(access.CrossAccount, access.IdentitySilent), "cross account | IAM silent", 403, 403, 403))
	add(rpColumns("IAM same/deny", iam(access.SameAccount, access.IdentityDeny), "IAM Deny", 403, 403, 403))
	add(rpColumns("IAM cross/deny", iam(access.CrossAccount, access.IdentityDeny), "IAM Deny", 403, 403, 403))
	lambda := func(id access.Identity) access.Request { return access.Request{Auth: access.AuthLambda, Identity: id} }
	add(rpColumns("lambda/allow", lambda(access.IdentityAllow), "authorizer Allow", 403, 200, 200))
	add(rpColumns("lambda/silent", lambda(access.IdentitySilent), "authorizer silent", 403, 200, 403))
	add(rpColumns("lambda/deny", lambda(access.IdentityDeny), "authorizer Deny", 403, 403, 403))
	add(rpColumns("lambda/no-token", lambda(access.IdentityNoToken), "missing or invalid", 401, 401, 401))
	add(rpColumns("cognito", access.Request{Auth: access.AuthCognito}, "COGNITO", 403, 200, 403))
	// Table A for a cross-account Lambda caller (UNCONFIRMED, §5.2 note).
	add(rpColumns("lambda cross/allow", access.Request{Auth: access.AuthLambda, Caller: access.CrossAccount}, "authorizer Allow", 403, 200, 200))
	return cs
}

// matchingCases exercise statement matching; each names the RP it must
// produce for an anonymous caller unless the request says otherwise.
func matchingCases() []evalCase {
	anon := func(ip netip.Addr) access.Request { return access.Request{SourceIP: ip} }
	vpce := access.Request{SourceVpce: "vpce-0abc", VpcSourceIP: netip.MustParseAddr("10.0.3.7")}
	stage := func(s, m string) access.Request {
		return access.Request{SourceIP: inside, Stage: s, Method: m, Path: "/pets/7"}
	}
	sameIAM := access.Request{Auth: access.AuthIAM, Identity: access.IdentitySilent, SourceIP: inside}
	return []evalCase{
		{"allowlist inside", allowDenyIP, anon(inside), access.OutcomeAllow, true, 200, "NONE"},
		{"allowlist outside: Deny wins", allowDenyIP, anon(outside), access.OutcomeDeny, false, 403, "NONE"},
		{"allow-only outside: silent", allowOnlyIP, anon(outside), access.OutcomeSilent, false, 403, "NONE"},
		{
			"allow-only outside, same-account IAM Allow bypasses", allowOnlyIP,
			access.Request{Auth: access.AuthIAM, SourceIP: outside},
			access.OutcomeSilent, true, 200, "same account | IAM Allow",
		},
		{
			"allow-only outside, Lambda Allow bypasses", allowOnlyIP,
			access.Request{Auth: access.AuthLambda, SourceIP: outside},
			access.OutcomeSilent, true, 200, "authorizer Allow",
		},
		{
			"allowlist outside, Lambda Allow: pre-auth deny", allowDenyIP,
			access.Request{Auth: access.AuthLambda, SourceIP: outside},
			access.OutcomeDeny, false, 403, "authorizer Allow",
		},

		// Absent keys: aws:SourceIp does not exist for a call through a VPC endpoint.
		{"VPC endpoint: Deny NotIpAddress on absent SourceIp denies", allowDenyIP, vpce, access.OutcomeDeny, false, 403, "NONE"},
		{"VPC endpoint: Allow IpAddress on absent SourceIp never matches", allowOnlyIP, vpce, access.OutcomeSilent, false, 403, "NONE"},
		{
			"VPC endpoint: IpAddressIfExists lets an absent key through",
			strings.Replace(allowOnlyIP, `"IpAddress"`, `"IpAddressIfExists"`, 1), vpce, access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"VPC endpoint: NotIpAddressIfExists still denies an absent key",
			strings.Replace(allowDenyIP, `"NotIpAddress"`, `"NotIpAddressIfExists"`, 1), vpce, access.OutcomeDeny, false, 403, "NONE",
		},
		{
			"VPC endpoint: NotIpAddress on aws:VpcSourceIp outside the range denies",
			strings.Replace(allowDenyIP, `"aws:SourceIp": ["81.2.69.160/27"]`, `"AWS:VPCSOURCEIP": ["10.0.9.0/24"]`, 1),
			vpce, access.OutcomeDeny, false, 403, "NONE",
		},
		{
			"VPC endpoint: NotIpAddress on aws:VpcSourceIp inside the range",
			strings.Replace(allowDenyIP, `"aws:SourceIp": ["81.2.69.160/27"]`, `"aws:VpcSourceIp": ["10.0.0.0/16"]`, 1),
			vpce, access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"public call: StringNotEquals on absent aws:SourceVpce is true, so the Deny applies",
			strings.Replace(allowDenyIP, `"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}`, `"StringNotEquals": {"aws:SourceVpce": "vpce-0abc"}`, 1),
			anon(inside), access.OutcomeDeny, false, 403, "NONE",
		},
		{
			"Null true on absent aws:SourceIp",
			`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:SourceIp": "true"}}}}`,
			vpce, access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"ForAllValues on an absent key is true",
			`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalTag/team": "a"}}}}`,
			anon(inside), access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"ForAnyValue on an absent key is false",
			`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:PrincipalTag/team": "a"}}}}`,
			anon(inside), access.OutcomeSilent, false, 403, "NONE",
		},
		{
			"IAM-only key is absent for NONE: Deny StringNotEquals PrincipalOrgID denies everyone",
			strings.Replace(allowDenyIP, `"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}`, `"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}`, 1),
			anon(inside), access.OutcomeDeny, false, 403, "NONE",
		},

		// Wildcard resources (DOMAIN.md §2.3).
		{"stage wildcard covers prod", stageOnly("execute-api:/prod/*"), stage("prod", "GET"), access.OutcomeAllow, true, 200, "NONE"},
		{"stage wildcard misses dev", stageOnly("execute-api:/prod/*"), stage("dev", "GET"), access.OutcomeSilent, false, 403, "NONE"},
		{"verb wildcard covers GET on a deep path", stageOnly("execute-api:/*/GET/*"), stage("dev", "GET"), access.OutcomeAllow, true, 200, "NONE"},
		{"verb wildcard misses POST", stageOnly("execute-api:/*/GET/*"), stage("dev", "POST"), access.OutcomeSilent, false, 403, "NONE"},
		{"? is one character", stageOnly("execute-api:/pro?/GET/pets/?"), stage("prod", "GET"), access.OutcomeAllow, true, 200, "NONE"},
		{"? is not two characters", stageOnly("execute-api:/pro?/GET/pets/?"), stage("production", "GET"), access.OutcomeSilent, false, 403, "NONE"},
		{"full ARN with region wildcard", stageOnly("arn:aws:execute-api:*:111122223333:a1b2c3d4e5/*"), stage("dev", "GET"), access.OutcomeAllow, true, 200, "NONE"},
		{"bare API ARN matches no method", stageOnly("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5"), stage("dev", "GET"), access.OutcomeSilent, false, 403, "NONE"},
		{"resource paths are case-sensitive", stageOnly("execute-api:/prod/GET/Pets/*"), stage("prod", "GET"), access.OutcomeSilent, false, 403, "NONE"},

		// NotPrincipal, NotAction, NotResource.
		{
			"Deny NotPrincipal an account: anonymous callers are not excepted", withDeny(`"NotPrincipal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"`),
			anon(inside), access.OutcomeDeny, false, 403, "NONE",
		},
		{
			"Deny NotPrincipal an account: its IAM callers are excepted", withDeny(`"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"`),
			sameIAM, access.OutcomeAllow, true, 200, "IAM silent",
		},
		{
			"Allow NotAction InvalidateCache covers Invoke", `{"Statement": {"Effect": "Allow", "Principal": "*", "NotAction": "execute-api:InvalidateCache", "Resource": "*"}}`,
			anon(inside), access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"Allow NotAction execute-api:* misses Invoke", `{"Statement": {"Effect": "Allow", "Principal": "*", "NotAction": "execute-api:*", "Resource": "*"}}`,
			anon(inside), access.OutcomeSilent, false, 403, "NONE",
		},
		{
			"actions are case-insensitive", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "EXECUTE-API:invoke", "Resource": "*"}}`,
			anon(inside), access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"Deny NotResource prod denies dev", withDeny(`"Principal": "*", "Action": "*", "NotResource": "execute-api:/prod/*"`),
			stage("dev", "GET"), access.OutcomeDeny, false, 403, "NONE",
		},
		{
			"Deny NotResource prod spares prod", withDeny(`"Principal": "*", "Action": "*", "NotResource": "execute-api:/prod/*"`),
			stage("prod", "GET"), access.OutcomeAllow, true, 200, "NONE",
		},

		// Principals.
		{
			"an AWS principal does not name anonymous callers", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"}}`,
			anon(inside), access.OutcomeSilent, false, 403, "NONE",
		},
		{
			"{AWS:*} names anonymous callers", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "*", "Resource": "*"}}`,
			anon(inside), access.OutcomeAllow, true, 200, "NONE",
		},
		{
			"cross-account IAM caller named by its account", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "*", "Resource": "*"}}`,
			access.Request{Auth: access.AuthIAM, Principal: "arn:aws:iam::444455556666:role/ci", SourceIP: inside},
			access.OutcomeAllow, true, 200, "cross account | IAM Allow",
		},
		{
			"cross-account IAM caller not named", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/ci"}, "Action": "*", "Resource": "*"}}`,
			access.Request{Auth: access.AuthIAM, Principal: "arn:aws:iam::777788889999:role/ci", SourceIP: inside},
			access.OutcomeSilent, false, 403, "cross account | IAM Allow",
		},
	}
}

func stageOnly(resource string) string {
	return `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "` + resource + `"}]}`
}

func withDeny(body string) string {
	return `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
	  {"Effect": "Deny", ` + body + `}]}`
}

func TestEvaluateTable(t *testing.T) {
	for _, tc := range append(decisionTableCases(), matchingCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			res, err := access.Evaluate(parse(t, tc.policy), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Determined {
				t.Errorf("undetermined; want a determined result")
			}
			d := res.Decision
			if res.RP != tc.rp || d.Allowed != tc.allowed || d.Status != tc.status || !strings.Contains(d.Row, tc.row) {
				t.Errorf("got RP=%s allowed=%v status=%d row %q; want RP=%s allowed=%v status=%d row containing %q",
					res.RP, d.Allowed, d.Status, d.Row, tc.rp, tc.allowed, tc.status, tc.row)
				for _, s := range res.Statements {
					for _, r := range s.Reasons {
						t.Logf("%s %s: %s", s.Pointer, r.Holds, r.Text)
					}
				}
			}
		})
	}
}
