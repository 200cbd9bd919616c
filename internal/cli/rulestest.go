package cli

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/functions"
	"github.com/apigwlint/apigwlint/rules"
)

func (e *env) rulesTestCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego tests (*_test.rego) of your own rules",
		Long: `Test compiles the .rego files under each DIR with apigwlint's own rules and
helpers (data.apigwlint.lib.policy, data.apigwlint.lib.report), in the same
sandbox lint uses, and runs every test_ rule, printing one line per test as
opa test -v does. The exit code is 1 when a test fails or errors.`,
		Example: `  apigwlint rules test policy/rules
  apigwlint rules test examples/custom-rules/rules`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			return e.runRuleTests(cmd, dirs)
		},
	}
}

func (e *env) runRuleTests(cmd *cobra.Command, dirs []string) error {
	mods, err := testModules(dirs)
	if err != nil {
		return err
	}
	compiler := ast.NewCompiler().WithCapabilities(lint.Capabilities()).WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		AddCustomBuiltins(functions.TesterBuiltins()).
		RaiseBuiltinErrors(true).
		SetModules(mods).
		RunTests(cmd.Context(), nil)
	if err != nil {
		return compileError(err, dirs)
	}
	var results []*tester.Result
	for r := range ch {
		if r.Location != nil && inAny(r.Location.File, dirs) {
			results = append(results, r)
		}
	}
	return e.printTestResults(results)
}

// testModules parses apigwlint's rules (not their tests) and everything
// under dirs, tests included.
func testModules(dirs []string) (map[string]*ast.Module, error) {
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		return parseInto(mods, path.Join("rules", p), fsReader(rules.FS, p))
	})
	if err != nil {
		return nil, internalError(err)
	}
	found := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return err
			}
			found++
			return parseInto(mods, p, func() ([]byte, error) { return os.ReadFile(p) })
		})
		if err != nil {
			return nil, compileError(err, dirs)
		}
	}
	if found == 0 {
		return nil, usageErrorf("no .rego file under %s", strings.Join(dirs, ", "))
	}
	return mods, nil
}

func fsReader(fsys fs.FS, p string) func() ([]byte, error) {
	return func() ([]byte, error) { return fs.ReadFile(fsys, p) }
}

func parseInto(mods map[string]*ast.Module, name string, read func() ([]byte, error)) error {
	src, err := read()
	if err != nil {
		return err
	}
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		return err
	}
	mods[name] = m
	return nil
}

// printTestResults prints each test as "data.pkg.test_name: PASS", grouped
// by file, failures with what they printed, then the totals.
func (e *env) printTestResults(results []*tester.Result) error {
	slices.SortFunc(results, func(a, b *tester.Result) int {
		return cmp.Or(cmp.Compare(a.Location.File, b.Location.File), cmp.Compare(a.Location.Row, b.Location.Row))
	})
	counts := map[string]int{}
	file := ""
	for _, r := range results {
		if r.Location.File != file {
			file = r.Location.File
			fmt.Fprintf(e.stdout, "%s:\n", file)
		}
		outcome := testOutcome(r)
		counts[outcome]++
		fmt.Fprintf(e.stdout, "%s.%s: %s\n", r.Package, r.Name, outcome)
		if r.Error != nil {
			fmt.Fprintf(e.stdout, "  %v\n", r.Error)
		}
		if outcome != "PASS" && len(r.Output) > 0 {
			for _, line := range strings.Split(strings.TrimRight(string(r.Output), "\n"), "\n") {
				fmt.Fprintf(e.stdout, "  %s\n", line)
			}
		}
	}
	fmt.Fprintln(e.stdout, strings.Repeat("-", 80))
	if len(results) == 0 {
		fmt.Fprintln(e.stdout, "no tests found: name them test_... in a *_test.rego file")
		return &ExitError{Code: ExitFindings}
	}
	for _, o := range []string{"PASS", "FAIL", "ERROR", "SKIPPED"} {
		if counts[o] > 0 {
			fmt.Fprintf(e.stdout, "%s: %d/%d\n", o, counts[o], len(results))
		}
	}
	if counts["FAIL"]+counts["ERROR"] > 0 {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

func testOutcome(r *tester.Result) string {
	switch {
	case r.Error != nil:
		return "ERROR"
	case r.Fail:
		return "FAIL"
	case r.Skip:
		return "SKIPPED"
	}
	return "PASS"
}
