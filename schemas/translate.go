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
// if/then/else, dependentSchemas and the validator's unnamed groups) only
// carry causes, so it descends through them; a leaf is the precise failure.
// anyOf is translated as a whole because its branches are alternatives, not
// separate problems: reporting a branch would tell the user to satisfy one
// particular alternative, or several at once. So is "not", whose causes are
// what the value must not satisfy.
func (t *translator) walk(e *jsonschema.ValidationError, out []finding) []finding {
	loc := parseKeywordLoc(e.AbsoluteKeywordLocation)
	if len(e.Causes) == 0 || loc.keyword == "anyOf" || loc.keyword == "not" {
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
		if preferred, ok := t.pairPreferred(loc); ok {
			return t.missingPair(path, loc, preferred)
		}
		return t.missingMembers(path, value, loc)
	case "additionalProperties":
		return unknownMembers(path, value, loc.def)
	case "not":
		return t.bothMembers(path, value, loc)
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

// The schema states each pair rule (Principal or NotPrincipal, Action or
// NotAction, Resource or NotResource) in two parts: "at least one" as
// {"if": {"required": [X]}, "else": {"required": [NotX]}}, and "not both" as
// dependentSchemas {NotX: {"not": {"required": [X]}}}. A oneOf said it in
// one, but applied both branches to every statement, and validation was a
// fifth of the cost of linting a document.

// pairPreferred reports whether a failing "required" is the else of a pair
// rule, and returns the member its if asks for: the one the fix adds.
func (t *translator) pairPreferred(loc keywordLoc) (string, bool) {
	n := len(loc.tokens)
	if n < 2 || loc.tokens[n-2] != "else" {
		return "", false
	}
	cond, _ := position.Follow(t.schema.doc, append(slices.Clone(loc.tokens[:n-2]), "if")).(map[string]any)
	return onlyRequired(cond)
}

// missingPair reports a statement with neither member of a pair.
func (t *translator) missingPair(path []any, loc keywordLoc, preferred string) []finding {
	required, _ := position.Follow(t.schema.doc, loc.tokens).([]any)
	names := []string{preferred}
	for _, r := range required {
		if name, ok := r.(string); ok {
			names = append(names, name)
		}
	}
	return []finding{{
		Violation: Violation{Path: path, Message: missingMessage(loc.def, preferred)},
		missing:   names,
	}}
}

// bothMembers translates the failing "not" of a pair rule: the statement
// has NotX, which dependentSchemas keys the rule by, and X as well.
func (t *translator) bothMembers(path []any, value any, loc keywordLoc) []finding {
	n := len(loc.tokens)
	if n >= 3 && loc.tokens[n-3] == "dependentSchemas" {
		not, _ := position.Follow(t.schema.doc, loc.tokens).(map[string]any)
		if name, ok := onlyRequired(not); ok {
			return []finding{{Violation: Violation{Path: path, Message: bothMessage([]string{name, loc.tokens[n-2]})}}}
		}
	}
	// Not a pair rule: the schema has a "not" this translator does not know.
	return []finding{{Violation: Violation{Path: path, Message: fallbackMessage(value)}}}
}

// onlyRequired reads the member name from a schema shaped {"required": [name]}.
func onlyRequired(schema map[string]any) (string, bool) {
	req, _ := schema["required"].([]any)
	if len(schema) != 1 || len(req) != 1 {
		return "", false
	}
	name, ok := req[0].(string)
	return name, ok
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
