package source

import (
	"maps"
	"slices"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// The formats of infrastructure files a Document can come from.
const (
	FormatCloudFormation Format = "cloudformation" // an AWS::ApiGateway::RestApi (or V2 Api) of a template
	FormatSAM            Format = "sam"            // a SAM resource policy, translated as SAM does
	FormatServerless     Format = "serverless"     // a Serverless Framework provider resource policy
	FormatOpenAPI        Format = "openapi"        // an OpenAPI document's x-amazon-apigateway-policy
	FormatYAML           Format = "yaml"           // a YAML file that did not decode
)

// tree is one decoded file, or one document of a YAML stream: plain values
// and the index of where each sits in the file. Every template front end
// reads a tree, so JSON and YAML templates share one reading.
type tree struct {
	path  string
	file  *position.File
	value any
	ix    *position.Index
	dups  duplicates // members an object of the file repeats
}

// dispatch recognises what a decoded file is by its top-level members and
// hands it to the front end of that format. ok is false when it is none of
// them or holds no policy.
func dispatch(t *tree) ([]*Document, bool) {
	root, isMap := t.value.(map[string]any)
	if !isMap {
		return nil, false
	}
	var docs []*Document
	switch {
	case has(root, "Statement"):
		docs = []*Document{{
			Path: t.path, Format: FormatJSON, Policy: t.value, Target: Target{Kind: KindUnknown}, Index: t.ix,
			Problems: t.dups.problems(t.file, t.value),
		}}
	case isServerless(root):
		docs = serverlessDocs(t)
	case isCloudFormation(root):
		docs = cloudFormationDocs(t, "/Resources")
	case has(root, "swagger") || has(root, "openapi"):
		docs = openAPIDocs(t)
	}
	return docs, len(docs) > 0
}

func has(m map[string]any, name string) bool {
	_, ok := m[name]
	return ok
}

// isCloudFormation: a template has Resources or says its format version. A
// SAM template is a CloudFormation template with a transform.
func isCloudFormation(root map[string]any) bool {
	_, resources := root["Resources"].(map[string]any)
	return resources || has(root, "AWSTemplateFormatVersion")
}

// lookup returns the value at ptr in the tree, following a pointer of
// member names and indexes.
func (t *tree) lookup(ptr string) (any, bool) {
	parts, err := position.Split(ptr)
	if err != nil {
		return nil, false
	}
	v := t.value
	for _, p := range parts {
		switch c := v.(type) {
		case map[string]any:
			next, ok := c[p]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i := indexOf(p)
			if i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func indexOf(p string) int {
	n := 0
	if p == "" {
		return -1
	}
	for _, r := range p {
		if r < '0' || r > '9' || n > 1<<24 {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// entry is the raw index entry at ptr.
func (t *tree) entry(ptr string) position.Entry {
	e, _ := t.ix.Lookup(ptr)
	return e
}

// members returns a mapping's member names in order, so documents and
// findings come out the same on every run.
func members[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// field returns the member name of v when v is a mapping.
func field(v any, name string) any {
	m, _ := v.(map[string]any)
	return m[name]
}

// literal returns v when it is a string that infrastructure code fills in
// at deploy time (no "${"), after folding intrinsics.
func literal(v any) (string, bool) {
	s, ok := foldValue(v).(string)
	if !ok || strings.Contains(s, "${") {
		return "", false
	}
	return s, true
}

// asMap returns v when it is a mapping, else nil (which reads as empty).
func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
