package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/apigwlint/apigwlint/schemas"
)

const (
	schemaFile = "config.schema.json"
	schemaID   = "https://apigwlint.dev/schemas/config.schema.json"
)

// compiled is the configuration schema, compiled once, and its decoded
// source, which the messages read to list the keys an object accepts.
type compiled struct {
	schema *jsonschema.Schema
	doc    any
}

var schema = sync.OnceValues(func() (*compiled, error) {
	raw, err := schemas.FS.ReadFile(schemaFile)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, bytes.NewReader(raw)); err != nil {
		return nil, err
	}
	s, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	return &compiled{schema: s, doc: doc}, nil
})

// validate checks value against the schema and turns each failing keyword
// into an *Error at the offending key or value, with what to write instead.
func validate(file string, value any, pos map[string]Pos) []error {
	s, err := schema()
	if err != nil {
		return []error{fmt.Errorf("embedded configuration schema: %w", err)}
	}
	err = s.schema.Validate(value)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return []error{err}
		}
		return nil
	}
	var out []error
	seen := map[string]bool{}
	for _, leaf := range leaves(ve) {
		for _, e := range s.explain(file, leaf, pos) {
			if !seen[e.Error()] {
				seen[e.Error()] = true
				out = append(out, e)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b error) int {
		var ea, eb *Error
		errors.As(a, &ea)
		errors.As(b, &eb)
		if ea == nil || eb == nil {
			return 0
		}
		if ea.Pos.Line != eb.Pos.Line {
			return ea.Pos.Line - eb.Pos.Line
		}
		return ea.Pos.Col - eb.Pos.Col
	})
	return out
}

func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

var quoted = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// explain writes the message for one failing keyword.
func (s *compiled) explain(file string, ve *jsonschema.ValidationError, pos map[string]Pos) []*Error {
	at := func(ptr, msg string) *Error {
		p, ok := pos[ptr]
		if !ok {
			p = pos[""]
		}
		return &Error{File: file, Pos: p, Msg: msg}
	}
	where := displayPath(ve.InstanceLocation)
	keyword := ve.KeywordLocation[strings.LastIndex(ve.KeywordLocation, "/")+1:]
	parent := s.node(strings.TrimSuffix(ve.KeywordLocation, "/"+keyword))
	switch keyword {
	case "additionalProperties":
		var out []*Error
		allowed := sortedKeys(parent)
		for _, m := range quoted.FindAllStringSubmatch(ve.Message, -1) {
			key := m[1]
			msg := fmt.Sprintf("unknown key %q%s", key, inWhere(where))
			if near := closest(key, allowed); near != "" {
				msg += fmt.Sprintf(": did you mean %q?", near)
			} else if len(allowed) > 0 {
				msg += ": use one of " + strings.Join(allowed, ", ")
			}
			out = append(out, at(ve.InstanceLocation+"/"+escapePointer(key)+"#key", msg))
		}
		return out
	case "required":
		var out []*Error
		for _, m := range quoted.FindAllStringSubmatch(ve.Message, -1) {
			out = append(out, at(ve.InstanceLocation, fmt.Sprintf("missing key %q%s: add %s", m[1], inWhere(where), example(m[1]))))
		}
		return out
	}
	msg := s.valueMessage(keyword, parent, ve.Message)
	if strings.HasSuffix(ve.InstanceLocation, "/reason") {
		msg = "must not be empty: say why the finding is accepted"
	}
	return []*Error{at(ve.InstanceLocation, fmt.Sprintf("%s: %s", orRoot(where), msg))}
}

// valueMessage says what a value must be, in the words of the schema's own
// description where the validator's are too terse.
func (s *compiled) valueMessage(keyword string, node map[string]any, fallback string) string {
	desc, _ := node["description"].(string)
	switch keyword {
	case "pattern", "minLength":
		if desc != "" {
			return "must be " + lowerFirst(strings.TrimSuffix(desc, "."))
		}
	case "const":
		return fmt.Sprintf("must be %v", node["const"])
	case "enum":
		vals, _ := node["enum"].([]any)
		names := make([]string, 0, len(vals))
		for _, v := range vals {
			names = append(names, fmt.Sprint(v))
		}
		return "must be one of " + strings.Join(names, ", ")
	}
	return fallback
}

// node returns the schema object a keyword location points at, following
// $ref to the definitions.
func (s *compiled) node(loc string) map[string]any {
	cur := s.doc
	for _, seg := range strings.Split(strings.TrimPrefix(loc, "/"), "/") {
		if seg == "" {
			continue
		}
		m, _ := cur.(map[string]any)
		if seg == "$ref" {
			ref, _ := m["$ref"].(string)
			cur = s.node(strings.TrimPrefix(ref, "#"))
			continue
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	if ref, ok := m["$ref"].(string); ok && len(m) <= 2 {
		// A property that is only a $ref (plus a description): its
		// constraints live in the definition.
		def := s.node(strings.TrimPrefix(ref, "#"))
		merged := map[string]any{}
		for k, v := range def {
			merged[k] = v
		}
		if d, ok := m["description"]; ok {
			merged["description"] = d
		}
		return merged
	}
	return m
}

func sortedKeys(node map[string]any) []string {
	props, _ := node["properties"].(map[string]any)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// displayPath renders a JSON pointer as people write YAML paths:
// /rules/enable/0 → rules.enable[0].
func displayPath(ptr string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if seg == "" {
			continue
		}
		if isIndex(seg) {
			fmt.Fprintf(&b, "[%s]", seg)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~"))
	}
	return b.String()
}

func isIndex(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func inWhere(where string) string {
	if where == "" {
		return ""
	}
	return " in " + where
}

func orRoot(where string) string {
	if where == "" {
		return "the file"
	}
	return where
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// example is what to write for a missing required key.
func example(key string) string {
	switch key {
	case "version":
		return "version: 1"
	case "reason":
		return "reason: <why this finding is accepted>"
	case "code":
		return "code: AG201 (a rule code or name)"
	case "path":
		return "path: <glob of the files, relative to this file>"
	}
	return key + ": ..."
}

// closest is the allowed key within two edits of key, if any: a typo's
// likely intent.
func closest(key string, allowed []string) string {
	best, bestDist := "", 3
	for _, a := range allowed {
		if d := editDistance(key, a); d < bestDist {
			best, bestDist = a, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
