package analyzer

import (
	"go/ast"
	"go/token"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

func TestCanonicalCIDR(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"203.0.113.7/24", "203.0.113.0/24", true},
		{"2001:db8::1/64", "2001:db8::/64", true},
		{"203.0.113.0/24", "", false}, // already canonical
		{"203.0.113.7", "", false},    // an address, not a range
		{"::ffff:10.1.2.3/104", "", false},
		{"not an ip", "", false},
	}
	for _, c := range cases {
		got, ok := canonicalCIDR(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("canonicalCIDR(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestFixInGoString checks the edit a host-bits finding gets in a policy
// written as Go string literals: it must replace exactly the CIDR's
// characters, however the literal quotes the JSON around them.
func TestFixInGoString(t *testing.T) {
	cases := []struct{ name, lit, want string }{
		{
			"raw", "`" + `{"Statement": [{"Condition": {"IpAddress": {"aws:SourceIp": "10.1.2.3/8"}}}]}` + "`",
			"`" + `{"Statement": [{"Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}` + "`",
		},
		{
			"escaped", `"{\"Statement\": [{\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.1.2.3/8\"}}}]}"`,
			`"{\"Statement\": [{\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}]}"`,
		},
		{"escape inside", `"{\"Statement\": [{\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.1.2.\u0033/8\"}}}]}"`, ""},
	}
	const ptr = "/Statement/0/Condition/IpAddress/aws:SourceIp"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gs, err := source.DecodeGoString(source.GoLiteral{Text: c.lit, Offset: 0})
			if err != nil {
				t.Fatal(err)
			}
			doc := source.PolicyFromText("x.go", []byte(gs.Value), source.FormatGo, source.Target{})
			span, exact := doc.Index.Resolve(ptr, false)
			f := lint.Finding{Rule: &lint.Rule{Name: ruleCIDRHostBits}, Exact: exact, Pointer: ptr, Span: span}
			fixes := suggestedFixes(&policy{doc: doc, loc: literalLocator{s: gs}}, f)
			if c.want == "" {
				if len(fixes) != 0 {
					t.Fatalf("got a fix %v for a value written with an escape", fixes)
				}
				return
			}
			if len(fixes) != 1 || len(fixes[0].TextEdits) != 1 {
				t.Fatalf("fixes = %v, want one edit", fixes)
			}
			e := fixes[0].TextEdits[0]
			got := c.lit[:e.Pos] + string(e.NewText) + c.lit[e.End:]
			if got != c.want {
				t.Errorf("fixed literal:\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestFixInCDK checks that a CDK value written as a literal is replaced as
// a whole Go literal.
func TestFixInCDK(t *testing.T) {
	lit := &ast.BasicLit{ValuePos: token.Pos(100), Kind: token.STRING, Value: `"10.1.2.3/8"`}
	loc := synthLocator{nodes: []ast.Node{lit}, lits: map[string]*ast.BasicLit{"/x": lit}}
	e, ok := loc.replace(lint.Finding{Pointer: "/x"}, "10.0.0.0/8")
	if !ok || e.Pos != 100 || e.End != lit.End() || string(e.NewText) != `"10.0.0.0/8"` {
		t.Errorf("replace = %+v, %v", e, ok)
	}
	if _, ok := loc.replace(lint.Finding{Pointer: "/y"}, "x"); ok {
		t.Error("a value not written as a literal got an edit")
	}
}

func TestNoFixWithoutFixer(t *testing.T) {
	f := lint.Finding{Rule: &lint.Rule{Name: "wildcard-resource"}, Exact: true}
	if got := suggestedFixes(&policy{}, f); got != nil {
		t.Errorf("got fixes %v for a rule without a fixer", got)
	}
}
