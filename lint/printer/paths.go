package printer

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// repoPath returns file as a slash-separated path relative to root, and
// whether it could be made one. Reports are usually made from the
// repository root with relative paths, which pass through cleaned; an
// absolute path is made relative when it lies under root.
func repoPath(root, file string) (string, bool) {
	if filepath.IsAbs(file) {
		if root == "" {
			return filepath.ToSlash(file), false
		}
		rel, err := filepath.Rel(root, file)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(file), false
		}
		file = rel
	}
	p := path.Clean(filepath.ToSlash(file))
	return p, p != ".." && !strings.HasPrefix(p, "../")
}

// fileURI is a URI reference for file: relative (to be resolved against a
// base such as %SRCROOT%) when rel is true, an absolute file URI otherwise.
func fileURI(p string, rel bool) string {
	if rel {
		return (&url.URL{Path: p}).EscapedPath()
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path, C:/x, becomes file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// utf16Col converts a 1-based byte column on line to a 1-based column in
// UTF-16 code units, the unit SARIF counts in by default. A column past the
// end of the line (an end column just after the last byte) stays past it.
func utf16Col(line string, byteCol int) int {
	n := max(byteCol-1, 0)
	if n > len(line) {
		return utf16Len(line) + (n - len(line)) + 1
	}
	return utf16Len(line[:n]) + 1
}

// utf16Len counts the UTF-16 code units of s; an invalid byte counts as one
// unit, as the replacement character it decodes to.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// lineOf returns the text of the 1-based line n of src without its line
// ending, and without a UTF-8 byte order mark on line 1, as lint counts
// columns.
func lineOf(src []byte, n int) string {
	s := string(src)
	if n == 1 {
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	for i := 1; i < n; i++ {
		_, rest, ok := strings.Cut(s, "\n")
		if !ok {
			return ""
		}
		s = rest
	}
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "\r")
}
