package schemas

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

func TestInlineItemTypes(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		schema, want string
	}{
		"one type": {
			schema: `{"type": "array", "items": {"type": "string"}}`,
			want:   `{"type": "array", "itemTypes": ["string"]}`,
		},
		"several types and a description": {
			schema: `{"items": {"description": "one value", "type": ["string", "number", "boolean"]}}`,
			want:   `{"itemTypes": ["string", "number", "boolean"]}`,
		},
		"nested in properties, allOf and additionalProperties": {
			schema: `{"properties": {"a": {"allOf": [{"additionalProperties": {"items": {"type": "null"}}}]}}}`,
			want:   `{"properties": {"a": {"allOf": [{"additionalProperties": {"itemTypes": ["null"]}}]}}}`,
		},
		"an items schema that asserts more stays": {
			schema: `{"items": {"type": "string", "pattern": "x"}}`,
			want:   `{"items": {"type": "string", "pattern": "x"}}`,
		},
		"integer stays: the validator tests it by value": {
			schema: `{"items": {"type": ["integer", "string"]}}`,
			want:   `{"items": {"type": ["integer", "string"]}}`,
		},
		"a type that is not a name stays": {
			schema: `{"items": {"type": [1]}}`,
			want:   `{"items": {"type": [1]}}`,
		},
		"items after prefixItems stays: it skips the first elements": {
			schema: `{"prefixItems": [{"type": "object"}], "items": {"type": "string"}}`,
			want:   `{"prefixItems": [{"type": "object"}], "items": {"type": "string"}}`,
		},
		"a property named items is not the keyword": {
			schema: `{"properties": {"items": {"type": "string"}}}`,
			want:   `{"properties": {"items": {"type": "string"}}}`,
		},
		"literals are not schemas": {
			schema: `{"enum": [{"items": {"type": "string"}}]}`,
			want:   `{"enum": [{"items": {"type": "string"}}]}`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := decodeObject(t, tc.schema)
			inlineItemTypes(got)
			if diff := cmp.Diff(decodeObject(t, tc.want), got); diff != "" {
				t.Errorf("inlineItemTypes() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// The rewritten schema accepts exactly what the original does, including
// where "unevaluatedItems" reads what "items" evaluated.
func TestItemTypesAgreeWithItems(t *testing.T) {
	t.Parallel()
	schemas := []string{
		`{"items": {"type": ["string", "number"]}}`,
		`{"items": {"type": "object"}, "unevaluatedItems": false}`,
		`{"allOf": [{"items": {"type": ["null", "boolean", "array"]}}], "unevaluatedItems": false}`,
		`{"not": {"items": {"type": "string"}}}`,
	}
	instances := []string{
		`[]`, `["a", 1, 2.5]`, `["a", true]`, `[null, false, []]`, `[{}]`, `[{}, "x"]`, `"not a list"`, `{"items": 1}`, `[[1], {}]`,
	}
	for _, src := range schemas {
		original := compileTestSchema(t, src, false)
		inlined := compileTestSchema(t, src, true)
		for _, in := range instances {
			v := decode(t, in)
			want, got := original.Validate(v) == nil, inlined.Validate(v) == nil
			if got != want {
				t.Errorf("schema %s on %s: inlined valid %v, original %v", src, in, got, want)
			}
		}
	}
}

func TestItemTypesRejectsBadKeyword(t *testing.T) {
	t.Parallel()
	for _, src := range []string{`{"itemTypes": ["text"]}`, `{"itemTypes": "string"}`, `{"itemTypes": []}`} {
		raw := []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema", ` + src[1:])
		if _, err := compileSchema("https://apigwlint.dev/test.json", raw, withItemTypes); err == nil {
			t.Errorf("compiled %s; want an error", src)
		}
	}
}

func compileTestSchema(t *testing.T, src string, inline bool) *jsonschema.Schema {
	t.Helper()
	m := decodeObject(t, src)
	m["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	if inline {
		inlineItemTypes(m)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	s, err := compileSchema("https://apigwlint.dev/test.json", raw, withItemTypes)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
