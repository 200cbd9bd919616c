package source

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apigwlint/apigwlint/lint/position"
)

// FormatGo is a policy held by Go source: a string constant, an embedded
// file or a CDK policy document built in Go.
const FormatGo Format = "go"

// A policy kept in a Go string constant is decoded from the constant's
// value, not from the bytes in the file: the value may be written as several
// literals joined with +, each quoted and escaped its own way. GoString keeps,
// for every byte of the value, the source bytes that wrote it, so a finding
// inside the value lands on the exact character in the Go file.

// GoLiteral is one Go string literal as written in a source file.
type GoLiteral struct {
	// Text is the literal as written, quotes included: "..." or `...`.
	Text string
	// Offset is where the opening quote is, counted in whatever the caller
	// reports positions in: a byte offset in the file, or a token.Pos.
	Offset int
}

// GoString is the value of a Go string constant made of one or more
// literals (a + b + c), with the way back from each byte of the value to
// the source.
type GoString struct {
	Value string
	// starts[i] and ends[i] delimit the source bytes of the character or
	// escape sequence that produced byte i of Value.
	starts, ends []int
	// tail is just past the last literal's closing quote, where an
	// "unexpected end" belongs.
	tail int
}

// DecodeGoString decodes the concatenation of lits, in order. It fails on
// text that is not a Go string literal.
func DecodeGoString(lits ...GoLiteral) (*GoString, error) {
	s := &GoString{}
	var value strings.Builder
	for _, lit := range lits {
		if err := s.decode(&value, lit); err != nil {
			return nil, err
		}
	}
	s.Value = value.String()
	return s, nil
}

// GoStringRemap decodes one Go string literal whose opening quote is at
// offset 0, and returns its value with the Remap from offsets in the value
// to offsets in lit.
func GoStringRemap(lit string) (value string, remap Remap, err error) {
	s, err := DecodeGoString(GoLiteral{Text: lit})
	if err != nil {
		return "", nil, err
	}
	return s.Value, s.Remap(), nil
}

// decode appends lit's value to value and records where each byte came from.
func (s *GoString) decode(value *strings.Builder, lit GoLiteral) error {
	t := lit.Text
	if len(t) < 2 || t[0] != t[len(t)-1] || (t[0] != '"' && t[0] != '`') {
		return fmt.Errorf("%.20q: %w", t, ErrNotGoString)
	}
	s.tail = lit.Offset + len(t)
	if t[0] == '`' {
		s.raw(value, lit)
		return nil
	}
	body := t[1 : len(t)-1]
	for p := 0; p < len(body); {
		r, multibyte, rest, err := strconv.UnquoteChar(body[p:], '"')
		if err != nil {
			return fmt.Errorf("%.20q: bad escape at byte %d: %w", t, p+1, errors.Join(ErrNotGoString, err))
		}
		n := len(body) - p - len(rest)
		from := lit.Offset + 1 + p
		out := body[p : p+n]
		switch {
		case body[p] != '\\':
			// Written as itself: the value holds the same bytes.
		case r < utf8.RuneSelf || multibyte:
			out = string(r)
		default:
			// \xNN and octal escapes write one byte, not a rune.
			out = string([]byte{byte(r)})
		}
		s.emit(value, out, from, from+n, body[p] != '\\')
		p += n
	}
	return nil
}

// raw records a raw string literal: its bytes stand for themselves, except
// carriage returns, which Go drops from raw strings.
func (s *GoString) raw(value *strings.Builder, lit GoLiteral) {
	body := lit.Text[1 : len(lit.Text)-1]
	for i := range len(body) {
		if body[i] == '\r' {
			continue
		}
		from := lit.Offset + 1 + i
		s.emit(value, body[i:i+1], from, from+1, true)
	}
}

// emit appends out, written by the source bytes [from, to). A character
// written as itself maps byte for byte; an escape maps each byte it produces
// to the whole escape, so no range ever splits one.
func (s *GoString) emit(value *strings.Builder, out string, from, to int, verbatim bool) {
	value.WriteString(out)
	for i := range len(out) {
		if verbatim && len(out) == to-from {
			s.starts = append(s.starts, from+i)
			s.ends = append(s.ends, from+i+1)
			continue
		}
		s.starts = append(s.starts, from)
		s.ends = append(s.ends, to)
	}
}

// Remap returns the Remap of the value: offset i of the value maps to the
// first source byte of what wrote byte i. Offsets past the end map to the
// last closing quote. Range is the better tool for ends of ranges.
func (s *GoString) Remap() Remap {
	return func(i int) int {
		switch {
		case i >= len(s.starts):
			return max(s.tail-1, 0)
		case i < 0:
			return s.starts[0]
		}
		return s.starts[i]
	}
}

// Range maps the half-open range [start, end) of the value to the source:
// from the first byte of what wrote byte start to just past the last byte of
// what wrote byte end-1. An empty range maps to an empty range.
func (s *GoString) Range(start, end int) (int, int) {
	if len(s.starts) == 0 {
		return s.tail, s.tail
	}
	start = max(0, min(start, len(s.starts)))
	if start == len(s.starts) {
		return s.tail - 1, s.tail - 1
	}
	if end <= start {
		return s.starts[start], s.starts[start]
	}
	end = min(end, len(s.ends))
	return s.starts[start], s.ends[end-1]
}

// Verbatim reports whether the value's bytes [start, end) are written as
// themselves, in one piece of source: then replacing the source range that
// Range gives with new text replaces exactly those bytes of the value.
func (s *GoString) Verbatim(start, end int) bool {
	if start < 0 || end > len(s.starts) || start >= end {
		return false
	}
	for i := start; i < end; i++ {
		if s.ends[i]-s.starts[i] != 1 || (i > start && s.starts[i] != s.starts[i-1]+1) {
			return false
		}
	}
	return true
}

// PolicyFromText decodes text, which should be a resource policy document
// in JSON, into a Document whose Index points into text itself. It serves
// policies that are not a file of their own but a value in one, such as a
// Go string constant: the caller knows where text came from and carries the
// findings' offsets back (see GoString.Range). Text that does not parse
// gives a Document with an invalid-json problem at the error.
func PolicyFromText(path string, text []byte, format Format, target Target) *Document {
	f := position.NewFile(text)
	shift := 0
	if bytes.HasPrefix(text, bom) {
		shift = len(bom)
	}
	ix := position.NewIndex(f)
	v, dups, se := decodeJSON(text[shift:], Shift(shift), ix)
	if se != nil {
		doc := syntaxDocument(path, f, format, "invalid-json", se)
		doc.Target = target
		return doc
	}
	return &Document{
		Path: path, Format: format, Policy: v, Target: target, Index: ix,
		// A member named twice is reported as by the JSON front end.
		Problems: dups.problems(f, v),
	}
}

// ErrNotGoString is returned for text that is not a Go string literal.
var ErrNotGoString = errors.New("not a Go string literal")
