package lint_test

import (
	"context"
	"os"
	"testing"

	"github.com/apigwlint/apigwlint/lint/source"
)

// BenchmarkLintDocument measures one large generated policy through the
// whole per-document path: extract, schema, rules, positions.
func BenchmarkLintDocument(b *testing.B) {
	src, err := os.ReadFile("testdata/bench/large-policy.json")
	if err != nil {
		b.Fatal(err)
	}
	e := newEngine(b)
	for b.Loop() {
		docs, _ := source.Extract("p.json", src, true)
		for _, d := range docs {
			if _, err := e.Lint(context.Background(), d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
