package ipset

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parsed is one IAM IP condition value as read by ParseValue: the canonical
// prefix it denotes, plus the written forms whose meaning in IAM is not
// documented and that a linter should therefore point out.
type Parsed struct {
	// Prefix is the masked network: host bits cleared, a bare IPv4
	// address widened to /32 and a bare IPv6 address to /128.
	Prefix netip.Prefix
	// HostBits is set when bits below the prefix length were set, as in
	// 203.0.113.7/24; Prefix then holds the masked network 203.0.113.0/24.
	HostBits bool
	// BareV6 is set for an IPv6 address without a prefix length. AWS only
	// documents the /32 default for IPv4, so the /128 reading is a guess.
	BareV6 bool
	// Mapped is set when the address was written IPv4-mapped, such as
	// ::ffff:1.2.3.4. It describes the written form: with a length under
	// 96 the masked Prefix may leave ::ffff:0:0/96 (::ffff:0.0.0.0/0 is
	// ::/0). The value stays IPv6 and is never folded into IPv4.
	Mapped bool
}

// ParseValue parses one value of an IpAddress or NotIpAddress condition:
// a CIDR ("203.0.113.0/24", "2001:DB8::/32") or a bare address. IPv6 may
// use :: compression and upper-case hex. It returns an error for anything
// else: an empty value, whitespace, a malformed address, a zone index, or a
// prefix length that is not a plain decimal in range for the family.
// Error messages are lower case and start with the quoted value.
func ParseValue(s string) (Parsed, error) {
	if s == "" {
		return Parsed{}, fmt.Errorf("%q: empty value", s)
	}
	// IAM compares the value as written; a stray space is a policy bug,
	// not formatting to forgive.
	if hasSpace(s) {
		return Parsed{}, fmt.Errorf("%q: contains whitespace", s)
	}
	addrText, bitsText, hasBits := strings.Cut(s, "/")
	addr, err := parseAddr(s, addrText)
	if err != nil {
		return Parsed{}, err
	}
	bits := addr.BitLen()
	if hasBits {
		if bits, err = parseBits(s, bitsText, addr); err != nil {
			return Parsed{}, err
		}
	}
	p := netip.PrefixFrom(addr, bits).Masked()
	return Parsed{
		Prefix:   p,
		HostBits: p.Addr() != addr,
		BareV6:   !hasBits && addr.Is6(),
		Mapped:   addr.Is4In6(),
	}, nil
}

// hasSpace is strings.IndexFunc(s, unicode.IsSpace) >= 0, with a byte loop
// for the ASCII that addresses are written in: the rune-by-rune call was
// half the cost of parsing a value, and every policy names dozens.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.IndexFunc(s[i:], unicode.IsSpace) >= 0
		case c == ' ' || ('\t' <= c && c <= '\r'):
			return true
		}
	}
	return false
}

// parseAddr parses the address part of value, keeping netip's reason but
// not its Go-flavoured "ParseAddr(...)" wrapper.
func parseAddr(value, text string) (netip.Addr, error) {
	addr, err := netip.ParseAddr(text)
	if err != nil {
		msg := err.Error()
		if rest, ok := strings.CutPrefix(msg, "ParseAddr("+strconv.Quote(text)+"): "); ok {
			msg = rest
		}
		return netip.Addr{}, fmt.Errorf("%q: invalid IP address %q: %s", value, text, msg)
	}
	if addr.Zone() != "" {
		// A zone names a local interface; it has no meaning in a policy.
		return netip.Addr{}, fmt.Errorf("%q: zone index %q is not allowed", value, addr.Zone())
	}
	return addr, nil
}

// parseBits parses the prefix length of value for addr's family.
func parseBits(value, text string, addr netip.Addr) (int, error) {
	family, limit := "IPv4", 32
	if addr.Is6() {
		family, limit = "IPv6", 128
	}
	if text == "" {
		return 0, fmt.Errorf("%q: missing prefix length after \"/\"", value)
	}
	digits := strings.TrimPrefix(text, "-")
	if digits == "" || strings.ContainsFunc(digits, notDigit) {
		return 0, fmt.Errorf("%q: prefix length %q is not a decimal number", value, text)
	}
	n, err := strconv.Atoi(text)
	// Atoi fails here only on overflow, which is out of range as well.
	if err != nil || n < 0 || n > limit || digits != text {
		return 0, fmt.Errorf("%q: prefix length %s is out of range for %s (0-%d)", value, text, family, limit)
	}
	if len(digits) > 1 && digits[0] == '0' {
		return 0, fmt.Errorf("%q: prefix length %q has a leading zero", value, text)
	}
	return n, nil
}

func notDigit(r rune) bool { return r < '0' || r > '9' }
