package lint

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/apigwlint/apigwlint/lint/functions"
	"github.com/apigwlint/apigwlint/rules"
)

// query is the single entrypoint of the rule bundle.
const query = "data.apigwlint.main.findings"

// DefaultTimeout bounds the evaluation of one document, so that a runaway
// rule becomes a reported error for that document rather than a hung job.
const DefaultTimeout = 10 * time.Second

// Options configure an Engine.
type Options struct {
	RuleDirs []string            // folders of user rules (package apigwlint.custom["name"])
	Disabled map[string]bool     // rule names not to run
	Severity map[string]Severity // severity overrides by rule name
	Settings map[string]any      // rule settings by rule name, visible as data.config.settings
	Timeout  time.Duration       // per document; DefaultTimeout when zero
}

// Engine evaluates the rules on documents. It is prepared once and safe for
// concurrent use.
type Engine struct {
	pq       rego.PreparedEvalQuery
	registry *Registry
	opts     Options
}

// CompileError is a rule that does not compile; it carries the compiler's
// located errors.
type CompileError struct{ Errs ast.Errors }

func (e *CompileError) Error() string { return "compile rules: " + e.Errs.Error() }

// New loads the embedded rules and any user rules, compiles them once in the
// sandbox and prepares the query every document is evaluated with.
func New(ctx context.Context, opts Options) (*Engine, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	mods, err := loadModules(rules.FS, "rules")
	if err != nil {
		return nil, err
	}
	for _, dir := range opts.RuleDirs {
		user, err := loadModules(os.DirFS(dir), dir)
		if err != nil {
			return nil, err
		}
		maps.Copy(mods, user)
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities())
	if c.Compile(mods); c.Failed() {
		return nil, &CompileError{Errs: c.Errors}
	}
	reg, err := buildRegistry(c, rules.FS)
	if err != nil {
		return nil, err
	}
	if err := checkNames(reg, opts); err != nil {
		return nil, err
	}
	args := []func(*rego.Rego){
		rego.Query(query),
		rego.Compiler(c),
		rego.Store(inmem.NewFromObject(map[string]any{"config": configData(opts)})),
		rego.StrictBuiltinErrors(true),
	}
	args = append(args, functions.RegoOptions()...)
	pq, err := rego.New(args...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare rules: %w", err)
	}
	return &Engine{pq: pq, registry: reg, opts: opts}, nil
}

// Registry returns the metadata of every loaded rule.
func (e *Engine) Registry() *Registry { return e.registry }

// checkNames rejects configuration that names a rule that does not exist,
// so a typo does not silently leave a rule on.
func checkNames(reg *Registry, opts Options) error {
	var errs []error
	for _, m := range []map[string]bool{opts.Disabled, keys(opts.Severity), keys(opts.Settings)} {
		for name := range m {
			if _, ok := reg.byName[name]; !ok {
				errs = append(errs, fmt.Errorf("unknown rule %q: see apigwlint rules", name))
			}
		}
	}
	return errors.Join(errs...)
}

func keys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// configData is what rules see as data.config.
func configData(opts Options) map[string]any {
	disabled := make(map[string]any, len(opts.Disabled))
	for name, off := range opts.Disabled {
		if off {
			disabled[name] = true
		}
	}
	settings := make(map[string]any, len(opts.Settings))
	maps.Copy(settings, opts.Settings)
	return map[string]any{"disabled": disabled, "settings": settings}
}
