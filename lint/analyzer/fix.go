package analyzer

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/ipset"
	"github.com/apigwlint/apigwlint/lint/position"
)

// A fixer is a rule's safe, mechanical fix of the string value a finding is
// about: it returns the value to write instead, or false when the value is
// not one it can fix.
type fixer struct {
	// message describes the fix; it is given the old and the new value.
	message string
	fix     func(value string) (string, bool)
}

// ruleCIDRHostBits is the rule that reports a CIDR with host bits set
// (invalid-cidr also reports malformed values and bare IPv6 addresses,
// which canonicalCIDR declines to fix).
const ruleCIDRHostBits = "invalid-cidr"

// fixers are keyed by rule name. Adding a fix for a rule is one entry here:
// locating the value in the Go source and writing the edit is done once,
// for every rule, by suggestedFixes and the locators.
var fixers = map[string]fixer{
	ruleCIDRHostBits: {message: "canonicalise %q to %q", fix: canonicalCIDR},
}

// canonicalCIDR clears the host bits of a CIDR such as 203.0.113.7/24. An
// IPv4-mapped IPv6 value keeps its written form: masking may change what
// family it reads as, which is not a mechanical change.
func canonicalCIDR(v string) (string, bool) {
	p, err := ipset.ParseValue(v)
	if err != nil || !p.HostBits || p.Mapped {
		return "", false
	}
	return p.Prefix.String(), true
}

// suggestedFixes returns the fix for a finding, when its rule has a fixer,
// the finding points exactly at a string value, and the source holds that
// value as written.
func suggestedFixes(p *policy, f lint.Finding) []analysis.SuggestedFix {
	fx, ok := fixers[f.Rule.Name]
	if !ok || !f.Exact {
		return nil
	}
	old, ok := position.ValueAt(p.doc.Policy, f.Pointer).(string)
	if !ok {
		return nil
	}
	repl, ok := fx.fix(old)
	if !ok || !plainText(repl) {
		return nil
	}
	edit, ok := p.loc.replace(f, repl)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: fmt.Sprintf(fx.message, old, repl), TextEdits: []analysis.TextEdit{edit}}}
}

// plainText reports whether s can be written inside both a JSON string and
// any Go string literal without escaping.
func plainText(s string) bool {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return false
		}
	}
	return !strings.ContainsAny(s, "\"\\`")
}
