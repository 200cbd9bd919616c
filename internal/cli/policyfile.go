package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
)

// loadPolicies reads FILE and extracts its policies.
func loadPolicies(path string) ([]*source.Document, error) {
	src, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageErrorf("%s: no such file", path)
	case err != nil:
		return nil, internalError(err)
	}
	docs, ok := source.Extract(path, src, true)
	if !ok || len(docs) == 0 {
		return nil, usageErrorf("%s: no resource policy found (a policy file is JSON with a top-level \"Statement\", or a template that attaches one)", path)
	}
	return docs, nil
}

func pickDocument(path string, docs []*source.Document, name string) (*source.Document, error) {
	if name == "" && len(docs) == 1 {
		return docs[0], nil
	}
	var names []string
	for _, d := range docs {
		if d.Target.Resource == name && name != "" {
			return d, nil
		}
		names = append(names, d.Target.Resource)
	}
	list := strings.Join(names, ", ")
	if name == "" {
		return nil, usageErrorf("%s holds %d policies: choose one with --resource NAME: %s", path, len(docs), list)
	}
	return nil, usageErrorf("--resource: %s has no policy attached to %q: choose one of %s", path, name, list)
}

// checkParsed turns a policy that did not decode into a usage error that
// points at the problem.
func checkParsed(doc *source.Document) error {
	if doc.Policy != nil {
		return nil
	}
	msg := "the policy does not parse"
	if len(doc.Problems) > 0 {
		pb := doc.Problems[0]
		msg = pb.Message
		if doc.Index != nil {
			span, _ := doc.Index.Resolve(position.Pointer(pb.Path...), pb.OnKey)
			return usageErrorf("%s:%s: %s", doc.Path, span.Start, msg)
		}
	}
	return usageErrorf("%s: %s", doc.Path, msg)
}

// targetNote warns that the evaluation is moot for a policy attached to an
// API type that ignores resource policies.
func targetNote(doc *source.Document) string {
	switch doc.Target.Kind {
	case source.KindHTTP, source.KindWebSocket:
		return fmt.Sprintf("the policy is attached to a %s API, which does not support resource policies (DOMAIN.md §6): "+
			"it has no effect there; it was evaluated as if it were on a REST API", doc.Target.Kind)
	}
	return ""
}

// where renders file:line:col for a pointer, or the file and pointer when
// the position is unknown.
func where(doc *source.Document, ptr string) string {
	if doc.Index == nil {
		return doc.Path + " " + ptr
	}
	span, _ := doc.Index.Resolve(ptr, false)
	if span.IsZero() {
		return doc.Path + " " + ptr
	}
	return fmt.Sprintf("%s:%d:%d", doc.Path, span.Start.Line, span.Start.Col)
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return internalError(fmt.Errorf("encode output: %w", err))
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return internalError(fmt.Errorf("write output: %w", err))
	}
	return nil
}
