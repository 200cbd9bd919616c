package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
)

// Selection is what the rules section means for a given set of rules.
type Selection struct {
	Disabled map[string]bool          // by rule name
	Severity map[string]lint.Severity // by rule name
	Settings map[string]any           // by rule name
}

// Empty reports whether the selection changes nothing.
func (s Selection) Empty() bool {
	return len(s.Disabled) == 0 && len(s.Severity) == 0 && len(s.Settings) == 0
}

// Select applies the rules and settings sections to rules. A selector that
// matches no rule is an error at its line, so a typo never leaves a rule on.
//
// Without rules.enable every rule runs; with it, only those it selects. A
// rule matched by selectors in both lists follows the most specific one (a
// name or full code beats a prefix, a longer prefix a shorter one); a tie
// goes to disable.
func (cfg *Config) Select(rules []*lint.Rule) (Selection, error) {
	sel := Selection{Disabled: map[string]bool{}, Severity: map[string]lint.Severity{}, Settings: map[string]any{}}
	var errs []error
	errs = append(errs, cfg.checkSelectors("/rules/enable", cfg.Rules.Enable, rules)...)
	errs = append(errs, cfg.checkSelectors("/rules/disable", cfg.Rules.Disable, rules)...)
	for _, r := range rules {
		on := 0 // with no enable list, every rule is selected at the lowest specificity
		if len(cfg.Rules.Enable) > 0 {
			on = bestMatch(cfg.Rules.Enable, r)
		}
		if on < 0 || bestMatch(cfg.Rules.Disable, r) >= on {
			sel.Disabled[r.Name] = true
		}
	}
	for _, key := range sortedMapKeys(cfg.Rules.Severity) {
		r, ok := exactRule(key, rules)
		if !ok {
			errs = append(errs, cfg.errorAt("/rules/severity/"+escapePointer(key)+"#key", "rules.severity: %q is no rule's code or name: see apigwlint rules", key))
			continue
		}
		sev, err := lint.ParseSeverity(cfg.Rules.Severity[key])
		if err != nil {
			errs = append(errs, cfg.errorAt("/rules/severity/"+escapePointer(key), "rules.severity.%s: %v", key, err))
			continue
		}
		sel.Severity[r.Name] = sev
	}
	for _, key := range sortedMapKeys(cfg.Settings) {
		r, ok := exactRule(key, rules)
		if !ok {
			errs = append(errs, cfg.errorAt("/settings/"+escapePointer(key)+"#key", "settings: %q is no rule's code or name: see apigwlint rules", key))
			continue
		}
		sel.Settings[r.Name] = cfg.Settings[key]
	}
	return sel, errors.Join(errs...)
}

func (cfg *Config) checkSelectors(ptr string, sels []string, rules []*lint.Rule) []error {
	var errs []error
	for i, s := range sels {
		hit := false
		for _, r := range rules {
			if matchSpecificity(s, r) >= 0 {
				hit = true
				break
			}
		}
		if !hit {
			errs = append(errs, cfg.errorAt(fmt.Sprintf("%s/%d", ptr, i), "%s[%d]: %q selects no rule: give a code (AG101), a code prefix (AG1) or a name; see apigwlint rules",
				displayPath(ptr), i, s))
		}
	}
	return errs
}

// matchSpecificity is how specifically selector s names rule r: the length
// of a matching code prefix, more than any code for a name, -1 for no match.
func matchSpecificity(s string, r *lint.Rule) int {
	switch {
	case s == r.Name:
		return 100
	case strings.HasPrefix(r.Code, strings.ToUpper(s)):
		return len(s)
	}
	return -1
}

func bestMatch(sels []string, r *lint.Rule) int {
	best := -1
	for _, s := range sels {
		best = max(best, matchSpecificity(s, r))
	}
	return best
}

// exactRule finds the rule a key names by full code (any case) or name.
func exactRule(key string, rules []*lint.Rule) (*lint.Rule, bool) {
	for _, r := range rules {
		if r.Name == key || strings.EqualFold(r.Code, key) {
			return r, true
		}
	}
	return nil, false
}

func sortedMapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Excluded returns the RunOptions.Exclude function for the exclude globs:
// whether an absolute path is excluded. Nil when nothing is excluded.
func (cfg *Config) Excluded() func(abs string) bool {
	if len(cfg.Exclude) == 0 {
		return nil
	}
	return func(abs string) bool {
		rel, ok := cfg.relative(abs)
		return ok && matchAny(cfg.Exclude, rel)
	}
}

// relative is abs relative to the config file's directory, with slashes;
// false when abs lies outside it.
func (cfg *Config) relative(abs string) (string, bool) {
	rel, err := filepath.Rel(cfg.Dir, abs)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	return rel, rel != ".." && !strings.HasPrefix(rel, "../")
}

// matchAny reports whether rel matches one of the globs. A glob also matches
// everything under a folder it matches, so "build" excludes build/x.json as
// "build/**" does.
func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		g = strings.TrimPrefix(strings.TrimSuffix(g, "/"), "./")
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(g+"/**", rel); ok {
			return true
		}
	}
	return false
}

// CheckIgnores reports ignore entries naming a rule that does not exist.
func (cfg *Config) CheckIgnores(rules []*lint.Rule) error {
	var errs []error
	for i, ig := range cfg.Ignore {
		if _, ok := exactRule(ig.Code, rules); !ok {
			errs = append(errs, cfg.errorAt(fmt.Sprintf("/ignore/%d/code", i), "ignore[%d].code: %q is no rule's code or name: see apigwlint rules", i, ig.Code))
		}
		if !doublestar.ValidatePattern(ig.Path) {
			errs = append(errs, cfg.errorAt(fmt.Sprintf("/ignore/%d/path", i), "ignore[%d].path: %q is not a valid glob", i, ig.Path))
		}
	}
	for i, g := range cfg.Exclude {
		if !doublestar.ValidatePattern(g) {
			errs = append(errs, cfg.errorAt(fmt.Sprintf("/exclude/%d", i), "exclude[%d]: %q is not a valid glob", i, g))
		}
	}
	return errors.Join(errs...)
}

// Ignores turns the ignore entries into lint.Ignores. Reports name files
// relative to cwd (or absolute), and the globs are relative to the config
// file, so each file is resolved against cwd first.
func (cfg *Config) Ignores(cwd, display string) []lint.Ignore {
	out := make([]lint.Ignore, 0, len(cfg.Ignore))
	lines := cfg.lines()
	for _, ig := range cfg.Ignore {
		glob := ig.Path
		line := ""
		if ig.Pos.Line >= 1 && ig.Pos.Line <= len(lines) {
			line = lines[ig.Pos.Line-1]
		}
		out = append(out, lint.Ignore{
			Match: func(file string) bool {
				if !filepath.IsAbs(file) {
					file = filepath.Join(cwd, file)
				}
				rel, ok := cfg.relative(file)
				return ok && matchAny([]string{glob}, rel)
			},
			Rule: ig.Code, Pointer: ig.Pointer, Reason: ig.Reason,
			File: display,
			Span: position.Span{
				Start: position.Pos{Line: ig.Pos.Line, Col: ig.Pos.Col},
				End:   position.Pos{Line: ig.Pos.Line, Col: len(line) + 1},
			},
			Source: line,
		})
	}
	return out
}

// lines is the text of the configuration file, for the source line of an
// unused ignore entry; nil when it cannot be read again.
func (cfg *Config) lines() []string {
	if cfg.src == nil && cfg.Path != "" {
		cfg.src, _ = os.ReadFile(cfg.Path)
	}
	return strings.Split(strings.ReplaceAll(string(cfg.src), "\r\n", "\n"), "\n")
}
