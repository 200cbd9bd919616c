package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/apigwlint/apigwlint/lint/position"
)

// jsonDecoder decodes one JSON value into plain Go values (map[string]any,
// []any, string, json.Number, bool, nil) and records the byte ranges of every
// value and member name in an Index as it goes, in a single pass.
type jsonDecoder struct {
	dec   *jsontext.Decoder
	ix    *position.Index
	remap Remap
	dups  duplicates
}

// Remap translates a byte offset in the decoded text to a byte offset in the
// file. JSON kept inside a YAML or HCL string is decoded from the string's
// value, so its offsets must be carried back through quotes, escapes and
// indentation to the bytes the user wrote.
type Remap func(offset int) int

// Shift is the Remap of text that sits unchanged at byte n of the file.
func Shift(n int) Remap { return func(off int) int { return off + n } }

// rangeOf maps the decoded range [start, end) to the file. The end is mapped
// through its last byte, so an escape sequence at the end stays whole.
func (d *jsonDecoder) rangeOf(start, end int) position.Range {
	if end <= start {
		s := d.remap(start)
		return position.Range{Start: s, End: s}
	}
	return position.Range{Start: d.remap(start), End: d.remap(end-1) + 1}
}

// SyntaxError is a JSON syntax error at a byte offset of the file.
type SyntaxError struct {
	Offset  int
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// decodeJSON decodes the JSON value in src, recording every value in ix (a
// view rooted where the value sits, see Index.Sub); remap carries offsets
// in src to offsets in the file.
// It also returns the member names an object repeats (nil when none does).
func decodeJSON(src []byte, remap Remap, ix *position.Index) (any, duplicates, *SyntaxError) {
	d := &jsonDecoder{
		// Duplicate names are kept (last wins, as most parsers do) rather than
		// rejected: a duplicate is a finding, not a reason to stop.
		dec:   jsontext.NewDecoder(inPlace(src), jsontext.AllowDuplicateNames(true)),
		ix:    ix,
		remap: remap,
	}
	v, r, err := d.value("")
	if err != nil {
		return nil, nil, d.syntaxError(err)
	}
	d.ix.Set("", position.Entry{Value: r})
	if rest := bytes.TrimLeft(src[d.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		off := remap(len(src) - len(rest))
		return nil, nil, &SyntaxError{Offset: off, Message: "unexpected content after the end of the JSON document: a policy file holds one object"}
	}
	return v, d.dups, nil
}

// inPlace hands src to a jsontext.Decoder to parse where it lies: given a
// bytes.Buffer, the decoder reads its bytes directly, where from any other
// reader it copies them into buffers of its own, growing as it goes. The
// decoder only reads; nothing writes to the buffer.
func inPlace(src []byte) io.Reader { return bytes.NewBuffer(src) }

// value decodes the value at ptr, recording what lies inside it, and
// returns it with its range; the caller records the value itself, with the
// member name's range when it has one, in a single write.
func (d *jsonDecoder) value(ptr string) (any, position.Range, error) {
	switch d.dec.PeekKind() {
	case '{':
		return d.object(ptr)
	case '[':
		return d.array(ptr)
	}
	raw, err := d.dec.ReadValue()
	if err != nil {
		return nil, position.Range{}, err
	}
	end := int(d.dec.InputOffset())
	v, err := scalar(raw)
	return v, d.rangeOf(end-len(raw), end), err
}

func scalar(raw jsontext.Value) (any, error) {
	switch raw.Kind() {
	case '"':
		s, err := jsontext.AppendUnquote(nil, raw)
		return string(s), err
	case '0':
		return json.Number(raw), nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	default:
		return nil, nil
	}
}

func (d *jsonDecoder) object(ptr string) (any, position.Range, error) {
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, position.Range{}, err
	}
	start := int(d.dec.InputOffset()) - 1
	obj := make(map[string]any)
	for d.dec.PeekKind() != '}' {
		rawName, err := d.dec.ReadValue()
		if err != nil {
			return nil, position.Range{}, err
		}
		keyEnd := int(d.dec.InputOffset())
		name, err := jsontext.AppendUnquote(nil, rawName)
		if err != nil {
			return nil, position.Range{}, err
		}
		child := position.Append(ptr, string(name))
		if _, again := obj[string(name)]; again {
			// Looked up before the value below replaces the first entry.
			d.dups = d.dups.add(d.ix, child)
		}
		v, r, err := d.value(child)
		if err != nil {
			return nil, position.Range{}, err
		}
		d.ix.Set(child, position.Entry{Key: d.rangeOf(keyEnd-len(rawName), keyEnd), Value: r})
		obj[string(name)] = v
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, position.Range{}, err
	}
	return obj, d.rangeOf(start, int(d.dec.InputOffset())), nil
}

func (d *jsonDecoder) array(ptr string) (any, position.Range, error) {
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, position.Range{}, err
	}
	start := int(d.dec.InputOffset()) - 1
	arr := make([]any, 0, 4)
	for i := 0; d.dec.PeekKind() != ']'; i++ {
		child := position.Append(ptr, i)
		v, r, err := d.value(child)
		if err != nil {
			return nil, position.Range{}, err
		}
		d.ix.Set(child, position.Entry{Value: r})
		arr = append(arr, v)
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, position.Range{}, err
	}
	return arr, d.rangeOf(start, int(d.dec.InputOffset())), nil
}

// syntaxError turns a decoder error into a SyntaxError located at the byte
// that broke the grammar, with a message that does not leak the decoder's
// package name.
func (d *jsonDecoder) syntaxError(err error) *SyntaxError {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: d.remap(int(se.ByteOffset)), Message: describe(se.Err)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &SyntaxError{Offset: d.remap(int(d.dec.InputOffset())), Message: "unexpected end of file: a bracket or brace is not closed"}
	}
	return &SyntaxError{Offset: d.remap(int(d.dec.InputOffset())), Message: describe(err)}
}

func describe(err error) string {
	if err == nil {
		return "invalid JSON"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of file: a bracket or brace is not closed"
	}
	msg := err.Error()
	if i := strings.Index(msg, "jsontext: "); i >= 0 {
		msg = msg[i+len("jsontext: "):]
	}
	for _, h := range hints {
		if strings.Contains(msg, h.cause) {
			return h.say
		}
	}
	return msg
}

// hints rewrite the decoder's commonest complaints in the words a person
// editing the file would use.
var hints = []struct{ cause, say string }{
	{"after object value (expecting ',' or '}')", "missing ',' between members, or a '}' too few"},
	{"after array element (expecting ',' or ']')", "missing ',' between list items, or a ']' too few"},
	{"after object name (expecting ':')", "missing ':' after the member name"},
	{"invalid character '}' at start of value", "a value is missing before '}', or a ',' is one too many"},
	{"invalid character ']' at start of value", "a value is missing before ']', or a ',' is one too many"},
	{"invalid character '\\'' at start of value", "strings must use double quotes, not single quotes"},
	{"invalid character ',' at start of value", "unexpected ',': a trailing comma, or a value is missing"},
	{"invalid character '$' at start of value", "a value starts with '$': an unrendered template placeholder such as ${...} is not JSON; lint the rendered file, or quote the placeholder"},
	{"invalid character '/' at start of value", "comments are not allowed in JSON"},
}

// duplicates records the members an object names more than once: for the
// pointer of each, the range of the first occurrence's name. The decoded
// value keeps the last occurrence, as most parsers do, and so does the
// index, so a finding at the pointer lands on the name that wins.
type duplicates map[string]position.Range

// add records that the member at ptr occurs again; ix still holds the
// previous occurrence at ptr. A later repeat keeps the first position.
// Repeats found inside the value being replaced are forgotten: that value
// is dropped, and their pointers now belong to the new one.
func (d duplicates) add(ix *position.Index, ptr string) duplicates {
	if d == nil {
		d = duplicates{}
	}
	if _, seen := d[ptr]; !seen {
		prev, _ := ix.Lookup(ptr)
		d[ptr] = prev.Key
	}
	for p := range d {
		if strings.HasPrefix(p, ptr+"/") {
			delete(d, p)
		}
	}
	return d
}

// problems reports every duplicate as a duplicate-key problem on the name
// that wins. Pointers are relative to policy, which sits in f.
func (d duplicates) problems(f *position.File, policy any) []Problem {
	if len(d) == 0 {
		return nil
	}
	out := make([]Problem, 0, len(d))
	for _, ptr := range members(d) {
		path := policyPath(policy, ptr)
		name, _ := path[len(path)-1].(string)
		out = append(out, Problem{
			Rule:  "duplicate-key",
			Path:  path,
			OnKey: true,
			// DOMAIN.md §1.6: last-wins is what most parsers do; what API
			// Gateway does is not documented, so the message says both.
			Message: fmt.Sprintf("duplicate key %q (first on line %d): most parsers keep only this last one and silently drop the first, "+
				"and whether API Gateway rejects the policy or does the same is not documented; write %q once",
				name, f.Span(d[ptr]).Start.Line, name),
		})
	}
	return out
}

// policyPath turns a pointer into policy into the path rules use: member
// names as strings, array indexes as numbers.
func policyPath(policy any, ptr string) []any {
	parts, _ := position.Split(ptr)
	path := make([]any, 0, len(parts))
	v := policy
	for _, p := range parts {
		list, isList := v.([]any)
		if i := indexOf(p); isList && i >= 0 {
			path = append(path, i)
			v = nil
			if i < len(list) {
				v = list[i]
			}
			continue
		}
		path = append(path, p)
		v = field(v, p)
	}
	return path
}
