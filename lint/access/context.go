package access

import (
	"slices"
	"strings"
)

type keyState uint8

const (
	keyAbsent keyState = iota
	keyPresent
	keyUnknown
)

// keyInfo is what the request says about one condition key.
type keyInfo struct {
	state  keyState
	values []string
	why    string
}

// reqContext is the request context the conditions are evaluated against,
// keyed by lower-case name (condition key names are case-insensitive,
// DOMAIN.md §1.5).
type reqContext struct {
	keys map[string]keyInfo
	iam  bool // the method uses AWS_IAM: principal keys exist
}

// Keys present in every request (DOMAIN.md §3.1 gives them no "only if"):
// when not given they are unknown, not absent.
var alwaysKeys = []string{"aws:currenttime", "aws:epochtime", "aws:securetransport", "aws:sourcearn"}

// Principal keys every AWS_IAM request has, and those it has only
// sometimes (§3.1, "Needs AuthN: Yes").
var (
	iamAlwaysKeys   = []string{"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:userid", "aws:username"}
	iamOptionalKeys = []string{
		"aws:tokenissuetime", "aws:multifactorauthpresent", "aws:multifactorauthage",
		"aws:principalorgid", "aws:principalorgpaths",
	}
)

func isIAMKey(k string) bool {
	return slices.Contains(iamAlwaysKeys, k) || slices.Contains(iamOptionalKeys, k) ||
		strings.HasPrefix(k, "aws:principaltag/")
}

const notGiven = "not given; set it with --context"

// lookup returns what the request says about key.
func (c *reqContext) lookup(key string) keyInfo {
	k := strings.ToLower(key)
	if ki, ok := c.keys[k]; ok {
		return ki
	}
	switch {
	case isIAMKey(k) && !c.iam:
		return keyInfo{why: "IAM principal keys exist only for AWS_IAM-authorized methods"}
	case isIAMKey(k) && slices.Contains(iamAlwaysKeys, k):
		return keyInfo{state: keyUnknown, why: "every IAM-signed request has it, but it was " + notGiven}
	case isIAMKey(k):
		return keyInfo{why: "present only for some IAM principals; " + notGiven}
	case slices.Contains(alwaysKeys, k):
		return keyInfo{state: keyUnknown, why: "every request has it, but it was " + notGiven}
	}
	return keyInfo{why: notGiven}
}

// newContext builds the request context of r.
func newContext(r Request) *reqContext {
	c := &reqContext{keys: map[string]keyInfo{}, iam: r.Auth == AuthIAM}
	vpc := r.viaVPC()
	switch {
	case r.SourceIP.IsValid():
		c.keys["aws:sourceip"] = keyInfo{state: keyPresent, values: []string{r.SourceIP.String()}, why: "given"}
	case vpc:
		c.keys["aws:sourceip"] = keyInfo{why: "aws:SourceIp is absent for calls through a VPC endpoint (DOMAIN.md §3.2)"}
	default:
		c.keys["aws:sourceip"] = keyInfo{state: keyUnknown, why: "a call to a public endpoint always has one, but none was given; set it with --source-ip"}
	}
	vpcKey := func(name string, value, flag string) {
		switch {
		case value != "":
			c.keys[name] = keyInfo{state: keyPresent, values: []string{value}, why: "given"}
		case vpc:
			c.keys[name] = keyInfo{state: keyUnknown, why: "a call through a VPC endpoint has it, but it was not given; set it with " + flag}
		default:
			c.keys[name] = keyInfo{why: "present only for calls through a VPC endpoint (private APIs)"}
		}
	}
	vpcIP := ""
	if r.VpcSourceIP.IsValid() {
		vpcIP = r.VpcSourceIP.String()
	}
	vpcKey("aws:vpcsourceip", vpcIP, "--vpc-source-ip")
	vpcKey("aws:sourcevpce", r.SourceVpce, "--source-vpce")
	vpcKey("aws:sourcevpc", r.SourceVpc, "--source-vpc")
	if c.iam {
		if r.Principal != "" {
			c.keys["aws:principalarn"] = keyInfo{state: keyPresent, values: []string{r.Principal}, why: "the caller's principal"}
		}
		if acct := callerAccount(r); acct != "" {
			c.keys["aws:principalaccount"] = keyInfo{state: keyPresent, values: []string{acct}, why: "the caller's account"}
		}
	}
	for k, vs := range r.Context {
		c.keys[strings.ToLower(k)] = keyInfo{state: keyPresent, values: vs, why: "given"}
	}
	return c
}

// withAddress returns a copy of c where key holds address a.
func (c *reqContext) withAddress(key, a string) *reqContext {
	out := &reqContext{keys: make(map[string]keyInfo, len(c.keys)+1), iam: c.iam}
	for k, v := range c.keys {
		out.keys[k] = v
	}
	out.keys[key] = keyInfo{state: keyPresent, values: []string{a}, why: "the address tested"}
	return out
}

// callerAccount is the IAM caller's account when known: the principal's,
// else the API's for a same-account caller.
func callerAccount(r Request) string {
	if acct := principalARNAccount(r.Principal); acct != "" {
		return acct
	}
	if r.Caller == SameAccount {
		return r.Account
	}
	return ""
}

// KeyValue is what the request said about one condition key the policy
// uses, for explanations.
type KeyValue struct {
	Name   string   // as the policy first writes it
	State  string   // "present", "absent" or "unknown"
	Values []string // when present
	Why    string
}

func (k keyInfo) stateName() string {
	return [...]string{"absent", "present", "unknown"}[k.state]
}
