package source

import (
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// TestEmbeddedJSONRemap decodes a policy kept as a JSON string in a YAML
// scalar of every style and checks that a value inside it is located where
// it is written in the file.
func TestEmbeddedJSONRemap(t *testing.T) {
	t.Parallel()
	// Ends are exact except after an escape that decodes to one byte (\"):
	// a Remap maps each decoded byte to one offset, the escape's start.
	tests := map[string]struct {
		src  string
		ptr  string
		want string // line:col of the value's start
		end  string // line:col of its end, when checked
		at   string // the scalar's pointer, "/p" when empty
	}{
		"double quoted escapes": {
			src: `p: "{\"Statement\": {\"Effect\": \"Deny\"}}"` + "\n", ptr: "/Statement/Effect", want: "1:34",
		},
		"unicode escape before": {
			src: `p: "{\"Sid\": \"caf\u00e9\", \"Effect\": \"Deny\"}"` + "\n", ptr: "/Effect", want: "1:42",
		},
		"unicode escape value": {
			src: `p: "{\"Sid\": \"\u00e9\"}"` + "\n", ptr: "/Sid", want: "1:15",
		},
		"double quoted folded": {
			src: "p: \"{\\\"a\\\":\n    1, \\\"b\\\": 2}\"\n", ptr: "/b", want: "2:15",
		},
		"escaped line break": {
			src: "p: \"{\\\"a\\\": 1, \\\n    \\\"b\\\": 2}\"\n", ptr: "/b", want: "2:12",
		},
		"single quoted": {
			src: "p: '{\"Sid\": \"it''s\",\n  \"Effect\": \"Deny\"}'\n", ptr: "/Effect", want: "2:13",
		},
		"literal block": {
			src: "x:\n  p: |\n    {\n      \"Statement\": [\n        {\"Effect\": \"Deny\"}\n      ]\n    }\n  q: 1\n",
			ptr: "/Statement/0/Effect", want: "5:20", end: "5:26", at: "/x/p",
		},
		"literal block crlf": {
			src: "p: |-\r\n  {\r\n    \"Effect\": \"Deny\"\r\n  }\r\n", ptr: "/Effect", want: "3:15",
		},
		"literal block with comment and keep": {
			src: "p: |+ # policy\n\n  {\"Effect\":\n    \"Deny\"}\n\n", ptr: "/Effect", want: "4:5",
		},
		"folded block": {
			src: "p: >\n  {\"Sid\": \"a\",\n  \"Effect\": \"Deny\"}\n", ptr: "/Effect", want: "3:13",
		},
		"folded block more indented": {
			src: "p: >\n  {\"Sid\": \"a\",\n    \"Effect\":\n  \"Deny\"}\n", ptr: "/Effect", want: "4:3",
		},
		"tagged sub": {
			src: "p: !Sub |\n  {\"Resource\": \"execute-api:/${Stage}/*\"}\n", ptr: "/Resource", want: "2:16", at: "/p/Fn::Sub",
		},
		"tab before value": {
			src: "p:\t\"{\\\"N\\\":\\t1}\"\n", ptr: "/N", want: "1:14",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := position.NewFile([]byte(tt.src))
			d := decodeOne(t, tt.src)
			ptr := tt.at
			if ptr == "" {
				ptr = "/p"
			}
			v, _ := (&tree{value: d.value}).lookup(ptr)
			s, ok := v.(string)
			if !ok {
				t.Fatalf("%s is %T, not a string", ptr, v)
			}
			e, _ := d.ix.Lookup(ptr)
			ix := position.NewIndex(f)
			if _, _, se := decodeJSON([]byte(s), scalarRemap(f.Bytes(), e.Value.Start, s), ix); se != nil {
				t.Fatalf("embedded JSON: %s", se.Message)
			}
			span, exact := ix.Resolve(tt.ptr, false)
			if !exact {
				t.Fatalf("%s is not indexed", tt.ptr)
			}
			if got := span.Start.String(); got != tt.want {
				t.Errorf("%s at %s, want %s", tt.ptr, got, tt.want)
			}
			if got := span.End.String(); tt.end != "" && got != tt.end {
				t.Errorf("%s ends at %s, want %s", tt.ptr, got, tt.end)
			}
		})
	}
}

// TestScalarScanExact checks that the scanner reads every scalar of these
// documents as the parser did, with no fallback to a guess.
func TestScalarScanExact(t *testing.T) {
	t.Parallel()
	docs := []string{
		"a: plain text\nb: 'single ''quoted'''\nc: \"double \\\"quoted\\\" \\t \\u00e9 \\x41\"\n",
		"a: plain\n  over\n\n  lines\nb: 1\n",
		"a: 'quoted\n\n  over  \n  lines'\n",
		"a: \"x\\\n   y\"\n",
		"a: |\n  keep\n    more\n\n  end\nb: |-\n  strip\nc: |+\n  keep\n\n",
		"a: >\n  folded\n  text\n\n  para\n    spaced\n  back\nb: >-\n  x\n",
		"a: |\n\n  leading empty\n",
		"a: !Sub 'x-${A}'\nb: &k [\"é\", 'è', ü]\nc: {d: \"e\", f: g}\n",
		"a: \"\"\nb: ''\nc:\nd: |\n\ne: 1\n",
		"- \"crlf\\\"s\"\r\n- |\r\n  block\r\n  crlf\r\n- >\r\n  folded\r\n  crlf\r\n",
	}
	for _, src := range docs {
		checkScalars(t, src)
	}
}

func checkScalars(t *testing.T, src string) {
	t.Helper()
	d := decodeOne(t, src)
	walk(d.value, "", func(ptr string, v any) {
		s, ok := v.(string)
		if !ok {
			return
		}
		e, _ := d.ix.Lookup(ptr)
		start := skipProperties([]byte(src), e.Value.Start)
		sc := scalarScanner{src: []byte(src), p: start, start: start, val: s}
		if _, ok := sc.scan(); !ok {
			t.Errorf("%q: scalar %s = %q read differently from the parser (at byte %d)", src, ptr, s, start)
		}
	})
}

// TestJoinRemap locates a policy written as an Fn::Join of strings in a
// CloudFormation JSON template, placeholders included.
func TestJoinRemap(t *testing.T) {
	t.Parallel()
	src := strings.Join([]string{
		`{"Resources": {"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Policy": {"Fn::Join": ["", [`,
		`  "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\",",`,
		`  " \"Resource\": \"arn:aws:execute-api:*:", {"Ref": "AWS::AccountId"}, ":*/*\"}}"`,
		`]]}}}}}`,
	}, "\n")
	docs, ok := Extract("t.json", []byte(src), false)
	if !ok || len(docs) != 1 || docs[0].Problems != nil {
		t.Fatalf("got %d documents (ok=%v)", len(docs), ok)
	}
	got := docs[0].Policy.(map[string]any)["Statement"].(map[string]any)["Resource"]
	if got != "arn:aws:execute-api:*:${AWS::AccountId}:*/*" {
		t.Errorf("Resource = %q", got)
	}
	if at := at(t, docs[0], "/Statement/Resource", false); at != "3:19" {
		t.Errorf("Resource at %s, want 3:19", at)
	}
}

// TestTemplateJSONStringRemap locates values in a policy kept as a JSON string in a
// CloudFormation JSON template: escapes, a surrogate pair, CRLF.
func TestTemplateJSONStringRemap(t *testing.T) {
	t.Parallel()
	src := "{\"Resources\": {\"Api\": {\"Type\": \"AWS::ApiGateway::RestApi\",\r\n" +
		`"Properties": {"Policy": "{\"Statement\": {\"Sid\": \"\ud83d\ude00 caf\u00e9\", \"Effect\": \"Deny\"}}"}}}}`
	docs, ok := Extract("t.json", []byte(src), false)
	if !ok || len(docs) != 1 || docs[0].Problems != nil {
		t.Fatalf("got %d documents (ok=%v)", len(docs), ok)
	}
	if got := docs[0].Policy.(map[string]any)["Statement"].(map[string]any)["Sid"]; got != "\U0001F600 café" {
		t.Errorf("Sid = %q", got)
	}
	if at := at(t, docs[0], "/Statement/Effect", false); at != "2:93" {
		t.Errorf("Effect at %s, want 2:93", at)
	}
}
