package access

import (
	"bytes"
	"encoding/base64"
	"math/big"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/apigwlint/apigwlint/lint/ipset"
)

// compare compares request value v with one literal policy value p. A
// policy value that does not parse for the operator's family is Maybe (the
// policy is malformed, and what IAM makes of it is not documented); a
// request value that does not parse never matches, as a real request's
// value of another type would not.
func compare(op opInfo, v, p string) Tri {
	switch op.fam {
	case famString:
		return triOf(v == p)
	case famFold:
		return triOf(strings.EqualFold(v, p))
	case famLike:
		return triOf(plainGlob(p).match(v))
	case famNumeric:
		return compareOrdered(op.rel, parseNumber, v, p)
	case famDate:
		return compareOrdered(op.rel, parseDate, v, p)
	case famBool:
		return compareBool(v, p)
	case famBinary:
		return compareBinary(v, p)
	case famIP:
		return compareIP(v, p)
	case famARN:
		return triOf(arnLike(p, v))
	}
	return Maybe
}

// compareOrdered compares two values parsed to exact rationals.
func compareOrdered(rel relation, parse func(string) (*big.Rat, bool), v, p string) Tri {
	pv, ok := parse(p)
	if !ok {
		return Maybe
	}
	rv, ok := parse(v)
	if !ok {
		return No
	}
	c := rv.Cmp(pv)
	switch rel {
	case relLt:
		return triOf(c < 0)
	case relLe:
		return triOf(c <= 0)
	case relGt:
		return triOf(c > 0)
	case relGe:
		return triOf(c >= 0)
	}
	return triOf(c == 0)
}

// parseNumber reads an integer or decimal exactly, so large account-like
// numbers compare without float rounding. Exponents are bounded: 1e999999999
// would make an exact rational of a billion digits.
func parseNumber(s string) (*big.Rat, bool) {
	if s == "" || len(s) > 200 || strings.ContainsAny(s, "/ \t\n_") {
		return nil, false
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp, err := strconv.Atoi(s[i+1:])
		if err != nil || exp < -1000 || exp > 1000 {
			return nil, false
		}
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// dateLayouts are the ISO 8601 (W3C profile) forms IAM date operators take.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
}

// parseDate reads an ISO 8601 date or epoch seconds as seconds since the
// epoch. A string of digits is epoch seconds, never a year.
func parseDate(s string) (*big.Rat, bool) {
	if r, ok := parseNumber(s); ok && !strings.ContainsAny(s, "eE") {
		return r, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			r := new(big.Rat).SetInt64(t.Unix())
			return r.Add(r, big.NewRat(int64(t.Nanosecond()), 1e9)), true
		}
	}
	return nil, false
}

func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

func compareBool(v, p string) Tri {
	pb, ok := parseBool(p)
	if !ok {
		return Maybe
	}
	vb, ok := parseBool(v)
	return triOf(ok && vb == pb)
}

func compareBinary(v, p string) Tri {
	pb, err := base64.StdEncoding.DecodeString(p)
	if err != nil {
		return Maybe
	}
	vb, err := base64.StdEncoding.DecodeString(v)
	return triOf(err == nil && bytes.Equal(vb, pb))
}

// compareIP goes through lint/ipset, so a condition value means exactly
// what the set algebra of Reachable takes it to mean.
func compareIP(v, p string) Tri {
	parsed, err := ipset.ParseValue(p)
	if err != nil {
		return Maybe
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return No
	}
	return triOf(ipset.FromPrefixes(parsed.Prefix).ContainsAddr(a))
}

// arnLike matches ARN v against pattern p part by part (DOMAIN.md §1.4:
// each of the six colon-separated parts separately, case-sensitive). A
// pattern with fewer parts whose last part ends in "*" lets that part run
// over the remaining ones.
func arnLike(p, v string) bool {
	pp := strings.SplitN(p, ":", 6)
	vp := strings.SplitN(v, ":", 6)
	if len(pp) < len(vp) && strings.HasSuffix(pp[len(pp)-1], "*") {
		vp = append(vp[:len(pp)-1], strings.Join(vp[len(pp)-1:], ":"))
	}
	if len(pp) != len(vp) {
		return false
	}
	for i := range pp {
		if !plainGlob(pp[i]).match(vp[i]) {
			return false
		}
	}
	return true
}
