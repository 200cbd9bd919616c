package schemas

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/apigwlint/apigwlint/lint/position"
)

// finding is a Violation plus what dropAnsweredMissing needs to merge two
// reports of the same typo.
type finding struct {
	Violation
	missing  []string // members this finding reports as absent from the object at Path
	suggests string   // for an unknown member: the known member it probably meant
}

// translator turns the validator's error tree for one policy into findings.
type translator struct {
	schema *policySchema
	root   any // the validated (normalized) policy, to read offending values
}

// keywordLoc says where in the schema document an error was raised.
type keywordLoc struct {
	tokens  []string // JSON Pointer tokens into the schema document, ending with the keyword
	def     string   // the $defs entry holding the keyword; "" for the document root
	keyword string   // the failing keyword: "type", "pattern", "required", …
}

// walk collapses the cause tree. Wrappers ($ref, allOf, properties, items,
// if/then and the validator's unnamed groups) only carry causes, so it
// descends through them; a leaf is the precise failure. anyOf and oneOf are
// translated as a whole because their branches are alternatives, not
// separate problems: reporting a branch would tell the user to satisfy
// one particular alternative, or several at once.
func (t *translator) walk(e *jsonschema.ValidationError, out []finding) []finding {
	loc := parseKeywordLoc(e.AbsoluteKeywordLocation)
	if len(e.Causes) == 0 || loc.keyword == "anyOf" || loc.keyword == "oneOf" {
		return append(out, t.translate(e.InstanceLocation, loc)...)
	}
	for _, c := range e.Causes {
		out = t.walk(c, out)
	}
	return out
}

func (t *translator) translate(instanceLoc string, loc keywordLoc) []finding {
	path, value := locate(t.root, instanceLoc)
	switch loc.keyword {
	case "required":
		return t.missingMembers(path, value, loc)
	case "additionalProperties":
		return unknownMembers(path, value, loc.def)
	case "oneOf":
		return t.exclusiveMembers(path, value, loc)
	}
	p := problem{path: path, value: value, keyword: loc.keyword}
	if msg, ok := keyMessage(loc.def, p); ok {
		return []finding{{Violation: Violation{Path: path, OnKey: true, Message: msg}}}
	}
	return []finding{{Violation: Violation{Path: path, Message: valueMessage(loc.def, p)}}}
}

// missingMembers reports each member the failing "required" lists that the
// object lacks. The list comes from the schema so the two never drift apart.
func (t *translator) missingMembers(path []any, value any, loc keywordLoc) []finding {
	obj, _ := value.(map[string]any)
	required, _ := position.Follow(t.schema.doc, append(slices.Clone(loc.tokens[:len(loc.tokens)-1]), "required")).([]any)
	var out []finding
	for _, r := range required {
		name, _ := r.(string)
		if _, ok := obj[name]; ok {
			continue
		}
		out = append(out, finding{
			Violation: Violation{Path: path, Message: missingMessage(loc.def, name)},
			missing:   []string{name},
		})
	}
	return out
}

// exclusiveMembers translates a oneOf whose branches each require one member
// (Principal/NotPrincipal, Action/NotAction, Resource/NotResource): the
// statement needs exactly one of them.
func (t *translator) exclusiveMembers(path []any, value any, loc keywordLoc) []finding {
	names := branchMembers(position.Follow(t.schema.doc, loc.tokens))
	obj, _ := value.(map[string]any)
	var present []string
	for _, n := range names {
		if _, ok := obj[n]; ok {
			present = append(present, n)
		}
	}
	switch {
	case len(names) == 0:
		// Not a pair rule: the schema has a oneOf this translator does not know.
	case len(present) == 0:
		return []finding{{
			Violation: Violation{Path: path, Message: missingMessage(loc.def, names[0])},
			missing:   names,
		}}
	case len(present) > 1:
		return []finding{{Violation: Violation{Path: path, Message: bothMessage(present)}}}
	}
	return []finding{{Violation: Violation{Path: path, Message: fallbackMessage(value)}}}
}

// branchMembers reads the member names from oneOf branches shaped
// {"required": [name]}; it returns nil if any branch has another shape.
func branchMembers(oneOf any) []string {
	branches, _ := oneOf.([]any)
	names := make([]string, 0, len(branches))
	for _, b := range branches {
		m, _ := b.(map[string]any)
		req, _ := m["required"].([]any)
		if len(m) != 1 || len(req) != 1 {
			return nil
		}
		name, ok := req[0].(string)
		if !ok {
			return nil
		}
		names = append(names, name)
	}
	return names
}

// unknownMembers reports every member of the object the schema does not
// know, each on its own key so the editor underlines the name.
func unknownMembers(path []any, value any, def string) []finding {
	rules, ok := objectRules[def]
	obj, isObj := value.(map[string]any)
	if !ok || !isObj {
		return []finding{{Violation: Violation{Path: path, Message: fallbackMessage(value)}}}
	}
	var unknown, absent []string
	for k := range obj {
		if !slices.Contains(rules.known, k) {
			unknown = append(unknown, k)
		}
	}
	for _, k := range rules.known {
		if _, ok := obj[k]; !ok {
			absent = append(absent, k)
		}
	}
	sort.Strings(unknown)
	out := make([]finding, 0, len(unknown))
	for _, k := range unknown {
		// Only absent members are suggested: "did you mean Effect?" next to
		// an Effect that is already there would send the user in circles.
		msg, suggestion := rules.unknownMessage(k, absent)
		out = append(out, finding{
			Violation: Violation{Path: append(slices.Clone(path), k), OnKey: true, Message: msg},
			suggests:  suggestion,
		})
	}
	return out
}

// parseKeywordLoc reads an absolute keyword location such as
// "https://apigwlint.dev/schemas/policy.schema.json#/$defs/statement/required".
func parseKeywordLoc(abs string) keywordLoc {
	_, frag, _ := strings.Cut(abs, "#")
	loc := keywordLoc{tokens: splitPointer(frag)}
	n := len(loc.tokens)
	if n > 0 {
		loc.keyword = loc.tokens[n-1]
	}
	for i := n - 2; i >= 0; i-- {
		if loc.tokens[i] == "$defs" {
			loc.def = loc.tokens[i+1]
			break
		}
	}
	return loc
}

// locate turns the validator's instance location into a typed path (array
// indexes as ints) and returns the value found there, nil if there is none.
func locate(root any, instanceLoc string) ([]any, any) {
	path := []any{}
	cur := root
	for _, tok := range splitPointer(instanceLoc) {
		var step any = tok
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				cur = nil
				break
			}
			step, cur = i, c[i]
		default:
			cur = nil
		}
		path = append(path, step)
	}
	return path, cur
}

// splitPointer splits a JSON Pointer into unescaped tokens. The validator
// also percent-encodes tokens (url.PathEscape), so that is undone first.
func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, part := range parts {
		if u, err := url.PathUnescape(part); err == nil {
			part = u
		}
		part = strings.ReplaceAll(part, "~1", "/")
		parts[i] = strings.ReplaceAll(part, "~0", "~")
	}
	return parts
}
