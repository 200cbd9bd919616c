package source

import (
	"errors"
	"strings"
	"testing"
)

// goFile lays the literals out as the Go expression l0 + l1 + ... starting
// at offset 10 of a file, and returns the file text and the literals with
// their offsets, as the analyzer hands them over.
func goFile(lits ...string) (string, []GoLiteral) {
	var b strings.Builder
	b.WriteString("const p = ")
	out := make([]GoLiteral, 0, len(lits))
	for i, l := range lits {
		if i > 0 {
			b.WriteString(" +\n\t")
		}
		out = append(out, GoLiteral{Text: l, Offset: b.Len()})
		b.WriteString(l)
	}
	return b.String(), out
}

func TestDecodeGoString(t *testing.T) {
	cases := []struct {
		name  string
		lits  []string
		value string
		// probe is a substring of value; src is the source text its range
		// must map to.
		probe, src string
		verbatim   bool
	}{
		{name: "raw", lits: []string{"`{\"a\": \"*\"}`"}, value: `{"a": "*"}`, probe: `"*"`, src: `"*"`, verbatim: true},
		{name: "raw drops CR", lits: []string{"`a\r\nb`"}, value: "a\nb", probe: "b", src: "b", verbatim: true},
		{name: "escaped quote", lits: []string{`"{\"a\": \"*\"}"`}, value: `{"a": "*"}`, probe: `"*"`, src: `\"*\"`},
		{name: "escaped quote inner", lits: []string{`"{\"a\": \"*\"}"`}, value: `{"a": "*"}`, probe: `*`, src: `*`, verbatim: true},
		{name: "newline", lits: []string{`"{\n\"Version\"}"`}, value: "{\n\"Version\"}", probe: "\n\"V", src: `\n\"V`},
		{name: "unicode escape", lits: []string{`"caf\u00e9 ok"`}, value: "café ok", probe: "é", src: `\u00e9`},
		{name: "unicode escape tail", lits: []string{`"caf\u00e9 ok"`}, value: "café ok", probe: " ok", src: " ok", verbatim: true},
		{name: "literal utf-8", lits: []string{`"café ok"`}, value: "café ok", probe: "é", src: "é", verbatim: true},
		{name: "hex", lits: []string{`"\x41BC"`}, value: "ABC", probe: "AB", src: `\x41B`},
		{name: "octal", lits: []string{`"x\101y"`}, value: "xAy", probe: "Ay", src: `\101y`},
		{name: "big U", lits: []string{`"\U0001F600!"`}, value: "\U0001F600!", probe: "!", src: "!", verbatim: true},
		{
			name: "concatenation", lits: []string{"`{\"Resource\": `", `"\"arn:*\""`, "`}`"},
			value: `{"Resource": "arn:*"}`, probe: `"arn:*"`, src: `\"arn:*\"`,
		},
		{
			name: "across literals", lits: []string{`"0.0.0."`, "`0/8`"},
			value: "0.0.0.0/8", probe: ".0/", src: ".\"" + " +\n\t`0/",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file, lits := goFile(c.lits...)
			s, err := DecodeGoString(lits...)
			if err != nil {
				t.Fatal(err)
			}
			if s.Value != c.value {
				t.Fatalf("value = %q, want %q", s.Value, c.value)
			}
			i := strings.Index(s.Value, c.probe)
			if i < 0 {
				t.Fatalf("probe %q not in value", c.probe)
			}
			start, end := s.Range(i, i+len(c.probe))
			if got := file[start:end]; got != c.src {
				t.Errorf("Range(%q) = %q, want %q", c.probe, got, c.src)
			}
			if got := s.Verbatim(i, i+len(c.probe)); got != c.verbatim {
				t.Errorf("Verbatim(%q) = %v, want %v", c.probe, got, c.verbatim)
			}
			if got := s.Remap()(i); got != start {
				t.Errorf("Remap(%d) = %d, want %d", i, got, start)
			}
		})
	}
}

func TestGoStringRemap(t *testing.T) {
	lit := `"{\"Effect\": \"Allow\"}"`
	v, remap, err := GoStringRemap(lit)
	if err != nil {
		t.Fatal(err)
	}
	if v != `{"Effect": "Allow"}` {
		t.Fatalf("value = %q", v)
	}
	i := strings.Index(v, "Allow")
	if got := lit[remap(i):]; !strings.HasPrefix(got, "Allow") {
		t.Errorf("remap(%d) points at %q, want Allow...", i, got)
	}
	// Past the end: the closing quote, where "unexpected end" belongs.
	if got := remap(len(v)); got != len(lit)-1 {
		t.Errorf("remap(end) = %d, want %d", got, len(lit)-1)
	}
}

func TestDecodeGoStringErrors(t *testing.T) {
	for _, lit := range []string{``, `"`, `'a'`, `"abc`, `"\q"`, "`abc"} {
		if _, err := DecodeGoString(GoLiteral{Text: lit}); !errors.Is(err, ErrNotGoString) {
			t.Errorf("DecodeGoString(%q) error = %v, want ErrNotGoString", lit, err)
		}
	}
}

func TestDecodeGoStringEmpty(t *testing.T) {
	s, err := DecodeGoString(GoLiteral{Text: `""`, Offset: 5})
	if err != nil {
		t.Fatal(err)
	}
	if start, end := s.Range(0, 0); start != 7 || end != 7 {
		t.Errorf("Range of empty value = [%d, %d), want [7, 7)", start, end)
	}
	if s.Verbatim(0, 0) {
		t.Error("an empty range is not verbatim")
	}
}

// TestPolicyFromGoString runs a policy written as an escaped Go string
// through the JSON decoder and back: the resource's span must land on the
// escaped source text.
func TestPolicyFromGoString(t *testing.T) {
	file, lits := goFile(`"{\"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\"}]}"`)
	s, err := DecodeGoString(lits...)
	if err != nil {
		t.Fatal(err)
	}
	doc := PolicyFromText("x.go", []byte(s.Value), FormatGo, Target{Kind: KindREST})
	if doc.Policy == nil || len(doc.Problems) > 0 {
		t.Fatalf("policy did not decode: %v", doc.Problems)
	}
	span, exact := doc.Index.Resolve("/Statement/0/Resource", false)
	if !exact {
		t.Fatal("resource not indexed")
	}
	start, end := s.Range(span.Start.Offset, span.End.Offset)
	if got := file[start:end]; got != `\"*\"` {
		t.Errorf("resource maps to %q, want %q", got, `\"*\"`)
	}
	key, _ := doc.Index.Resolve("/Statement/0/Resource", true)
	start, end = s.Range(key.Start.Offset, key.End.Offset)
	if got := file[start:end]; got != `\"Resource\"` {
		t.Errorf("resource key maps to %q", got)
	}
}

func TestPolicyFromTextSyntaxError(t *testing.T) {
	doc := PolicyFromText("x.go", []byte(`{"Statement": [}`), FormatGo, Target{Kind: KindREST})
	if doc.Policy != nil || len(doc.Problems) != 1 || doc.Problems[0].Rule != "invalid-json" {
		t.Fatalf("got policy %v, problems %v; want one invalid-json problem", doc.Policy, doc.Problems)
	}
	if doc.Target.Kind != KindREST {
		t.Errorf("target kind = %q, want it kept", doc.Target.Kind)
	}
	span, _ := doc.Index.Resolve("", false)
	if span.Start.Offset != 15 {
		t.Errorf("error at offset %d, want 15 (the stray '}')", span.Start.Offset)
	}
}

func TestPolicyFromTextDuplicates(t *testing.T) {
	doc := PolicyFromText("x.go", []byte(`{"Statement": [], "Statement": [{"Effect": "Allow"}]}`), FormatGo, Target{})
	if len(doc.Problems) != 1 || doc.Problems[0].Rule != "duplicate-key" {
		t.Fatalf("problems = %v, want one duplicate-key", doc.Problems)
	}
}
