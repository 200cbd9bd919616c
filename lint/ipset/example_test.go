package ipset_test

import (
	"fmt"
	"net/netip"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

// The standard allowlist is "Allow *" plus "Deny NotIpAddress [list]"; a
// second Deny with IpAddress carves addresses back out. What a public
// caller can use is the list minus the deny and minus never-public space.
func ExampleSet_Minus() {
	allow := ipset.FromPrefixes(
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("192.0.2.0/25"),
		netip.MustParsePrefix("10.0.0.0/8"),
	)
	deny := ipset.FromPrefixes(netip.MustParsePrefix("198.51.100.128/26"))
	fmt.Println(allow.Minus(deny))
	fmt.Println(allow.Minus(deny).Minus(ipset.NonPublicSet()).IsEmpty())
	// Output:
	// 10.0.0.0/8,192.0.2.0/25,198.51.100.0/25,198.51.100.192/26
	// true
}

func ExampleParseValue() {
	for _, v := range []string{"203.0.113.7/24", "2001:DB8::1", "::ffff:192.0.2.1/128", "10.0.0.0/33"} {
		p, err := ipset.ParseValue(v)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%v host-bits=%v bare-v6=%v mapped=%v\n", p.Prefix, p.HostBits, p.BareV6, p.Mapped)
	}
	// Output:
	// 203.0.113.0/24 host-bits=true bare-v6=false mapped=false
	// 2001:db8::1/128 host-bits=false bare-v6=true mapped=false
	// ::ffff:192.0.2.1/128 host-bits=false bare-v6=false mapped=true
	// error: "10.0.0.0/33": prefix length 33 is out of range for IPv4 (0-32)
}

func ExampleNonPublic() {
	inside, overlap := ipset.NonPublic(netip.MustParsePrefix("10.0.0.0/7"))
	fmt.Println(len(inside), overlap[0].Prefix, overlap[0].Name, overlap[0].RFC)
	inside, _ = ipset.NonPublic(netip.MustParsePrefix("::1/128"))
	fmt.Println(inside[0].Name)
	// Output:
	// 0 10.0.0.0/8 private-use RFC 1918
	// loopback
}
