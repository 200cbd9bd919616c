package access

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

// Mode is an authorization mode a caller may come with.
type Mode struct {
	Auth     Auth
	Caller   Caller
	Identity Identity
}

// Bounds brackets a set of addresses. May holds every address from which a
// call may succeed, resolving every undetermined part in the caller's
// favour; Must those from which it succeeds whatever they turn out to be.
// They are equal when nothing was undetermined.
type Bounds struct {
	May  ipset.Set
	Must ipset.Set
}

// Exact reports whether the bounds agree.
func (b Bounds) Exact() bool { return b.May.Equal(b.Must) }

// ModeReach is the reach of callers of one authorization mode.
type ModeReach struct {
	Mode  Mode
	Label string
	Bounds
	// Unconfirmed says what in DOMAIN.md §5 the result rests on that is
	// UNCONFIRMED.
	Unconfirmed string
}

// Reach is what Reachable found.
type Reach struct {
	// Key is the condition key that carries a caller's address: aws:SourceIp,
	// or aws:VpcSourceIp for calls through a VPC endpoint.
	Key     string
	Request Request // the base request, completed
	Assumed []Assumption
	// Anonymous is the set of addresses from which an anonymous caller
	// (authorization NONE) can invoke at least one method of the API.
	Anonymous Bounds
	// Modes is the same for the other authorization modes, the ones that
	// may reach further than Anonymous.
	Modes []ModeReach
	// Conditional lists the parts of statements that do not depend on the
	// address alone and could not be decided for an anonymous caller: what
	// makes the bounds differ.
	Conditional []Reason
	// Incomplete is set when a resource search gave up (see searchLimit);
	// the bounds are then widened accordingly.
	Incomplete bool

	analysis *analysis // kept for Example
}

// BypassModes are the modes Reachable compares with anonymous callers, in
// the order of DOMAIN.md §5.2.
var BypassModes = []struct {
	Mode  Mode
	Label string
}{
	{Mode{AuthIAM, SameAccount, IdentityAllow}, "IAM callers in the same account whose IAM policy allows execute-api:Invoke"},
	{Mode{AuthIAM, SameAccount, IdentitySilent}, "IAM callers in the same account whose IAM policy is silent"},
	{Mode{AuthIAM, CrossAccount, IdentityAllow}, "IAM callers in another account whose IAM policy allows execute-api:Invoke"},
	{Mode{AuthLambda, SameAccount, IdentityAllow}, "callers a Lambda authorizer allows"},
	{Mode{AuthLambda, SameAccount, IdentitySilent}, "callers a Lambda authorizer neither allows nor denies"},
	{Mode{AuthCognito, SameAccount, IdentityAllow}, "callers with a valid Cognito user pool token"},
}

// Reachable computes, exactly, from which source addresses a call can
// invoke at least one method of the API: any stage, verb and path, unless
// base pins them. base supplies the API (account, region, api-id,
// filled as Complete does), whether calls come through a VPC endpoint, and
// any other condition keys; its addresses are ignored, since the address
// is what varies.
//
// The address space is split into the atoms of the Boolean algebra that
// the policy's CIDRs under the address key generate: within an atom every
// IP condition comes out the same, so one representative decides it. For
// each atom, the statements whose principal, action and conditions hold
// are known, and an automaton search over the Resource patterns decides
// whether some request ARN is allowed by them and denied by none.
func Reachable(p *Policy, base Request) (*Reach, error) {
	base, assumed := p.completeAPI(base)
	base.Method = strings.ToUpper(base.Method)
	if base.viaVPC() {
		base.Private = true
	}
	base.SourceIP, base.VpcSourceIP = netip.Addr{}, netip.Addr{}
	key := "aws:SourceIp"
	if base.Private {
		key = "aws:VpcSourceIp"
	}
	a := newAnalysis(p, base, strings.ToLower(key))
	atoms := a.atoms()
	out := &Reach{Key: key, Request: base, Assumed: assumed, analysis: a}
	var err error
	out.Anonymous, err = a.bounds(Mode{AuthNone, SameAccount, IdentityAllow}, atoms)
	if err != nil {
		return nil, err
	}
	for _, m := range BypassModes {
		b, err := a.bounds(m.Mode, atoms)
		if err != nil {
			return nil, err
		}
		mr := ModeReach{Mode: m.Mode, Label: m.Label, Bounds: b}
		if m.Mode.Auth == AuthCognito {
			mr.Unconfirmed = "per the prose of the AWS page a Cognito caller needs an explicit Allow; its Table A would instead let a valid token through a silent resource policy, which gives the set of callers a Lambda authorizer allows"
		}
		out.Modes = append(out.Modes, mr)
	}
	out.Conditional = a.conditional(atoms)
	out.Incomplete = a.incomplete
	return out, nil
}

// analysis holds what Reachable computes once per policy.
type analysis struct {
	p      *Policy
	base   Request
	key    string // lower case
	broad  []resLang
	narrow []resLang
	items  [][]item
	memo   map[string]searchResult
	shapes []*glob
	verbs  []string
	// incomplete records that some search hit its limit.
	incomplete bool
	budget     int // product states left for this call's searches
}

type searchResult struct {
	witness  string
	verb     string
	found    bool
	complete bool
}

func newAnalysis(p *Policy, base Request, key string) *analysis {
	a := &analysis{p: p, base: base, key: key, memo: map[string]searchResult{}, budget: searchBudget}
	for _, s := range p.Statements {
		its := resourceItems(&s.resource, base.api())
		a.items = append(a.items, its)
		a.broad = append(a.broad, s.resLang(its, true))
		a.narrow = append(a.narrow, s.resLang(its, false))
	}
	a.verbs = methods
	if base.Method != "" {
		a.verbs = []string{base.Method}
	}
	for _, v := range a.verbs {
		a.shapes = append(a.shapes, shape(base.api(), base.Stage, v, base.Path))
	}
	return a
}

// atoms splits the address space by every CIDR the policy names under the
// address key. Values that do not parse add no boundary: they make their
// condition undetermined everywhere alike.
func (a *analysis) atoms() []ipset.Set {
	atoms := []ipset.Set{ipset.All4(), ipset.All6()}
	seen := map[netip.Prefix]bool{}
	for _, s := range a.p.Statements {
		for _, c := range s.conds {
			if strings.ToLower(c.key) != a.key || c.op.fam != famIP {
				continue
			}
			for _, v := range c.values {
				pv, err := ipset.ParseValue(v.text)
				if !v.ok || err != nil || seen[pv.Prefix] {
					continue
				}
				seen[pv.Prefix] = true
				atoms = split(atoms, ipset.FromPrefixes(pv.Prefix))
			}
		}
	}
	return atoms
}

func split(atoms []ipset.Set, by ipset.Set) []ipset.Set {
	out := make([]ipset.Set, 0, len(atoms)+1)
	for _, at := range atoms {
		if in := at.Intersect(by); !in.IsEmpty() {
			out = append(out, in)
		}
		if rest := at.Minus(by); !rest.IsEmpty() {
			out = append(out, rest)
		}
	}
	return out
}

// representative is one address of a non-empty atom.
func representative(s ipset.Set) netip.Addr {
	return s.Prefixes()[0].Addr()
}

// bounds computes the reach of callers of mode m.
func (a *analysis) bounds(m Mode, atoms []ipset.Set) (Bounds, error) {
	r := a.base
	r.Auth, r.Caller, r.Identity = m.Auth, m.Caller, m.Identity
	if err := r.Validate(); err != nil {
		return Bounds{}, err
	}
	// The table is monotone in RP (Deny < Silent < Allow), so a mode needs
	// either an Allow or merely no Deny.
	if !Decide(m.Auth, m.Caller, m.Identity, OutcomeAllow).Allowed {
		return Bounds{}, nil
	}
	needAllow := !Decide(m.Auth, m.Caller, m.Identity, OutcomeSilent).Allowed
	ctx := newContext(r)
	e := &env{caller: newCaller(r), api: r.api()}
	var b Bounds
	for _, at := range atoms {
		e.ctx = ctx.withAddress(a.key, representative(at).String())
		heads := a.heads(e)
		if a.find(heads, true, needAllow).found {
			b.May = b.May.Union(at)
		}
		if a.find(heads, false, needAllow).found {
			b.Must = b.Must.Union(at)
		}
	}
	return b, nil
}

// heads matches every statement but its resource.
func (a *analysis) heads(e *env) []Tri {
	out := make([]Tri, len(a.p.Statements))
	for i, s := range a.p.Statements {
		if s.Invalid != "" {
			continue
		}
		out[i], _ = s.matchHead(e)
	}
	return out
}

// find runs (or recalls) the resource search for the statements active
// under one reading: upper lets undetermined Allows apply and undetermined
// Denies not, and reads resources the same way.
func (a *analysis) find(heads []Tri, upper, needAllow bool) searchResult {
	var allow, deny []int
	for i, s := range a.p.Statements {
		switch {
		case s.Effect == EffectAllow && (heads[i] == Yes || upper && heads[i] == Maybe):
			allow = append(allow, i)
		case s.Effect == EffectDeny && (heads[i] == Yes || !upper && heads[i] == Maybe):
			deny = append(deny, i)
		}
	}
	k := fmt.Sprint(upper, needAllow, allow, deny)
	if res, ok := a.memo[k]; ok {
		return res
	}
	res := a.search(allow, deny, upper, needAllow)
	a.memo[k] = res
	return res
}

func (a *analysis) search(allow, deny []int, upper, needAllow bool) searchResult {
	s := search{needAllow: needAllow, shapes: a.shapes, limit: min(searchLimit, a.budget)}
	for _, i := range allow {
		s.allow = append(s.allow, a.lang(i, upper))
	}
	for _, i := range deny {
		s.deny = append(s.deny, a.lang(i, !upper))
	}
	w, sh, visited, found, complete := s.run()
	a.budget -= visited
	if !complete {
		// Undecided: the upper bound keeps the atom, the lower drops it.
		a.incomplete = true
		return searchResult{found: upper}
	}
	return searchResult{witness: w, verb: a.verbs[sh], found: found, complete: true}
}

func (a *analysis) lang(i int, broad bool) resLang {
	if broad {
		return a.broad[i]
	}
	return a.narrow[i]
}

// conditional collects, for an anonymous caller, the undetermined parts of
// statements: over every atom for conditions, once for resources.
func (a *analysis) conditional(atoms []ipset.Set) []Reason {
	r := a.base
	r.Auth, r.Caller, r.Identity = AuthNone, SameAccount, IdentityAllow
	ctx := newContext(r)
	e := &env{caller: newCaller(r), api: r.api(), explain: true}
	var out []Reason
	seen := map[string]bool{}
	add := func(x Reason) {
		if x.Holds == Maybe && !seen[x.Pointer] {
			seen[x.Pointer] = true
			out = append(out, x)
		}
	}
	for _, at := range atoms {
		e.ctx = ctx.withAddress(a.key, representative(at).String())
		for _, s := range a.p.Statements {
			if s.Invalid != "" {
				continue
			}
			_, reasons := s.matchHead(e)
			for _, x := range reasons {
				add(x)
			}
		}
	}
	for i, s := range a.p.Statements {
		for _, it := range a.items[i] {
			if it.note != "" && s.Invalid == "" {
				add(Reason{
					Part: "Resource", Pointer: it.ptr, Holds: Maybe,
					Text: fmt.Sprintf("%s %q: which requests it covers is undetermined (%s)", s.resource.name, it.text, it.note),
				})
			}
		}
	}
	return out
}

// Example returns a request an anonymous caller at address addr can make
// and get through, under the permissive reading, or false when there is
// none: the Anonymous.May set holds exactly the addresses with an example.
func (r *Reach) Example(addr netip.Addr) (Request, bool) {
	a := r.analysis
	q := a.base
	q.Auth, q.Caller, q.Identity = AuthNone, SameAccount, IdentityAllow
	if r.Key == "aws:VpcSourceIp" {
		q.VpcSourceIP = addr
	} else {
		q.SourceIP = addr
	}
	e := &env{ctx: newContext(q).withAddress(a.key, addr.String()), caller: newCaller(q), api: q.api()}
	res := a.find(a.heads(e), true, true)
	if !res.found || res.witness == "" {
		return Request{}, false
	}
	rest := strings.TrimPrefix(res.witness, q.api().arn()+"/")
	stage, after, _ := strings.Cut(rest, "/")
	q.Stage, q.Method = stage, res.verb
	q.Path = "/" + strings.TrimPrefix(after, res.verb+"/")
	return q, true
}
