package ipset

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

var (
	sinkSet  Set
	sinkBool bool
)

// benchSets returns two allowlists of 40 mostly disjoint prefixes each,
// mixed IPv4 and IPv6 like a large real policy, and a deny list of 40
// prefixes carved from inside them, so that Minus really splits ranges.
func benchSets() (x, y, deny Set) {
	r := rand.New(rand.NewPCG(7, 7))
	random := func() netip.Prefix {
		if r.IntN(5) < 3 {
			a := netip.AddrFrom4([4]byte{byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32()), 0})
			return netip.PrefixFrom(a, 16+r.IntN(17)).Masked()
		}
		var b [16]byte
		for i := range 8 {
			b[i] = byte(r.Uint32())
		}
		return netip.PrefixFrom(netip.AddrFrom16(b), 32+r.IntN(33)).Masked()
	}
	px, py, pd := make([]netip.Prefix, 40), make([]netip.Prefix, 40), make([]netip.Prefix, 40)
	for i := range 40 {
		px[i], py[i] = random(), random()
	}
	for i := range pd {
		// A longer prefix at the start of an allowed one: a hole to cut.
		p := px[i]
		if i%2 == 1 {
			p = py[i]
		}
		pd[i] = netip.PrefixFrom(p.Addr(), min(p.Bits()+1+r.IntN(8), p.Addr().BitLen()))
	}
	return FromPrefixes(px...), FromPrefixes(py...), FromPrefixes(pd...)
}

// BenchmarkUnionMinus is the linter's main question: an allowlist built
// from two statements, minus a deny list.
func BenchmarkUnionMinus(b *testing.B) {
	x, y, z := benchSets()
	b.ReportAllocs()
	for b.Loop() {
		sinkSet = x.Union(y).Minus(z)
	}
}

func BenchmarkPrefixes(b *testing.B) {
	x, y, z := benchSets()
	s := x.Union(y).Minus(z)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Prefixes()
	}
}

func BenchmarkContainsAddr(b *testing.B) {
	x, _, _ := benchSets()
	addr := netip.MustParseAddr("10.0.200.1")
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = x.ContainsAddr(addr)
	}
}

func BenchmarkNonPublic(b *testing.B) {
	p := netip.MustParsePrefix("203.0.113.0/24")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = NonPublic(p)
	}
}
