package access

import (
	"fmt"
	"strings"
)

// callerInfo is who is calling, as far as principal matching goes.
type callerInfo struct {
	// anonymous callers (NONE, Lambda and Cognito authorizers) are not IAM
	// principals: only "*" and {"AWS":"*"} name them (DOMAIN.md §1.2).
	anonymous bool
	account   string // the IAM caller's account; "" when unknown
	notIn     string // an account the caller is known not to be in
	arn       string // the IAM caller's ARN; "" when unknown
}

func newCaller(r Request) callerInfo {
	if r.Auth != AuthIAM {
		return callerInfo{anonymous: true}
	}
	c := callerInfo{account: callerAccount(r), arn: r.Principal}
	if r.Caller == CrossAccount {
		c.notIn = r.Account
	}
	return c
}

func (c callerInfo) describe() string {
	switch {
	case c.anonymous:
		return "an anonymous caller"
	case c.arn != "":
		return c.arn
	case c.account != "":
		return "an IAM principal of account " + c.account
	}
	return "an IAM principal of another account"
}

// matchAWS matches one value under "AWS".
func (c callerInfo) matchAWS(v string) (Tri, string) {
	switch {
	case v == "*":
		return Yes, `"*" names every caller`
	case opaque(v):
		return Maybe, fmt.Sprintf("%q is opaque, it may turn out to be \"*\"", v)
	case c.anonymous:
		return No, ""
	}
	acct, whole := principalValueAccount(v)
	switch {
	case acct == "":
		return No, ""
	case whole:
		return c.matchAccount(acct), fmt.Sprintf("%q names every principal of account %s", v, acct)
	case c.arn != "":
		return triOf(c.arn == v), fmt.Sprintf("%q is compared with the caller %s", v, c.arn)
	case c.matchAccount(acct) == No:
		return No, ""
	}
	return Maybe, fmt.Sprintf("%q may be the caller (no --principal given)", v)
}

func (c callerInfo) matchAccount(a string) Tri {
	switch {
	case c.account != "":
		return triOf(a == c.account)
	case a == c.notIn:
		return No
	}
	return Maybe
}

// principalValueAccount reads an AWS principal: a 12-digit account or its
// :root ARN (every principal of the account, not the root user), or the ARN
// of one principal.
func principalValueAccount(v string) (acct string, whole bool) {
	if isAccount(v) {
		return v, true
	}
	acct = principalARNAccount(v)
	if acct != "" && strings.SplitN(v, ":", 6)[5] == "root" && strings.SplitN(v, ":", 6)[2] == "iam" {
		return acct, true
	}
	return acct, false
}

// eval matches the caller against a Principal or NotPrincipal element.
func (e *principalElem) eval(c callerInfo, explain bool) Reason {
	r := Reason{Part: "Principal", Pointer: e.ptr}
	if !e.present {
		r.Holds = Yes // the missing element is a doubt of its own
		return r
	}
	listed, why := e.lists(c)
	r.Holds = listed
	if e.negated {
		r.Holds = listed.Not()
	}
	if explain {
		r.Text = fmt.Sprintf("%s %s: %s: %s", e.name, compact(e.raw), principalText(e.negated, listed, why, c), verdict(r.Holds))
	}
	return r
}

// lists reports whether the element's list names the caller.
func (e *principalElem) lists(c callerInfo) (Tri, string) {
	if e.star {
		return Yes, ""
	}
	if e.bad {
		return Maybe, "the value is not \"*\" or an object of principals"
	}
	t, why := No, ""
	for _, en := range e.entries {
		var et Tri
		var ew string
		switch {
		case !en.ok:
			et, ew = Maybe, "a value is not a string"
		case en.kind == "AWS":
			et, ew = c.matchAWS(en.value)
		case opaque(en.value):
			et, ew = Maybe, fmt.Sprintf("%q is opaque", en.value)
		}
		if et > t || why == "" && et == t && ew != "" {
			t, why = et, ew
		}
	}
	return t, why
}

func principalText(negated bool, listed Tri, why string, c callerInfo) string {
	who := c.describe()
	if why != "" {
		why = " (" + why + ")"
	}
	switch {
	case listed == Maybe:
		return "whether it names " + who + " is undetermined" + why
	case listed == Yes && !negated && why == "":
		return "names every caller, " + who + " included"
	case listed == Yes && !negated:
		return "names " + who + why
	case listed == Yes:
		return "excludes " + who + why
	case negated:
		return who + " is not among the excluded principals"
	case c.anonymous:
		return `does not name an anonymous caller: only "*" or {"AWS":"*"} do`
	}
	return "does not name " + who
}
