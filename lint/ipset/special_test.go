package ipset

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// names renders ranges as "prefix name" items for readable comparisons.
func names(rs []Range) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Prefix.String() + " " + r.Name
	}
	return strings.Join(parts, "; ")
}

func TestNonPublic(t *testing.T) {
	const (
		reserved = "reserved by IETF (outside 2000::/3)"
		ietf6    = "2001::/23 IETF protocol assignments"
	)
	for _, c := range []struct{ prefix, inside, overlap string }{
		{"10.1.2.0/24", "10.0.0.0/8 private-use", ""},
		{"10.0.0.0/8", "10.0.0.0/8 private-use", ""},
		{"10.0.0.0/7", "", "10.0.0.0/8 private-use"},
		{"8.8.8.8/32", "", ""},
		{"192.0.0.9/32", "", ""},
		{"192.0.0.10/32", "", ""},
		{"192.0.0.8/32", "192.0.0.0/24 IETF protocol assignments", ""},
		// The block itself holds the two public anycast addresses.
		{"192.0.0.0/24", "", "192.0.0.0/24 IETF protocol assignments"},
		{"192.0.0.8/30", "", "192.0.0.0/24 IETF protocol assignments"},
		{"192.0.0.0/29", "192.0.0.0/24 IETF protocol assignments", ""},
		{"192.88.99.0/24", "", ""},
		{"100.64.0.0/10", "100.64.0.0/10 shared address space (carrier-grade NAT)", ""},
		{"100.128.0.0/10", "", ""},
		{"172.31.255.255/32", "172.16.0.0/12 private-use", ""},
		{"172.32.0.0/32", "", ""},
		{"239.1.1.1/32", "224.0.0.0/4 multicast", ""},
		{"255.255.255.255/32", "255.255.255.255/32 limited broadcast; 240.0.0.0/4 reserved", ""},
		{"240.0.0.0/4", "240.0.0.0/4 reserved", "255.255.255.255/32 limited broadcast"},
		{"fd00::/8", "fc00::/7 unique-local", ""},
		{"2001:db8::1/128", "2001:db8::/32 documentation", ""},
		{"2001:DB8::/32", "2001:db8::/32 documentation", ""},
		{"3fff::/20", "3fff::/20 documentation", ""},
		{"2600::/12", "", ""},
		{"2001:1::1/128", "", ""},
		{"2001:1::2/128", "", ""},
		{"2001:1::3/128", ietf6, ""},
		{"2001:3::/32", "", ""},
		{"2001:4:112::/48", "", ""},
		{"2001:20::/28", "", ""},
		{"2001:2::/48", ietf6, ""},
		{"2001::/23", "", ietf6},
		{"2002:c000:0204::/48", "2002::/16 6to4", ""},
		{"::1/128", "::1/128 loopback; ::/8 " + reserved, ""},
		{"::/128", "::/128 unspecified; ::/8 " + reserved, ""},
		{"::ffff:10.0.0.0/104", "::ffff:0.0.0.0/96 IPv4-mapped; ::/8 " + reserved, ""},
		{"64:ff9b::808:808/128", "64:ff9b::/96 IPv4/IPv6 translation (well-known NAT64 prefix); ::/8 " + reserved, ""},
		{"100::/64", "100::/64 discard-only; 100::/8 " + reserved, ""},
		{"4000::/2", "", "4000::/3 " + reserved + "; 6000::/3 " + reserved},
		{"fe80::1/128", "fe80::/10 link-local unicast", ""},
		{"fec0::/10", "fec0::/10 deprecated site-local", ""},
		{"ff02::1/128", "ff00::/8 multicast", ""},
		{"fe00::/9", "fe00::/9 " + reserved, ""},
	} {
		inside, overlap := NonPublic(netip.MustParsePrefix(c.prefix))
		if got := names(inside); got != c.inside {
			t.Errorf("NonPublic(%s) inside = %q, want %q", c.prefix, got, c.inside)
		}
		if got := names(overlap); got != c.overlap {
			t.Errorf("NonPublic(%s) overlap = %q, want %q", c.prefix, got, c.overlap)
		}
	}
}

func TestNonPublicWholeFamilies(t *testing.T) {
	v4 := FromPrefixes(netip.MustParsePrefix("0.0.0.0/0"))
	for _, p := range []string{"0.0.0.0/0", "::/0"} {
		inside, overlap := NonPublic(netip.MustParsePrefix(p))
		if len(inside) != 0 {
			t.Errorf("%s lies inside %s", p, names(inside))
		}
		want := 0
		for _, r := range NonPublicRanges() {
			if FromPrefixes(r.Prefix).Overlaps(v4) == (p == "0.0.0.0/0") {
				want++
			}
		}
		if len(overlap) != want {
			t.Errorf("%s overlaps %d ranges, want all %d of its family", p, len(overlap), want)
		}
	}
	if inside, overlap := NonPublic(netip.Prefix{}); inside != nil || overlap != nil {
		t.Error("invalid prefix reported as non-public")
	}
}

func TestNonPublicSet(t *testing.T) {
	np := NonPublicSet()
	v6 := All6().Minus(np)
	// The practical rule of DOMAIN.md §9.2: a public IPv6 source must be in
	// 2000::/3, so the table must cover everything else.
	if unicast := FromPrefixes(netip.MustParsePrefix("2000::/3")); !unicast.Contains(v6) {
		t.Errorf("public IPv6 outside 2000::/3: %v", v6.Minus(unicast))
	}
	for _, c := range []struct {
		addr   string
		public bool
	}{
		{"8.8.8.8", true},
		{"10.0.0.1", false},
		{"192.0.0.9", true},
		{"192.0.0.170", false},
		{"192.88.99.1", true},
		{"2600::1", true},
		{"2001:1::1", true},
		{"2001:1::3", false},
		{"2001:db8::1", false},
		{"5f00::1", false},
		{"64:ff9b::1", false},
	} {
		if got := !np.ContainsAddr(netip.MustParseAddr(c.addr)); got != c.public {
			t.Errorf("%s public = %v, want %v", c.addr, got, c.public)
		}
	}
}

func TestNonPublicTable(t *testing.T) {
	rs := NonPublicRanges()
	for i, r := range rs {
		if r.Prefix != r.Prefix.Masked() || r.Name == "" || !strings.HasPrefix(r.RFC, "RFC ") {
			t.Errorf("bad table row %+v", r)
		}
		if r.Name != strings.ToLower(r.Name[:1])+r.Name[1:] && !strings.HasPrefix(r.Name, "IETF") && !strings.HasPrefix(r.Name, "IPv") {
			t.Errorf("name %q should start in lower case", r.Name)
		}
		if i > 0 && compareSpecificity(rs[i-1].Prefix, r.Prefix) > 0 {
			t.Errorf("table out of order at %v, %v", rs[i-1].Prefix, r.Prefix)
		}
	}
	if !slices.ContainsFunc(rs, func(r Range) bool {
		return r == Range{Prefix: netip.MustParsePrefix("10.0.0.0/8"), Name: "private-use", RFC: "RFC 1918"}
	}) {
		t.Error("10.0.0.0/8 private-use RFC 1918 missing")
	}
	// The copy is the caller's: changing it must not change the table.
	rs[0].Name = "changed"
	if NonPublicRanges()[0].Name == "changed" {
		t.Error("NonPublicRanges returns the table itself")
	}
}

func TestNAT64PrefixIsSuspectOnly(t *testing.T) {
	t.Parallel()
	inside, _ := NonPublic(netip.MustParsePrefix("64:ff9b::c000:201/128"))
	if len(inside) == 0 || !inside[0].Suspect {
		t.Fatalf("64:ff9b::/96 should be a suspect never-public range, got %v", inside)
	}
	inside, _ = NonPublic(netip.MustParsePrefix("10.0.0.0/8"))
	if len(inside) == 0 || inside[0].Suspect {
		t.Fatalf("10.0.0.0/8 should not be suspect, got %v", inside)
	}
}
