package schemas

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// flatten returns a copy of a schema document with every local reference
// ("$ref": "#/$defs/name") replaced by the definition it names, and $defs
// dropped. It accepts exactly the documents the original accepts.
//
// The validator applies a referenced schema as a schema application of its
// own, with its own bookkeeping of the instance's members, so the policy
// schema's chains of small definitions cost about a third of validation.
// The original stays the source of messages: errors name the $defs entry
// they came from, and flattening erases that.
func flatten(doc map[string]any) (map[string]any, error) {
	defs, _ := doc["$defs"].(map[string]any)
	f := flattener{defs: defs}
	out, err := f.object(doc, nil)
	if err != nil {
		return nil, err
	}
	delete(out, "$defs")
	return out, nil
}

type flattener struct {
	defs map[string]any
}

// literalKeywords hold instance values, not schemas: a "$ref" inside them is
// data.
var literalKeywords = map[string]bool{"enum": true, "const": true, "examples": true, "default": true}

// schema flattens v, which may be a schema or a keyword's value holding
// schemas (a list, a map of names to schemas). expanding lists the
// definitions being inlined, to refuse a cycle.
func (f flattener) schema(v any, expanding []string) (any, error) {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			y, err := f.schema(x, expanding)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return out, nil
	case map[string]any:
		return f.object(v, expanding)
	}
	return v, nil
}

// object flattens an object: a schema, or a map of names to schemas.
func (f flattener) object(v map[string]any, expanding []string) (map[string]any, error) {
	out := make(map[string]any, len(v))
	for k, x := range v {
		if literalKeywords[k] || k == "$ref" {
			out[k] = x
			continue
		}
		y, err := f.schema(x, expanding)
		if err != nil {
			return nil, err
		}
		out[k] = y
	}
	ref, ok := out["$ref"].(string)
	if !ok {
		return out, nil
	}
	delete(out, "$ref")
	target, err := f.definition(ref, expanding)
	if err != nil {
		return nil, err
	}
	return merge(out, target), nil
}

// definition returns the flattened definition a local reference names.
func (f flattener) definition(ref string, expanding []string) (map[string]any, error) {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok || strings.ContainsAny(name, "/~") {
		return nil, fmt.Errorf("$ref %q: only #/$defs/<name> references can be flattened", ref)
	}
	if slices.Contains(expanding, name) {
		return nil, fmt.Errorf("$ref %q: a recursive definition cannot be flattened", ref)
	}
	def, ok := f.defs[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q: no such definition", ref)
	}
	return f.object(def, append(slices.Clip(expanding), name))
}

// annotations assert nothing, so the referring schema's may stand in for the
// definition's.
var annotations = map[string]bool{"description": true, "title": true, "$comment": true, "examples": true, "default": true, "deprecated": true}

// adjacentKeywords read one another within one schema object
// (additionalProperties applies to what properties does not name, and so
// on), so a group must not be assembled from two schemas.
var adjacentKeywords = [][]string{
	{"properties", "patternProperties", "additionalProperties", "unevaluatedProperties"},
	{"prefixItems", "items", "unevaluatedItems"},
	{"contains", "minContains", "maxContains"},
	{"if", "then", "else"},
}

// merge applies target within referrer, as "$ref" does: its keywords join
// referrer's when the two share none, and otherwise target becomes one more
// allOf branch, which means the same thing at the cost the reference had.
func merge(referrer, target map[string]any) map[string]any {
	if !mergeable(referrer, target) {
		all, _ := referrer["allOf"].([]any)
		referrer["allOf"] = append(slices.Clip(all), target)
		return referrer
	}
	out := maps.Clone(target)
	maps.Copy(out, referrer)
	return out
}

func mergeable(referrer, target map[string]any) bool {
	for k := range target {
		if _, both := referrer[k]; both && !annotations[k] {
			return false
		}
		if strings.HasPrefix(k, "$") && k != "$comment" {
			return false // $id, $anchor and the like change how names resolve
		}
	}
	for _, group := range adjacentKeywords {
		if hasAny(referrer, group) && hasAny(target, group) {
			return false
		}
	}
	return true
}

func hasAny(m map[string]any, keys []string) bool {
	return slices.ContainsFunc(keys, func(k string) bool { _, ok := m[k]; return ok })
}
