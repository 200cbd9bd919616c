package source

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// at returns the line:col where the value (or key) at ptr starts.
func at(t *testing.T, doc *Document, ptr string, onKey bool) string {
	t.Helper()
	span, exact := doc.Index.Resolve(ptr, onKey)
	if !exact {
		t.Fatalf("pointer %q is not indexed", ptr)
	}
	return span.Start.String()
}

func extractOne(t *testing.T, src string) *Document {
	t.Helper()
	docs, ok := Extract("p.json", []byte(src), false)
	if !ok || len(docs) != 1 {
		t.Fatalf("Extract found %d documents (ok=%v), want 1", len(docs), ok)
	}
	return docs[0]
}

func TestJSONPositions(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src   string
		ptr   string
		onKey bool
		want  string
	}{
		"value":                 {"{\n  \"Statement\": [\n    {\"Effect\": \"Deny\"}\n  ]\n}", "/Statement/0/Effect", false, "3:16"},
		"key":                   {"{\n  \"Statement\": [\n    {\"Effect\": \"Deny\"}\n  ]\n}", "/Statement/0/Effect", true, "3:6"},
		"crlf":                  {"{\r\n  \"Statement\": [\r\n    {\"Effect\": \"Deny\"}\r\n  ]\r\n}", "/Statement/0/Effect", false, "3:16"},
		"tabs":                  {"{\n\t\"Statement\": {\n\t\t\"Effect\": \"Deny\"}}", "/Statement/Effect", false, "3:13"},
		"bom":                   {"\xEF\xBB\xBF{\"Statement\": {\"Effect\": \"Deny\"}}", "/Statement/Effect", false, "1:26"},
		"minified":              {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow"},{"Effect":"Deny"}]}`, "/Statement/1/Effect", false, "1:67"},
		"escaped key":           {`{"Statement": {"a\/b": 1, "x": 2}}`, "/Statement/a~1b", false, "1:24"},
		"escaped key span":      {`{"Statement": {"a\/b": 1, "x": 2}}`, "/Statement/a~1b", true, "1:16"},
		"tilde key":             {`{"Statement": {"a~b": 1}}`, "/Statement/a~0b", false, "1:23"},
		"after multibyte":       {"{\"Sid\": \"café\", \"Statement\": 1}", "/Statement", false, "1:31"},
		"unicode escape before": {`{"Sid": "\u00e9", "Statement": 1}`, "/Statement", false, "1:32"},
		"root":                  {"\n\n{\"Statement\": []}", "", false, "3:1"},
		"duplicate keeps last":  {"{\"Statement\": 1,\n\"Statement\": 2}", "/Statement", false, "2:14"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := extractOne(t, tt.src)
			if got := at(t, doc, tt.ptr, tt.onKey); got != tt.want {
				t.Errorf("%s at %s, want %s", tt.ptr, got, tt.want)
			}
		})
	}
}

func TestJSONValues(t *testing.T) {
	t.Parallel()
	doc := extractOne(t, `{"Statement": [{"N": 1.50, "B": true, "Z": null, "S": "a\"b"}]}`)
	want := map[string]any{"Statement": []any{map[string]any{
		"N": json.Number("1.50"), "B": true, "Z": nil, "S": `a"b`,
	}}}
	if !reflect.DeepEqual(doc.Policy, want) {
		t.Errorf("Policy = %#v, want %#v", doc.Policy, want)
	}
}

func TestJSONDetection(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src      string
		explicit bool
		wantOK   bool
		problem  string // the invalid-json message, "" for none
		at       string
	}{
		"package.json skipped":            {`{"name": "x", "version": "1.0.0"}`, false, false, "", ""},
		"tsconfig with comments skipped":  {"{\n // comment\n \"compilerOptions\": {}}", false, false, "", ""},
		"array without Statement skipped": {`[{"a": 1}]`, false, false, "", ""},
		"nested Statement is no policy":   {`{"Policy": {"Statement": []}}`, false, false, "", ""},
		"broken policy reported":          {"{\"Statement\": [\n  {\"Effect\": \"Allow\"}\n  {\"Effect\": \"Deny\"}]}", false, true, "missing ',' between list items, or a ']' too few", "3:3"},
		"broken unmarked file skipped":    {`{"a": }`, false, false, "", ""},
		"broken named file reported":      {`{"a": }`, true, true, "a value is missing before '}', or a ',' is one too many", "1:7"},
		"named non-policy not matched":    {`{"name": "x"}`, true, false, "", ""},
		"trailing garbage":                {"{\"Statement\": []}\nx", false, true, "unexpected content after the end of the JSON document: a policy file holds one object", "2:1"},
		"unclosed":                        {"{\"Statement\": [", false, true, "unexpected end of file: a bracket or brace is not closed", "1:16"},
		"single quotes":                   {`{"Statement": 'x'}`, false, true, "strings must use double quotes, not single quotes", "1:15"},
		"empty file named":                {"", true, true, "unexpected end of file: a bracket or brace is not closed", "1:1"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			docs, ok := Extract("x.json", []byte(tt.src), tt.explicit)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			var got string
			if len(docs[0].Problems) > 0 {
				got = docs[0].Problems[0].Message
			}
			if got != tt.problem {
				t.Errorf("problem = %q, want %q", got, tt.problem)
			}
			if tt.problem != "" {
				span, _ := docs[0].Index.Resolve("", false)
				if span.Start.String() != tt.at {
					t.Errorf("problem at %s, want %s", span.Start, tt.at)
				}
			}
		})
	}
}

// FuzzExtractJSON decodes arbitrary bytes as a named policy file. It must
// never panic, and every indexed range must lie inside the file; for string
// values the indexed bytes must decode back to the decoded value.
func FuzzExtractJSON(f *testing.F) {
	for _, seed := range []string{
		`{"Statement": [{"Effect": "Allow", "Resource": "*"}]}`,
		"\xEF\xBB\xBF{\"Statement\": {\"a\\/b\": \"\\u00e9\"}}",
		"{\r\n\"Statement\": [1, 2.5e3, true, null]\r\n}",
		`{"Statement": [`, `{"Statement": 'x'}`, "",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := Extract("fuzz.json", src, true)
		for _, doc := range docs {
			// A template's folded intrinsics are located at the call, whose
			// bytes are not the value: FuzzTemplate checks those documents.
			if len(doc.Problems) > 0 || doc.Format != FormatJSON {
				continue
			}
			checkIndex(t, doc, src)
		}
	})
}

func checkIndex(t *testing.T, doc *Document, src []byte) {
	t.Helper()
	walk(doc.Policy, "", func(ptr string, v any) {
		e, ok := doc.Index.Lookup(ptr)
		if !ok {
			t.Fatalf("value at %q is not indexed", ptr)
		}
		if e.Value.Start < 0 || e.Value.End > len(src) || e.Value.Start >= e.Value.End {
			t.Fatalf("value at %q has range %v outside the file of %d bytes", ptr, e.Value, len(src))
		}
		if s, isString := v.(string); isString {
			var back string
			if err := json.Unmarshal(src[e.Value.Start:e.Value.End], &back); err != nil || (back != s && !strings.ContainsRune(back, '\uFFFD')) {
				t.Fatalf("value at %q: bytes %q do not decode to %q", ptr, src[e.Value.Start:e.Value.End], s)
			}
		}
	})
}

func walk(v any, ptr string, visit func(string, any)) {
	visit(ptr, v)
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			walk(c, position.Append(ptr, k), visit)
		}
	case []any:
		for i, c := range v {
			walk(c, position.Append(ptr, i), visit)
		}
	}
}

func TestContainsMarker(t *testing.T) {
	t.Parallel()
	m := []byte(`"Statement"`)
	tests := map[string]bool{
		`"Statement"`:                  true,
		`{"Statement": []}`:            true,
		`Statement" then "Statement"`:  true, // a false start before the real one
		`x Statement" and \Statement"`: false,
		`"Statement`:                   false,
		`Statement"`:                   false,
		``:                             false,
		`"NotStatement"`:               false,
	}
	for src, want := range tests {
		if got := containsMarker([]byte(src), m); got != want {
			t.Errorf("containsMarker(%q, %q) = %v, want %v", src, m, got, want)
		}
	}
}

// FuzzContainsMarker holds containsMarker to bytes.Contains.
func FuzzContainsMarker(f *testing.F) {
	f.Add([]byte(`{"Statement": []}`), []byte(`"Statement"`))
	f.Add([]byte(`a""b"`), []byte(`""b"`))
	f.Add([]byte(`x`), []byte(`"`))
	f.Fuzz(func(t *testing.T, src, m []byte) {
		if got, want := containsMarker(src, m), bytes.Contains(src, m); got != want {
			t.Errorf("containsMarker(%q, %q) = %v, bytes.Contains says %v", src, m, got, want)
		}
	})
}
