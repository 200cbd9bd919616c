package ipset

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Seeds live in testdata/fuzz/<Target>/; `go test` runs them as unit tests.

func FuzzParseValue(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseValue(s)
		if err != nil {
			checkParseError(t, s, got, err)
			return
		}
		p := got.Prefix
		if !p.IsValid() || p != p.Masked() {
			t.Fatalf("ParseValue(%q) = %v: not a valid masked prefix", s, p)
		}
		hasBits := strings.Contains(s, "/")
		if got.BareV6 != (!hasBits && p.Addr().Is6()) {
			t.Fatalf("ParseValue(%q) = %+v: BareV6 disagrees with the value", s, got)
		}
		// Whatever netip accepts of the same text must mean the same network,
		// and the flags must describe the address as written.
		if hasBits {
			want, err := netip.ParsePrefix(s)
			if err != nil || want.Masked() != p || got.HostBits != (want != want.Masked()) || got.Mapped != want.Addr().Is4In6() {
				t.Fatalf("ParseValue(%q) = %+v, netip.ParsePrefix = %v, %v", s, got, want, err)
			}
		} else if a, err := netip.ParseAddr(s); err != nil || a != p.Addr() || got.HostBits || got.Mapped != a.Is4In6() {
			t.Fatalf("ParseValue(%q) = %+v, netip.ParseAddr = %v, %v", s, got, a, err)
		}
		// The canonical text parses back to itself with nothing to warn about.
		again, err := ParseValue(p.String())
		if err != nil || again != (Parsed{Prefix: p, Mapped: p.Addr().Is4In6()}) {
			t.Fatalf("ParseValue(%q) = %+v, reparsed %q = %+v, %v", s, got, p, again, err)
		}
		if !FromPrefixes(p).ContainsAddr(p.Addr()) {
			t.Fatalf("set of %v lacks its own address", p)
		}
	})
}

// checkParseError checks the error contract: no partial result, and a
// message that quotes the value and goes on in lower case.
func checkParseError(t *testing.T, s string, got Parsed, err error) {
	t.Helper()
	if got != (Parsed{}) {
		t.Fatalf("ParseValue(%q) returned %+v with error %v", s, got, err)
	}
	rest, ok := strings.CutPrefix(err.Error(), strconv.Quote(s)+": ")
	if !ok {
		t.Fatalf("ParseValue(%q) error %q does not start with the quoted value", s, err)
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsLower(r) {
		t.Fatalf("ParseValue(%q) error %q is not lower case", s, err)
	}
}

func FuzzSetAlgebra(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pa, pb := fuzzPrefixes(data)
		a, b := FromPrefixes(pa...), FromPrefixes(pb...)
		checkCanonical(t, a)
		checkCanonical(t, b)
		checkIdentities(t, a, b)
		ra, rb := refFromPrefixes(pa), refFromPrefixes(pb)
		if !refEqual(toRef(a), ra) || !refEqual(toRef(b), rb) {
			t.Fatalf("FromPrefixes(%v) = %v, reference %v", pa, toRef(a), ra)
		}
		checkOps(t, a, b, ra, rb)
		checkPrefixes(t, a, ra)
		probes := make([]netip.Addr, len(pb))
		for i, p := range pb {
			probes[i] = p.Addr()
		}
		checkContainsAddr(t, a, ra, probes)
	})
}

// maxFuzzPrefixes bounds the work per input; the reference is quadratic.
const maxFuzzPrefixes = 48

// fuzzPrefixes decodes data as records of a flags byte (bit 0 picks set b,
// bit 1 picks IPv6), a prefix-length byte taken modulo the family width+1,
// and the address bytes, zero-filled when data runs out.
func fuzzPrefixes(data []byte) (pa, pb []netip.Prefix) {
	for len(data) >= 2 && len(pa)+len(pb) < maxFuzzPrefixes {
		flags, length := data[0], int(data[1])
		data = data[2:]
		var raw [16]byte
		n := 4
		if flags&2 != 0 {
			n = 16
		}
		data = data[copy(raw[:n], data):]
		addr := netip.AddrFrom16(raw)
		if n == 4 {
			addr = netip.AddrFrom4([4]byte(raw[:4]))
		}
		p := netip.PrefixFrom(addr, length%(n*8+1))
		if flags&1 == 0 {
			pa = append(pa, p)
		} else {
			pb = append(pb, p)
		}
	}
	return pa, pb
}
