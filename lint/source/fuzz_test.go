package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// FuzzExtractYAML reads arbitrary bytes as a YAML file named on the command
// line. It must never panic, and every position it records must lie inside
// the file.
func FuzzExtractYAML(f *testing.F) {
	for _, seed := range []string{
		"Resources:\n  A:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Policy: |\n        {\"Statement\": []}\n",
		"a: &a [x, *a]\n",
		"a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		"x-amazon-apigateway-policy: '{\"Statement\": {\"Effect\": \"Allow\"}}'\r\nswagger: '2.0'\r\n",
		"\xEF\xBB\xBFservice: s\nprovider: {name: aws, resourcePolicy: [{Effect: Allow}]}\n",
		"p: \"a\\\n  b\\u00e9\"\n---\n- >\n  folded\n\n  text\n",
		"? [complex]\n: !Sub x\n<<: {a: 1}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := Extract("fuzz.yaml", src, true)
		for _, doc := range docs {
			checkRanges(t, doc, src)
		}
	})
}

// FuzzTemplate runs CloudFormation and SAM templates, JSON or YAML, through
// the translation: intrinsics, SAM's generated statements, embedded JSON.
// Seeds are the format fixtures; the fuzzer mutates them.
func FuzzTemplate(f *testing.F) {
	for _, dir := range []string{"cloudformation", "sam", "serverless", "openapi"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", dir, "*"))
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"template.yaml", "template.json"} {
			docs, _ := Extract(name, src, true)
			for _, doc := range docs {
				checkRanges(t, doc, src)
			}
		}
	})
}

// checkRanges checks that every value of the document, and the document
// itself, is indexed at a range inside the file.
func checkRanges(t *testing.T, doc *Document, src []byte) {
	t.Helper()
	inside := func(ptr string, r position.Range) {
		if r.Start < 0 || r.End < r.Start || r.End > len(src) {
			t.Fatalf("%s: %q has range %v outside the file of %d bytes", doc.Format, ptr, r, len(src))
		}
	}
	if e, ok := doc.Index.Lookup(""); ok {
		inside("", e.Value)
	}
	if doc.Policy == nil {
		return
	}
	walk(doc.Policy, "", func(ptr string, _ any) {
		e, ok := doc.Index.Lookup(ptr)
		if !ok {
			t.Fatalf("%s: value at %q is not indexed", doc.Format, ptr)
		}
		inside(ptr, e.Value)
		inside(ptr, e.Key)
	})
}
