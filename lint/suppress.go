package lint

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// The rules that report on suppressions themselves. Their findings are made
// here, in Go; their Rego files only carry the metadata.
const (
	unusedSuppression  = "unused-suppression"
	invalidSuppression = "invalid-suppression"
)

// directivePrefix starts a suppression comment: # apigwlint:ignore CODE reason.
const directivePrefix = "apigwlint:ignore"

// directive is one suppression comment in a file.
type directive struct {
	line   int // where the comment is
	target int // the line whose findings it silences
	span   position.Span
	source string // the text of the comment's line
	rules  []string
	used   []bool
	reason string
}

// ApplyDirectives drops the findings of one file that an
// "# apigwlint:ignore CODE[,CODE...] reason" comment silences, and adds a
// finding for each directive that has no reason or names no rule
// (invalid-suppression) and for each code that silenced nothing
// (unused-suppression).
//
// A comment alone on its line silences the next line that is not blank or a
// comment; a comment after code silences its own line. A code may be a rule
// code (any case) or name. YAML and HCL have comments; JSON does not, so
// JSON files are not scanned: use an ignore entry of .apigwlint.yaml there.
func (e *Engine) ApplyDirectives(path string, src []byte, findings []Finding) []Finding {
	if strings.EqualFold(filepath.Ext(path), ".json") || !bytes.Contains(src, []byte(directivePrefix)) {
		return findings
	}
	dirs := scanDirectives(src, isHCL(path))
	if len(dirs) == 0 {
		return findings
	}
	kept := findings[:0:0]
	for _, f := range findings {
		if !silence(dirs, f) {
			kept = append(kept, f)
		}
	}
	for _, d := range dirs {
		kept = append(kept, e.directiveFindings(path, d)...)
	}
	SortFindings(kept)
	return kept
}

func isHCL(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tf", ".hcl", ".tfvars":
		return true
	}
	return false
}

// silence reports whether a directive silences f, marking the code used.
func silence(dirs []*directive, f Finding) bool {
	silenced := false
	for _, d := range dirs {
		if d.target != f.Span.Start.Line {
			continue
		}
		for i, r := range d.rules {
			if strings.EqualFold(r, f.Rule.Code) || r == f.Rule.Name {
				d.used[i] = true
				silenced = true
			}
		}
	}
	return silenced
}

// directiveFindings reports what is wrong with one directive.
func (e *Engine) directiveFindings(path string, d *directive) []Finding {
	var out []Finding
	at := func(rule, msg string) {
		if f, ok := e.metaFinding(rule, path, d.span, d.source, msg); ok {
			out = append(out, f)
		}
	}
	if len(d.rules) == 0 {
		at(invalidSuppression, "# apigwlint:ignore names no rule: write the code and why, e.g. # apigwlint:ignore AG201 the API is private")
		return out
	}
	if d.reason == "" {
		at(invalidSuppression, fmt.Sprintf("# apigwlint:ignore %s has no reason: say why after the codes, e.g. # apigwlint:ignore %s the API is private",
			strings.Join(d.rules, ","), strings.Join(d.rules, ",")))
	}
	for i, r := range d.rules {
		rule, ok := e.registry.Lookup(r)
		switch {
		case !ok:
			at(invalidSuppression, fmt.Sprintf("# apigwlint:ignore names %q, which is no rule's code or name: see apigwlint rules", r))
		case !d.used[i] && !e.opts.Disabled[rule.Name]:
			at(unusedSuppression, fmt.Sprintf("# apigwlint:ignore %s silences nothing: no %s finding starts on line %d; remove it", r, rule.Code, d.target))
		}
	}
	return out
}

// metaFinding builds a finding of one of the suppression rules, unless that
// rule is disabled or not loaded.
func (e *Engine) metaFinding(name, path string, span position.Span, source, msg string) (Finding, bool) {
	rule, ok := e.registry.byName[name]
	if !ok || e.opts.Disabled[name] {
		return Finding{}, false
	}
	sev := rule.Severity
	if s, ok := e.opts.Severity[name]; ok {
		sev = s
	}
	return Finding{
		Rule: rule, Severity: sev, File: path, Span: span, Exact: true, Message: msg, Source: source,
		ValueHash: valueHash([]byte(source), span.Start.Col-1, span.End.Col-1),
	}, true
}

// scanDirectives finds the suppression comments of a YAML or HCL file.
func scanDirectives(src []byte, hcl bool) []*directive {
	lines := strings.Split(string(src), "\n")
	var dirs []*directive
	var pending []*directive // own-line directives waiting for their target
	for i, raw := range lines {
		line := strings.TrimSuffix(raw, "\r")
		if i == 0 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		start := commentStart(line, hcl)
		code := line
		if start >= 0 {
			code = line[:start]
		}
		if strings.TrimSpace(code) != "" {
			for _, d := range pending {
				d.target = i + 1
			}
			pending = pending[:0]
		}
		if start < 0 {
			continue
		}
		d, ok := parseDirective(line, start)
		if !ok {
			continue
		}
		d.line, d.target = i+1, i+1
		end := len(strings.TrimRight(line, " \t"))
		d.span = position.Span{Start: position.Pos{Line: i + 1, Col: start + 1}, End: position.Pos{Line: i + 1, Col: end + 1}}
		d.source = line
		dirs = append(dirs, d)
		if strings.TrimSpace(code) == "" {
			pending = append(pending, d)
		}
	}
	// A directive at the end of the file silences nothing; its target stays
	// its own line, which holds no finding.
	return dirs
}

// parseDirective reads the comment starting at line[start] if it is a
// suppression: the codes (comma-separated, spaces after commas allowed),
// then the reason.
func parseDirective(line string, start int) (*directive, bool) {
	text := line[start:]
	if strings.HasPrefix(text, "//") {
		text = text[2:]
	} else {
		text = text[1:]
	}
	text = strings.TrimSpace(text)
	rest, ok := strings.CutPrefix(text, directivePrefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, false
	}
	d := &directive{}
	fields := strings.Fields(rest)
	i := 0
	for i < len(fields) {
		f := fields[i]
		i++
		for _, code := range strings.Split(f, ",") {
			if code != "" {
				d.rules = append(d.rules, code)
			}
		}
		if !strings.HasSuffix(f, ",") && (i >= len(fields) || !strings.HasPrefix(fields[i], ",")) {
			break
		}
	}
	d.reason = strings.Join(fields[i:], " ")
	d.used = make([]bool, len(d.rules))
	return d, true
}

// commentStart returns the index of the "#" (or, in HCL, "//") that starts
// a comment on line, or -1. A "#" inside a quoted string is not a comment;
// in YAML a "#" must also follow white space, so "a#b" is a plain value.
func commentStart(line string, hcl bool) int {
	var quote byte
	for i := 0; i < len(line); i++ {
		if quote != 0 {
			i, quote = skipQuoted(line, i, quote)
			continue
		}
		if startsComment(line, i, hcl) {
			return i
		}
		if c := line[i]; c == '"' && (hcl || opensScalar(line, i)) || c == '\'' && !hcl && opensScalar(line, i) {
			quote = c
		}
	}
	return -1
}

// startsComment reports whether line[i], outside any string, starts a
// comment: "#" (after white space, in YAML) or, in HCL, "//".
func startsComment(line string, i int, hcl bool) bool {
	if hcl {
		return line[i] == '#' || strings.HasPrefix(line[i:], "//")
	}
	return line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t')
}

// skipQuoted looks at line[i] inside a string opened by quote and returns
// the index of the last byte it consumed and the quote still open (0 once
// the string is closed). Double-quoted strings escape with a backslash;
// YAML single-quoted strings with a doubled quote.
func skipQuoted(line string, i int, quote byte) (int, byte) {
	c := line[i]
	switch {
	case quote == '"' && c == '\\':
		return i + 1, quote
	case c == quote && quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
		return i + 1, quote
	case c == quote:
		return i, 0
	}
	return i, quote
}

// opensScalar reports whether a quote at line[i] starts a quoted YAML
// scalar rather than sitting inside a plain one (it's, 5" pipe).
func opensScalar(line string, i int) bool {
	before := strings.TrimRight(line[:i], " \t")
	if before == "" {
		return true
	}
	return strings.ContainsRune(":-[{,?", rune(before[len(before)-1]))
}

// Ignore is a suppression kept outside the files it applies to: an ignore
// entry of .apigwlint.yaml.
type Ignore struct {
	Match   func(file string) bool // whether the entry covers a file, as reports name it
	Rule    string                 // rule code or name
	Pointer string                 // optional: only the finding at or below this JSON pointer
	Reason  string

	// Where the entry is written, for its unused-suppression finding.
	File   string
	Span   position.Span
	Source string
}

// ApplyIgnores drops the findings of rep that an ignore entry covers, and
// reports each entry that silenced nothing (unused-suppression). An entry is
// only reported when it covers a file of linted, the files this scan read:
// a pre-commit run over three files says nothing about entries for others.
func (e *Engine) ApplyIgnores(rep *Report, ignores []Ignore, linted []string) {
	if len(ignores) == 0 {
		return
	}
	used := make([]bool, len(ignores))
	kept := rep.Findings[:0:0]
	for _, f := range rep.Findings {
		silenced := false
		for i, ig := range ignores {
			if ig.covers(f) {
				used[i], silenced = true, true
			}
		}
		if !silenced {
			kept = append(kept, f)
		}
	}
	for i, ig := range ignores {
		if used[i] || !ig.coversAny(linted) {
			continue
		}
		rule, ok := e.registry.Lookup(ig.Rule)
		if ok && e.opts.Disabled[rule.Name] {
			continue
		}
		what := ig.Rule
		if ig.Pointer != "" {
			what += " at " + ig.Pointer
		}
		msg := fmt.Sprintf("ignore entry for %s silences nothing in the files it covers; remove it", what)
		if f, ok := e.metaFinding(unusedSuppression, ig.File, ig.Span, ig.Source, msg); ok {
			kept = append(kept, f)
		}
	}
	SortFindings(kept)
	rep.Findings = kept
}

func (ig Ignore) covers(f Finding) bool {
	if !strings.EqualFold(ig.Rule, f.Rule.Code) && ig.Rule != f.Rule.Name {
		return false
	}
	if ig.Pointer != "" && f.Pointer != ig.Pointer && !strings.HasPrefix(f.Pointer, ig.Pointer+"/") {
		return false
	}
	return ig.Match != nil && ig.Match(f.File)
}

func (ig Ignore) coversAny(files []string) bool {
	for _, f := range files {
		if ig.Match != nil && ig.Match(f) {
			return true
		}
	}
	return false
}
