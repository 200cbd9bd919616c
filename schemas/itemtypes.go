package schemas

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// itemTypesKeyword stands, in the flattened schema only, for an "items"
// schema that names types and nothing else: "itemTypes": ["string",
// "number"] means what "items": {"type": ["string", "number"]} does. The
// validator applies an items schema to each element as a schema
// application of its own, with its own bookkeeping, and condition value
// lists (a dozen or more addresses each) made such leaf checks about half
// of all applications; the keyword checks a whole list in one call.
const itemTypesKeyword = "itemTypes"

// schemaKeywords lists where subschemas sit: in maps of names to schemas,
// in lists of schemas, or alone. Only these are walked, so a property that
// happens to be named "items" is never taken for the keyword.
var (
	schemaMapKeywords  = []string{"properties", "patternProperties", "dependentSchemas", "$defs"}
	schemaListKeywords = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
	schemaKeywords     = []string{
		"items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
		"unevaluatedItems", "unevaluatedProperties",
	}
)

// inlineItemTypes rewrites, in place, every "items" schema of s that only
// names types (plus annotations) into itemTypesKeyword. An "integer" type
// is left as it is: the validator's integer test is not a type switch. So is
// an "items" beside "prefixItems" or "additionalItems", which changes what
// it applies to.
func inlineItemTypes(s any) {
	m, ok := s.(map[string]any)
	if !ok {
		return // a boolean schema
	}
	for _, k := range schemaMapKeywords {
		sub, _ := m[k].(map[string]any)
		for _, x := range sub {
			inlineItemTypes(x)
		}
	}
	for _, k := range schemaListKeywords {
		sub, _ := m[k].([]any)
		for _, x := range sub {
			inlineItemTypes(x)
		}
	}
	for _, k := range schemaKeywords {
		if x, ok := m[k]; ok {
			inlineItemTypes(x)
		}
	}
	if hasAny(m, []string{itemTypesKeyword, "prefixItems", "additionalItems"}) {
		return
	}
	if types, ok := onlyTypes(m["items"]); ok {
		delete(m, "items")
		m[itemTypesKeyword] = types
	}
}

// onlyTypes returns the types an items schema allows when type is all it
// asserts.
func onlyTypes(items any) ([]any, bool) {
	m, ok := items.(map[string]any)
	if !ok {
		return nil, false
	}
	for k := range m {
		if k != "type" && !annotations[k] {
			return nil, false
		}
	}
	var types []any
	switch t := m["type"].(type) {
	case string:
		types = []any{t}
	case []any:
		types = t
	default:
		return nil, false
	}
	for _, t := range types {
		name, _ := t.(string)
		if _, ok := typeBits[name]; !ok {
			return nil, false
		}
	}
	return types, true
}

// typeBits numbers the JSON types itemTypesKeyword can name.
var typeBits = map[string]uint8{"null": 1, "boolean": 2, "number": 4, "string": 8, "array": 16, "object": 32}

// typeBit classifies v as the validator does; 0 for what is not JSON data.
func typeBit(v any) uint8 {
	switch v.(type) {
	case nil:
		return typeBits["null"]
	case bool:
		return typeBits["boolean"]
	case json.Number, float32, float64, int, int8, int32, int64, uint, uint8, uint32, uint64:
		return typeBits["number"]
	case string:
		return typeBits["string"]
	case []any:
		return typeBits["array"]
	case map[string]any:
		return typeBits["object"]
	}
	return 0
}

// withItemTypes teaches a compiler itemTypesKeyword.
func withItemTypes(c *jsonschema.Compiler) {
	c.RegisterExtension(itemTypesKeyword, nil, itemTypesCompiler{})
}

// itemTypesCompiler compiles itemTypesKeyword for the validator.
type itemTypesCompiler struct{}

func (itemTypesCompiler) Compile(_ jsonschema.CompilerContext, m map[string]any) (jsonschema.ExtSchema, error) {
	raw, ok := m[itemTypesKeyword]
	if !ok {
		return nil, nil
	}
	list, _ := raw.([]any)
	var t itemTypes
	for _, x := range list {
		name, _ := x.(string)
		bit, ok := typeBits[name]
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a JSON type", itemTypesKeyword, x)
		}
		t.mask |= bit
		t.names = append(t.names, name)
	}
	if len(t.names) == 0 {
		return nil, fmt.Errorf("%s: %v is not a list of JSON types", itemTypesKeyword, raw)
	}
	slices.Sort(t.names)
	return t, nil
}

// itemTypes is a compiled itemTypesKeyword.
type itemTypes struct {
	mask  uint8
	names []string
}

// Validate passes anything but a list, as "items" does, and marks the items
// evaluated, as "items" does, for an "unevaluatedItems" to see.
func (t itemTypes) Validate(ctx jsonschema.ValidationContext, v any) error {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	for i, x := range list {
		if typeBit(x)&t.mask == 0 {
			return ctx.Error(itemTypesKeyword, "item %d is not of type %v", i, t.names)
		}
	}
	for i := range list {
		ctx.EvaluatedItem(i)
	}
	return nil
}
