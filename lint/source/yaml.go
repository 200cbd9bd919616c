package source

import (
	"path/filepath"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// yamlFile reads YAML files: CloudFormation and SAM templates, Serverless
// services and OpenAPI documents. Each document of the stream is decoded
// once and dispatched by its top-level members, as a JSON file is.
type yamlFile struct{}

// yamlMarkers are the byte strings one of the YAML formats must contain.
// Kubernetes manifests, CI workflows and compose files contain none, so a
// scan skips them without parsing.
var yamlMarkers = [][]byte{
	[]byte("AWS::ApiGateway"), []byte("AWS::Serverless"), []byte(policyExt), []byte("resourcePolicy"),
}

func (yamlFile) claims(path string, src []byte, explicit bool) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
	case ".template":
		if looksJSON(path, src) {
			return false
		}
	default:
		return false
	}
	return explicit || containsAny(src, yamlMarkers)
}

// extract reports a file that does not decode as invalid-yaml: it carries
// a marker of one of the formats (or was named by the user), so it is
// meant to be one.
func (yamlFile) extract(path string, f *position.File, _ bool) ([]*Document, bool) {
	ydocs, se := decodeYAML(f)
	if se != nil {
		return []*Document{syntaxDocument(path, f, FormatYAML, "invalid-yaml", se)}, true
	}
	var docs []*Document
	for _, d := range ydocs {
		found, _ := dispatch(&tree{path: path, file: f, value: d.value, ix: d.ix, dups: d.dups})
		docs = append(docs, found...)
	}
	return docs, len(docs) > 0
}
