package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/baseline"
	"github.com/apigwlint/apigwlint/lint/changes"
	"github.com/apigwlint/apigwlint/lint/printer"
)

type lintFlags struct {
	formats       []string
	color         string
	failLevel     string
	jobs          int
	config        string
	ruleDirs      []string
	baseline      string
	writeBaseline string
	newFromRev    string
	forceExclude  bool
	fix           bool
	diff          bool
}

func (e *env) lintCommand() *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [flags] [PATH...]",
		Short: "Find resource policies under PATHs and report what is wrong with them",
		Long: `Lint walks each PATH (default: the current directory), skipping .git,
node_modules and whatever the repository's .gitignore files ignore, and lints
every resource policy it finds. A file named on the command line is always
linted, even when nothing marks it as a policy.

A .json file is a policy when its top-level object has a Statement member;
other JSON (package.json, tsconfig.json, ...) is skipped.

Configuration comes from .apigwlint.yaml in the working directory or the
nearest parent (or --config FILE): rules to enable or disable, severities,
excluded paths, accepted findings. Flags override it.

In YAML and HCL files, "# apigwlint:ignore CODE reason" on a finding's line
or alone on the line above silences it; a reason is required.

Formats: text, json, sarif, github (workflow annotations), gitlab (Code
Quality), junit, checkstyle. Give several, each to its own file:
--format text --format sarif=results.sarif.`,
		Example: `  apigwlint lint
  apigwlint lint policies/prod.json
  apigwlint lint --format json --fail-level error infra/
  apigwlint lint --format text --format sarif=apigwlint.sarif .
  apigwlint lint --format github .                      annotations in a GitHub Actions run
  apigwlint lint --write-baseline .apigwlint-baseline.json   accept today's findings
  apigwlint lint --baseline .apigwlint-baseline.json         then fail only on new ones
  apigwlint lint --new-from-rev origin/main             only findings on changed lines
  apigwlint lint --rules policy/rules .                 add your own Rego rules
  apigwlint lint --fix --diff .                         preview the safe fixes`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			return e.runLint(cmd, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&fl.formats, "format", "f", []string{"text"},
		"output `FORMAT[=FILE]`: "+strings.Join(printer.Names(), ", ")+"; repeat to write several, each to stdout or its FILE")
	f.StringVar(&fl.color, "color", "auto", "colour and source context in text output: auto, always or never (NO_COLOR is honoured)")
	f.StringVar(&fl.failLevel, "fail-level", "warning", "lowest severity that makes the exit code 1: error, warning, info or none (default: the config's fail-level, else warning)")
	f.IntVarP(&fl.jobs, "jobs", "j", 0, "files linted in parallel (default: the number of CPUs)")
	f.StringVar(&fl.config, "config", "", "read the configuration from `FILE` instead of the nearest .apigwlint.yaml")
	f.StringArrayVar(&fl.ruleDirs, "rules", nil, "also run the Rego rules in `DIR` (package apigwlint.custom[\"name\"]); repeatable")
	f.StringVar(&fl.baseline, "baseline", "", "report only findings that are not in the baseline `FILE`")
	f.StringVar(&fl.writeBaseline, "write-baseline", "", "record every current finding in `FILE` and exit 0")
	f.StringVar(&fl.newFromRev, "new-from-rev", "", "report only findings on lines changed since the git revision `REV`")
	f.BoolVar(&fl.forceExclude, "force-exclude", false, "treat named files like files found in a walk: apply exclude, and skip those that do not look like policies (for pre-commit)")
	f.BoolVar(&fl.fix, "fix", false, "apply the safe fixes to the files, then report what is left")
	f.BoolVar(&fl.diff, "diff", false, "with --fix: print the fixes as a unified diff instead of writing them; exit 1 if there are any")
	return cmd
}

func (e *env) runLint(cmd *cobra.Command, fl lintFlags, paths []string) error {
	if fl.diff && !fl.fix {
		return usageErrorf("--diff previews --fix: give both")
	}
	if err := checkPaths(paths); err != nil {
		return err
	}
	s, err := e.setup(cmd, fl)
	if err != nil {
		return err
	}
	rep, err := s.scan(cmd, paths)
	if err != nil {
		return err
	}
	if fl.fix {
		fixed, err := s.fix(cmd, rep, paths)
		if err != nil || fl.diff {
			return err
		}
		rep = fixed
	}
	if fl.writeBaseline != "" {
		return s.writeBaseline(rep)
	}
	if err := s.narrow(cmd, rep); err != nil {
		return err
	}
	if err := writeOutputs(s.outs, rep); err != nil {
		return internalError(err)
	}
	return s.exitCode(rep)
}

// exitCode turns the report into the exit status: files that could not be
// read are an internal failure, findings at the fail level are 1.
func (s *lintSetup) exitCode(rep *lint.Report) error {
	if len(rep.FileErrors) > 0 {
		for _, fe := range rep.FileErrors {
			fmt.Fprintf(s.e.stderr, "apigwlint: %v\n", fe)
		}
		return &ExitError{Code: ExitInternal}
	}
	for _, f := range rep.Findings {
		if f.Severity >= s.failLevel {
			return &ExitError{Code: ExitFindings}
		}
	}
	return nil
}

// narrow keeps the findings the user asked about: those not in the
// baseline, on lines changed since a revision.
func (s *lintSetup) narrow(cmd *cobra.Command, rep *lint.Report) error {
	if s.fl.baseline != "" {
		b, err := readBaseline(s.fl.baseline)
		if err != nil {
			return err
		}
		var known int
		rep.Findings, known = b.Filter(rep.Findings)
		if known > 0 {
			fmt.Fprintf(s.e.stderr, "apigwlint: %s in the baseline %s not shown\n", plural(known, "finding"), s.fl.baseline)
		}
	}
	if s.fl.newFromRev != "" {
		set, err := changes.Since(cmd.Context(), s.cwd, s.fl.newFromRev)
		if err != nil {
			return usageErrorf("--new-from-rev: %v", err)
		}
		rep.Findings = set.Filter(rep.Findings, s.cwd)
	}
	return nil
}

func readBaseline(path string) (*baseline.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("--baseline: %s does not exist: write one with --write-baseline %s", path, path)
		}
		return nil, usageErrorf("--baseline: %v", err)
	}
	defer f.Close()
	b, err := baseline.Read(f)
	if err != nil {
		return nil, usageErrorf("--baseline %s: %v", path, err)
	}
	return b, nil
}

func (s *lintSetup) writeBaseline(rep *lint.Report) error {
	f, err := os.Create(s.fl.writeBaseline)
	if err != nil {
		return internalError(fmt.Errorf("write baseline: %w", err))
	}
	if err := baseline.New(rep.Findings).Write(f); err != nil {
		_ = f.Close()
		return internalError(fmt.Errorf("write baseline %s: %w", s.fl.writeBaseline, err))
	}
	if err := f.Close(); err != nil {
		return internalError(err)
	}
	fmt.Fprintf(s.e.stderr, "apigwlint: wrote %s to %s\n", plural(len(rep.Findings), "finding"), s.fl.writeBaseline)
	for _, fe := range rep.FileErrors {
		fmt.Fprintf(s.e.stderr, "apigwlint: %v\n", fe)
	}
	if len(rep.FileErrors) > 0 {
		return &ExitError{Code: ExitInternal}
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// checkPaths rejects a path that does not exist before any work is done: a
// typo in a CI script should fail loudly, not lint nothing.
func checkPaths(paths []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return usageErrorf("%s: no such file or directory", p)
			}
			return usageErrorf("%s: %v", p, err)
		}
	}
	return nil
}

// parseFailLevel reads --fail-level; "none" never fails.
func parseFailLevel(s string) (lint.Severity, error) {
	if s == "none" {
		return lint.SeverityError + 1, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, usageErrorf("--fail-level: %v, or none", err)
	}
	return sev, nil
}

// output is one --format: a printer and where it writes.
type output struct {
	printer printer.Printer
	file    string // "" for stdout
	w       io.Writer
}

func (e *env) outputs(fl lintFlags, cwd string) ([]output, error) {
	color, err := e.colorEnabled(fl.color)
	if err != nil {
		return nil, err
	}
	var outs []output
	toStdout := 0
	for _, spec := range fl.formats {
		name, file, _ := strings.Cut(spec, "=")
		opts := printer.Options{Root: cwd, Version: Version, ReadFile: cachedReader()}
		opts.Text.Breakdown = true
		if file == "" {
			toStdout++
			opts.Text.Color, opts.Text.Context = color, color
		}
		p, err := printer.New(name, opts)
		if err != nil {
			return nil, usageErrorf("--format: %v", err)
		}
		outs = append(outs, output{printer: p, file: file, w: e.stdout})
	}
	if toStdout > 1 {
		return nil, usageErrorf("--format: only one format can go to stdout; give the others a file, e.g. --format json=report.json")
	}
	return outs, nil
}

// cachedReader reads each file once however many printers ask for it.
func cachedReader() func(string) ([]byte, error) {
	var mu sync.Mutex
	cache := map[string][]byte{}
	return func(path string) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		if b, ok := cache[path]; ok {
			return b, nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		cache[path] = b
		return b, nil
	}
}

func writeOutputs(outs []output, rep *lint.Report) error {
	for _, o := range outs {
		if o.file == "" {
			if err := o.printer.Print(o.w, rep); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			continue
		}
		if err := writeFile(o.file, o.printer, rep); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, p printer.Printer, rep *lint.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if err := p.Print(f, rep); err != nil {
		_ = f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func (e *env) colorEnabled(mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb" && e.isTerminal(e.stdout), nil
	}
	return false, usageErrorf("--color: unknown value %q: use auto, always or never", mode)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
