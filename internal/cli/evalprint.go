package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/apigwlint/apigwlint/lint/access"
	"github.com/apigwlint/apigwlint/lint/source"
)

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
