package cli

import (
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint/access"
	"github.com/apigwlint/apigwlint/lint/ipset"
	"github.com/apigwlint/apigwlint/lint/source"
)

type accessFlags struct {
	format                string
	sourceVpce, sourceVpc string
	context               []string
}

func (e *env) accessCommand() *cobra.Command {
	var fl accessFlags
	cmd := &cobra.Command{
		Use:   "access FILE",
		Short: "Show the exact source addresses from which a policy lets anonymous callers in",
		Long: `Access computes, for each resource policy in FILE, the exact set of source
addresses from which an anonymous caller (a method with authorization NONE)
can invoke at least one method of the API, in any stage, with any verb and
path. The set is printed as the fewest CIDRs that cover it exactly, IPv4
then IPv6, with address counts.

It is computed, not sampled: every CIDR the policy names under aws:SourceIp
splits the address space, each piece is evaluated once, and the Resource
patterns of the statements that apply there are searched for a request the
Allows cover and the Denies do not. A policy attached to a PRIVATE API is
read with aws:VpcSourceIp, the only address its callers have.

Then come the other authorization modes, and whether they reach further:
an Allow-only allowlist stops anonymous callers, but same-account IAM
callers and callers a Lambda authorizer allows get through from anywhere
(Table A lets the identity side's Allow stand when the policy is silent).

A condition that does not depend on the address (aws:UserAgent, a "${...}"
placeholder, ...) cannot be decided: the set is then given in the caller's
favour, the set certain whatever the condition turns out to be is given
beside it, and the statements responsible are listed. Give such keys with
--context, --source-vpce or --source-vpc to decide them (the last two make
the calls come through a VPC endpoint, so aws:VpcSourceIp is the address).

Exit codes: 0 when the analysis ran; 2 for usage errors (bad flags, a FILE
that holds no policy or does not parse); 3 when FILE cannot be read.`,
		Example: `  apigwlint access policy.json
  apigwlint access --format json template.yaml
  apigwlint access --context aws:UserAgent=curl/8.0 policy.json
  apigwlint access --source-vpce vpce-0a1b2c3d private-api.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return e.runAccess(fl, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "text", "output `FORMAT`: text or json")
	f.StringVar(&fl.sourceVpce, "source-vpce", "", "the VPC endpoint `ID` calls come through (aws:SourceVpce)")
	f.StringVar(&fl.sourceVpc, "source-vpc", "", "the VPC `ID` calls come from (aws:SourceVpc)")
	f.StringArrayVar(&fl.context, "context", nil, "another condition key every call has, `KEY=VALUE`; repeatable")
	return cmd
}

func (e *env) runAccess(fl accessFlags, path string) error {
	format := fl.format
	if format != "text" && format != "json" {
		return usageErrorf("--format: unknown format %q: use text or json", format)
	}
	ctx, err := parseContext(fl.context)
	if err != nil {
		return err
	}
	docs, err := loadPolicies(path)
	if err != nil {
		return err
	}
	out := accessOut{File: path, Policies: []policyReachOut{}}
	var failed error
	for i, doc := range docs {
		if err := checkParsed(doc); err != nil {
			fmt.Fprintf(e.stderr, "apigwlint: %v\n", err)
			failed = &ExitError{Code: ExitUsage}
			continue
		}
		base := access.Request{
			Private: doc.Target.Endpoint == "PRIVATE", SourceVpce: fl.sourceVpce, SourceVpc: fl.sourceVpc, Context: ctx,
		}
		reach, err := access.Reachable(access.Parse(doc.Policy), base)
		if err != nil {
			return internalError(err)
		}
		if format == "json" {
			out.Policies = append(out.Policies, reachJSON(doc, reach))
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printReach(e.stdout, doc, reach)
	}
	if format == "json" {
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	}
	return failed
}

func printReach(w io.Writer, doc *source.Document, r *access.Reach) {
	name := doc.Path
	if doc.Target.Resource != "" {
		name += " (" + doc.Target.Resource + ")"
	}
	fmt.Fprintf(w, "%s: anonymous callers (auth none) can invoke at least one method from these %s values:\n", name, r.Key)
	if !r.Anonymous.Exact() {
		fmt.Fprintln(w, "  at most (undetermined conditions resolved in the caller's favour):")
	}
	printSet(w, "  ", r.Anonymous.May)
	if !r.Anonymous.Exact() {
		fmt.Fprintln(w, "  at least (whatever the undetermined conditions turn out to be):")
		printSet(w, "  ", r.Anonymous.Must)
	}
	if np := nonPublic(r); !np.IsEmpty() {
		fmt.Fprintf(w, "  note: %s is never a public source address (DOMAIN.md §9): no caller on the internet presents it\n", strings.ReplaceAll(np.String(), ",", ", "))
	}
	if len(r.Conditional) > 0 {
		fmt.Fprintln(w, "undetermined, so resolved both ways:")
		for _, c := range r.Conditional {
			fmt.Fprintf(w, "  %s: %s\n", where(doc, c.Pointer), c.Text)
		}
	}
	if line := assumedLine(r.Assumed); line != "" {
		fmt.Fprintf(w, "assumed:  %s\n", line)
	}
	if n := targetNote(doc); n != "" {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	fmt.Fprintln(w, "other authorization modes:")
	for _, m := range r.Modes {
		fmt.Fprintf(w, "  %s: %s\n", m.Label, modeSummary(m.Bounds, r.Anonymous))
		if m.Unconfirmed != "" {
			fmt.Fprintf(w, "    UNCONFIRMED: %s\n", m.Unconfirmed)
		}
	}
	if r.Incomplete {
		fmt.Fprintln(w, "note: the Resource patterns were too complex to search completely; undecided addresses count as reachable in the \"at most\" set")
	}
}

// nonPublic collects the ranges of the anonymous set that lie wholly in
// blocks no public caller has: allowed on paper, never matched. Only
// meaningful for aws:SourceIp (inside a VPC private ranges are normal).
func nonPublic(r *access.Reach) ipset.Set {
	var out ipset.Set
	if r.Key != "aws:SourceIp" {
		return out
	}
	never := ipset.NonPublicSet()
	for _, p := range r.Anonymous.May.Prefixes() {
		if s := ipset.FromPrefixes(p); never.Contains(s) {
			out = out.Union(s)
		}
	}
	return out
}

func printSet(w io.Writer, indent string, s ipset.Set) {
	for _, fam := range []struct {
		name string
		set  ipset.Set
		n    *big.Int
	}{{"IPv4", s.V4(), s.Size4()}, {"IPv6", s.V6(), s.Size6()}} {
		if fam.set.IsEmpty() {
			fmt.Fprintf(w, "%s%s: none\n", indent, fam.name)
			continue
		}
		fmt.Fprintf(w, "%s%s: %s (%s)\n", indent, fam.name, strings.ReplaceAll(fam.set.String(), ",", ", "), countText(fam.n))
	}
}

// countText renders an address count; IPv6 counts get their power of two.
func countText(n *big.Int) string {
	word := "addresses"
	if n.Cmp(big.NewInt(1)) == 0 {
		word = "address"
	}
	s := n.String() + " " + word
	if b := n.BitLen(); b > 32 && new(big.Int).Lsh(big.NewInt(1), uint(b-1)).Cmp(n) == 0 {
		s += fmt.Sprintf(", 2^%d", b-1)
	}
	return s
}

// modeSummary compares a mode's reach with the anonymous one.
func modeSummary(b, anon access.Bounds) string {
	all := ipset.All4().Union(ipset.All6())
	var s string
	switch {
	case b.May.Equal(all):
		s = "any address"
	case b.May.IsEmpty():
		s = "no address"
	case b.May.Equal(anon.May):
		s = "the same addresses"
	case anon.May.Contains(b.May):
		s = "fewer addresses: " + b.May.String()
	default:
		s = "also from " + b.May.Minus(anon.May).String()
	}
	if !anon.May.Contains(b.May) {
		s += " (reaches beyond the anonymous set)"
	}
	if !b.Exact() {
		s += "; at least " + orNone(b.Must.String())
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// The JSON shape of access's output.
type (
	accessOut struct {
		File     string           `json:"file"`
		Policies []policyReachOut `json:"policies"`
	}
	policyReachOut struct {
		Resource    string       `json:"resource"`
		Key         string       `json:"key"`
		Exact       bool         `json:"exact"`
		Allowed     setOut       `json:"allowed"`
		Counts      countsOut    `json:"counts"`
		Certain     setOut       `json:"certain"`
		NonPublic   setOut       `json:"non_public"`
		Conditional []reasonOut  `json:"conditional"`
		Modes       []modeOut    `json:"modes"`
		Assumed     []assumedOut `json:"assumed"`
		Incomplete  bool         `json:"incomplete"`
		Notes       []string     `json:"notes"`
	}
	setOut struct {
		IPv4 []string `json:"ipv4"`
		IPv6 []string `json:"ipv6"`
	}
	countsOut struct {
		IPv4 string `json:"ipv4"`
		IPv6 string `json:"ipv6"`
	}
	modeOut struct {
		Auth        string `json:"auth"`
		Caller      string `json:"caller"`
		Identity    string `json:"identity"`
		Label       string `json:"label"`
		Allowed     setOut `json:"allowed"`
		Certain     setOut `json:"certain"`
		Exact       bool   `json:"exact"`
		Bypass      bool   `json:"bypass"`
		Unconfirmed string `json:"unconfirmed,omitempty"`
	}
)

func toSetOut(s ipset.Set) setOut {
	out := setOut{IPv4: []string{}, IPv6: []string{}}
	for _, p := range s.Prefixes() {
		if p.Addr().Is4() {
			out.IPv4 = append(out.IPv4, p.String())
		} else {
			out.IPv6 = append(out.IPv6, p.String())
		}
	}
	return out
}

func reachJSON(doc *source.Document, r *access.Reach) policyReachOut {
	out := policyReachOut{
		Resource: doc.Target.Resource, Key: r.Key, Exact: r.Anonymous.Exact(),
		Allowed:     toSetOut(r.Anonymous.May),
		Counts:      countsOut{IPv4: r.Anonymous.May.Size4().String(), IPv6: r.Anonymous.May.Size6().String()},
		Certain:     toSetOut(r.Anonymous.Must),
		NonPublic:   toSetOut(nonPublic(r)),
		Conditional: []reasonOut{}, Modes: []modeOut{}, Assumed: []assumedOut{},
		Incomplete: r.Incomplete, Notes: []string{},
	}
	if n := targetNote(doc); n != "" {
		out.Notes = append(out.Notes, n)
	}
	for _, c := range r.Conditional {
		ro := reasonOut{Part: c.Part, Pointer: c.Pointer, Holds: c.Holds.String(), Text: c.Text}
		ro.Line, ro.Column = lineCol(doc, c.Pointer)
		out.Conditional = append(out.Conditional, ro)
	}
	for _, m := range r.Modes {
		out.Modes = append(out.Modes, modeOut{
			Auth: string(m.Mode.Auth), Caller: string(m.Mode.Caller), Identity: string(m.Mode.Identity), Label: m.Label,
			Allowed: toSetOut(m.May), Certain: toSetOut(m.Must), Exact: m.Exact(),
			Bypass: !r.Anonymous.May.Contains(m.May), Unconfirmed: m.Unconfirmed,
		})
	}
	for _, a := range r.Assumed {
		out.Assumed = append(out.Assumed, assumedOut(a))
	}
	return out
}
