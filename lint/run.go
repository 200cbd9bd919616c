package lint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/apigwlint/apigwlint/lint/source"
)

// RunOptions configure one scan.
type RunOptions struct {
	Workers int                   // concurrent workers; GOMAXPROCS when zero
	Exclude func(abs string) bool // paths to skip in a walk; nil skips nothing extra
	OnFile  func(path string)     // called after each file is linted; may be nil, must be safe for concurrent use
	// Implicit lints files named in paths as if a walk had found them: only
	// when they look like policies, so a pre-commit hook that names every
	// staged file neither reports package.json nor fails on a Helm chart.
	Implicit bool
}

// FileError is a file that could not be read or linted. The scan goes on
// without it; the caller decides what it means for the exit code.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }

// Report is the outcome of a scan.
type Report struct {
	Findings   []Finding
	Files      int         // files read
	Policies   int         // policy documents linted
	Unmatched  []string    // files named explicitly that hold no policy
	FileErrors []FileError // files that could not be read or linted
}

// Run lints every policy under paths. One file's failure never stops the
// scan: it is recorded in the report. The error is for the scan as a whole
// (a cancelled context).
func (e *Engine) Run(ctx context.Context, paths []string, opts RunOptions) (*Report, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		mu     sync.Mutex
		rep    = &Report{}
		files  atomic.Int64
		jobs   = make(chan candidate, 4*workers)
		wg     sync.WaitGroup
		addErr = func(path string, err error) {
			mu.Lock()
			rep.FileErrors = append(rep.FileErrors, FileError{path, err})
			mu.Unlock()
		}
	)
	for range workers {
		wg.Go(func() {
			for c := range jobs {
				files.Add(1)
				fs, n, matched, err := e.lintFile(ctx, c)
				mu.Lock()
				rep.Findings = append(rep.Findings, fs...)
				rep.Policies += n
				if !matched && c.explicit {
					rep.Unmatched = append(rep.Unmatched, c.path)
				}
				mu.Unlock()
				if err != nil {
					addErr(c.path, err)
				}
				if opts.OnFile != nil {
					opts.OnFile(c.path)
				}
			}
		})
	}
	d := newDiscoverer(opts.Exclude, addErr)
	for _, p := range paths {
		d.walk(p, func(c candidate) {
			c.explicit = c.explicit && !opts.Implicit
			if ctx.Err() == nil {
				jobs <- c
			}
		})
	}
	close(jobs)
	wg.Wait()
	rep.Files = int(files.Load())
	SortFindings(rep.Findings)
	// A policy read through Terraform's file() is linted with its API and
	// again by the walk when the file is JSON: the same finding twice.
	rep.Findings = slices.CompactFunc(rep.Findings, func(a, b Finding) bool { return compareFindings(a, b) == 0 })
	sortErrors(rep)
	return rep, ctx.Err()
}

// lintFile reads and lints one file. matched reports whether it held a
// policy at all.
func (e *Engine) lintFile(ctx context.Context, c candidate) (findings []Finding, policies int, matched bool, err error) {
	src, err := os.ReadFile(c.path)
	if err != nil {
		return nil, 0, false, err
	}
	return e.LintSource(ctx, c.path, src, c.explicit)
}

// LintSource lints the policies in one file's content. explicit marks a file
// the user named, which is reported even when nothing marks it as a policy.
func (e *Engine) LintSource(ctx context.Context, path string, src []byte, explicit bool) (findings []Finding, policies int, matched bool, err error) {
	// A bug in a front end must cost one file, never the scan.
	defer func() {
		if r := recover(); r != nil {
			findings, err = nil, fmt.Errorf("internal error, please report it with this file: %v\n%s", r, debug.Stack())
		}
	}()
	docs, matched := source.Extract(path, src, explicit)
	var errs []error
	for _, doc := range docs {
		fs, err := e.Lint(ctx, doc)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		findings = append(findings, fs...)
	}
	// Suppression comments are read here, where the file's bytes are at
	// hand, so a scan never reads a file twice.
	findings = e.ApplyDirectives(path, src, findings)
	return findings, len(docs), matched, errors.Join(errs...)
}

func sortErrors(rep *Report) {
	slicesSortBy(rep.FileErrors, func(e FileError) string { return e.Path })
	slicesSortBy(rep.Unmatched, func(s string) string { return s })
}
