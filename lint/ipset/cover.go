package ipset

import "net/netip"

// Prefixes returns the canonical minimal CIDR cover of s: the fewest
// prefixes whose union is exactly s, IPv4 first, each family in ascending
// address order. The result is unique for a given set, so it can be shown
// to users and compared as text.
func (s Set) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, r := range s.v4 {
		out = appendCover(out, r, 32)
	}
	for _, r := range s.v6 {
		out = appendCover(out, r, 128)
	}
	return out
}

// appendCover splits r greedily into the largest aligned blocks. For one
// range this is minimal, and since the ranges of a canonical set never
// touch, no block of one range could merge with a block of another.
func appendCover(out []netip.Prefix, r span, width int) []netip.Prefix {
	lo := r.lo
	for {
		k := blockBits(lo, r.hi)
		out = append(out, netip.PrefixFrom(u128ToAddr(lo, width), width-k))
		last := lo.add(lowMask(k))
		if last == r.hi {
			return out
		}
		lo = last.add1()
	}
}

// blockBits returns log2 of the largest block that starts at lo, is aligned
// on its own size and ends at or before hi. The size bound also keeps the
// block inside the family, even where lo is 0 and aligned to everything.
func blockBits(lo, hi u128) int {
	k := lo.trailingZeros()
	// The block size 2^k must not exceed hi-lo+1. That count overflows to
	// zero only for the whole IPv6 space, where every k up to 128 fits.
	n := hi.sub(lo).add1()
	if n.isZero() {
		return k
	}
	return min(k, n.bitLen()-1)
}
