package access

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

// policyGen draws small random policies of Allow and Deny statements whose
// IP conditions name CIDRs that cluster, nest and touch, so the set algebra
// is exercised at block edges. Every key a condition uses is given in the
// base request or is the address itself, so every result is determined.
type policyGen struct{ r *rand.Rand }

func newPolicyGen(seq uint64) policyGen { return policyGen{rand.New(rand.NewPCG(20260901, seq))} }

var (
	genBases4 = []string{"81.2.69.0", "10.0.0.0", "0.0.0.0", "255.255.255.0", "198.51.100.0"}
	genBases6 = []string{"2001:db8::", "::", "2a02:c7c:1e00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00"}
	genBits4  = []int{0, 1, 8, 16, 20, 24, 26, 27, 28, 30, 31, 32}
	genBits6  = []int{0, 1, 32, 40, 48, 64, 120, 127, 128}
	genRes    = []string{
		"execute-api:/*", "execute-api:/prod/*", "execute-api:/*/GET/*", "execute-api:/dev/POST/pets/*",
		"arn:aws:execute-api:*:*:*", "execute-api:/pr?d/*", "*", "execute-api:/*/*/admin*",
	}
	genActions = []string{"execute-api:Invoke", "*", "execute-api:*", "execute-api:InvalidateCache", "EXECUTE-API:invoke"}
	genIPOps   = []string{"IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists", "ForAnyValue:IpAddress"}
)

func (g policyGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// cidr draws a CIDR near a base; host bits are often set on purpose.
func (g policyGen) cidr() string {
	if g.r.IntN(2) == 0 {
		a := netip.MustParseAddr(g.pick(genBases4)).As4()
		a[3] ^= byte(g.r.IntN(256))
		a[2] ^= byte(g.r.IntN(4))
		return netip.PrefixFrom(netip.AddrFrom4(a), genBits4[g.r.IntN(len(genBits4))]).String()
	}
	a := netip.MustParseAddr(g.pick(genBases6)).As16()
	a[15] ^= byte(g.r.IntN(256))
	a[5] ^= byte(g.r.IntN(4))
	return netip.PrefixFrom(netip.AddrFrom16(a), genBits6[g.r.IntN(len(genBits6))]).String()
}

func (g policyGen) list(pool []string, n int) []any {
	out := make([]any, 0, n)
	for range n {
		out = append(out, g.pick(pool))
	}
	return out
}

func (g policyGen) condition() map[string]any {
	c := map[string]any{}
	for range g.r.IntN(3) {
		var vals []any
		for range 1 + g.r.IntN(3) {
			vals = append(vals, g.cidr())
		}
		key := "aws:SourceIp"
		if g.r.IntN(6) == 0 {
			key = "aws:VpcSourceIp" // absent on a public call
		}
		c[g.pick(genIPOps)] = map[string]any{key: vals}
	}
	switch g.r.IntN(8) {
	case 0:
		c["StringEquals"] = map[string]any{"aws:UserAgent": g.pick([]string{"curl", "wget"})}
	case 1:
		c["Null"] = map[string]any{"aws:SourceIp": g.pick([]string{"true", "false"})}
	case 2:
		c["StringNotEquals"] = map[string]any{"aws:SourceVpce": "vpce-1"}
	}
	return c
}

func (g policyGen) statement(effect string) map[string]any {
	s := map[string]any{"Effect": effect}
	switch g.r.IntN(10) {
	case 0:
		s["Principal"] = map[string]any{"AWS": "111122223333"}
	case 1:
		s["NotPrincipal"] = map[string]any{"AWS": "arn:aws:iam::111122223333:root"}
	case 2:
		s["Principal"] = map[string]any{"AWS": []any{"444455556666", "*"}}
	default:
		s["Principal"] = "*"
	}
	if g.r.IntN(8) == 0 {
		s["NotAction"] = g.list(genActions, 1)
	} else {
		s["Action"] = g.list(genActions, 1+g.r.IntN(2))
	}
	if g.r.IntN(6) == 0 {
		s["NotResource"] = g.list(genRes, 1+g.r.IntN(2))
	} else {
		s["Resource"] = g.list(genRes, 1+g.r.IntN(2))
	}
	if c := g.condition(); len(c) > 0 {
		s["Condition"] = c
	}
	return s
}

func (g policyGen) effect() string {
	if g.r.IntN(5) < 3 {
		return "Allow"
	}
	return "Deny"
}

func (g policyGen) policy() []any {
	var sts []any
	for range 1 + g.r.IntN(4) {
		sts = append(sts, g.statement(g.effect()))
	}
	return sts
}

func asPolicy(sts []any) *Policy {
	return Parse(map[string]any{"Version": "2012-10-17", "Statement": sts})
}

// genBase is the API every generated policy is evaluated against.
var genBase = Request{
	Partition: "aws", Region: "eu-west-1", Account: "111122223333", APIID: "abcdef1234",
	Context: map[string][]string{"aws:UserAgent": {"curl"}},
}

// targets are the requests tried against every policy: stages, verbs and
// paths on both sides of every pattern in genRes.
var targets = [][3]string{
	{"prod", "GET", "/"},
	{"prod", "POST", "/pets/1"},
	{"dev", "POST", "/pets/1"},
	{"dev", "GET", "/admin/x"},
	{"prxd", "DELETE", "/a"},
	{"test", "PUT", "/"},
	{"dev", "POST", "/pets"},
	{"prod", "OPTIONS", "/admin"},
}

// addrsAround returns addresses inside, at both ends of, and just outside
// every prefix of s, and a few more drawn at random.
func (g policyGen) addrsAround(s interface{ Prefixes() []netip.Prefix }) []netip.Addr {
	var out []netip.Addr
	for _, p := range s.Prefixes() {
		first, last := p.Addr(), lastAddr(p)
		out = append(out, first, last, first.Prev(), last.Next())
		if p.Bits() < p.Addr().BitLen() {
			out = append(out, first.Next(), last.Prev())
		}
	}
	for range 6 {
		p, _ := netip.ParsePrefix(g.cidr())
		out = append(out, p.Masked().Addr(), lastAddr(p))
	}
	// Prev of 0.0.0.0 and Next of the last address are invalid: drop them.
	valid := out[:0]
	for _, a := range out {
		if a.IsValid() {
			valid = append(valid, a)
		}
	}
	return valid
}

func lastAddr(p netip.Prefix) netip.Addr {
	p = p.Masked()
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

func withRequest(base Request, t [3]string, a netip.Addr, m Mode) Request {
	r := base
	r.Stage, r.Method, r.Path = t[0], t[1], t[2]
	r.SourceIP = a
	r.Auth, r.Caller, r.Identity = m.Auth, m.Caller, m.Identity
	return r
}

var anonymous = Mode{AuthNone, SameAccount, IdentityAllow}

// TestPropertyDenyNeverAllows: adding a Deny statement to a policy never
// turns a denied request into an allowed one, in any mode, under either
// reading.
func TestPropertyDenyNeverAllows(t *testing.T) {
	g := newPolicyGen(1)
	modes := []Mode{anonymous}
	for _, m := range BypassModes {
		modes = append(modes, m.Mode)
	}
	for i := range 400 {
		sts := g.policy()
		plus := append(append([]any(nil), sts...), g.statement("Deny"))
		p, pd := asPolicy(sts), asPolicy(plus)
		for range 10 {
			addr, _ := netip.ParsePrefix(g.cidr())
			r := withRequest(genBase, targets[g.r.IntN(len(targets))], addr.Addr(), modes[g.r.IntN(len(modes))])
			before, err1 := evaluate(p, r, false)
			after, err2 := evaluate(pd, r, false)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !before.Decision.Allowed && after.Decision.Allowed || !before.Restrictive.Allowed && after.Restrictive.Allowed {
				t.Fatalf("case %d: a Deny turned a deny into an allow for %+v\npolicy: %v\nadded: %v", i, r, sts, plus[len(plus)-1])
			}
		}
	}
}

// TestPropertyAccessAgreesWithEval: for a pinned request, the set
// Reachable prints holds exactly the addresses Evaluate allows, in every
// authorization mode, checked inside, at the edges of and just outside
// every printed range.
func TestPropertyAccessAgreesWithEval(t *testing.T) {
	g := newPolicyGen(2)
	for i := range 150 {
		sts := g.policy()
		p := asPolicy(sts)
		tg := targets[g.r.IntN(len(targets))]
		base := withRequest(genBase, tg, netip.Addr{}, anonymous)
		reach, err := Reachable(p, base)
		if err != nil {
			t.Fatal(err)
		}
		checkMode := func(m Mode, b Bounds) {
			if !b.Exact() {
				t.Fatalf("case %d %v: bounds differ though every key is given: may %s, must %s\npolicy: %v", i, m, b.May, b.Must, sts)
			}
			for _, a := range g.addrsAround(b.May) {
				res, err := evaluate(p, withRequest(genBase, tg, a, m), false)
				if err != nil {
					t.Fatal(err)
				}
				if res.Decision.Allowed != b.May.ContainsAddr(a) {
					t.Fatalf("case %d %v %v at %s: eval allowed=%v, access contains=%v (%s)\npolicy: %v",
						i, m, tg, a, res.Decision.Allowed, b.May.ContainsAddr(a), b.May, sts)
				}
			}
		}
		checkMode(anonymous, reach.Anonymous)
		for _, mr := range reach.Modes {
			checkMode(mr.Mode, mr.Bounds)
		}
	}
}

// TestPropertyAccessAnyMethod: unpinned, an address is in the set exactly
// when some request gets through from it: a witness request is allowed by
// Evaluate, and outside the set no target request is.
func TestPropertyAccessAnyMethod(t *testing.T) {
	g := newPolicyGen(3)
	for i := range 150 {
		sts := g.policy()
		p := asPolicy(sts)
		reach, err := Reachable(p, genBase)
		if err != nil {
			t.Fatal(err)
		}
		may := reach.Anonymous.May
		for _, a := range g.addrsAround(may) {
			if !may.ContainsAddr(a) {
				for _, tg := range targets {
					if res, _ := evaluate(p, withRequest(genBase, tg, a, anonymous), false); res.Decision.Allowed {
						t.Fatalf("case %d: %s is outside %s, yet %v is allowed\npolicy: %v", i, a, may, tg, sts)
					}
				}
				continue
			}
			w, ok := reach.Example(a)
			if !ok {
				t.Fatalf("case %d: %s is in %s but has no witness\npolicy: %v", i, a, may, sts)
			}
			res, err := Evaluate(p, w)
			if err != nil || !res.Decision.Allowed {
				t.Fatalf("case %d: witness %s from %s is not allowed (err %v)\npolicy: %v", i, w.ARN(), a, err, sts)
			}
		}
	}
}
