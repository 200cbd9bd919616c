package source

import (
	"bytes"

	"github.com/apigwlint/apigwlint/lint/position"
)

// policyJSON reads a bare policy document: a .json file whose top-level
// object has a Statement member.
type policyJSON struct{}

// statementMarker is what every policy file contains. Testing for it first
// lets a scan skip package.json, tsconfig.json and the like without parsing.
var statementMarker = []byte(`"Statement"`)

func (policyJSON) claims(_ string, src []byte, explicit bool) bool {
	return explicit || bytes.Contains(src, statementMarker)
}

func (policyJSON) extract(path string, f *position.File, explicit bool) ([]*Document, bool) {
	src := f.Bytes()
	shift := 0
	if bytes.HasPrefix(src, bom) {
		shift = len(bom)
	}
	ix := position.NewIndex(f)
	doc := &Document{Path: path, Format: FormatJSON, Target: Target{Kind: KindUnknown}, Index: ix}
	v, se := decodeJSON(src[shift:], Shift(shift), ix, "")
	if se != nil {
		// Only a file that looks like a policy is worth a finding: a broken
		// tsconfig.json found by a walk is not ours to report.
		if !explicit && !bytes.Contains(src, statementMarker) {
			return nil, false
		}
		start := min(se.Offset, len(src))
		ix.Set("", position.Entry{Value: position.Range{Start: start, End: min(start+1, len(src))}})
		doc.Problems = []Problem{{Rule: "invalid-json", Message: se.Message}}
		return []*Document{doc}, true
	}
	obj, isObj := v.(map[string]any)
	if _, hasStatement := obj["Statement"]; !isObj || !hasStatement {
		return nil, false
	}
	doc.Policy = v
	return []*Document{doc}, true
}

var bom = []byte{0xEF, 0xBB, 0xBF}
