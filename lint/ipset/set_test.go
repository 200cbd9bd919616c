package ipset

import (
	"math/big"
	"net/netip"
	"strings"
	"testing"
)

// parseList builds a set from CIDRs separated by commas or spaces, the
// shape String prints, so tests can read like policies.
func parseList(t testing.TB, list string) Set {
	t.Helper()
	var ps []netip.Prefix
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := ParseValue(f)
		if err != nil {
			t.Fatalf("test set %q: %v", list, err)
		}
		ps = append(ps, p.Prefix)
	}
	return FromPrefixes(ps...)
}

type binaryCase struct{ a, b, want string }

func testBinary(t *testing.T, op func(a, b Set) Set, cases []binaryCase) {
	t.Helper()
	for _, c := range cases {
		got := op(parseList(t, c.a), parseList(t, c.b))
		checkCanonical(t, got)
		if got.String() != c.want {
			t.Errorf("(%s) op (%s) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestUnion(t *testing.T) {
	testBinary(t, Set.Union, []binaryCase{
		{"", "", ""},
		{"10.0.0.0/9", "10.128.0.0/9", "10.0.0.0/8"},
		{"10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8"},
		{"10.0.0.0/8", "", "10.0.0.0/8"},
		{"0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/0"},
		{"1.2.3.4/32", "1.2.3.5/32", "1.2.3.4/31"},
		// Adjacent but not aligned: one range, still two prefixes.
		{"1.2.3.5/32", "1.2.3.6/32", "1.2.3.5/32,1.2.3.6/32"},
		{"1.2.3.5/32,1.2.3.6/32", "1.2.3.4/32,1.2.3.7/32", "1.2.3.4/30"},
		{"10.0.0.0/8", "2001:db8::/32", "10.0.0.0/8,2001:db8::/32"},
		{"2001:db8::/32", "10.0.0.0/8", "10.0.0.0/8,2001:db8::/32"},
		{"::/1", "8000::/1", "::/0"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"},
		// The ends of a family are not adjacent: no wrap-around.
		{"255.255.255.255/32", "0.0.0.0/32", "0.0.0.0/32,255.255.255.255/32"},
		{"::/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::/128,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
		// Nor are the two families: 255.255.255.255 and :: stay apart.
		{"255.255.255.255/32", "::/128", "255.255.255.255/32,::/128"},
		// IPv4-mapped IPv6 is IPv6.
		{"::ffff:10.0.0.0/104", "10.0.0.0/8", "10.0.0.0/8,::ffff:10.0.0.0/104"},
	})
}

func TestIntersect(t *testing.T) {
	testBinary(t, Set.Intersect, []binaryCase{
		{"", "10.0.0.0/8", ""},
		{"10.0.0.0/8", "10.1.0.0/16", "10.1.0.0/16"},
		{"10.0.0.0/8", "11.0.0.0/8", ""},
		{"0.0.0.0/0", "::/0", ""},
		{"10.0.0.0/8,2001:db8::/32", "10.0.0.0/7,2001:db8:1::/48", "10.0.0.0/8,2001:db8:1::/48"},
		{"10.0.0.0/8,12.0.0.0/8", "10.255.255.0/24,11.0.0.0/8,12.0.0.0/24", "10.255.255.0/24,12.0.0.0/24"},
		{"::/0", "::ffff:0:0/96", "::ffff:0.0.0.0/96"},
		{"0.0.0.0/0", "255.255.255.255/32", "255.255.255.255/32"},
	})
}

func TestMinus(t *testing.T) {
	testBinary(t, Set.Minus, []binaryCase{
		{"", "10.0.0.0/8", ""},
		{"10.0.0.0/8", "", "10.0.0.0/8"},
		{"10.0.0.0/8", "10.0.0.0/8", ""},
		{"10.0.0.0/8", "0.0.0.0/0", ""},
		{"10.0.0.0/8", "10.0.0.0/9", "10.128.0.0/9"},
		{"10.0.0.0/8", "10.128.0.0/9", "10.0.0.0/9"},
		{"0.0.0.0/0", "10.0.0.0/8", "0.0.0.0/5,8.0.0.0/7,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1"},
		{
			"192.0.0.0/24", "192.0.0.9/32,192.0.0.10/32",
			"192.0.0.0/29,192.0.0.8/32,192.0.0.11/32,192.0.0.12/30,192.0.0.16/28,192.0.0.32/27,192.0.0.64/26,192.0.0.128/25",
		},
		{
			"1.0.0.0/24", "1.0.0.1/32,1.0.0.3/32",
			"1.0.0.0/32,1.0.0.2/32,1.0.0.4/30,1.0.0.8/29,1.0.0.16/28,1.0.0.32/27,1.0.0.64/26,1.0.0.128/25",
		},
		// One cut spanning two ranges of the left side.
		{"10.0.0.0/8,12.0.0.0/8", "10.128.0.0/9,11.0.0.0/8,12.0.0.0/9", "10.0.0.0/9,12.128.0.0/9"},
		{"10.0.0.0/8", "2001:db8::/32", "10.0.0.0/8"},
		{"2001:db8::/32", "2001:db8::/33", "2001:db8:8000::/33"},
		{"::/0", "::/1", "8000::/1"},
		{"::ffff:10.0.0.0/104", "10.0.0.0/8", "::ffff:10.0.0.0/104"},
	})
}

func TestComplementOfOneAddress(t *testing.T) {
	// Removing one address from either end of a family leaves a range that
	// needs one prefix per bit: the longest possible cover.
	for _, c := range []struct {
		all  Set
		cut  string
		want int
	}{
		{All4(), "0.0.0.0", 32},
		{All4(), "255.255.255.255", 32},
		{All6(), "::", 128},
		{All6(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128},
	} {
		got := c.all.Minus(parseList(t, c.cut))
		ps := got.Prefixes()
		if len(ps) != c.want {
			t.Errorf("all minus %s: %d prefixes, want %d", c.cut, len(ps), c.want)
		}
		if !FromPrefixes(ps...).Union(parseList(t, c.cut)).Equal(c.all) {
			t.Errorf("all minus %s plus %s is not all", c.cut, c.cut)
		}
	}
}

func TestContainsAndOverlaps(t *testing.T) {
	for _, c := range []struct {
		a, b               string
		contains, overlaps bool
	}{
		{"", "", true, false},
		{"10.0.0.0/8", "", true, false},
		{"", "10.0.0.0/8", false, false},
		{"10.0.0.0/8", "10.1.0.0/16", true, true},
		{"10.0.0.0/8", "10.255.255.255/32", true, true},
		{"10.0.0.0/9,10.128.0.0/9", "10.0.0.0/8", true, true},
		{"10.0.0.0/8", "10.0.0.0/7", false, true},
		{"10.0.0.0/8", "11.0.0.0/8", false, false},
		{"10.0.0.0/8,12.0.0.0/8", "10.0.0.0/8,11.0.0.1/32", false, true},
		{"10.0.0.0/8,12.0.0.0/8", "11.0.0.0/8", false, false},
		{"0.0.0.0/0", "::/128", false, false},
		{"0.0.0.0/0", "::ffff:10.0.0.0/104", false, false},
		{"::/0", "::ffff:10.0.0.0/104", true, true},
		{"10.0.0.0/8,2001:db8::/32", "2001:db8:ffff::/48", true, true},
		{"10.0.0.0/8,2001:db8::/32", "10.0.0.1/32,2001:db9::/48", false, true},
	} {
		a, b := parseList(t, c.a), parseList(t, c.b)
		if got := a.Contains(b); got != c.contains {
			t.Errorf("(%s).Contains(%s) = %v, want %v", c.a, c.b, got, c.contains)
		}
		if got := a.Overlaps(b); got != c.overlaps {
			t.Errorf("(%s).Overlaps(%s) = %v, want %v", c.a, c.b, got, c.overlaps)
		}
		if got := b.Overlaps(a); got != c.overlaps {
			t.Errorf("(%s).Overlaps(%s) = %v, want %v", c.b, c.a, got, c.overlaps)
		}
	}
}

func TestContainsAddr(t *testing.T) {
	s := parseList(t, "10.0.0.0/8,192.168.1.0/24,2001:db8::/32,::ffff:172.16.0.0/108")
	for _, c := range []struct {
		addr string
		want bool
	}{
		{"10.0.0.0", true},
		{"10.255.255.255", true},
		{"9.255.255.255", false},
		{"11.0.0.0", false},
		{"192.168.1.77", true},
		{"192.168.2.0", false},
		{"2001:DB8::1", true},
		{"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true},
		{"2001:db9::", false},
		{"2001:db8::1%eth0", true},
		// Mapped addresses are looked up as IPv6, never folded into IPv4.
		{"::ffff:10.0.0.1", false},
		{"::ffff:172.16.0.1", true},
		{"172.16.0.1", false},
	} {
		if got := s.ContainsAddr(netip.MustParseAddr(c.addr)); got != c.want {
			t.Errorf("ContainsAddr(%s) = %v, want %v", c.addr, got, c.want)
		}
	}
	if s.ContainsAddr(netip.Addr{}) {
		t.Error("ContainsAddr(invalid) = true")
	}
	if (Set{}).ContainsAddr(netip.MustParseAddr("10.0.0.1")) {
		t.Error("empty set contains 10.0.0.1")
	}
	top4, top6 := netip.MustParseAddr("255.255.255.255"), netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
	if !All4().ContainsAddr(top4) || !All6().ContainsAddr(top6) || All4().ContainsAddr(top6) || All6().ContainsAddr(top4) {
		t.Error("All4/All6 disagree with their last addresses")
	}
}

func TestSizes(t *testing.T) {
	for _, c := range []struct {
		set, size4, size6 string
	}{
		{"", "0", "0"},
		{"10.0.0.0/8", "16777216", "0"},
		{"10.0.0.0/9,10.128.0.0/9,1.1.1.1/32", "16777217", "0"},
		{"2001:db8::/32", "0", "79228162514264337593543950336"},
		{"0.0.0.0/0,::/0", "4294967296", "340282366920938463463374607431768211456"},
		{"::/128,::2/128", "0", "2"},
	} {
		s := parseList(t, c.set)
		if got := s.Size4().String(); got != c.size4 {
			t.Errorf("(%s).Size4() = %s, want %s", c.set, got, c.size4)
		}
		if got := s.Size6().String(); got != c.size6 {
			t.Errorf("(%s).Size6() = %s, want %s", c.set, got, c.size6)
		}
	}
	if All6().Size6().Cmp(new(big.Int).Lsh(big.NewInt(1), 128)) != 0 {
		t.Errorf("All6 has %v addresses, want 2^128", All6().Size6())
	}
}

func TestFromPrefixesAndString(t *testing.T) {
	pfx := netip.MustParsePrefix
	for _, c := range []struct {
		in   []netip.Prefix
		want string
	}{
		{nil, ""},
		{[]netip.Prefix{{}}, ""},
		{[]netip.Prefix{pfx("2001:db8::/32"), pfx("10.0.0.0/8")}, "10.0.0.0/8,2001:db8::/32"},
		{[]netip.Prefix{pfx("10.0.0.7/24")}, "10.0.0.0/24"},
		{[]netip.Prefix{pfx("10.0.0.0/8"), pfx("10.0.0.0/8"), {}}, "10.0.0.0/8"},
		{[]netip.Prefix{pfx("1.2.3.5/32"), pfx("1.2.3.6/32"), pfx("1.2.3.4/32"), pfx("1.2.3.7/32")}, "1.2.3.4/30"},
		{[]netip.Prefix{pfx("11.0.0.0/8"), pfx("10.0.0.0/8"), pfx("9.0.0.0/8")}, "9.0.0.0/8,10.0.0.0/7"},
		{[]netip.Prefix{pfx("::ffff:1.2.3.4/128")}, "::ffff:1.2.3.4/128"},
	} {
		s := FromPrefixes(c.in...)
		checkCanonical(t, s)
		if got := s.String(); got != c.want {
			t.Errorf("FromPrefixes(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	if ps := (Set{}).Prefixes(); len(ps) != 0 {
		t.Errorf("empty set has prefixes %v", ps)
	}
}

func TestFamiliesAndAll(t *testing.T) {
	s := parseList(t, "10.0.0.0/8,::/0")
	if got := s.V4().String(); got != "10.0.0.0/8" {
		t.Errorf("V4() = %q", got)
	}
	if got := s.V6().String(); got != "::/0" {
		t.Errorf("V6() = %q", got)
	}
	if got := All4().Union(All6()).String(); got != "0.0.0.0/0,::/0" {
		t.Errorf("All4 ∪ All6 = %q", got)
	}
	if !(Set{}).IsEmpty() || parseList(t, "::/128").IsEmpty() || !All4().V6().IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
	if !(Set{}).Equal(All4().Minus(All4())) {
		t.Error("zero Set differs from a computed empty set")
	}
}

func TestOperandsNeverChange(t *testing.T) {
	// Union shares an operand's storage when the other side is empty, so a
	// later operation writing into shared storage would corrupt it.
	a := parseList(t, "10.0.0.0/8,12.0.0.0/8")
	b := a.Union(Set{})
	_ = b.Union(parseList(t, "11.0.0.0/8,13.0.0.0/8"))
	_ = b.Minus(parseList(t, "10.0.0.0/9"))
	_ = b.Intersect(parseList(t, "10.0.0.0/9"))
	if a.String() != "10.0.0.0/8,12.0.0.0/8" || b.String() != a.String() {
		t.Errorf("operand changed: a = %q, b = %q", a, b)
	}
}
