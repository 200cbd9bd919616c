package ipset

import (
	"math/big"
	"math/rand/v2"
	"net/netip"
	"testing"
)

const propertyCases = 3000

// gen draws prefixes that collide often: addresses cluster around a few
// bases (including both ends of each family, where overflow bugs live),
// and lengths range from whole-family to single-address.
type gen struct{ r *rand.Rand }

func newGen() gen { return gen{rand.New(rand.NewPCG(20260821, 1))} }

var (
	bases4 = []netip.Addr{
		netip.MustParseAddr("0.0.0.0"),
		netip.MustParseAddr("10.0.0.0"),
		netip.MustParseAddr("10.0.255.0"),
		netip.MustParseAddr("192.0.0.0"),
		netip.MustParseAddr("255.255.255.255"),
	}
	bases6 = []netip.Addr{
		netip.MustParseAddr("::"),
		netip.MustParseAddr("::ffff:10.0.0.0"),
		netip.MustParseAddr("2001:db8::"),
		netip.MustParseAddr("2001:db8:0:0:ffff:ffff:ffff:0"),
		netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
	}
)

func (g gen) addr(v6 bool) netip.Addr {
	bases, fam := bases4, 0
	if v6 {
		bases, fam = bases6, 1
	}
	if g.r.IntN(10) == 0 {
		x := new(big.Int).SetUint64(g.r.Uint64())
		x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(g.r.Uint64()))
		return bigToAddr(x.And(x, famMax[fam]), fam)
	}
	x := addrToBig(bases[g.r.IntN(len(bases))])
	x.Xor(x, big.NewInt(g.r.Int64N(1<<16)))
	return bigToAddr(x, fam)
}

func (g gen) prefix() netip.Prefix {
	v6 := g.r.IntN(2) == 1
	a := g.addr(v6)
	w := a.BitLen()
	var bits int
	switch n := g.r.IntN(10); {
	case n < 6: // small: a few to 65536 addresses
		bits = w - g.r.IntN(17)
	case n < 9: // medium
		bits = w - 16 - g.r.IntN(9)
	default: // large, up to the whole family
		bits = g.r.IntN(w + 1)
	}
	return netip.PrefixFrom(a, bits)
}

func (g gen) prefixes() []netip.Prefix {
	ps := make([]netip.Prefix, g.r.IntN(9))
	for i := range ps {
		ps[i] = g.prefix()
	}
	return ps
}

func TestPropertyAgainstReference(t *testing.T) {
	g := newGen()
	for i := range propertyCases {
		pa, pb := g.prefixes(), g.prefixes()
		a, b := FromPrefixes(pa...), FromPrefixes(pb...)
		ra, rb := refFromPrefixes(pa), refFromPrefixes(pb)
		if !refEqual(toRef(a), ra) || !refEqual(toRef(b), rb) {
			t.Fatalf("case %d: FromPrefixes(%v) = %v, reference %v", i, pa, toRef(a), ra)
		}
		checkOps(t, a, b, ra, rb)
		checkPrefixes(t, a, ra)
		checkContainsAddr(t, a, ra, []netip.Addr{g.addr(false), g.addr(false), g.addr(true), g.addr(true)})
	}
}

func checkOps(t *testing.T, a, b Set, ra, rb refSet) {
	t.Helper()
	for _, c := range []struct {
		name string
		got  Set
		want refSet
	}{
		{"union", a.Union(b), refUnion(ra, rb)},
		{"intersect", a.Intersect(b), refIntersect(ra, rb)},
		{"minus", a.Minus(b), refMinus(ra, rb)},
		{"reverse minus", b.Minus(a), refMinus(rb, ra)},
	} {
		checkCanonical(t, c.got)
		if !refEqual(toRef(c.got), c.want) {
			t.Fatalf("%s of %v and %v = %v, reference %v", c.name, a, b, toRef(c.got), c.want)
		}
	}
	if got, want := a.Contains(b), refEmpty(refMinus(rb, ra)); got != want {
		t.Fatalf("%v Contains %v = %v, reference %v", a, b, got, want)
	}
	if got, want := a.Overlaps(b), !refEmpty(refIntersect(ra, rb)); got != want {
		t.Fatalf("%v Overlaps %v = %v, reference %v", a, b, got, want)
	}
	if got, want := a.Equal(b), refEqual(ra, rb); got != want {
		t.Fatalf("%v Equal %v = %v, reference %v", a, b, got, want)
	}
	if a.Size4().Cmp(refSize(ra[0])) != 0 || a.Size6().Cmp(refSize(ra[1])) != 0 {
		t.Fatalf("%v sizes %v/%v, reference %v/%v", a, a.Size4(), a.Size6(), refSize(ra[0]), refSize(ra[1]))
	}
}

func checkPrefixes(t *testing.T, a Set, ra refSet) {
	t.Helper()
	got := a.Prefixes()
	want := refCover(ra)
	if len(got) != len(want) {
		t.Fatalf("Prefixes of %v = %v, reference cover %v", ra, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Prefixes of %v = %v, reference cover %v", ra, got, want)
		}
	}
	checkCoverShape(t, got)
	if !FromPrefixes(got...).Equal(a) {
		t.Fatalf("FromPrefixes(%v) does not round-trip %v", got, ra)
	}
}

// checkCoverShape checks what a reader of the list relies on without a
// reference: masked prefixes, IPv4 first, ascending, disjoint, and no two
// sibling blocks that could be written as their parent.
func checkCoverShape(t testing.TB, ps []netip.Prefix) {
	t.Helper()
	for i, p := range ps {
		if p != p.Masked() {
			t.Fatalf("prefix %v has host bits", p)
		}
		if i == 0 {
			continue
		}
		q := ps[i-1]
		if q.Addr().BitLen() > p.Addr().BitLen() {
			t.Fatalf("IPv6 %v before IPv4 %v", q, p)
		}
		if q.Addr().BitLen() == p.Addr().BitLen() && (q.Overlaps(p) || q.Addr().Compare(p.Addr()) >= 0) {
			t.Fatalf("%v and %v overlap or are out of order", q, p)
		}
		// In a sorted disjoint list two halves of one block are neighbours,
		// so checking neighbours finds every mergeable pair.
		if mergeable(q, p) {
			t.Fatalf("%v and %v could merge into one prefix: cover not minimal", q, p)
		}
	}
}

// mergeable reports whether p and q are the two halves of one prefix.
func mergeable(p, q netip.Prefix) bool {
	if p.Bits() != q.Bits() || p.Bits() == 0 || p.Addr().BitLen() != q.Addr().BitLen() || p == q {
		return false
	}
	pp, _ := p.Addr().Prefix(p.Bits() - 1)
	qp, _ := q.Addr().Prefix(q.Bits() - 1)
	return pp == qp
}

// checkContainsAddr probes the edges of every range (first, last, one
// before, one after), its middle, and the extra addresses.
func checkContainsAddr(t *testing.T, a Set, ra refSet, extra []netip.Addr) {
	t.Helper()
	probe := func(x *big.Int, fam int) {
		if x.Sign() < 0 || x.Cmp(famMax[fam]) > 0 {
			return
		}
		addr := bigToAddr(x, fam)
		if got, want := a.ContainsAddr(addr), refHas(ra[fam], x); got != want {
			t.Fatalf("%v ContainsAddr %v = %v, reference %v", ra, addr, got, want)
		}
	}
	for fam, ivs := range ra {
		for _, v := range ivs {
			probe(v.lo, fam)
			probe(v.hi, fam)
			probe(new(big.Int).Sub(v.lo, one), fam)
			probe(new(big.Int).Add(v.hi, one), fam)
			mid := new(big.Int).Add(v.lo, v.hi)
			probe(mid.Rsh(mid, 1), fam)
		}
	}
	for _, x := range extra {
		probe(addrToBig(x), family(x))
	}
}

func TestPropertyIdentities(t *testing.T) {
	g := newGen()
	for range propertyCases {
		a, b := FromPrefixes(g.prefixes()...), FromPrefixes(g.prefixes()...)
		checkIdentities(t, a, b)
	}
}

// checkIdentities checks laws of set algebra that need no reference, so the
// fuzz target can use it on arbitrary input.
func checkIdentities(t testing.TB, a, b Set) {
	t.Helper()
	all := All4().Union(All6())
	not := all.Minus
	union, inter, diff := a.Union(b), a.Intersect(b), a.Minus(b)
	for _, s := range []Set{union, inter, diff, not(a)} {
		checkCanonical(t, s)
	}
	laws := []struct {
		name string
		ok   bool
	}{
		{"¬(a∪b) = ¬a∩¬b", not(union).Equal(not(a).Intersect(not(b)))},
		{"¬(a∩b) = ¬a∪¬b", not(inter).Equal(not(a).Union(not(b)))},
		{"¬¬a = a", not(not(a)).Equal(a)},
		{"a−b = a∩¬b", diff.Equal(a.Intersect(not(b)))},
		{"(a∩b)∪(a−b) = a", inter.Union(diff).Equal(a)},
		{"(a∩b)∩(a−b) = ∅", inter.Intersect(diff).IsEmpty()},
		{"(a−b)∪(b−a)∪(a∩b) = a∪b", diff.Union(b.Minus(a)).Union(inter).Equal(union)},
		{"a∪b = b∪a", union.Equal(b.Union(a))},
		{"a∩b = b∩a", inter.Equal(b.Intersect(a))},
		{"a∪b ⊇ a, b", union.Contains(a) && union.Contains(b)},
		{"a ⊇ a∩b", a.Contains(inter) && b.Contains(inter)},
		{"a ⊇ b ⇔ b−a = ∅", a.Contains(b) == b.Minus(a).IsEmpty()},
		{"a ⊇ b ⇔ a∩b = b", a.Contains(b) == inter.Equal(b)},
		{"overlap ⇔ a∩b ≠ ∅", a.Overlaps(b) == !inter.IsEmpty() && a.Overlaps(b) == b.Overlaps(a)},
		{"a = b ⇔ a ⊇ b ⊇ a", a.Equal(b) == (a.Contains(b) && b.Contains(a))},
		{"a = V4(a)∪V6(a)", a.V4().Union(a.V6()).Equal(a) && !a.V4().Overlaps(a.V6())},
		{"a∪∅ = a, a∩∅ = ∅", a.Union(Set{}).Equal(a) && a.Intersect(Set{}).IsEmpty()},
		{"a ⊆ all", all.Contains(a) && a.Intersect(all).Equal(a)},
		{"prefixes round-trip", FromPrefixes(a.Prefixes()...).Equal(a)},
		{"string round-trip", parseList(t, a.String()).Equal(a)},
		{"|a∪b|+|a∩b| = |a|+|b|", sizesAdd(a, b, union, inter)},
	}
	for _, l := range laws {
		if !l.ok {
			t.Fatalf("%s fails for a = %q, b = %q", l.name, a, b)
		}
	}
	checkCoverShape(t, a.Prefixes())
}

func sizesAdd(a, b, union, inter Set) bool {
	for _, size := range []func(Set) *big.Int{Set.Size4, Set.Size6} {
		lhs := new(big.Int).Add(size(union), size(inter))
		rhs := new(big.Int).Add(size(a), size(b))
		if lhs.Cmp(rhs) != 0 {
			return false
		}
	}
	return true
}
