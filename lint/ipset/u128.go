package ipset

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
)

// u128 is an unsigned 128-bit integer. Every address of both families fits
// in one, so the set algebra needs a single comparison and arithmetic path
// and never allocates per address. IPv4 addresses use the low 32 bits.
type u128 struct{ hi, lo uint64 }

// maxU128 is 2^128-1, the last IPv6 address.
var maxU128 = u128{hi: ^uint64(0), lo: ^uint64(0)}

// maxV4 is 2^32-1, the last IPv4 address.
var maxV4 = u128{lo: 1<<32 - 1}

func (a u128) less(b u128) bool {
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
}

// cmp orders a and b like cmp.Compare, for slices.SortFunc.
func (a u128) cmp(b u128) int {
	switch {
	case a.less(b):
		return -1
	case b.less(a):
		return 1
	default:
		return 0
	}
}

func maxU(a, b u128) u128 {
	if a.less(b) {
		return b
	}
	return a
}

func minU(a, b u128) u128 {
	if a.less(b) {
		return a
	}
	return b
}

func (a u128) isZero() bool { return a.hi == 0 && a.lo == 0 }

// add1 returns a+1, wrapping to zero past 2^128-1; callers guard the wrap.
func (a u128) add1() u128 {
	lo, carry := bits.Add64(a.lo, 1, 0)
	return u128{hi: a.hi + carry, lo: lo}
}

// sub1 returns a-1, wrapping below zero; callers guard the wrap.
func (a u128) sub1() u128 {
	lo, borrow := bits.Sub64(a.lo, 1, 0)
	return u128{hi: a.hi - borrow, lo: lo}
}

func (a u128) add(b u128) u128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, carry)
	return u128{hi: hi, lo: lo}
}

func (a u128) sub(b u128) u128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, borrow)
	return u128{hi: hi, lo: lo}
}

// trailingZeros returns 128 for zero, so address 0 counts as aligned to
// every block size; callers cap it at the family width.
func (a u128) trailingZeros() int {
	if a.lo != 0 {
		return bits.TrailingZeros64(a.lo)
	}
	return 64 + bits.TrailingZeros64(a.hi)
}

// bitLen returns the number of bits needed to write a, 0 for zero.
func (a u128) bitLen() int {
	if a.hi != 0 {
		return 64 + bits.Len64(a.hi)
	}
	return bits.Len64(a.lo)
}

// lowMask returns 2^k-1 (the k low bits set), for 0 <= k <= 128.
func lowMask(k int) u128 {
	switch {
	case k >= 128:
		return maxU128
	case k >= 64:
		return u128{hi: 1<<(k-64) - 1, lo: ^uint64(0)}
	default:
		return u128{lo: 1<<k - 1}
	}
}

// addrToU128 maps an address to its integer and its family width (32 or
// 128). IPv4-mapped IPv6 addresses stay IPv6: they are a distinct value in a
// policy, and folding them into IPv4 would hide what the author wrote.
func addrToU128(a netip.Addr) (u128, int) {
	if a.Is4() {
		b := a.As4()
		return u128{lo: uint64(binary.BigEndian.Uint32(b[:]))}, 32
	}
	b := a.As16()
	return u128{hi: binary.BigEndian.Uint64(b[:8]), lo: binary.BigEndian.Uint64(b[8:])}, 128
}

// u128ToAddr is the inverse of addrToU128 for the given family width.
func u128ToAddr(u u128, width int) netip.Addr {
	if width == 32 {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(u.lo))
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], u.hi)
	binary.BigEndian.PutUint64(b[8:], u.lo)
	return netip.AddrFrom16(b)
}
