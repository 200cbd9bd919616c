package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Embedded files. The go command embeds the file into the variable, but it
// does not tell an analyzer which files those are: go vet's configuration
// lists a package's Go files, its cgo and assembly files (OtherFiles) and
// the files excluded by build constraints (IgnoredFiles), and Pass.ReadFile
// refuses any other name. So the analyzer resolves the directive's pattern
// itself and, when Pass.ReadFile refuses, reads the file directly. That is
// safe for go vet's cache, because the go command hashes embedded files
// into the package's build, which keys the vet result; gopls may keep a
// stale result until the Go file changes.
//
// Positions inside the embedded file are real, but golangci-lint drops
// diagnostics outside Go files, so a finding is reported at the directive,
// its message starting with file:line:col, and the exact place is attached
// as related information for drivers that show it.

// embedDecl is a //go:embed directive on a string or []byte variable.
type embedDecl struct {
	directive *ast.Comment
	patterns  []string
	v         *types.Var
}

// embedded is an embedded file that was read.
type embedded struct {
	decl *embedDecl
	path string // as the file system names it
	rel  string // as the directive names it
	src  []byte
}

// embedOf returns the //go:embed directive on a var spec, if any. A
// directive sits in the spec's doc comment in a var group, in the
// declaration's otherwise.
func embedOf(d *ast.GenDecl, vs *ast.ValueSpec) *embedDecl {
	doc := vs.Doc
	if doc == nil && len(d.Specs) == 1 {
		doc = d.Doc
	}
	if doc == nil {
		return nil
	}
	for _, c := range doc.List {
		rest, ok := strings.CutPrefix(c.Text, "//go:embed")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		if pats, ok := embedPatterns(rest); ok {
			return &embedDecl{directive: c, patterns: pats}
		}
	}
	return nil
}

// embedPatterns splits a directive's argument into patterns: separated by
// spaces, each possibly a quoted Go string.
func embedPatterns(s string) ([]string, bool) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, false
			}
			p, _ := strconv.Unquote(q)
			out, s = append(out, p), s[len(q):]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		out, s = append(out, s[:end]), s[end:]
	}
	return out, len(out) > 0
}

// embeddedText reads the file an embed directive names. A string or []byte
// variable holds exactly one file, so the directive must name one: a single
// pattern, matching one file when it is a glob.
func (s *scan) embeddedText(d *embedDecl) (*text, bool) {
	if len(d.patterns) != 1 {
		return nil, false
	}
	rel := strings.TrimPrefix(d.patterns[0], "all:")
	goFile := s.pass.Fset.File(d.directive.Pos())
	if goFile == nil {
		return nil, false
	}
	path := filepath.Join(filepath.Dir(goFile.Name()), filepath.FromSlash(rel))
	if strings.ContainsAny(rel, "*?[") {
		matches, err := filepath.Glob(path)
		if err != nil || len(matches) != 1 {
			return nil, false
		}
		path = matches[0]
		if r, err := filepath.Rel(filepath.Dir(goFile.Name()), path); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	src, err := s.readFile(path)
	if err != nil {
		// The go command reports a missing embedded file; the analyzer has
		// nothing to add.
		return nil, false
	}
	e := &embedded{decl: d, path: path, rel: rel, src: src}
	return &text{value: string(src), embed: e}, true
}

// readFile reads through Pass.ReadFile when the driver allows the name,
// and from the file system when it does not (see the comment at the top).
func (s *scan) readFile(path string) ([]byte, error) {
	if s.pass.ReadFile != nil {
		if b, err := s.pass.ReadFile(path); err == nil {
			return b, nil
		}
	}
	return os.ReadFile(path)
}

// fileOf adds an embedded file to the FileSet once, so that positions in
// it can be reported as related information.
func (s *scan) fileOf(e *embedded) *token.File {
	if f, ok := s.files[e.path]; ok {
		return f
	}
	f := s.pass.Fset.AddFile(e.path, -1, len(e.src))
	f.SetLinesForContent(e.src)
	s.files[e.path] = f
	return f
}
