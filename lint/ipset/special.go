package ipset

import (
	"cmp"
	"net/netip"
	"slices"
)

// Range is a special-purpose address block, from the IANA special-purpose
// and IPv6 address-space registries, that can never be a public
// aws:SourceIp: API Gateway sees the caller's public, post-NAT address, so
// a condition value inside such a block never matches.
type Range struct {
	// Prefix is the block as its registry lists it. Globally reachable
	// exceptions inside it (192.0.0.9/32, 2001:1::1/128, …) are not part
	// of the range when NonPublic tests a prefix against it.
	Prefix netip.Prefix
	// Name is the registry's name in lower case, e.g. "private-use".
	Name string
	// RFC names the defining document, e.g. "RFC 1918".
	RFC string
	// Suspect marks a block that is globally reachable but still never the
	// source address API Gateway sees (the NAT64 prefix): worth a warning,
	// not an error, because the registry calls it reachable (DOMAIN.md §9.2).
	Suspect bool
}

// special is a table entry: the reported Range and the exact addresses it
// stands for once its globally reachable exceptions are cut out.
type special struct {
	Range
	set Set
}

// nonPublic is the table, most specific block first, so that the first
// entry NonPublic reports is the most precise name for a prefix.
var nonPublic = buildTable()

// nonPublicAll is the union of the table, so that NonPublic settles a
// public prefix, which is most prefixes, with one test instead of one per
// table entry.
var nonPublicAll = NonPublicSet()

// NonPublic returns the never-public ranges that the prefix p lies entirely
// inside and those it only partly overlaps, each list most specific block
// first. A public prefix gets two empty lists, and so does an invalid one.
// Very wide prefixes such as 0.0.0.0/0 overlap many ranges; the answer is
// still exact, and callers decide whether it is worth reporting.
func NonPublic(p netip.Prefix) (inside, overlap []Range) {
	r, width, ok := prefixSpan(p)
	if !ok {
		return nil, nil
	}
	one := []span{r}
	all := nonPublicAll.v6
	if width == 32 {
		all = nonPublicAll.v4
	}
	if !overlaps(all, one) {
		return nil, nil
	}
	for _, e := range nonPublic {
		rs := e.set.v6
		if width == 32 {
			rs = e.set.v4
		}
		switch {
		case contains(rs, one):
			inside = append(inside, e.Range)
		case overlaps(rs, one):
			overlap = append(overlap, e.Range)
		}
	}
	return inside, overlap
}

// NonPublicRanges returns a copy of the table NonPublic consults, most
// specific block first, for documentation and rule messages.
func NonPublicRanges() []Range {
	out := make([]Range, len(nonPublic))
	for i, e := range nonPublic {
		out[i] = e.Range
	}
	return out
}

// NonPublicSet returns every address that can never be a public
// aws:SourceIp, exceptions excluded: a policy's allowlist minus this set is
// what can actually match a public caller.
func NonPublicSet() Set {
	var s Set
	for _, e := range nonPublic {
		s = s.Union(e.set)
	}
	return s
}

// entry is one row of the source table below.
type entry struct {
	cidr, name, rfc string
	except          []string
	suspect         bool
}

// reservedV6 is "Reserved by IETF" space outside 2000::/3 from the IANA
// IPv6 Address Space registry. Together with the other entries it covers
// all of ::/0 outside 2000::/3, where no public unicast address is assigned.
var reservedV6 = []string{
	"::/8", "100::/8", "200::/7", "400::/6", "800::/5", "1000::/4",
	"4000::/3", "6000::/3", "8000::/3", "a000::/3", "c000::/3",
	"e000::/4", "f000::/5", "f800::/6", "fe00::/9",
}

// specialEntries is the table of DOMAIN.md §9.1 (IANA IPv4 Special-Purpose
// Address Registry, "not globally reachable") and §9.2 (its IPv6 twin plus
// the IPv6 Address Space registry), with the globally reachable exceptions
// listed there. AS112, AMT and the 6to4 relay anycast (192.88.99.0/24) are
// globally reachable, so they are deliberately absent.
func specialEntries() []entry {
	es := []entry{
		{cidr: "0.0.0.0/8", name: "this network", rfc: "RFC 791, RFC 1122"},
		{cidr: "10.0.0.0/8", name: "private-use", rfc: "RFC 1918"},
		{cidr: "100.64.0.0/10", name: "shared address space (carrier-grade NAT)", rfc: "RFC 6598"},
		{cidr: "127.0.0.0/8", name: "loopback", rfc: "RFC 1122"},
		{cidr: "169.254.0.0/16", name: "link-local", rfc: "RFC 3927"},
		{cidr: "172.16.0.0/12", name: "private-use", rfc: "RFC 1918"},
		{
			cidr: "192.0.0.0/24", name: "IETF protocol assignments", rfc: "RFC 6890",
			// PCP anycast (RFC 7723) and TURN anycast (RFC 8155).
			except: []string{"192.0.0.9/32", "192.0.0.10/32"},
		},
		{cidr: "192.0.2.0/24", name: "documentation (TEST-NET-1)", rfc: "RFC 5737"},
		{cidr: "192.168.0.0/16", name: "private-use", rfc: "RFC 1918"},
		{cidr: "198.18.0.0/15", name: "benchmarking", rfc: "RFC 2544"},
		{cidr: "198.51.100.0/24", name: "documentation (TEST-NET-2)", rfc: "RFC 5737"},
		{cidr: "203.0.113.0/24", name: "documentation (TEST-NET-3)", rfc: "RFC 5737"},
		{cidr: "224.0.0.0/4", name: "multicast", rfc: "RFC 5771"},
		{cidr: "240.0.0.0/4", name: "reserved", rfc: "RFC 1112"},
		{cidr: "255.255.255.255/32", name: "limited broadcast", rfc: "RFC 919, RFC 8190"},

		{cidr: "::/128", name: "unspecified", rfc: "RFC 4291"},
		{cidr: "::1/128", name: "loopback", rfc: "RFC 4291"},
		{cidr: "::ffff:0:0/96", name: "IPv4-mapped", rfc: "RFC 4291"},
		// The well-known NAT64 prefix is globally reachable, but it is the
		// translator's destination side: a NAT64 client reaches the API from
		// the translator's IPv4 address, so it never appears as a source.
		{cidr: "64:ff9b::/96", name: "IPv4/IPv6 translation (well-known NAT64 prefix)", rfc: "RFC 6052", suspect: true},
		{cidr: "64:ff9b:1::/48", name: "local-use IPv4/IPv6 translation", rfc: "RFC 8215"},
		{cidr: "100::/64", name: "discard-only", rfc: "RFC 6666"},
		{
			cidr: "2001::/23", name: "IETF protocol assignments", rfc: "RFC 2928",
			// PCP and TURN anycast, AMT, AS112-v6, ORCHIDv2 and DRIP DETs.
			except: []string{
				"2001:1::1/128", "2001:1::2/128", "2001:3::/32",
				"2001:4:112::/48", "2001:20::/28", "2001:30::/28",
			},
		},
		{cidr: "2001:db8::/32", name: "documentation", rfc: "RFC 3849"},
		{cidr: "2002::/16", name: "6to4", rfc: "RFC 3056"},
		{cidr: "3fff::/20", name: "documentation", rfc: "RFC 9637"},
		{cidr: "fc00::/7", name: "unique-local", rfc: "RFC 4193"},
		{cidr: "fe80::/10", name: "link-local unicast", rfc: "RFC 4291"},
		{cidr: "fec0::/10", name: "deprecated site-local", rfc: "RFC 3879"},
		{cidr: "ff00::/8", name: "multicast", rfc: "RFC 4291"},
	}
	for _, c := range reservedV6 {
		es = append(es, entry{cidr: c, name: "reserved by IETF (outside 2000::/3)", rfc: "RFC 4291"})
	}
	return es
}

func buildTable() []special {
	var t []special
	for _, e := range specialEntries() {
		p := netip.MustParsePrefix(e.cidr)
		except := make([]netip.Prefix, len(e.except))
		for i, c := range e.except {
			except[i] = netip.MustParsePrefix(c)
		}
		set := FromPrefixes(p).Minus(FromPrefixes(except...))
		t = append(t, special{Range: Range{Prefix: p, Name: e.name, RFC: e.rfc, Suspect: e.suspect}, set: set})
	}
	slices.SortStableFunc(t, func(a, b special) int { return compareSpecificity(a.Prefix, b.Prefix) })
	return t
}

// compareSpecificity orders IPv4 before IPv6, then longer prefixes first,
// then by address, so callers can take the first match as the best name.
func compareSpecificity(a, b netip.Prefix) int {
	if c := cmp.Compare(a.Addr().BitLen(), b.Addr().BitLen()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Bits(), a.Bits()); c != 0 {
		return c
	}
	return a.Addr().Compare(b.Addr())
}
