package analyzer

import (
	"go/types"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// BenchmarkNoPolicy measures what the analyzer adds to a package that holds
// no policy: net/http, a large package that imports no API Gateway client.
// "gate" is the analyzer as shipped, which looks at the import list and
// returns; "walk" disables that check, to show the cost the check saves.
//
//	go test ./lint/analyzer -run '^$' -bench NoPolicy -benchmem
func BenchmarkNoPolicy(b *testing.B) {
	pass := loadPass(b, "net/http")
	b.Run("gate", func(b *testing.B) {
		for b.Loop() {
			if _, err := run(pass); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		importGate = func(*types.Package) bool { return true }
		defer func() { importGate = mayHoldPolicy }()
		for b.Loop() {
			if _, err := run(pass); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// loadPass type-checks one package and builds the Pass a driver would give
// the analyzer for it.
func loadPass(tb testing.TB, pattern string) *analysis.Pass {
	tb.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		tb.Fatalf("load %s: %v %v", pattern, err, pkgs)
	}
	p := pkgs[0]
	return &analysis.Pass{
		Analyzer:  Analyzer,
		Fset:      p.Fset,
		Files:     p.Syntax,
		Pkg:       p.Types,
		TypesInfo: p.TypesInfo,
		Report:    func(d analysis.Diagnostic) { tb.Errorf("unexpected diagnostic: %s", d.Message) },
		ReadFile:  os.ReadFile,
	}
}
