package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint/access"
	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
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

// loadPolicies reads FILE and extracts its policies.
func loadPolicies(path string) ([]*source.Document, error) {
	src, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageErrorf("%s: no such file", path)
	case err != nil:
		return nil, internalError(err)
	}
	docs, ok := source.Extract(path, src, true)
	if !ok || len(docs) == 0 {
		return nil, usageErrorf("%s: no resource policy found (a policy file is JSON with a top-level \"Statement\", or a template that attaches one)", path)
	}
	return docs, nil
}

func pickDocument(path string, docs []*source.Document, name string) (*source.Document, error) {
	if name == "" && len(docs) == 1 {
		return docs[0], nil
	}
	var names []string
	for _, d := range docs {
		if d.Target.Resource == name && name != "" {
			return d, nil
		}
		names = append(names, d.Target.Resource)
	}
	list := strings.Join(names, ", ")
	if name == "" {
		return nil, usageErrorf("%s holds %d policies: choose one with --resource NAME: %s", path, len(docs), list)
	}
	return nil, usageErrorf("--resource: %s has no policy attached to %q: choose one of %s", path, name, list)
}

// checkParsed turns a policy that did not decode into a usage error that
// points at the problem.
func checkParsed(doc *source.Document) error {
	if doc.Policy != nil {
		return nil
	}
	msg := "the policy does not parse"
	if len(doc.Problems) > 0 {
		pb := doc.Problems[0]
		msg = pb.Message
		if doc.Index != nil {
			span, _ := doc.Index.Resolve(position.Pointer(pb.Path...), pb.OnKey)
			return usageErrorf("%s:%s: %s", doc.Path, span.Start, msg)
		}
	}
	return usageErrorf("%s: %s", doc.Path, msg)
}

// targetNote warns that the evaluation is moot for a policy attached to an
// API type that ignores resource policies.
func targetNote(doc *source.Document) string {
	switch doc.Target.Kind {
	case source.KindHTTP, source.KindWebSocket:
		return fmt.Sprintf("the policy is attached to a %s API, which does not support resource policies (DOMAIN.md §6): "+
			"it has no effect there; it was evaluated as if it were on a REST API", doc.Target.Kind)
	}
	return ""
}

// where renders file:line:col for a pointer, or the file and pointer when
// the position is unknown.
func where(doc *source.Document, ptr string) string {
	if doc.Index == nil {
		return doc.Path + " " + ptr
	}
	span, _ := doc.Index.Resolve(ptr, false)
	if span.IsZero() {
		return doc.Path + " " + ptr
	}
	return fmt.Sprintf("%s:%d:%d", doc.Path, span.Start.Line, span.Start.Col)
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return internalError(fmt.Errorf("encode output: %w", err))
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return internalError(fmt.Errorf("write output: %w", err))
	}
	return nil
}

func decisionWord(d access.Decision) string {
	if d.Allowed {
		return "allow"
	}
	return "deny"
}

func printEval(w io.Writer, doc *source.Document, res *access.Result) {
	d, rd := res.Decision, res.Restrictive
	fmt.Fprintf(w, "decision: %s (HTTP %d)", decisionWord(d), d.Status)
	if !res.Determined {
		fmt.Fprintf(w, " if the undetermined statements go the caller's way; %s (HTTP %d) if they do not", decisionWord(rd), rd.Status)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "request:  %s\n          %s\n", describeRequest(res.Request), res.ARN)
	if line := assumedLine(res.Assumed); line != "" {
		fmt.Fprintf(w, "assumed:  %s\n", line)
	}
	for i, k := range res.Keys {
		label := "keys:    "
		if i > 0 {
			label = "         "
		}
		fmt.Fprintf(w, "%s %s\n", label, describeKey(k))
	}
	fmt.Fprintf(w, "resource policy: %s", res.RP)
	if res.RestrictiveRP != res.RP {
		fmt.Fprintf(w, " (%s if the undetermined statements go against the caller)", res.RestrictiveRP)
	}
	fmt.Fprintln(w)
	printStatements(w, doc, res.Statements)
	fmt.Fprintf(w, "decision table (DOMAIN.md §5.2): row %q, RP = %s: %s\n", d.Row, d.RP, d.Cell)
	if !res.Determined {
		fmt.Fprintf(w, "  against the caller: RP = %s: %s\n", rd.RP, rd.Cell)
	}
	for _, u := range unconfirmed(d, rd) {
		fmt.Fprintf(w, "UNCONFIRMED: %s\n", u)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func unconfirmed(ds ...access.Decision) []string {
	var out []string
	for _, d := range ds {
		if d.Unconfirmed != "" && (len(out) == 0 || out[len(out)-1] != d.Unconfirmed) {
			out = append(out, d.Unconfirmed)
		}
	}
	return out
}

func printStatements(w io.Writer, doc *source.Document, sts []access.StatementResult) {
	sections := []struct {
		title string
		match access.Tri
		full  bool
	}{
		{"matched", access.Yes, true},
		{"undetermined", access.Maybe, true},
		{"did not match", access.No, false},
	}
	for _, sec := range sections {
		first := true
		for _, s := range sts {
			if s.Match != sec.match {
				continue
			}
			if first {
				fmt.Fprintf(w, "%s:\n", sec.title)
				first = false
			}
			head := fmt.Sprintf("  %s: %s %s", where(doc, s.Pointer), effectName(s.Effect), s.Pointer)
			if s.Sid != "" {
				head += fmt.Sprintf(" (Sid %q)", s.Sid)
			}
			if !sec.full {
				fmt.Fprintf(w, "%s: %s\n", head, firstFailure(s.Reasons))
				continue
			}
			fmt.Fprintln(w, head)
			for _, r := range s.Reasons {
				fmt.Fprintf(w, "    %s\n", r.Text)
			}
		}
	}
}

func effectName(e access.Effect) string {
	if e == "" {
		return "invalid statement"
	}
	return string(e)
}

func firstFailure(rs []access.Reason) string {
	for _, r := range rs {
		if r.Holds == access.No {
			return r.Text
		}
	}
	return "does not apply"
}

func describeRequest(r access.Request) string {
	return fmt.Sprintf("%s %s on stage %s, %s, %s", r.Method, r.Path, r.Stage, describeCaller(r), describeSource(r))
}

func describeCaller(r access.Request) string {
	switch r.Auth {
	case access.AuthIAM:
		who := r.Principal
		if who == "" {
			who = "an unnamed IAM principal"
		}
		return fmt.Sprintf("%s (auth iam, %s, IAM policy: %s)", who, r.Caller, r.Identity)
	case access.AuthLambda:
		if r.Identity == access.IdentityNoToken {
			return "a caller without a usable token (auth lambda)"
		}
		return fmt.Sprintf("a caller whose Lambda authorizer says %s (auth lambda)", r.Identity)
	case access.AuthCognito:
		return "a caller with a valid Cognito user pool token (auth cognito)"
	}
	return "an anonymous caller (auth none)"
}

func describeSource(r access.Request) string {
	var parts []string
	if r.SourceVpce != "" {
		parts = append(parts, "through VPC endpoint "+r.SourceVpce)
	}
	if r.SourceVpc != "" {
		parts = append(parts, "from VPC "+r.SourceVpc)
	}
	switch {
	case r.SourceIP.IsValid():
		parts = append(parts, "from "+r.SourceIP.String())
	case r.VpcSourceIP.IsValid():
		parts = append(parts, "from "+r.VpcSourceIP.String()+" inside the VPC")
	case len(parts) == 0 && r.Private:
		parts = append(parts, "through a VPC endpoint (PRIVATE API), address not given")
	case len(parts) == 0:
		parts = append(parts, "source address not given")
	}
	return strings.Join(parts, " ")
}

// assumedLine groups the filled-in fields by where their values came from.
func assumedLine(as []access.Assumption) string {
	var groups []string
	for _, src := range []string{"from the policy's own ARNs", "made up"} {
		var fields []string
		for _, a := range as {
			if a.Source == src {
				fields = append(fields, a.Field+" "+a.Value)
			}
		}
		if len(fields) > 0 {
			groups = append(groups, strings.Join(fields, ", ")+" ("+src+")")
		}
	}
	return strings.Join(groups, "; ")
}

func describeKey(k access.KeyValue) string {
	if k.State == "present" {
		return fmt.Sprintf("%s = %s (%s)", k.Name, strings.Join(k.Values, ", "), k.Why)
	}
	return fmt.Sprintf("%s: %s (%s)", k.Name, k.State, k.Why)
}

// The JSON shape of eval's output.
type (
	evalOut struct {
		File           string          `json:"file"`
		Resource       string          `json:"resource"`
		Decision       string          `json:"decision"`
		Status         int             `json:"status"`
		Determined     bool            `json:"determined"`
		ResourcePolicy access.Outcome  `json:"resource_policy"`
		Table          tableOut        `json:"table"`
		Restrictive    *restrictiveOut `json:"restrictive,omitempty"`
		Request        requestOut      `json:"request"`
		Assumed        []assumedOut    `json:"assumed"`
		Keys           []keyOut        `json:"keys"`
		Statements     []statementOut  `json:"statements"`
		Notes          []string        `json:"notes"`
	}
	tableOut struct {
		Row         string `json:"row"`
		Column      string `json:"column"`
		Cell        string `json:"cell"`
		Unconfirmed string `json:"unconfirmed,omitempty"`
	}
	restrictiveOut struct {
		Decision       string         `json:"decision"`
		Status         int            `json:"status"`
		ResourcePolicy access.Outcome `json:"resource_policy"`
		Table          tableOut       `json:"table"`
	}
	requestOut struct {
		ARN         string `json:"arn"`
		Auth        string `json:"auth"`
		Caller      string `json:"caller"`
		Identity    string `json:"identity"`
		Principal   string `json:"principal,omitempty"`
		SourceIP    string `json:"source_ip,omitempty"`
		VpcSourceIP string `json:"vpc_source_ip,omitempty"`
		SourceVpce  string `json:"source_vpce,omitempty"`
		SourceVpc   string `json:"source_vpc,omitempty"`
		Private     bool   `json:"private"`
	}
	assumedOut struct {
		Field  string `json:"field"`
		Value  string `json:"value"`
		Source string `json:"source"`
	}
	keyOut struct {
		Name   string   `json:"name"`
		State  string   `json:"state"`
		Values []string `json:"values,omitempty"`
		Why    string   `json:"why"`
	}
	statementOut struct {
		Pointer string      `json:"pointer"`
		Line    int         `json:"line"`
		Column  int         `json:"column"`
		Sid     string      `json:"sid,omitempty"`
		Effect  string      `json:"effect"`
		Match   string      `json:"match"`
		Reasons []reasonOut `json:"reasons"`
	}
	reasonOut struct {
		Part    string `json:"part"`
		Pointer string `json:"pointer"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Holds   string `json:"holds"`
		Text    string `json:"text"`
	}
)

func lineCol(doc *source.Document, ptr string) (line, col int) {
	if doc.Index == nil {
		return 0, 0
	}
	span, _ := doc.Index.Resolve(ptr, false)
	return span.Start.Line, span.Start.Col
}

func table(d access.Decision) tableOut {
	return tableOut{Row: d.Row, Column: "RP = " + string(d.RP), Cell: d.Cell, Unconfirmed: d.Unconfirmed}
}

func evalJSON(doc *source.Document, res *access.Result) evalOut {
	r := res.Request
	out := evalOut{
		File: doc.Path, Resource: doc.Target.Resource,
		Decision: decisionWord(res.Decision), Status: res.Decision.Status, Determined: res.Determined,
		ResourcePolicy: res.RP, Table: table(res.Decision),
		Request: requestOut{
			ARN: res.ARN, Auth: string(r.Auth), Caller: string(r.Caller), Identity: string(r.Identity),
			Principal: r.Principal, SourceVpce: r.SourceVpce, SourceVpc: r.SourceVpc, Private: r.Private,
		},
		Assumed: []assumedOut{}, Keys: []keyOut{}, Statements: []statementOut{}, Notes: []string{},
	}
	if r.SourceIP.IsValid() {
		out.Request.SourceIP = r.SourceIP.String()
	}
	if r.VpcSourceIP.IsValid() {
		out.Request.VpcSourceIP = r.VpcSourceIP.String()
	}
	if !res.Determined {
		rd := res.Restrictive
		out.Restrictive = &restrictiveOut{Decision: decisionWord(rd), Status: rd.Status, ResourcePolicy: res.RestrictiveRP, Table: table(rd)}
	}
	for _, a := range res.Assumed {
		out.Assumed = append(out.Assumed, assumedOut(a))
	}
	for _, k := range res.Keys {
		out.Keys = append(out.Keys, keyOut(k))
	}
	for _, s := range res.Statements {
		so := statementOut{Pointer: s.Pointer, Sid: s.Sid, Effect: string(s.Effect), Match: s.Match.String(), Reasons: []reasonOut{}}
		so.Line, so.Column = lineCol(doc, s.Pointer)
		for _, x := range s.Reasons {
			ro := reasonOut{Part: x.Part, Pointer: x.Pointer, Holds: x.Holds.String(), Text: x.Text}
			ro.Line, ro.Column = lineCol(doc, x.Pointer)
			so.Reasons = append(so.Reasons, ro)
		}
		out.Statements = append(out.Statements, so)
	}
	out.Notes = append(out.Notes, res.Notes...)
	return out
}
