package analyzer

import (
	"context"
	"fmt"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

// Analyzer reports apigwlint's findings on API Gateway resource policies
// written in Go.
var Analyzer = &analysis.Analyzer{
	Name: "apigwlint",
	Doc:  "check API Gateway resource policies written in Go\n\n" + longDoc,
	URL:  "https://github.com/apigwlint/apigwlint/tree/main/lint/analyzer",
	Run:  run,
}

const longDoc = `The analyzer finds REST API resource policies passed to the AWS SDK for Go
(CreateRestApi, UpdateRestApi on /policy, PutRestApi and ImportRestApi), kept
in //go:embed files, or built with the AWS CDK for Go, and checks them with
apigwlint's rules. Diagnostics carry the rule code as their category and the
rule's documentation page as their URL.`

// engine compiles the rules once per process. go vet starts one process per
// package, gopls and golangci-lint one for many packages; either way only a
// package that holds a policy pays for the compilation.
var engine = sync.OnceValues(func() (*lint.Engine, error) {
	return lint.New(context.Background(), lint.Options{})
})

// importGate says whether a package can hold a policy at all. It is a
// variable so that the benchmark can measure the walk it saves.
var importGate = mayHoldPolicy

func run(pass *analysis.Pass) (any, error) {
	if !importGate(pass.Pkg) {
		return nil, nil
	}
	policies := newScan(pass).policies()
	if len(policies) == 0 {
		return nil, nil
	}
	eng, err := engine()
	if err != nil {
		return nil, fmt.Errorf("apigwlint: build the rule engine: %w", err)
	}
	r := reporter{pass: pass, seen: map[diagKey]bool{}}
	for _, p := range policies {
		findings, err := eng.Lint(context.Background(), p.doc)
		if err != nil {
			return nil, fmt.Errorf("apigwlint: %w", err)
		}
		for _, f := range findings {
			r.report(p, f)
		}
	}
	return nil, nil
}

// mayHoldPolicy reports whether pkg imports a package whose types can carry
// a resource policy. Every package a driver analyses comes through here, so
// it looks at the import list only: no syntax, no allocation.
func mayHoldPolicy(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if sinkPackages[vendorless(imp.Path())] {
			return true
		}
	}
	return false
}

// vendorless strips a GOPATH vendor prefix from an import path.
func vendorless(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return path
}

// policy is one resource policy found in the package, ready for the
// engine, with the way back from its findings to the Go source.
type policy struct {
	doc *source.Document
	loc locator
}

// diagKey identifies a diagnostic, so that a constant used by two calls is
// reported once.
type diagKey struct {
	pos, end token.Pos
	msg      string
}

type reporter struct {
	pass *analysis.Pass
	seen map[diagKey]bool
}

// report turns one finding into a diagnostic. The message is the CLI's
// text line without the location and severity: "CODE message (rule-name)",
// so the code and the rule's name both show in every driver's output.
func (r *reporter) report(p *policy, f lint.Finding) {
	at := p.loc.locate(f)
	msg := fmt.Sprintf("%s %s%s (%s)", f.Rule.Code, at.prefix, f.Message, f.Rule.Name)
	key := diagKey{at.pos, at.end, msg}
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.pass.Report(analysis.Diagnostic{
		Pos:            at.pos,
		End:            at.end,
		Category:       f.Rule.Code,
		Message:        msg,
		URL:            f.Rule.DocsURL,
		SuggestedFixes: suggestedFixes(p, f),
		Related:        at.related,
	})
}
