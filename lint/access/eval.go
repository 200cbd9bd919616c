package access

import (
	"slices"
	"strings"
)

// Result is the evaluation of one request.
type Result struct {
	Request Request // the completed request
	ARN     string  // the request's execute-api ARN
	// Assumed lists the request fields that were filled in.
	Assumed []Assumption
	// Keys is what the request said about each condition key the policy
	// uses, in the policy's order.
	Keys       []KeyValue
	Statements []StatementResult

	// RP is the resource policy's result under the permissive reading
	// (undetermined Allows apply, undetermined Denies do not); Decision is
	// the §5.2 cell for it.
	RP       Outcome
	Decision Decision
	// RestrictiveRP and Restrictive are the same under the opposite
	// reading. Determined is set when both readings decide alike.
	RestrictiveRP Outcome
	Restrictive   Decision
	Determined    bool

	Notes []string
}

// StatementResult is how one statement matched.
type StatementResult struct {
	Index   int
	Pointer string
	Sid     string
	Effect  Effect
	Match   Tri
	Reasons []Reason
}

// Evaluate evaluates the policy for one request. Empty request fields are
// filled as Complete does; an error means a field holds a value this
// package does not know (see Request.Validate).
func Evaluate(p *Policy, r Request) (*Result, error) {
	return evaluate(p, r, true)
}

// evaluate is Evaluate, with the explanations optional: the property
// tests evaluate hundreds of thousands of requests and read only verdicts.
func evaluate(p *Policy, r Request, explain bool) (*Result, error) {
	r, assumed := p.Complete(r)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	ctx := newContext(r)
	e := &env{ctx: ctx, caller: newCaller(r), api: r.api(), explain: explain}
	res := &Result{Request: r, ARN: r.ARN(), Assumed: assumed}
	if explain {
		res.Keys = p.usedKeys(ctx)
	}
	for _, s := range p.Statements {
		t, reasons := s.match(e, res.ARN)
		res.Statements = append(res.Statements, StatementResult{
			Index: s.Index, Pointer: s.Pointer, Sid: s.Sid, Effect: s.Effect, Match: t, Reasons: reasons,
		})
	}
	res.RP, res.RestrictiveRP = outcomes(res.Statements)
	res.Decision = Decide(r.Auth, r.Caller, r.Identity, res.RP)
	res.Restrictive = Decide(r.Auth, r.Caller, r.Identity, res.RestrictiveRP)
	res.Determined = res.Decision.Allowed == res.Restrictive.Allowed && res.Decision.Status == res.Restrictive.Status
	res.Notes = append(slices.Clone(p.Notes), requestNotes(r)...)
	return res, nil
}

// outcomes combines statement matches into the resource policy's result
// under the permissive and the restrictive reading. Deny beats Allow.
func outcomes(sts []StatementResult) (permissive, restrictive Outcome) {
	deny, allow := No, No
	for _, s := range sts {
		switch s.Effect {
		case EffectDeny:
			deny = deny.Or(s.Match)
		case EffectAllow:
			allow = allow.Or(s.Match)
		}
	}
	pick := func(denies, allows bool) Outcome {
		switch {
		case denies:
			return OutcomeDeny
		case allows:
			return OutcomeAllow
		}
		return OutcomeSilent
	}
	return pick(deny == Yes, allow != No), pick(deny != No, allow == Yes)
}

// usedKeys lists the condition keys of the policy with what ctx says.
func (p *Policy) usedKeys(ctx *reqContext) []KeyValue {
	var out []KeyValue
	seen := map[string]bool{}
	for _, s := range p.Statements {
		for _, c := range s.conds {
			k := strings.ToLower(c.key)
			if seen[k] {
				continue
			}
			seen[k] = true
			ki := ctx.lookup(c.key)
			out = append(out, KeyValue{Name: c.key, State: ki.stateName(), Values: ki.values, Why: ki.why})
		}
	}
	return out
}

func requestNotes(r Request) []string {
	var notes []string
	switch r.Auth {
	case AuthNone:
		if r.Identity != IdentityAllow {
			notes = append(notes, "the identity side does not exist for NONE authorization: --identity is ignored")
		}
	case AuthCognito:
		if r.Identity != IdentityAllow {
			notes = append(notes, "a Cognito caller is evaluated with a valid token; --identity is ignored")
		}
	}
	if strings.TrimPrefix(r.Path, "/") == "" {
		notes = append(notes, "the ARN of the root path (GET / as .../GET/) is UNCONFIRMED")
	}
	return notes
}
