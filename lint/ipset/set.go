// Package ipset is exact set algebra over IPv4 and IPv6 address ranges.
//
// An API Gateway resource policy restricts callers with lists of CIDRs
// under aws:SourceIp, and what a policy really admits is a combination of
// such lists: an Allow list minus a Deny list, the OR of IpAddress values,
// the NOR of NotIpAddress values. Rules that judge a policy ask questions
// such as "does the deny list remove the whole allowlist?" or "is any
// allowed address private?". Comparing CIDR strings or sampling addresses
// gets those wrong at block edges, so a Set holds exact inclusive address
// ranges and every operation is computed on them, never approximated.
//
// IPv4 and IPv6 are kept apart: an IPv4-mapped IPv6 prefix such as
// ::ffff:10.0.0.0/104 is an IPv6 set and never equals 10.0.0.0/8, because
// how IAM relates the two forms is undocumented and a linter should show
// what the author wrote rather than guess.
//
// ParseValue reads one IAM condition value and reports the oddities a
// linter warns about (host bits, bare IPv6, IPv4-mapped); NonPublic tells
// which special-purpose blocks a prefix falls in, since such addresses can
// never be a public aws:SourceIp.
package ipset

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
)

// Set is an immutable set of IPv4 and IPv6 addresses. The zero value is the
// empty set. Operations return new sets and never modify their operands, so
// sets may share storage and be used from many goroutines.
type Set struct {
	// v4 and v6 are sorted, non-overlapping and non-adjacent inclusive
	// ranges. Keeping them canonical makes Equal a plain comparison and
	// lets every operation be a single linear merge.
	v4, v6 []span
}

// span is the inclusive range [lo, hi] of one address family.
type span struct{ lo, hi u128 }

// FromPrefixes returns the set of addresses covered by any of ps. Host bits
// below a prefix's length are ignored; invalid (zero) prefixes add nothing.
func FromPrefixes(ps ...netip.Prefix) Set {
	var v4, v6 []span
	for _, p := range ps {
		r, width, ok := prefixSpan(p)
		switch {
		case !ok:
		case width == 32:
			v4 = append(v4, r)
		default:
			v6 = append(v6, r)
		}
	}
	return Set{v4: normalize(v4), v6: normalize(v6)}
}

// prefixSpan returns the address range of p and its family width.
func prefixSpan(p netip.Prefix) (span, int, bool) {
	if !p.IsValid() {
		return span{}, 0, false
	}
	lo, width := addrToU128(p.Masked().Addr())
	return span{lo: lo, hi: lo.add(lowMask(width - p.Bits()))}, width, true
}

// All4 returns every IPv4 address, 0.0.0.0/0.
func All4() Set { return Set{v4: []span{{hi: maxV4}}} }

// All6 returns every IPv6 address, ::/0.
func All6() Set { return Set{v6: []span{{hi: maxU128}}} }

// V4 returns the IPv4 part of s.
func (s Set) V4() Set { return Set{v4: s.v4} }

// V6 returns the IPv6 part of s, IPv4-mapped addresses included.
func (s Set) V6() Set { return Set{v6: s.v6} }

// Union returns the addresses in s or o.
func (s Set) Union(o Set) Set {
	return Set{v4: union(s.v4, o.v4), v6: union(s.v6, o.v6)}
}

// Intersect returns the addresses in both s and o.
func (s Set) Intersect(o Set) Set {
	return Set{v4: intersect(s.v4, o.v4), v6: intersect(s.v6, o.v6)}
}

// Minus returns the addresses in s but not in o.
func (s Set) Minus(o Set) Set {
	return Set{v4: minus(s.v4, o.v4), v6: minus(s.v6, o.v6)}
}

// Contains reports whether every address of o is in s (o ⊆ s). Every set
// contains the empty set.
func (s Set) Contains(o Set) bool {
	return contains(s.v4, o.v4) && contains(s.v6, o.v6)
}

// ContainsAddr reports whether a is in s. An IPv4-mapped IPv6 address is
// looked up among the IPv6 ranges; a zone is ignored.
func (s Set) ContainsAddr(a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	x, width := addrToU128(a)
	if width == 32 {
		return containsPoint(s.v4, x)
	}
	return containsPoint(s.v6, x)
}

// Overlaps reports whether s and o share at least one address.
func (s Set) Overlaps(o Set) bool {
	return overlaps(s.v4, o.v4) || overlaps(s.v6, o.v6)
}

// IsEmpty reports whether s has no address.
func (s Set) IsEmpty() bool { return len(s.v4) == 0 && len(s.v6) == 0 }

// Equal reports whether s and o hold the same addresses.
func (s Set) Equal(o Set) bool {
	return slices.Equal(s.v4, o.v4) && slices.Equal(s.v6, o.v6)
}

// Size4 returns the number of IPv4 addresses in s.
func (s Set) Size4() *big.Int { return size(s.v4) }

// Size6 returns the number of IPv6 addresses in s; it can reach 2^128, which
// is why the counts are big integers.
func (s Set) Size6() *big.Int { return size(s.v6) }

// String returns the canonical CIDRs of s (see Prefixes) separated by
// commas, or "" for the empty set.
func (s Set) String() string {
	ps := s.Prefixes()
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// normalize sorts rs in place and merges overlapping or adjacent ranges,
// turning arbitrary input into the canonical form.
func normalize(rs []span) []span {
	if len(rs) == 0 {
		return nil
	}
	slices.SortFunc(rs, func(a, b span) int { return a.lo.cmp(b.lo) })
	out := rs[:0]
	for _, r := range rs {
		out = appendMerged(out, r)
	}
	return out
}

// appendMerged appends r, which must not start before the last range of out,
// folding it into that range when the two touch.
func appendMerged(out []span, r span) []span {
	n := len(out)
	if n == 0 || !touches(out[n-1], r) {
		return append(out, r)
	}
	out[n-1].hi = maxU(out[n-1].hi, r.hi)
	return out
}

// touches reports whether r, which starts at or after last, overlaps or
// abuts last. The guard on maxU128 avoids wrapping last.hi+1 to zero.
func touches(last, r span) bool {
	return last.hi == maxU128 || !last.hi.add1().less(r.lo)
}

func union(a, b []span) []span {
	// Sets are immutable, so an empty side lets the other be shared as is.
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]span, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || (i < len(a) && a[i].lo.less(b[j].lo)) {
			out = appendMerged(out, a[i])
			i++
		} else {
			out = appendMerged(out, b[j])
			j++
		}
	}
	return out
}

// intersect needs no merging: two output ranges could only touch where an
// input range ends and the next begins, and canonical inputs have a gap there.
func intersect(a, b []span) []span {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	// Every step of the merge emits at most one range and advances i or j.
	out := make([]span, 0, len(a)+len(b)-1)
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := maxU(a[i].lo, b[j].lo), minU(a[i].hi, b[j].hi)
		if !hi.less(lo) {
			out = append(out, span{lo: lo, hi: hi})
		}
		if a[i].hi.less(b[j].hi) {
			i++
		} else {
			j++
		}
	}
	return out
}

func minus(a, b []span) []span {
	if len(a) == 0 || len(b) == 0 {
		return a
	}
	// Each range of b splits at most one range of a in two, so this
	// capacity is never exceeded and the result is allocated once.
	out := make([]span, 0, len(a)+len(b))
	j := 0
	for _, r := range a {
		// Ranges of b wholly below r are below every later range of a too.
		for j < len(b) && b[j].hi.less(r.lo) {
			j++
		}
		out = appendDifference(out, r, b[j:])
	}
	return out
}

// appendDifference appends r minus the ranges of b, which are sorted and
// none of which ends before r starts.
func appendDifference(out []span, r span, b []span) []span {
	lo := r.lo
	for _, cut := range b {
		if r.hi.less(cut.lo) {
			break
		}
		if lo.less(cut.lo) {
			out = append(out, span{lo: lo, hi: cut.lo.sub1()})
		}
		if !cut.hi.less(r.hi) {
			return out // cut reaches the end of r: nothing is left
		}
		lo = cut.hi.add1()
	}
	return append(out, span{lo: lo, hi: r.hi})
}

// contains reports whether b ⊆ a. Because a is canonical, a range of b is
// covered only if one range of a covers it whole.
func contains(a, b []span) bool {
	i := 0
	for _, r := range b {
		for i < len(a) && a[i].hi.less(r.lo) {
			i++
		}
		if i == len(a) || r.lo.less(a[i].lo) || a[i].hi.less(r.hi) {
			return false
		}
	}
	return true
}

func overlaps(a, b []span) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].hi.less(b[j].lo):
			i++
		case b[j].hi.less(a[i].lo):
			j++
		default:
			return true
		}
	}
	return false
}

// containsPoint binary-searches for the first range ending at or after x.
func containsPoint(rs []span, x u128) bool {
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if rs[mid].hi.less(x) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(rs) && !x.less(rs[lo].lo)
}

func size(rs []span) *big.Int {
	total := new(big.Int)
	var n, low big.Int
	for _, r := range rs {
		// hi-lo never overflows; the +1 is done in big arithmetic because
		// ::/0 holds 2^128 addresses, one more than u128 can count.
		d := r.hi.sub(r.lo)
		n.SetUint64(d.hi)
		n.Lsh(&n, 64)
		n.Or(&n, low.SetUint64(d.lo))
		total.Add(total, &n)
	}
	return total.Add(total, big.NewInt(int64(len(rs))))
}
