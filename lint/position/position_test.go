package position_test

import (
	"encoding/json"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

func TestFilePos(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src    string
		offset int
		want   string
	}{
		"first byte":                 {"abc", 0, "1:1"},
		"second line":                {"ab\ncd", 3, "2:1"},
		"crlf second line":           {"ab\r\ncd", 4, "2:1"},
		"crlf column":                {"ab\r\ncd", 5, "2:2"},
		"tab counts one byte":        {"\t\"x\"", 1, "1:2"},
		"bom not counted":            {"\xEF\xBB\xBF{}", 3, "1:1"},
		"bom only on line one":       {"\xEF\xBB\xBF{\n}", 5, "2:1"},
		"multibyte counts bytes":     {`"é": 1`, 6, "1:7"},
		"past end is clamped":        {"ab", 99, "1:3"},
		"negative is clamped":        {"ab", -5, "1:1"},
		"minified long line":         {`{"Statement":[{"Effect":"Allow"}]}`, 24, "1:25"},
		"empty file":                 {"", 0, "1:1"},
		"offset at newline":          {"ab\ncd", 2, "1:3"},
		"blank lines then crlf text": {"\r\n\r\n  x", 6, "3:3"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := position.NewFile([]byte(tt.src)).Pos(tt.offset).String()
			if got != tt.want {
				t.Errorf("Pos(%d) = %s, want %s", tt.offset, got, tt.want)
			}
		})
	}
}

func TestFileLine(t *testing.T) {
	t.Parallel()
	f := position.NewFile([]byte("\xEF\xBB\xBFone\r\ntwo\nthree"))
	for n, want := range map[int]string{0: "", 1: "one", 2: "two", 3: "three", 4: ""} {
		if got := f.Line(n); got != want {
			t.Errorf("Line(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPointer(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		path []any
		want string
	}{
		"root":             {nil, ""},
		"member and index": {[]any{"Statement", 0, "Effect"}, "/Statement/0/Effect"},
		"slash escaped":    {[]any{"Condition", "a/b"}, "/Condition/a~1b"},
		"tilde escaped":    {[]any{"a~b"}, "/a~0b"},
		"tilde then slash": {[]any{"~/"}, "/~0~1"},
		"json number":      {[]any{"Statement", json.Number("12")}, "/Statement/12"},
		"float index":      {[]any{float64(3)}, "/3"},
		"empty member":     {[]any{""}, "/"},
		"int64 index":      {[]any{int64(7)}, "/7"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := position.Pointer(tt.path...); got != tt.want {
				t.Errorf("Pointer(%v) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestSplitRoundTrip(t *testing.T) {
	t.Parallel()
	for _, path := range [][]any{{"a~b", "c/d", "~01"}, {"Statement", "0"}, {""}} {
		ptr := position.Pointer(path...)
		got, err := position.Split(ptr)
		if err != nil {
			t.Fatalf("Split(%q): %v", ptr, err)
		}
		if len(got) != len(path) {
			t.Fatalf("Split(%q) = %q, want %d tokens", ptr, got, len(path))
		}
		for i := range got {
			if got[i] != path[i] {
				t.Errorf("Split(%q)[%d] = %q, want %q", ptr, i, got[i], path[i])
			}
		}
	}
	for _, bad := range []string{"a", "/~2", "/x~"} {
		if _, err := position.Split(bad); err == nil {
			t.Errorf("Split(%q) succeeded, want an error", bad)
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	// {"Statement": {"Effect": "Allow"}} with the Effect member on line 2.
	src := "{\"Statement\": {\n  \"Effect\": \"Allow\"}}"
	ix := position.NewIndex(position.NewFile([]byte(src)))
	ix.Set("", position.Entry{Value: position.Range{Start: 0, End: len(src)}})
	ix.Set("/Statement", position.Entry{Key: position.Range{Start: 1, End: 12}, Value: position.Range{Start: 14, End: len(src) - 1}})
	ix.Set("/Statement/Effect", position.Entry{Key: position.Range{Start: 18, End: 26}, Value: position.Range{Start: 28, End: 35}})
	tests := map[string]struct {
		ptr       string
		onKey     bool
		wantStart string
		wantEnd   string
		wantExact bool
	}{
		"value":                      {"/Statement/Effect", false, "2:13", "2:20", true},
		"key":                        {"/Statement/Effect", true, "2:3", "2:11", true},
		"root":                       {"", false, "1:1", "2:22", true},
		"key of root falls to value": {"", true, "1:1", "2:22", true},
		"below a scalar":             {"/Statement/Effect/0", false, "2:13", "2:20", false},
		"unknown member":             {"/Statement/Principal", false, "1:15", "2:21", false},
		"unknown member on key":      {"/Statement/Principal", true, "1:15", "2:21", false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			span, exact := ix.Resolve(tt.ptr, tt.onKey)
			if span.Start.String() != tt.wantStart || span.End.String() != tt.wantEnd || exact != tt.wantExact {
				t.Errorf("Resolve(%q, %v) = %s-%s exact=%v, want %s-%s exact=%v",
					tt.ptr, tt.onKey, span.Start, span.End, exact, tt.wantStart, tt.wantEnd, tt.wantExact)
			}
		})
	}
}

func TestResolveEmptyIndex(t *testing.T) {
	t.Parallel()
	ix := position.NewIndex(position.NewFile([]byte("x")))
	span, exact := ix.Resolve("/a/b", false)
	if exact || span.Start.String() != "1:1" {
		t.Errorf("Resolve on an empty index = %s exact=%v, want 1:1 inexact", span.Start, exact)
	}
}

func TestValueAt(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"Statement": []any{map[string]any{"a/b": "x", "Effect": "Deny"}}}
	tests := map[string]any{
		"":                         doc,
		"/Statement/0/Effect":      "Deny",
		"/Statement/0/a~1b":        "x",
		"/Statement/1":             nil,
		"/Statement/-1":            nil,
		"/Statement/x":             nil,
		"/Statement/0/Effect/more": nil,
		"no-slash":                 nil,
	}
	for ptr, want := range tests {
		got := position.ValueAt(doc, ptr)
		if ptr == "" {
			if _, ok := got.(map[string]any); !ok {
				t.Errorf("ValueAt(%q) is not the document", ptr)
			}
			continue
		}
		if got != want {
			t.Errorf("ValueAt(%q) = %v, want %v", ptr, got, want)
		}
	}
}
