package source

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// policyJSON reads JSON files: a bare policy document (a top-level
// Statement), a CloudFormation or SAM template, a Serverless service or an
// OpenAPI document. The file is decoded once and dispatched by its
// top-level members.
type policyJSON struct{}

// statementMarker is what every policy file contains. Testing for it (and
// the template markers) first lets a scan skip package.json, tsconfig.json
// and the like without parsing.
var statementMarker = []byte(`"Statement"`)

// jsonMarkers are the byte strings one of the JSON formats must contain.
// A template's policy may be a JSON string, where "Statement" is escaped,
// so the resource types are markers too.
var jsonMarkers = [][]byte{
	statementMarker, []byte("AWS::ApiGateway"), []byte("AWS::Serverless"), []byte(policyExt),
}

func (policyJSON) claims(path string, src []byte, explicit bool) bool {
	return looksJSON(path, src) && (explicit || containsAny(src, jsonMarkers))
}

// looksJSON: a .json file, or a file not named as YAML whose first byte
// opens a JSON object or array (a .template, a .json.tpl).
func looksJSON(path string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return true
	case ".yaml", ".yml":
		return false
	}
	rest := bytes.TrimLeft(bytes.TrimPrefix(src, bom), " \t\r\n")
	return len(rest) > 0 && (rest[0] == '{' || rest[0] == '[')
}

func containsAny(src []byte, markers [][]byte) bool {
	for _, m := range markers {
		if containsMarker(src, m) {
			return true
		}
	}
	return false
}

// containsMarker is bytes.Contains(src, m), faster for a marker that opens
// with a double quote: bytes.Index anchors its search on the first byte, and
// JSON is so full of quotes that a walk of the bench tree's files spent six
// times longer on "Statement" than on Statement". So the search anchors on
// the byte after the quote and checks the quote before each hit.
func containsMarker(src, m []byte) bool {
	if len(m) < 2 || m[0] != '"' {
		return bytes.Contains(src, m)
	}
	for off := 0; ; {
		i := bytes.Index(src[off:], m[1:])
		if i < 0 {
			return false
		}
		if at := off + i; at > 0 && src[at-1] == '"' {
			return true
		}
		off += i + 1
	}
}

func (policyJSON) extract(path string, f *position.File, explicit bool) ([]*Document, bool) {
	src := f.Bytes()
	shift := 0
	if bytes.HasPrefix(src, bom) {
		shift = len(bom)
	}
	ix := position.NewIndexSize(f, jsonValues(src))
	v, dups, se := decodeJSON(src[shift:], Shift(shift), ix)
	if se != nil {
		// Only a file that looks like a policy is worth a finding: a broken
		// tsconfig.json found by a walk is not ours to report.
		if !explicit && !containsAny(src, jsonMarkers) {
			return nil, false
		}
		return []*Document{syntaxDocument(path, f, FormatJSON, "invalid-json", se)}, true
	}
	return dispatch(&tree{path: path, file: f, value: v, ix: ix, dups: dups})
}

// jsonValues estimates how many values a JSON text holds, for sizing its
// index: one per separator and one per container, counted as bytes (a
// string rarely holds these; an estimate only sizes a map).
func jsonValues(src []byte) int {
	return 1 + bytes.Count(src, []byte{','}) + bytes.Count(src, []byte{'{'}) + bytes.Count(src, []byte{'['})
}

// syntaxDocument is the Document of a file that does not decode: no policy,
// one problem, located at the error.
func syntaxDocument(path string, f *position.File, format Format, rule string, se *SyntaxError) *Document {
	ix := position.NewIndex(f)
	ix.Set("", position.Entry{Value: errorRange(len(f.Bytes()), se.Offset)})
	return &Document{
		Path: path, Format: format, Target: Target{Kind: KindUnknown}, Index: ix,
		Problems: []Problem{{Rule: rule, Message: se.Message}},
	}
}

// errorRange is the one byte at a syntax error's offset, inside a file of
// n bytes (empty at its end).
func errorRange(n, off int) position.Range {
	start := max(0, min(off, n))
	return position.Range{Start: start, End: min(start+1, n)}
}

var bom = []byte{0xEF, 0xBB, 0xBF}
