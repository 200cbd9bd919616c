package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/config"
)

// lintSetup is everything a lint run decided before reading a file.
type lintSetup struct {
	e         *env
	fl        lintFlags
	cwd       string
	cfg       *config.Config
	cfgName   string // the configuration file as messages name it
	eng       *lint.Engine
	outs      []output
	failLevel lint.Severity
}

func (e *env) setup(cmd *cobra.Command, fl lintFlags) (*lintSetup, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, internalError(err)
	}
	s := &lintSetup{e: e, fl: fl, cwd: cwd}
	if s.cfg, s.cfgName, err = loadConfig(fl.config, cwd); err != nil {
		return nil, err
	}
	level := fl.failLevel
	if !cmd.Flags().Changed("fail-level") && s.cfg.FailLevel != "" {
		level = s.cfg.FailLevel
	}
	if s.failLevel, err = parseFailLevel(level); err != nil {
		return nil, err
	}
	if s.outs, err = e.outputs(fl, cwd); err != nil {
		return nil, err
	}
	ruleDirs := slices.Concat(s.cfg.RulesDirs, fl.ruleDirs)
	if s.eng, err = newEngine(cmd.Context(), s.cfg, ruleDirs); err != nil {
		return nil, err
	}
	return s, nil
}

// loadConfig reads --config, or the nearest .apigwlint.yaml; with neither,
// the default configuration.
func loadConfig(flag, cwd string) (*config.Config, string, error) {
	path := flag
	if path == "" {
		found, err := config.Find(cwd)
		if err != nil {
			return nil, "", usageErrorf("find %s: %v", config.FileName, err)
		}
		if found == "" {
			return &config.Config{Dir: cwd}, "", nil
		}
		path = found
	} else if _, err := os.Stat(path); err != nil {
		return nil, "", usageErrorf("--config: %v", err)
	}
	name := displayPath(cwd, path)
	cfg, err := config.Load(path)
	if err != nil {
		return nil, "", usageErrorf("%v", renameConfig(err, path, name))
	}
	cfg.Path = name
	return cfg, name, nil
}

// renameConfig names the file in configuration errors as the user would
// type it: relative to the working directory when it is below it.
func renameConfig(err error, path, name string) error {
	return errors.New(strings.ReplaceAll(err.Error(), path+":", name+":"))
}

func displayPath(cwd, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// newEngine compiles the rules once to learn their codes and names, applies
// the configuration's selection, and compiles again only when it changes
// something: most runs compile once.
func newEngine(ctx context.Context, cfg *config.Config, ruleDirs []string) (*lint.Engine, error) {
	for _, d := range ruleDirs {
		if info, err := os.Stat(d); err != nil || !info.IsDir() {
			return nil, usageErrorf("rules folder %s: not a directory", d)
		}
	}
	eng, err := lint.New(ctx, lint.Options{RuleDirs: ruleDirs})
	if err != nil {
		return nil, compileError(err, ruleDirs)
	}
	rules := eng.Registry().Rules()
	sel, err := cfg.Select(rules)
	if err == nil {
		err = cfg.CheckIgnores(rules)
	}
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if sel.Empty() {
		return eng, nil
	}
	eng, err = lint.New(ctx, lint.Options{RuleDirs: ruleDirs, Disabled: sel.Disabled, Severity: sel.Severity, Settings: sel.Settings})
	if err != nil {
		return nil, compileError(err, ruleDirs)
	}
	return eng, nil
}

// compileError reports rules that do not compile. A user's rule is their
// input, so its errors are usage errors (exit 2) at file:line:col; the
// embedded rules failing is an internal failure.
func compileError(err error, ruleDirs []string) error {
	var errs ast.Errors
	var ce *lint.CompileError
	switch {
	case errors.As(err, &ce):
		errs = ce.Errs
	case errors.As(err, &errs):
	default:
		if len(ruleDirs) > 0 {
			return usageErrorf("%v", err)
		}
		return internalError(err)
	}
	user := false
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Location != nil && inAny(e.Location.File, ruleDirs) {
			user = true
		}
		lines = append(lines, describeRegoError(e))
	}
	msg := "rules do not compile:\n" + strings.Join(lines, "\n")
	if user {
		return usageErrorf("%s", msg)
	}
	return internalError(errors.New(msg))
}

func inAny(file string, dirs []string) bool {
	for _, d := range dirs {
		if rel, err := filepath.Rel(filepath.Clean(d), filepath.Clean(file)); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

var undefinedFunction = regexp.MustCompile(`undefined function (\S+)`)

// describeRegoError renders one compiler error as file:line:col: message,
// explaining a built-in the sandbox refuses instead of calling it undefined.
func describeRegoError(e *ast.Error) string {
	msg := e.Message
	if m := undefinedFunction.FindStringSubmatch(msg); m != nil && lint.Refused(m[1]) {
		msg = fmt.Sprintf("%s is refused: apigwlint rules run sandboxed, as pure functions of the policy, "+
			"so the same repository always gives the same findings; built-ins that reach the network, "+
			"read the clock or draw random numbers are not available", m[1])
	}
	if e.Location == nil {
		return msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Location.File, e.Location.Row, e.Location.Col, msg)
}

// scan runs the engine over paths, applies the configuration's exclusions
// and ignore entries, and shows progress on a terminal.
func (s *lintSetup) scan(cmd *cobra.Command, paths []string) (*lint.Report, error) {
	exclude := s.cfg.Excluded()
	if s.fl.forceExclude && exclude != nil {
		paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
			abs, err := filepath.Abs(p)
			return err == nil && exclude(abs)
		})
	}
	var mu sync.Mutex
	var linted []string
	prog := s.e.newProgress()
	opts := lint.RunOptions{
		Workers:  s.fl.jobs,
		Exclude:  exclude,
		Implicit: s.fl.forceExclude,
		OnFile: func(path string) {
			mu.Lock()
			linted = append(linted, path)
			mu.Unlock()
			prog.file(path)
		},
	}
	rep, err := s.eng.Run(cmd.Context(), paths, opts)
	prog.done()
	if err != nil {
		return nil, internalError(err)
	}
	if !s.fl.forceExclude {
		for _, name := range rep.Unmatched {
			fmt.Fprintf(s.e.stderr, "apigwlint: %s: no resource policy found (a policy file is JSON with a top-level \"Statement\")\n", name)
		}
	}
	s.eng.ApplyIgnores(rep, s.cfg.Ignores(s.cwd, s.cfgName), linted)
	return rep, nil
}
