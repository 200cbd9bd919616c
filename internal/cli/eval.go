package cli

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint/access"
)

type evalFlags struct {
	sourceIP, vpcSourceIP  string
	sourceVpce, sourceVpc  string
	context                []string
	auth, caller, identity string
	principal              string
	stage, method, path    string
	account, region, apiID string
	resource               string
	format                 string
}

func (e *env) evalCommand() *cobra.Command {
	var fl evalFlags
	cmd := &cobra.Command{
		Use:   "eval [flags] FILE",
		Short: "Evaluate a resource policy for one request: allowed or denied, and why",
		Long: `Eval plays one request against the resource policy in FILE and prints the
decision with its HTTP status, every statement that matched (file:line:col)
with the values its principal, action, resource and conditions were
compared with, and the row of the decision table that applied.

The request is described by flags. What the policy alone decides is the
resource policy's result (RP): Deny if any Deny statement matches, else
Allow if any Allow statement matches, else Silent. The final decision then
depends on how the method authorizes callers (--auth), whether an IAM
caller is in the API's account (--caller) and what the caller's IAM policy
or Lambda authorizer says (--identity):

  none      anonymous callers: only an explicit Allow lets them in
  iam       AWS_IAM: same account, either side's Allow is enough (Table A);
            cross account, both must allow (Table B)
  lambda    a Lambda authorizer: a matching Deny rejects the call before the
            authorizer runs, then Table A
  cognito   a Cognito user pool: an explicit Allow is required (the AWS page
            contradicts itself here; the output says so)

A request through a VPC endpoint (--vpc-source-ip, --source-vpce,
--source-vpc, or a policy attached to a PRIVATE API) has no aws:SourceIp.
A key every request has but that was not given (aws:SourceIp without
--source-ip, aws:CurrentTime, ...) is unknown, not absent: a condition on it
is undetermined, and the decision is given for the reading most favourable
to the caller, with the other reading beside it. Values written "${...}" (a
template placeholder) are treated the same way.

Without --account, --region and --api-id the request targets the API the
policy belongs to: the one its own ARNs name, or, for a policy that names
none, made-up values that the output states. --stage, --method and --path
default to prod, GET and /.

Exit codes: 0 when the evaluation ran, whatever the decision; 2 for usage
errors (bad flags, a FILE that holds no policy or does not parse, a FILE
with several policies and no --resource); 3 when FILE cannot be read.`,
		Example: `  apigwlint eval --source-ip 81.2.69.170 policy.json
  apigwlint eval --source-ip 198.51.100.7 --method POST --path /orders policy.json
  apigwlint eval --auth iam --caller cross-account --identity allow policy.json
  apigwlint eval --auth lambda --identity silent --source-ip 203.0.113.9 policy.json
  apigwlint eval --source-vpce vpce-0a1b2c3d --vpc-source-ip 10.0.3.7 private-api.json
  apigwlint eval --context aws:UserAgent=curl/8.0 --context aws:SecureTransport=true policy.json
  apigwlint eval --resource MyApi --format json template.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return e.runEval(fl, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.sourceIP, "source-ip", "", "the caller's public `IP` address (aws:SourceIp)")
	f.StringVar(&fl.vpcSourceIP, "vpc-source-ip", "", "the caller's `IP` address inside its VPC, for a call through a VPC endpoint (aws:VpcSourceIp)")
	f.StringVar(&fl.sourceVpce, "source-vpce", "", "the VPC endpoint `ID` the call comes through (aws:SourceVpce)")
	f.StringVar(&fl.sourceVpc, "source-vpc", "", "the VPC `ID` the call comes from (aws:SourceVpc)")
	f.StringArrayVar(&fl.context, "context", nil, "another condition key, `KEY=VALUE`; repeat for more keys, or for several values of one key")
	f.StringVar(&fl.auth, "auth", "none", "the method's authorization `MODE`: none, iam, lambda or cognito")
	f.StringVar(&fl.caller, "caller", "", "for --auth iam, the caller's `SIDE`: same-account or cross-account (default from --principal, else same-account)")
	f.StringVar(&fl.identity, "identity", "allow", "`WHAT` the caller's IAM policy or Lambda authorizer says: allow, silent or deny (no-token: the authorizer got no usable token)")
	f.StringVar(&fl.principal, "principal", "", "for --auth iam: the caller's `ARN`, e.g. arn:aws:iam::111122223333:role/ci (default: an unnamed principal)")
	f.StringVar(&fl.stage, "stage", "", "the `STAGE` called (default prod)")
	f.StringVar(&fl.method, "method", "", "the HTTP `VERB` (default GET)")
	f.StringVar(&fl.path, "path", "", "the request `PATH` with real values, e.g. /pets/7 (default /)")
	f.StringVar(&fl.account, "account", "", "the `ACCOUNT` that owns the API (default: from the policy, else made up)")
	f.StringVar(&fl.region, "region", "", "the API's `REGION` (default: from the policy, else made up)")
	f.StringVar(&fl.apiID, "api-id", "", "the API's `ID` (default: from the policy, else made up)")
	f.StringVar(&fl.resource, "resource", "", "the policy to use when FILE holds several: the `NAME` of the resource it is attached to")
	f.StringVarP(&fl.format, "format", "f", "text", "output `FORMAT`: text or json")
	return cmd
}

func (e *env) runEval(fl evalFlags, path string) error {
	if fl.format != "text" && fl.format != "json" {
		return usageErrorf("--format: unknown format %q: use text or json", fl.format)
	}
	req, err := fl.request()
	if err != nil {
		return err
	}
	docs, err := loadPolicies(path)
	if err != nil {
		return err
	}
	doc, err := pickDocument(path, docs, fl.resource)
	if err != nil {
		return err
	}
	if err := checkParsed(doc); err != nil {
		return err
	}
	req.Private = doc.Target.Endpoint == "PRIVATE"
	if req.Private && req.SourceIP.IsValid() {
		return usageErrorf("--source-ip: the policy belongs to a PRIVATE API, whose callers come through a VPC endpoint and have no aws:SourceIp; use --vpc-source-ip")
	}
	res, err := access.Evaluate(access.Parse(doc.Policy), req)
	if err != nil {
		return usageErrorf("%v", err)
	}
	if n := targetNote(doc); n != "" {
		res.Notes = append(res.Notes, n)
	}
	if fl.format == "json" {
		return writeJSON(e.stdout, evalJSON(doc, res))
	}
	printEval(e.stdout, doc, res)
	return nil
}

// request builds the request from the flags; defaults are left to
// access.Policy.Complete, which knows the policy.
func (fl evalFlags) request() (access.Request, error) {
	r := access.Request{
		SourceVpce: fl.sourceVpce, SourceVpc: fl.sourceVpc,
		Auth: access.Auth(fl.auth), Caller: access.Caller(fl.caller), Identity: access.Identity(fl.identity),
		Principal: fl.principal,
		Stage:     fl.stage, Method: fl.method, Path: fl.path,
		Account: fl.account, Region: fl.region, APIID: fl.apiID,
	}
	if err := checkEnums(fl); err != nil {
		return r, err
	}
	var err error
	if r.SourceIP, err = parseAddrFlag("--source-ip", fl.sourceIP); err != nil {
		return r, err
	}
	if r.VpcSourceIP, err = parseAddrFlag("--vpc-source-ip", fl.vpcSourceIP); err != nil {
		return r, err
	}
	if r.SourceIP.IsValid() && (r.VpcSourceIP.IsValid() || r.SourceVpce != "" || r.SourceVpc != "") {
		return r, usageErrorf("--source-ip: a call through a VPC endpoint has no aws:SourceIp; give --source-ip, or the VPC flags, not both")
	}
	if r.Context, err = parseContext(fl.context); err != nil {
		return r, err
	}
	if fl.principal != "" && r.Auth != access.AuthIAM {
		return r, usageErrorf("--principal: only IAM callers have a principal (use --auth iam)")
	}
	return r, nil
}

// checkEnums rejects unknown values with the flag's name; access.Validate
// would catch them too, but could not say which flag was wrong.
func checkEnums(fl evalFlags) error {
	for _, e := range []struct {
		flag, value string
		allowed     []string
	}{
		{"--auth", fl.auth, []string{"none", "iam", "lambda", "cognito"}},
		{"--caller", fl.caller, []string{"", "same-account", "cross-account"}},
		{"--identity", fl.identity, []string{"allow", "silent", "deny", "no-token"}},
	} {
		if !slices.Contains(e.allowed, e.value) {
			return usageErrorf("%s: unknown value %q: use %s", e.flag, e.value, strings.Join(slices.DeleteFunc(e.allowed, func(s string) bool { return s == "" }), ", "))
		}
	}
	return nil
}

func parseAddrFlag(name, v string) (netip.Addr, error) {
	if v == "" {
		return netip.Addr{}, nil
	}
	a, err := netip.ParseAddr(v)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, usageErrorf("%s: %q is not an IPv4 or IPv6 address", name, v)
	}
	return a, nil
}

// dedicated are the keys with a flag of their own; giving them twice
// would leave it unclear which value counts.
var dedicated = map[string]string{
	"aws:sourceip": "--source-ip", "aws:vpcsourceip": "--vpc-source-ip",
	"aws:sourcevpce": "--source-vpce", "aws:sourcevpc": "--source-vpc", "aws:principalarn": "--principal",
}

func parseContext(kvs []string) (map[string][]string, error) {
	if len(kvs) == 0 {
		return nil, nil
	}
	out := map[string][]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageErrorf("--context: %q is not KEY=VALUE", kv)
		}
		if flag, ok := dedicated[strings.ToLower(k)]; ok {
			return nil, usageErrorf("--context: use %s for %s", flag, k)
		}
		out[k] = append(out[k], v)
	}
	return out, nil
}
