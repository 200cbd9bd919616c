package source

import (
	"path/filepath"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// frontEnd reads one input format.
type frontEnd interface {
	// claims reports, cheaply, whether the file may be of this format. It
	// sees the path and the content, and must not parse.
	claims(path string, src []byte, explicit bool) bool
	// extract decodes the policies the file holds. A file that turns out not
	// to be of the format after all returns ok=false and no documents.
	extract(path string, f *position.File, explicit bool) (docs []*Document, ok bool)
}

// frontEnds are tried in order; the first that extracts wins.
var frontEnds = []frontEnd{terraformHCL{}, terraformPlan{}, policyJSON{}, yamlFile{}}

// Extract finds the resource policies in one file. explicit says the user
// named the file on the command line: a file that does not parse is then
// always reported, even when nothing marks it as a policy. ok is false when
// no front end recognised the file; it then holds no policy.
func Extract(path string, src []byte, explicit bool) (docs []*Document, ok bool) {
	var f *position.File
	for _, fe := range frontEnds {
		if !fe.claims(path, src, explicit) {
			continue
		}
		if f == nil {
			f = position.NewFile(src)
		}
		if docs, ok := fe.extract(path, f, explicit); ok {
			return docs, true
		}
	}
	return nil, false
}

// Candidate reports whether a walk should read the file at path at all. It
// looks only at the name, so a scan never opens files no front end can read.
func Candidate(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".tf", ".yaml", ".yml", ".template":
		return true
	}
	return tfTemplateCandidate(path)
}
