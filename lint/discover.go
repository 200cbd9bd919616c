package lint

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/apigwlint/apigwlint/lint/source"
)

// alwaysSkipped are directories no scan wants: version control metadata and
// installed dependencies.
var alwaysSkipped = map[string]bool{".git": true, "node_modules": true}

// candidate is one file to read. Explicit files were named by the user and
// are linted whatever their name says.
type candidate struct {
	path     string
	explicit bool
}

// discoverer walks the paths the user gave and yields the files worth
// reading, honouring the repository's .gitignore files.
type discoverer struct {
	exclude  func(path string) bool // user exclusions; may be nil
	patterns []gitignore.Pattern
	loaded   map[string]bool // directories whose .gitignore has been read
	onError  func(path string, err error)
}

func newDiscoverer(exclude func(string) bool, onError func(string, error)) *discoverer {
	return &discoverer{exclude: exclude, loaded: map[string]bool{}, onError: onError}
}

// walk sends every candidate under root to yield. A root that is a file is
// explicit. A directory is walked, skipping what git would ignore.
func (d *discoverer) walk(root string, yield func(candidate)) {
	info, err := os.Stat(root)
	if err != nil {
		d.onError(root, err)
		return
	}
	if !info.IsDir() {
		yield(candidate{path: root, explicit: true})
		return
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		d.onError(root, err)
		return
	}
	repo := repositoryRoot(abs)
	d.loadAncestors(repo, abs)
	err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.onError(p, err)
			return nil
		}
		// Most of a repository is not a candidate: settle those files
		// before any path arithmetic.
		if !e.IsDir() && (!e.Type().IsRegular() || !source.Candidate(p)) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			d.onError(p, err)
			return nil
		}
		absP := filepath.Join(abs, rel)
		if e.IsDir() {
			if p != root && (alwaysSkipped[e.Name()] || d.ignored(repo, absP, true)) {
				return filepath.SkipDir
			}
			d.loadDir(repo, absP)
			return nil
		}
		if d.ignored(repo, absP, false) {
			return nil
		}
		yield(candidate{path: p})
		return nil
	})
	if err != nil {
		d.onError(root, err)
	}
}

func (d *discoverer) ignored(repo, abs string, isDir bool) bool {
	if d.exclude != nil && d.exclude(abs) {
		return true
	}
	rel, err := filepath.Rel(repo, abs)
	if err != nil || len(d.patterns) == 0 {
		return false
	}
	return gitignore.NewMatcher(d.patterns).Match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
}

// repositoryRoot is the nearest ancestor holding .git, or dir itself when
// there is none: .gitignore files then apply from the scan root down.
func repositoryRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// gitDir is where the repository's metadata lives: repo/.git, or, when
// .git is a file (a linked worktree, a submodule), the directory its
// "gitdir:" line names. A worktree keeps the files it shares with the main
// checkout, info/exclude among them, in the directory its commondir file
// names. It is "" when there is no such directory.
func gitDir(repo string) string {
	dot := filepath.Join(repo, ".git")
	b, err := os.ReadFile(dot)
	if err != nil {
		// A directory (the usual checkout) or nothing at all.
		return dot
	}
	dir, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if !ok {
		return ""
	}
	dir = relativeTo(repo, strings.TrimSpace(dir))
	if common, err := os.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		return relativeTo(dir, strings.TrimSpace(string(common)))
	}
	return dir
}

// relativeTo resolves path against base unless it is absolute, as git does
// for the paths in .git files.
func relativeTo(base, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(base, path)
}

// loadAncestors reads the .gitignore files between the repository root and
// the directory a scan starts in, which apply to it as well.
func (d *discoverer) loadAncestors(repo, dir string) {
	if git := gitDir(repo); git != "" {
		d.loadFile(filepath.Join(git, "info", "exclude"), nil)
	}
	rel, err := filepath.Rel(repo, dir)
	if err != nil {
		return
	}
	cur := repo
	d.loadDir(repo, cur)
	if rel == "." {
		return
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		cur = filepath.Join(cur, part)
		d.loadDir(repo, cur)
	}
}

func (d *discoverer) loadDir(repo, dir string) {
	if d.loaded[dir] {
		return
	}
	d.loaded[dir] = true
	rel, err := filepath.Rel(repo, dir)
	if err != nil {
		return
	}
	var domain []string
	if rel != "." {
		domain = strings.Split(filepath.ToSlash(rel), "/")
	}
	d.loadFile(filepath.Join(dir, ".gitignore"), domain)
}

func (d *discoverer) loadFile(file string, domain []string) {
	b, err := os.ReadFile(file)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.onError(file, err)
		}
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		d.patterns = append(d.patterns, gitignore.ParsePattern(line, domain))
	}
}
