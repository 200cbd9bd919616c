package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Registry holds the metadata of every loaded rule, by name and by code.
type Registry struct {
	byName map[string]*Rule
	byCode map[string]*Rule
}

var codePattern = regexp.MustCompile(`^[A-Z]{2,4}[0-9]{3}$`)

// Lookup finds a rule by name or code; codes match case-insensitively.
func (r *Registry) Lookup(nameOrCode string) (*Rule, bool) {
	if rule, ok := r.byName[nameOrCode]; ok {
		return rule, true
	}
	rule, ok := r.byCode[strings.ToUpper(nameOrCode)]
	return rule, ok
}

// Rules returns every rule, ordered by code.
func (r *Registry) Rules() []*Rule {
	out := make([]*Rule, 0, len(r.byCode))
	for _, rule := range r.byCode {
		out = append(out, rule)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// buildRegistry reads the package METADATA of every rule package the
// compiler knows. docs resolves a rule's README.md; it may be nil.
func buildRegistry(c *ast.Compiler, docs fs.FS) (*Registry, error) {
	reg := &Registry{byName: map[string]*Rule{}, byCode: map[string]*Rule{}}
	for _, ref := range c.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a.Scope != "package" {
			continue
		}
		category, name, ok := ruleIdentity(ref.Path)
		if !ok {
			continue
		}
		rule, err := ruleFromAnnotations(category, name, a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Location, err)
		}
		rule.Doc = ruleDoc(rule, a, docs)
		if err := reg.add(rule); err != nil {
			return nil, fmt.Errorf("%s: %w", a.Location, err)
		}
	}
	return reg, nil
}

// ruleDoc is a rule's docs page: the README.md in its folder (in docs for a
// built-in rule, on disk beside the module for a user rule), or, when it has
// none, a page made from its METADATA, so that explain always has one.
func ruleDoc(rule *Rule, a *ast.Annotations, docs fs.FS) string {
	var b []byte
	err := fs.ErrNotExist
	switch {
	case rule.Custom && a.Location != nil && a.Location.File != "":
		b, err = os.ReadFile(filepath.Join(filepath.Dir(filepath.FromSlash(a.Location.File)), "README.md"))
	case !rule.Custom && docs != nil:
		b, err = fs.ReadFile(docs, rule.Category+"/"+rule.Name+"/README.md")
	}
	if err == nil {
		return string(b)
	}
	page := "# " + rule.Name + " (" + rule.Code + ")\n\n" + rule.Title + "\n"
	if rule.Description != "" {
		page += "\n" + rule.Description + "\n"
	}
	return page
}

func (r *Registry) add(rule *Rule) error {
	if prev, dup := r.byCode[rule.Code]; dup {
		return fmt.Errorf("rule %s reuses code %s of rule %s: give it a new code", rule.Name, rule.Code, prev.Name)
	}
	if prev, dup := r.byName[rule.Name]; dup {
		return fmt.Errorf("rule name %s is used twice (%s and %s): rename one", rule.Name, prev.Code, rule.Code)
	}
	r.byCode[rule.Code] = rule
	r.byName[rule.Name] = rule
	return nil
}

// ruleIdentity reads category and name from a rule package path:
// data.apigwlint.rules.<category>["<name>"] or data.apigwlint.custom["<name>"].
func ruleIdentity(path ast.Ref) (category, name string, ok bool) {
	str := func(i int) string {
		if i >= len(path) {
			return ""
		}
		s, _ := path[i].Value.(ast.String)
		return string(s)
	}
	if str(1) != "apigwlint" {
		return "", "", false
	}
	switch {
	case str(2) == "rules" && len(path) == 5:
		return str(3), str(4), true
	case str(2) == "custom" && len(path) == 4:
		return "custom", str(3), true
	}
	return "", "", false
}

func ruleFromAnnotations(category, name string, a *ast.Annotations) (*Rule, error) {
	code, _ := a.Custom["code"].(string)
	if !codePattern.MatchString(code) {
		return nil, fmt.Errorf("rule %s: METADATA custom.code %q must be letters and three digits, e.g. AG101", name, code)
	}
	sevText, _ := a.Custom["severity"].(string)
	sev, err := ParseSeverity(sevText)
	if err != nil {
		return nil, fmt.Errorf("rule %s: METADATA custom.severity: %w", name, err)
	}
	if a.Title == "" {
		return nil, fmt.Errorf("rule %s: METADATA has no title", name)
	}
	// A user rule's docs are its own; a link into this repository would lead
	// nowhere, so it has none.
	docs := DocsBase + "/" + category + "/" + name
	if category == "custom" {
		docs = ""
	}
	return &Rule{
		Code:        code,
		Name:        name,
		Category:    category,
		Title:       a.Title,
		Description: strings.TrimSpace(a.Description),
		Severity:    sev,
		DocsURL:     docs,
		Custom:      category == "custom",
	}, nil
}
