package ipset

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// This file holds a deliberately slow and independent model of the package,
// written with math/big, for the property and fuzz tests to compare against.
// It shares no arithmetic with the code under test: sets are lists of big
// intervals, combinations are computed by testing every elementary segment
// between breakpoints, and covers come from walking the prefix trie.

// iv is an inclusive interval of addresses.
type iv struct{ lo, hi *big.Int }

// refSet holds IPv4 intervals at index 0 and IPv6 at index 1, each sorted,
// disjoint and non-adjacent.
type refSet [2][]iv

var (
	one    = big.NewInt(1)
	famMax = [2]*big.Int{
		new(big.Int).Sub(new(big.Int).Lsh(one, 32), one),
		new(big.Int).Sub(new(big.Int).Lsh(one, 128), one),
	}
	famWidth = [2]int{32, 128}
)

func family(a netip.Addr) int {
	if a.Is4() {
		return 0
	}
	return 1
}

func addrToBig(a netip.Addr) *big.Int {
	if a.Is4() {
		b := a.As4()
		return new(big.Int).SetBytes(b[:])
	}
	b := a.As16()
	return new(big.Int).SetBytes(b[:])
}

func bigToAddr(x *big.Int, fam int) netip.Addr {
	if fam == 0 {
		var b [4]byte
		x.FillBytes(b[:])
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	x.FillBytes(b[:])
	return netip.AddrFrom16(b)
}

// refFromPrefixes builds the model of FromPrefixes by unioning prefixes one
// at a time with refCombine.
func refFromPrefixes(ps []netip.Prefix) refSet {
	var out refSet
	for _, p := range ps {
		if !p.IsValid() {
			continue
		}
		f := family(p.Addr())
		lo := addrToBig(p.Masked().Addr())
		hi := new(big.Int).Lsh(one, uint(famWidth[f]-p.Bits()))
		hi.Add(hi, lo).Sub(hi, one)
		out[f] = refCombine(out[f], []iv{{lo, hi}}, famMax[f], func(x, y bool) bool { return x || y })
	}
	return out
}

func refHas(ivs []iv, x *big.Int) bool {
	for _, v := range ivs {
		if v.lo.Cmp(x) <= 0 && x.Cmp(v.hi) <= 0 {
			return true
		}
	}
	return false
}

// refCombine returns the addresses x in [0, limit] for which op(x ∈ a, x ∈ b)
// holds. Membership is constant between breakpoints (interval starts and
// one past interval ends), so testing each segment's first address decides
// the whole segment.
func refCombine(a, b []iv, limit *big.Int, op func(inA, inB bool) bool) []iv {
	points := []*big.Int{new(big.Int)}
	for _, v := range slices.Concat(a, b) {
		points = append(points, v.lo)
		if end := new(big.Int).Add(v.hi, one); end.Cmp(limit) <= 0 {
			points = append(points, end)
		}
	}
	slices.SortFunc(points, (*big.Int).Cmp)
	points = slices.CompactFunc(points, func(x, y *big.Int) bool { return x.Cmp(y) == 0 })
	var out []iv
	for i, p := range points {
		if !op(refHas(a, p), refHas(b, p)) {
			continue
		}
		end := limit
		if i+1 < len(points) {
			end = new(big.Int).Sub(points[i+1], one)
		}
		if n := len(out); n > 0 && new(big.Int).Add(out[n-1].hi, one).Cmp(p) == 0 {
			out[n-1].hi = end
			continue
		}
		out = append(out, iv{p, end})
	}
	return out
}

func refOp(a, b refSet, op func(inA, inB bool) bool) refSet {
	return refSet{refCombine(a[0], b[0], famMax[0], op), refCombine(a[1], b[1], famMax[1], op)}
}

func refUnion(a, b refSet) refSet { return refOp(a, b, func(x, y bool) bool { return x || y }) }

func refIntersect(a, b refSet) refSet { return refOp(a, b, func(x, y bool) bool { return x && y }) }

func refMinus(a, b refSet) refSet { return refOp(a, b, func(x, y bool) bool { return x && !y }) }

func refEmpty(a refSet) bool { return len(a[0]) == 0 && len(a[1]) == 0 }

func refEqual(a, b refSet) bool {
	eq := func(x, y iv) bool { return x.lo.Cmp(y.lo) == 0 && x.hi.Cmp(y.hi) == 0 }
	return slices.EqualFunc(a[0], b[0], eq) && slices.EqualFunc(a[1], b[1], eq)
}

func refSize(ivs []iv) *big.Int {
	n := new(big.Int)
	for _, v := range ivs {
		n.Add(n, new(big.Int).Sub(v.hi, v.lo))
		n.Add(n, one)
	}
	return n
}

// refCover returns the minimal CIDR cover by descending the prefix trie:
// a node inside an interval is emitted whole, a node straddling its edge is
// split. For one interval this yields the unique minimal cover.
func refCover(a refSet) []netip.Prefix {
	var out []netip.Prefix
	for f, ivs := range a {
		for _, v := range ivs {
			out = refCoverNode(out, v, new(big.Int), 0, f)
		}
	}
	return out
}

func refCoverNode(out []netip.Prefix, v iv, base *big.Int, bits, f int) []netip.Prefix {
	size := new(big.Int).Lsh(one, uint(famWidth[f]-bits))
	last := new(big.Int).Add(base, size)
	last.Sub(last, one)
	if last.Cmp(v.lo) < 0 || base.Cmp(v.hi) > 0 {
		return out
	}
	if v.lo.Cmp(base) <= 0 && last.Cmp(v.hi) <= 0 {
		return append(out, netip.PrefixFrom(bigToAddr(base, f), bits))
	}
	half := new(big.Int).Rsh(size, 1)
	out = refCoverNode(out, v, base, bits+1, f)
	return refCoverNode(out, v, new(big.Int).Add(base, half), bits+1, f)
}

// toRef converts a Set's internal ranges to the model.
func toRef(s Set) refSet {
	var out refSet
	for f, rs := range [2][]span{s.v4, s.v6} {
		for _, r := range rs {
			out[f] = append(out[f], iv{u128ToBig(r.lo), u128ToBig(r.hi)})
		}
	}
	return out
}

func u128ToBig(u u128) *big.Int {
	x := new(big.Int).SetUint64(u.hi)
	x.Lsh(x, 64)
	return x.Or(x, new(big.Int).SetUint64(u.lo))
}

func (a refSet) String() string {
	var parts []string
	for _, ivs := range a {
		for _, v := range ivs {
			parts = append(parts, "["+v.lo.Text(16)+","+v.hi.Text(16)+"]")
		}
	}
	return strings.Join(parts, " ")
}

// checkCanonical fails t unless s is in canonical form: each family's ranges
// in bounds, ordered, non-empty, and separated by at least one address.
func checkCanonical(t testing.TB, s Set) {
	t.Helper()
	for f, rs := range [2][]span{s.v4, s.v6} {
		limit := famMax[f]
		for i, r := range rs {
			lo, hi := u128ToBig(r.lo), u128ToBig(r.hi)
			if hi.Cmp(limit) > 0 || lo.Cmp(hi) > 0 {
				t.Fatalf("family %d range %d [%x, %x] out of bounds or reversed", f, i, lo, hi)
			}
			if i > 0 && new(big.Int).Add(u128ToBig(rs[i-1].hi), one).Cmp(lo) >= 0 {
				t.Fatalf("family %d ranges %d and %d overlap or touch: %v", f, i-1, i, toRef(s))
			}
		}
	}
}
