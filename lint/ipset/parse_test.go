package ipset

import (
	"strings"
	"testing"
	"unicode"
)

func TestParseValue(t *testing.T) {
	for _, c := range []struct {
		in, want                 string
		hostBits, bareV6, mapped bool
	}{
		{in: "203.0.113.0/24", want: "203.0.113.0/24"},
		{in: "203.0.113.7/24", want: "203.0.113.0/24", hostBits: true},
		{in: "255.255.255.255/0", want: "0.0.0.0/0", hostBits: true},
		{in: "203.0.113.7", want: "203.0.113.7/32"},
		{in: "203.0.113.7/32", want: "203.0.113.7/32"},
		{in: "0.0.0.0/0", want: "0.0.0.0/0"},
		{in: "2001:DB8:1234:5678::/64", want: "2001:db8:1234:5678::/64"},
		{in: "2001:db8::1/64", want: "2001:db8::/64", hostBits: true},
		{in: "2001:DB8::1/128", want: "2001:db8::1/128"},
		{in: "2001:0db8:0000:0000:0000:0000:0000:0001/128", want: "2001:db8::1/128"},
		{in: "2001:db8::1", want: "2001:db8::1/128", bareV6: true},
		{in: "::", want: "::/128", bareV6: true},
		{in: "::1", want: "::1/128", bareV6: true},
		{in: "::/0", want: "::/0"},
		{in: "FE80::/10", want: "fe80::/10"},
		{in: "::ffff:1.2.3.4", want: "::ffff:1.2.3.4/128", bareV6: true, mapped: true},
		{in: "::ffff:1.2.3.4/128", want: "::ffff:1.2.3.4/128", mapped: true},
		{in: "::FFFF:10.0.0.0/104", want: "::ffff:10.0.0.0/104", mapped: true},
		{in: "::ffff:102:304/128", want: "::ffff:1.2.3.4/128", mapped: true},
		{in: "::ffff:10.1.2.3/104", want: "::ffff:10.0.0.0/104", hostBits: true, mapped: true},
		// Mapped describes the written form, even when masking leaves ::ffff:0:0/96.
		{in: "::FFFF:0.0.0.0/0", want: "::/0", hostBits: true, mapped: true},
		// IPv4-compatible (deprecated) is not IPv4-mapped.
		{in: "::1.2.3.4/128", want: "::102:304/128"},
	} {
		got, err := ParseValue(c.in)
		if err != nil {
			t.Errorf("ParseValue(%q): %v", c.in, err)
			continue
		}
		if got.Prefix.String() != c.want || got.HostBits != c.hostBits || got.BareV6 != c.bareV6 || got.Mapped != c.mapped {
			t.Errorf("ParseValue(%q) = %v host=%v bare6=%v mapped=%v, want %s host=%v bare6=%v mapped=%v",
				c.in, got.Prefix, got.HostBits, got.BareV6, got.Mapped, c.want, c.hostBits, c.bareV6, c.mapped)
		}
	}
}

func TestParseValueErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `"": empty value`},
		{" 10.0.0.0/8", `" 10.0.0.0/8": contains whitespace`},
		{"10.0.0.0/8 ", `"10.0.0.0/8 ": contains whitespace`},
		{"10.0.0.0 /8", `"10.0.0.0 /8": contains whitespace`},
		{"10.0.0.0/8\n", `"10.0.0.0/8\n": contains whitespace`},
		{"\t", `"\t": contains whitespace`},
		{"10.0.0.0/33", `"10.0.0.0/33": prefix length 33 is out of range for IPv4 (0-32)`},
		{"2001:db8::/129", `"2001:db8::/129": prefix length 129 is out of range for IPv6 (0-128)`},
		{"10.0.0.0/-1", `"10.0.0.0/-1": prefix length -1 is out of range for IPv4 (0-32)`},
		{"::/-0", `"::/-0": prefix length -0 is out of range for IPv6 (0-128)`},
		{"10.0.0.0/99999999999999999999", `"10.0.0.0/99999999999999999999": prefix length 99999999999999999999 is out of range for IPv4 (0-32)`},
		{"::ffff:1.2.3.4/129", `"::ffff:1.2.3.4/129": prefix length 129 is out of range for IPv6 (0-128)`},
		{"10.0.0.0/", `"10.0.0.0/": missing prefix length after "/"`},
		{"10.0.0.0/8/8", `"10.0.0.0/8/8": prefix length "8/8" is not a decimal number`},
		{"10.0.0.0/+8", `"10.0.0.0/+8": prefix length "+8" is not a decimal number`},
		{"10.0.0.0/0x8", `"10.0.0.0/0x8": prefix length "0x8" is not a decimal number`},
		{"10.0.0.0/8a", `"10.0.0.0/8a": prefix length "8a" is not a decimal number`},
		{"10.0.0.0/-", `"10.0.0.0/-": prefix length "-" is not a decimal number`},
		{"10.0.0.0/08", `"10.0.0.0/08": prefix length "08" has a leading zero`},
		{"fe80::1%eth0/64", `"fe80::1%eth0/64": zone index "eth0" is not allowed`},
		{"garbage", `"garbage": invalid IP address "garbage": unable to parse IP`},
		{"/24", `"/24": invalid IP address "": unable to parse IP`},
		{"10.0.0.256/8", `"10.0.0.256/8": invalid IP address "10.0.0.256"`},
		{"010.0.0.0/8", `"010.0.0.0/8": invalid IP address "010.0.0.0"`},
		{"10.0.0/24", `"10.0.0/24": invalid IP address "10.0.0"`},
		{"2001:db8::g/64", `"2001:db8::g/64": invalid IP address "2001:db8::g"`},
		{"1.2.3.4:80", `"1.2.3.4:80": invalid IP address "1.2.3.4:80"`},
		{"[2001:db8::1]", `"[2001:db8::1]": invalid IP address "[2001:db8::1]"`},
		{"*", `"*": invalid IP address "*"`},
		{"${aws:SourceIp}", `"${aws:SourceIp}": invalid IP address "${aws:SourceIp}"`},
	} {
		_, err := ParseValue(c.in)
		if err == nil {
			t.Errorf("ParseValue(%q) succeeded, want error %s", c.in, c.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("ParseValue(%q) error\n got %s\nwant %s", c.in, err, c.want)
		}
	}
}

// hasSpace must agree with unicode.IsSpace on every rune, wherever it sits.
func TestHasSpace(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= 0x3100; r++ {
		for _, s := range []string{string(r), "10.0.0.1" + string(r), string(r) + "/24", "é" + string(r)} {
			if got, want := hasSpace(s), strings.IndexFunc(s, unicode.IsSpace) >= 0; got != want {
				t.Fatalf("hasSpace(%q) = %v, want %v", s, got, want)
			}
		}
	}
}
