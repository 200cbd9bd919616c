package source

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// decodeOne decodes src as YAML and returns its only document.
func decodeOne(t *testing.T, src string) yamlDoc {
	t.Helper()
	docs, se := decodeYAML(position.NewFile([]byte(src)))
	if se != nil {
		t.Fatalf("decode: %s at %d", se.Message, se.Offset)
	}
	if len(docs) != 1 {
		t.Fatalf("decoded %d documents, want 1", len(docs))
	}
	return docs[0]
}

func TestYAMLPositions(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src   string
		ptr   string
		onKey bool
		want  string // line:col of the start
		end   string // line:col of the end, when checked
	}{
		"block value":              {src: "a:\n  b: x\n", ptr: "/a/b", want: "2:6", end: "2:7"},
		"block key":                {src: "a:\n  b: x\n", ptr: "/a/b", onKey: true, want: "2:3"},
		"after multibyte":          {src: "Sid: café\nx: [é, 1]\n", ptr: "/x/1", want: "2:9"},
		"multibyte key":            {src: "é: \"v\"\n", ptr: "/é", want: "1:5", end: "1:8"},
		"tab in comment":           {src: "a: 1 #\tnote\t\nb:\t2\n", ptr: "/b", want: "2:4"},
		"crlf":                     {src: "a: 1\r\nb:\r\n  - x\r\n  - y\r\n", ptr: "/b/1", want: "4:5"},
		"bom":                      {src: "\xEF\xBB\xBFa: 1\nb: 2\n", ptr: "/a", want: "1:4"},
		"flow mapping":             {src: "p: {\"Effect\": \"Allow\", \"N\": [1, 2]}\n", ptr: "/p/N/1", want: "1:33"},
		"flow mapping span":        {src: "p: {a: 1, b: [x]}\n", ptr: "/p", want: "1:4", end: "1:18"},
		"flow over lines":          {src: "p: [a,\n   b]\n", ptr: "/p", want: "1:4", end: "2:6"},
		"double quoted end":        {src: "a: \"x\\\"y\" # c\n", ptr: "/a", want: "1:4", end: "1:10"},
		"single quoted end":        {src: "a: 'it''s'\n", ptr: "/a", want: "1:4", end: "1:11"},
		"block scalar":             {src: "a: |\n  one\n  two\nb: 1\n", ptr: "/a", want: "1:4", end: "3:6"},
		"tagged value":             {src: "r: !Ref Stage\n", ptr: "/r", want: "1:4", end: "1:14"},
		"tagged inner":             {src: "r: !Ref Stage\n", ptr: "/r/Ref", want: "1:9", end: "1:14"},
		"tagged inner key is tag":  {src: "r: !Sub 'x'\n", ptr: "/r/Fn::Sub", onKey: true, want: "1:4"},
		"tag over lines":           {src: "j: !Join\n  - ''\n  - [a, b]\n", ptr: "/j/Fn::Join/1/0", want: "3:6"},
		"alias located at alias":   {src: "a: &x {k: [1, 2]}\nb: *x\n", ptr: "/b/k/1", want: "2:4", end: "2:6"},
		"anchor keeps its place":   {src: "a: &x {k: [1, 2]}\nb: *x\n", ptr: "/a/k/1", want: "1:15"},
		"anchor before value":      {src: "a: &x v\n", ptr: "/a", want: "1:7"},
		"merge inline":             {src: "m:\n  <<: {a: 1}\n  b: 2\n", ptr: "/m/a", want: "2:11"},
		"merge alias":              {src: "d: &d {a: 1, b: 9}\nm:\n  <<: *d\n  b: 2\n", ptr: "/m/a", want: "3:7"},
		"merge explicit wins":      {src: "d: &d {a: 1, b: 9}\nm:\n  <<: *d\n  b: 2\n", ptr: "/m/b", want: "4:6"},
		"merge list first wins":    {src: "x: &x {a: 1}\ny: &y {a: 2, c: 3}\nm:\n  <<: [*x, *y]\n", ptr: "/m/a", want: "4:8"},
		"sequence item mapping":    {src: "s:\n  - Effect: Allow\n    Sid: x\n", ptr: "/s/0", want: "2:5", end: "3:11"},
		"null value":               {src: "a:\nb: 1\n", ptr: "/b", want: "2:4"},
		"plain over lines":         {src: "a: one\n  two\nb: 1\n", ptr: "/a", want: "1:4", end: "2:6"},
		"complex flow in sequence": {src: "- {a: [x, {b: y}]}\n", ptr: "/0/a/1/b", want: "1:15"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := decodeOne(t, tt.src)
			span, exact := d.ix.Resolve(tt.ptr, tt.onKey)
			if !exact {
				t.Fatalf("%s is not indexed", tt.ptr)
			}
			if got := span.Start.String(); got != tt.want {
				t.Errorf("%s starts at %s, want %s", tt.ptr, got, tt.want)
			}
			if got := span.End.String(); tt.end != "" && got != tt.end {
				t.Errorf("%s ends at %s, want %s", tt.ptr, got, tt.end)
			}
		})
	}
}

func TestYAMLValues(t *testing.T) {
	t.Parallel()
	src := strings.Join([]string{
		`Version: 2012-10-17`,
		`n: [1, 1.50, 0x1F, 1_000, +3, .5, .inf, 1e3]`,
		`b: [true, False, yes, ~, null, '']`,
		`s: !!str 12`,
		`ref: !Ref Stage`,
		`att: !GetAtt Api.RootResourceId`,
		`cond: !Condition IsProd`,
		`sub: !Sub ["x-${A}", {A: !Ref B}]`,
		`1: numeric key`,
		`? [complex, key]`,
		`: v`,
	}, "\n")
	got := decodeOne(t, src).value
	want := map[string]any{
		"Version": "2012-10-17",
		"n": []any{
			json.Number("1"), json.Number("1.50"), json.Number("31"), json.Number("1000"),
			json.Number("3"), json.Number("0.5"), ".inf", json.Number("1e3"),
		},
		"b":              []any{true, false, "yes", nil, nil, ""},
		"s":              "12",
		"ref":            map[string]any{"Ref": "Stage"},
		"att":            map[string]any{"Fn::GetAtt": "Api.RootResourceId"},
		"cond":           map[string]any{"Condition": "IsProd"},
		"sub":            map[string]any{"Fn::Sub": []any{"x-${A}", map[string]any{"A": map[string]any{"Ref": "B"}}}},
		"1":              "numeric key",
		"[complex, key]": "v",
	}
	if !reflect.DeepEqual(got, want) {
		gb, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("decoded\n%s", gb)
	}
}

// TestYAMLLoneCR: a lone CR ends a line for YAML; the offset is right
// even though position.File, like go/token, counts only LF.
func TestYAMLLoneCR(t *testing.T) {
	t.Parallel()
	e, _ := decodeOne(t, "a: 1\rb: 2\r").ix.Lookup("/b")
	if e.Value.Start != 8 || e.Key.Start != 5 {
		t.Errorf("/b at %v, key at %v; want offsets 8 and 5", e.Value, e.Key)
	}
}

func TestYAMLDocuments(t *testing.T) {
	t.Parallel()
	docs, se := decodeYAML(position.NewFile([]byte("a: 1\n---\nb: 2\n...\n---\n- c\n")))
	if se != nil || len(docs) != 3 {
		t.Fatalf("got %d documents, %v", len(docs), se)
	}
	span, _ := docs[2].ix.Resolve("/0", false)
	if span.Start.String() != "6:3" {
		t.Errorf("third document's item at %s, want 6:3", span.Start)
	}
}

func TestYAMLRejects(t *testing.T) {
	t.Parallel()
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		prev := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	tests := map[string]struct {
		src, msg, at string
	}{
		"billion laughs":    {laughs, "more than 1000000 values", "6:4"},
		"self alias":        {"a: &a [1, *a]\n", "alias *a refers to a node that contains it", "1:11"},
		"bad indentation":   {"a:\n  - b: 1\n   c: 2\n", "did not find expected", "3:4"},
		"unclosed flow":     {"a: [1, 2\nb: 3\n", "did not find expected ',' or ']'", "1:1"},
		"tab indentation":   {"a:\n\t- b\n", "cannot start any token", "2:2"},
		"utf-16":            {"\xFF\xFEa\x00", "UTF-16", "1:1"},
		"unknown anchor":    {"a: 1\nb: *nope\n", "unknown anchor", "2:4"},
		"duplicate is fine": {"a: 1\na: 2\n", "", ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := position.NewFile([]byte(tt.src))
			_, se := decodeYAML(f)
			if tt.msg == "" {
				if se != nil {
					t.Fatalf("unexpected error %q", se.Message)
				}
				return
			}
			if se == nil || !strings.Contains(se.Message, tt.msg) {
				t.Fatalf("error %v, want one containing %q", se, tt.msg)
			}
			if got := f.Pos(se.Offset).String(); got != tt.at {
				t.Errorf("error at %s, want %s", got, tt.at)
			}
		})
	}
}
