// Package schemas holds apigwlint's JSON Schemas and the Go code that applies them.
//
// Every *.json file in this directory is embedded in FS, so the binary can hand the
// schemas to editors and other tools without reading the disk. policy.schema.json
// encodes the IAM policy grammar as it applies to API Gateway REST API resource
// policies; ValidatePolicy checks a decoded policy against it and turns the
// validator's error tree into one short, human-written Violation per real problem,
// located by an RFC 6901 path so that the linter can point at the offending text.
// Conformance is decided against a flattened copy of the schema (flatten.go)
// whose type-only item checks are inlined (itemtypes.go), which is cheaper to
// apply; only a policy that fails is checked again against the schema as
// written, whose errors name the definitions messages come from.
package schemas

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// FS holds every JSON Schema shipped with apigwlint (policy, report, input, config, …).
//
//go:embed *.json
var FS embed.FS

const (
	policySchemaFile = "policy.schema.json"
	policySchemaID   = "https://apigwlint.dev/schemas/policy.schema.json"
	// flatSchemaID names the flattened copy; it is never published.
	flatSchemaID = "https://apigwlint.dev/schemas/policy.flat.schema.json"
)

// Violation is one way a policy breaks the schema, written for a person.
type Violation struct {
	Path    []any  // RFC 6901 path into the policy: string keys and int indexes, e.g. ["Statement", 0, "Effect"]
	OnKey   bool   // true when the finding belongs on the member name (e.g. an unknown member), not its value
	Message string // lowercase start, no trailing period, names the offending value and says what to do
}

// policySchema is the compiled policy schema plus its decoded source, which the
// translator reads to learn which members a failing "required" or "not" names.
// flat is the same schema with its references resolved (see flatten): it
// decides whether a policy conforms, and schema, whose errors name their
// definitions, explains why one does not.
type policySchema struct {
	schema *jsonschema.Schema
	flat   *jsonschema.Schema
	doc    any
}

// compiledPolicySchema compiles the embedded schema on first use. The schema is
// part of the binary, so a failure here is a programming error that the tests
// catch; panicking keeps ValidatePolicy's signature free of an error nobody can handle.
var compiledPolicySchema = sync.OnceValue(func() *policySchema {
	ps, err := compilePolicySchema()
	if err != nil {
		panic(fmt.Sprintf("schemas: embedded %s is broken: %v", policySchemaFile, err))
	}
	return ps
})

func compilePolicySchema() (*policySchema, error) {
	raw, err := FS.ReadFile(policySchemaFile)
	if err != nil {
		return nil, err
	}
	doc, err := decodeJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	s, err := compileSchema(policySchemaID, raw)
	if err != nil {
		return nil, err
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("the schema is not an object")
	}
	flat, err := flatten(root)
	if err != nil {
		return nil, fmt.Errorf("flatten: %w", err)
	}
	inlineItemTypes(flat)
	flat["$id"] = flatSchemaID
	flatRaw, err := json.Marshal(flat)
	if err != nil {
		return nil, fmt.Errorf("flatten: %w", err)
	}
	fs, err := compileSchema(flatSchemaID, flatRaw, withItemTypes)
	if err != nil {
		return nil, fmt.Errorf("flattened: %w", err)
	}
	return &policySchema{schema: s, flat: fs, doc: doc}, nil
}

func compileSchema(id string, raw []byte, setup ...func(*jsonschema.Compiler)) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	for _, f := range setup {
		f(c)
	}
	if err := c.AddResource(id, bytes.NewReader(raw)); err != nil {
		return nil, fmt.Errorf("add resource: %w", err)
	}
	s, err := c.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	return s, nil
}

func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// ValidatePolicy checks a decoded policy (values as produced by a JSON decoder with numbers as json.Number:
// map[string]any, []any, string, json.Number, bool, nil) and returns every violation, sorted by path, deterministic.
//
// The policy itself has the empty path. Other Go numbers (float64, int, …) are
// accepted as numbers; any other Go type is reported as a violation rather than
// a panic, so the function is safe on any input. A policy that conforms to the
// schema gives a nil slice.
func ValidatePolicy(policy any) []Violation {
	value, problems := normalize(policy)
	if len(problems) > 0 {
		return finish(problems)
	}
	ps := compiledPolicySchema()
	if ps.flat.Validate(value) == nil {
		return nil
	}
	err := ps.schema.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		// normalize guarantees JSON values, so only a schema defect (such as a
		// $ref loop) can land here; report it without the validator's wording.
		return []Violation{{Path: []any{}, Message: "policy could not be checked against the policy schema"}}
	}
	t := translator{schema: ps, root: value}
	return finish(t.walk(ve, nil))
}

// finish drops findings made redundant by a "did you mean" on the same object,
// removes exact duplicates and sorts the rest.
func finish(fs []finding) []Violation {
	fs = mergeMissing(dropAnsweredMissing(fs))
	if len(fs) == 0 {
		return nil
	}
	out := make([]Violation, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Violation)
	}
	slices.SortFunc(out, compareViolations)
	return slices.CompactFunc(out, func(a, b Violation) bool { return compareViolations(a, b) == 0 })
}

// dropAnsweredMissing removes "statement has no X" when the same object has an
// unknown member whose suggestion is X: fixing the typo fixes both, so it is
// one problem and gets one violation.
func dropAnsweredMissing(fs []finding) []finding {
	suggested := make(map[string]bool)
	for _, f := range fs {
		if f.suggests != "" && len(f.Path) > 0 {
			suggested[memberKey(f.Path[:len(f.Path)-1], f.suggests)] = true
		}
	}
	return slices.DeleteFunc(fs, func(f finding) bool {
		for _, name := range f.missing {
			if suggested[memberKey(f.Path, name)] {
				return true
			}
		}
		return false
	})
}

// mergeMissing folds every "has no X" finding about one object into a single
// finding: a statement lacking Effect and Principal is one incomplete
// statement, and a reader fixes it in one edit.
func mergeMissing(fs []finding) []finding {
	byObject := make(map[string]int) // object key -> index of its merged finding in out
	names := make(map[int][]string)  // index in out -> the members it reports missing
	out := fs[:0:0]
	for _, f := range fs {
		if len(f.missing) == 0 || f.suggests != "" {
			out = append(out, f)
			continue
		}
		// A pair rule (Principal or NotPrincipal) lists both names; the first
		// is the one the fix adds.
		key := memberKey(f.Path, "")
		if i, seen := byObject[key]; seen {
			names[i] = append(names[i], f.missing[0])
			continue
		}
		byObject[key] = len(out)
		names[len(out)] = []string{f.missing[0]}
		out = append(out, f)
	}
	for i, ns := range names {
		if len(ns) > 1 {
			out[i].Message = missingAllMessage(ns)
		}
	}
	return out
}

func memberKey(path []any, name string) string {
	var b strings.Builder
	for _, p := range path {
		fmt.Fprintf(&b, "%T:%v/", p, p)
	}
	b.WriteString(name)
	return b.String()
}

func compareViolations(a, b Violation) int {
	if c := comparePaths(a.Path, b.Path); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	return compareBool(a.OnKey, b.OnKey)
}

// comparePaths orders paths element by element: indexes numerically, keys
// lexically, an index before a key, and a path before its extensions.
func comparePaths(a, b []any) int {
	for i := range min(len(a), len(b)) {
		if c := comparePathElems(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

func comparePathElems(a, b any) int {
	ai, aIsInt := a.(int)
	bi, bIsInt := b.(int)
	switch {
	case aIsInt && bIsInt:
		return cmp.Compare(ai, bi)
	case aIsInt:
		return -1
	case bIsInt:
		return 1
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
