// Package changes finds the lines a working tree changed since a git
// revision, so that a pull-request check reports only findings on those
// lines (--new-from-rev).
//
// It runs the git binary rather than a Go implementation of git: the
// binary is what every CI runner and developer already has, and it handles
// what a library gets wrong or does not do at all: worktrees, submodules,
// sparse and partial clones, alternates, the user's rename detection and
// attributes. Its unified diff with no context lines is a small, stable
// format to parse.
package changes

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
)

// Set is the changed lines of each file, by absolute path. A file whose
// every line is new (untracked, or added since the revision) is whole.
type Set struct {
	lines map[string]map[int]bool
	whole map[string]bool
}

// Since returns the lines changed between rev and the working tree of the
// repository that holds dir: committed, staged and unstaged changes, plus
// untracked files that .gitignore does not ignore.
func Since(ctx context.Context, dir, rev string) (*Set, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q must not start with -", rev)
	}
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	if _, err := git(ctx, root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a revision of the repository at %s: %w", rev, root, err)
	}
	diff, err := git(ctx, root, "-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff",
		"--src-prefix=a/", "--dst-prefix=b/", rev, "--")
	if err != nil {
		return nil, err
	}
	s, err := parseDiff(root, diff)
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctx, root, "-c", "core.quotePath=false", "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, name := range bytes.Split(untracked, []byte{0}) {
		if len(name) > 0 {
			s.whole[filepath.Join(root, filepath.FromSlash(string(name)))] = true
		}
	}
	return s, nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// parseDiff reads the "+++ b/path" and "@@ -a,b +c,d @@" lines of a unified
// diff with no context: lines c .. c+d-1 of path are new or changed.
func parseDiff(root string, diff []byte) (*Set, error) {
	s := &Set{lines: map[string]map[int]bool{}, whole: map[string]bool{}}
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = ""
			name := strings.TrimPrefix(line, "+++ ")
			if strings.HasPrefix(name, `"`) {
				unq, err := strconv.Unquote(name)
				if err != nil {
					return nil, fmt.Errorf("git diff: cannot read file name %s", name)
				}
				name = unq
			}
			if rest, ok := strings.CutPrefix(name, "b/"); ok {
				file = filepath.Join(root, filepath.FromSlash(rest))
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			start, count, err := newRange(line)
			if err != nil {
				return nil, err
			}
			if s.lines[file] == nil {
				s.lines[file] = map[int]bool{}
			}
			for n := start; n < start+count; n++ {
				s.lines[file][n] = true
			}
		}
	}
	return s, sc.Err()
}

// newRange reads "+c,d" (or "+c", meaning one line) from a hunk header.
func newRange(header string) (start, count int, err error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("git diff: cannot read hunk header %q", header)
	}
	startText, countText, hasCount := strings.Cut(fields[2][1:], ",")
	start, err = strconv.Atoi(startText)
	if err != nil {
		return 0, 0, fmt.Errorf("git diff: cannot read hunk header %q", header)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(countText); err != nil {
			return 0, 0, fmt.Errorf("git diff: cannot read hunk header %q", header)
		}
	}
	return start, count, nil
}

// Touches reports whether any line from first to last of file changed.
// file is absolute.
func (s *Set) Touches(file string, first, last int) bool {
	if s.whole[file] {
		return true
	}
	changed := s.lines[file]
	for n := first; n <= max(first, last); n++ {
		if changed[n] {
			return true
		}
	}
	return false
}

// Filter keeps the findings whose span touches a changed line. Report paths
// are relative to cwd or absolute.
func (s *Set) Filter(fs []lint.Finding, cwd string) []lint.Finding {
	// git names files by their real path; the working directory may be
	// reached through a symbolic link.
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	out := fs[:0:0]
	for _, f := range fs {
		file := f.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(cwd, file)
		}
		if s.Touches(filepath.Clean(file), f.Span.Start.Line, f.Span.End.Line) {
			out = append(out, f)
		}
	}
	return out
}
