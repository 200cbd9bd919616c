package schemas

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFlatten(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		schema, want string
	}{
		"disjoint keywords merge": {
			schema: `{"properties": {"a": {"$ref": "#/$defs/s", "description": "mine"}}, "$defs": {"s": {"type": "string", "description": "theirs"}}}`,
			want:   `{"properties": {"a": {"type": "string", "description": "mine"}}}`,
		},
		"chains resolve": {
			schema: `{"$ref": "#/$defs/a", "$defs": {"a": {"minItems": 1, "$ref": "#/$defs/b"}, "b": {"type": "array"}}}`,
			want:   `{"minItems": 1, "type": "array"}`,
		},
		"a shared assertion becomes an allOf branch": {
			schema: `{"type": "string", "$ref": "#/$defs/s", "$defs": {"s": {"type": ["string", "null"], "pattern": "x"}}}`,
			want:   `{"type": "string", "allOf": [{"type": ["string", "null"], "pattern": "x"}]}`,
		},
		"adjacent keywords are never mixed": {
			schema: `{"properties": {"a": true}, "$ref": "#/$defs/s", "$defs": {"s": {"additionalProperties": false}}}`,
			want:   `{"properties": {"a": true}, "allOf": [{"additionalProperties": false}]}`,
		},
		"an existing allOf is extended": {
			schema: `{"allOf": [{"minLength": 1}], "$ref": "#/$defs/s", "$defs": {"s": {"allOf": [{"maxLength": 2}]}}}`,
			want:   `{"allOf": [{"minLength": 1}, {"allOf": [{"maxLength": 2}]}]}`,
		},
		"literals keep their $ref": {
			schema: `{"enum": [{"$ref": "#/$defs/s"}], "$defs": {"s": {"type": "string"}}}`,
			want:   `{"enum": [{"$ref": "#/$defs/s"}]}`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := flatten(decodeObject(t, tc.schema))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decodeObject(t, tc.want), got); diff != "" {
				t.Errorf("flatten() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlattenRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"recursion":         `{"$ref": "#/$defs/a", "$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}}`,
		"missing":           `{"$ref": "#/$defs/nope", "$defs": {}}`,
		"remote":            `{"$ref": "https://example.com/s.json"}`,
		"nested definition": `{"$ref": "#/$defs/a/properties/b", "$defs": {"a": {}}}`,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got, err := flatten(decodeObject(t, src)); err == nil {
				t.Errorf("flatten() = %v, want an error", got)
			}
		})
	}
}

// The shipped schema flattens completely: no reference is left for the
// validator to follow.
func TestPolicySchemaFlattens(t *testing.T) {
	t.Parallel()
	flat, err := flatten(compiledPolicySchema().doc.(map[string]any))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(flat)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), `"$ref"`) || strings.Contains(string(raw), `"$defs"`) {
		t.Errorf("flattened policy schema still refers to definitions:\n%s", raw)
	}
}

// Every JSON policy the repository keeps as a fixture or example, valid or
// not, gets the same verdict from both schemas.
func TestSchemasAgreeOnFixtures(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, root := range []string{"../rules", "../examples", "../testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v, err := decodeJSON(raw)
			if m, ok := v.(map[string]any); err != nil || !ok || m["Statement"] == nil {
				return nil //nolint:nilerr // not a policy: nothing to compare
			}
			checkSchemasAgree(t, v)
			checked++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 20 {
		t.Errorf("compared %d policies; the fixtures hold more, so the walk is broken", checked)
	}
}

func decodeObject(t *testing.T, src string) map[string]any {
	t.Helper()
	m, ok := decode(t, src).(map[string]any)
	if !ok {
		t.Fatalf("not an object: %s", src)
	}
	return m
}
