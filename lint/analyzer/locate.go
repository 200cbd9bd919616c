package analyzer

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

// policiesOf decodes the policies a sink receives.
func (s *scan) policiesOf(k sink) []*policy {
	if k.kind == sinkCDK {
		if p := s.cdkPolicy(k); p != nil {
			return []*policy{p}
		}
		return nil
	}
	t, ok := s.text(k.value, 0)
	if !ok || strings.TrimSpace(t.value) == "" {
		return nil
	}
	var loc locator
	path, format := s.pass.Fset.Position(k.value.Pos()).Filename, source.FormatGo
	switch {
	case t.embed != nil:
		loc = embedLocator{e: t.embed, file: s.fileOf(t.embed)}
		path, format = t.embed.path, source.FormatJSON
	case t.lits != nil:
		loc = literalLocator{s: t.lits}
	default:
		loc = nodeLocator{pos: t.at.Pos(), end: t.at.End()}
	}
	var docs []*source.Document
	if k.kind == sinkOpenAPI {
		if t.embed == nil {
			path += openAPIExt(t.value)
		}
		docs, _ = source.Extract(path, []byte(t.value), true)
	} else {
		docs = []*source.Document{source.PolicyFromText(path, []byte(t.value), format, k.target)}
	}
	out := make([]*policy, 0, len(docs))
	for _, d := range docs {
		out = append(out, &policy{doc: d, loc: loc})
	}
	return out
}

// openAPIExt names a definition held in a Go string after its syntax, so
// that the front ends, which go by file name, read it right.
func openAPIExt(def string) string {
	if strings.HasPrefix(strings.TrimSpace(def), "{") {
		return ".json"
	}
	return ".yaml"
}

// location is where a diagnostic goes.
type location struct {
	pos, end token.Pos
	// prefix tells where the finding is when pos cannot: "policy.json:3:7: ".
	prefix  string
	related []analysis.RelatedInformation
}

// A locator carries a finding's position in a policy back to the Go
// source.
type locator interface {
	locate(f lint.Finding) location
	// replace returns the edit that writes text in place of the string
	// value the finding is about, when the source holds that value as
	// written, character for character.
	replace(f lint.Finding, text string) (analysis.TextEdit, bool)
}

// literalLocator locates findings in a policy that is the value of Go
// string literals: the finding's offsets are offsets in the value.
type literalLocator struct{ s *source.GoString }

func (l literalLocator) locate(f lint.Finding) location {
	start, end := l.s.Range(f.Span.Start.Offset, f.Span.End.Offset)
	return location{pos: token.Pos(start), end: token.Pos(end)}
}

func (l literalLocator) replace(f lint.Finding, text string) (analysis.TextEdit, bool) {
	// The span is a JSON string token: the replacement goes between its
	// quotes.
	start, end := f.Span.Start.Offset+1, f.Span.End.Offset-1
	v := l.s.Value
	if start < 1 || end >= len(v) || start > end || v[start-1] != '"' || v[end] != '"' || !l.s.Verbatim(start, end) {
		return analysis.TextEdit{}, false
	}
	from, to := l.s.Range(start, end)
	return analysis.TextEdit{Pos: token.Pos(from), End: token.Pos(to), NewText: []byte(text)}, true
}

// nodeLocator reports every finding at one expression: the policy's text is
// known but not where each of its characters is written.
type nodeLocator struct{ pos, end token.Pos }

func (l nodeLocator) locate(lint.Finding) location { return location{pos: l.pos, end: l.end} }

func (nodeLocator) replace(lint.Finding, string) (analysis.TextEdit, bool) {
	return analysis.TextEdit{}, false
}

// embedLocator reports findings in an embedded file at its //go:embed
// directive (see embed.go for why), naming the place in the file.
type embedLocator struct {
	e    *embedded
	file *token.File
}

func (l embedLocator) locate(f lint.Finding) location {
	c := l.e.decl.directive
	// token.File.Pos panics past the end; the spans come from the same
	// bytes, but clamping keeps it impossible.
	size := l.file.Size()
	start := max(min(f.Span.Start.Offset, size), 0)
	end := max(min(f.Span.End.Offset, size), start)
	return location{
		pos:    c.Pos(),
		end:    c.End(),
		prefix: fmt.Sprintf("%s:%d:%d: ", l.e.rel, f.Span.Start.Line, f.Span.Start.Col),
		related: []analysis.RelatedInformation{{
			Pos: l.file.Pos(start), End: l.file.Pos(end), Message: f.Rule.Code + " " + f.Rule.Name,
		}},
	}
}

// replace offers no edit: a fix would change the embedded file, which
// drivers that only rewrite Go files may not apply.
func (embedLocator) replace(lint.Finding, string) (analysis.TextEdit, bool) {
	return analysis.TextEdit{}, false
}
