package source

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/apigwlint/apigwlint/lint/position"
)

// tplText is a Terraform string template (a quoted string or a heredoc)
// rendered as far as the file allows, with the file offset of every byte.
//
// Literal parts are decoded as Terraform decodes them (escapes, $${, the
// indentation a <<- heredoc strips). An interpolation stays as its source
// text: inside a JSON string it is an opaque "${...}" the rules recognise;
// where a JSON value is expected (jsonAware) it becomes a placeholder
// string that substitute swaps for the value the file tells, or else an
// opaque string, so the JSON parses.
type tplText struct {
	m         *tfModule
	jsonAware bool
	text      []byte
	offs      []int  // offs[i] is the file offset of text[i]; one more for the end
	inStr     bool   // the JSON text so far ends inside a string
	esc       bool   // ... right after a backslash
	stack     []byte // the open JSON containers, '{' or '['
	last      byte   // the last structural byte outside strings
	subs      []tplSub
}

// tplSub is an interpolation where a JSON value is expected whose value
// the file tells.
type tplSub struct {
	expr hclsyntax.Expression
	raw  position.Range // the "${...}" as written
}

// placeholderPrefix starts the text that stands for substitution i. A NUL
// cannot appear unescaped in JSON, so no policy holds it by chance.
const placeholderPrefix = "\x00apigwlint:"

// newTemplate renders t, or returns nil when it holds a template directive
// (%{if}, %{for}): what it renders to is not known without evaluating it.
func (m *tfModule) newTemplate(t *hclsyntax.TemplateExpr, jsonAware bool) *tplText {
	start, end, quoted := m.templateBounds(t)
	tb := &tplText{m: m, jsonAware: jsonAware}
	cursor := start
	var pending []hclsyntax.Expression
	for _, p := range t.Parts {
		lit, ok := p.(*hclsyntax.LiteralValueExpr)
		r := m.exprRange(p)
		if !ok || lit.Val.Type() != cty.String || !lit.Val.IsKnown() || lit.Val.IsNull() || r.Start < cursor {
			pending = append(pending, p)
			continue
		}
		if !tb.gap(pending, cursor, r.Start) {
			return nil
		}
		pending = nil
		tb.literal(lit.Val.AsString(), r, quoted)
		cursor = r.End
	}
	if !tb.gap(pending, cursor, max(cursor, end)) {
		return nil
	}
	tb.offs = append(tb.offs, max(cursor, end))
	return tb
}

// templateBounds returns where a template's content starts and ends in the
// file: inside the quotes, or between a heredoc's opening line and the line
// of its closing marker.
func (m *tfModule) templateBounds(t *hclsyntax.TemplateExpr) (start, end int, quoted bool) {
	r := m.exprRange(t)
	if r.Start >= r.End {
		return r.Start, r.End, false
	}
	switch m.src[r.Start] {
	case '"':
		return r.Start + 1, max(r.Start+1, r.End-1), true
	case '<':
		nl := bytes.IndexByte(m.src[r.Start:r.End], '\n')
		if nl < 0 {
			return r.End, r.End, false
		}
		start = r.Start + nl + 1
		end = start
		if last := bytes.LastIndexByte(m.src[start:r.End], '\n'); last >= 0 {
			end = start + last + 1
		}
		return start, end, false
	}
	return r.Start, r.End, false
}

// gap renders the non-literal parts found in the file between from and to.
// It reports false for a template directive.
func (tb *tplText) gap(parts []hclsyntax.Expression, from, to int) bool {
	if len(parts) == 0 {
		return true // only indentation a <<- heredoc strips
	}
	to = max(from, to)
	raw := tb.m.src[from:to]
	if bytes.Contains(raw, []byte("%{")) {
		return false
	}
	r := position.Range{Start: from, End: to}
	var expr hclsyntax.Expression
	if len(parts) == 1 {
		expr = parts[0]
	}
	switch s, isConst := constRendering(expr); {
	case isConst:
		// A constant interpolation renders to its text, as Terraform does.
		tb.mapped(s, r)
	case !tb.jsonAware:
		tb.raw(raw, from)
	case tb.inStr:
		tb.escaped(raw, from)
	case expr != nil && !tb.atKey() && tb.m.substitutable(expr):
		tb.mapped(`"`+jsonNUL+"apigwlint:"+strconv.Itoa(len(tb.subs))+`"`, r)
		tb.subs = append(tb.subs, tplSub{expr: expr, raw: r})
	default:
		// Unknown where a value or a name belongs: an opaque string.
		tb.push('"', from)
		tb.escaped(raw, from)
		tb.push('"', max(from, to-1))
	}
	return true
}

// atKey reports whether the JSON text so far expects a member name.
func (tb *tplText) atKey() bool {
	n := len(tb.stack)
	return n > 0 && tb.stack[n-1] == '{' && (tb.last == '{' || tb.last == ',')
}

// substitutable reports whether an interpolation where a JSON value belongs
// renders a value the file tells: jsonencode() of anything (its unknown
// parts become opaque strings), or a variable or local holding a number
// or a bool. A string would render without quotes, which is no JSON value
// we can know.
func (m *tfModule) substitutable(e hclsyntax.Expression) bool {
	switch x := unwrap(e).(type) {
	case *hclsyntax.FunctionCallExpr:
		return x.Name == "jsonencode" && len(x.Args) == 1 && !x.ExpandFinal
	case *hclsyntax.ScopeTraversalExpr:
		switch (&tfValues{m: m}).build(x, "", position.Range{}).(type) {
		case bool, json.Number:
			return true
		}
	}
	return false
}

// jsonNUL is the JSON escape of the NUL that starts a placeholder.
const jsonNUL = `\u0000`

// constRendering is the text a constant interpolation renders to.
func constRendering(e hclsyntax.Expression) (string, bool) {
	if e == nil {
		return "", false
	}
	if s, ok := constString(e); ok {
		return s, true
	}
	if lit, ok := unwrap(e).(*hclsyntax.LiteralValueExpr); ok && lit.Val.IsKnown() && !lit.Val.IsNull() {
		switch lit.Val.Type() {
		case cty.Number:
			return numberText(lit.Val.AsBigFloat()), true
		case cty.Bool:
			return strconv.FormatBool(lit.Val.True()), true
		}
	}
	return "", false
}

// literal appends a literal part whose value hcl decoded as val from the
// file range r.
func (tb *tplText) literal(val string, r position.Range, quoted bool) {
	d, doffs := decodeLiteral(tb.m.src[r.Start:r.End], r.Start, quoted)
	offs := alignLiteral(val, d, doffs)
	for i := 0; i < len(val); i++ {
		off := r.Start
		if offs != nil {
			off = offs[i]
		}
		tb.push(val[i], off)
	}
}

// mapped appends s, generated from the file range r: its first byte maps
// to the start of r and its last to the last byte of r, so a value made of
// s spans exactly r.
func (tb *tplText) mapped(s string, r position.Range) {
	width := r.End - r.Start
	for i := 0; i < len(s); i++ {
		off := r.Start + min(i, max(width-1, 0))
		if i == len(s)-1 && width > 0 {
			off = r.End - 1
		}
		tb.push(s[i], off)
	}
}

// raw appends source bytes unchanged.
func (tb *tplText) raw(b []byte, from int) {
	for i, c := range b {
		tb.push(c, from+i)
	}
}

// escaped appends source bytes inside a JSON string, escaping what would
// end or break the string.
func (tb *tplText) escaped(b []byte, from int) {
	for i, c := range b {
		off := from + i
		switch {
		case c == '"' || c == '\\':
			tb.push('\\', off)
			tb.push(c, off)
		case c < 0x20:
			for _, e := range []byte(`\u00`) {
				tb.push(e, off)
			}
			const hex = "0123456789abcdef"
			tb.push(hex[c>>4], off)
			tb.push(hex[c&0xF], off)
		default:
			tb.push(c, off)
		}
	}
}

// push appends one byte and follows the JSON lexer's state.
func (tb *tplText) push(c byte, off int) {
	tb.text = append(tb.text, c)
	tb.offs = append(tb.offs, off)
	if !tb.jsonAware {
		return
	}
	switch {
	case tb.esc:
		tb.esc = false
	case tb.inStr && c == '\\':
		tb.esc = true
	case tb.inStr:
		tb.inStr = c != '"'
	default:
		tb.structural(c)
	}
}

// structural follows a byte outside strings.
func (tb *tplText) structural(c byte) {
	switch c {
	case ' ', '\t', '\r', '\n':
		return
	case '"':
		tb.inStr = true
	case '{', '[':
		tb.stack = append(tb.stack, c)
	case '}', ']':
		if n := len(tb.stack); n > 0 {
			tb.stack = tb.stack[:n-1]
		}
	}
	tb.last = c
}

// remap carries offsets in the rendered text back to the file.
func (tb *tplText) remap() Remap {
	offs := tb.offs
	return func(o int) int { return offs[clampTo(o, len(offs)-1)] }
}

// decodeLiteral decodes the source of a template literal as hcl does
// (escapes in quoted strings, $${ and %%{ everywhere) and returns the
// file offset of each decoded byte.
func decodeLiteral(raw []byte, base int, quoted bool) ([]byte, []int) {
	d := make([]byte, 0, len(raw))
	offs := make([]int, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if quoted && c == '\\' {
			if s, n := hclEscape(raw[i:]); n > 0 {
				for _, b := range s {
					d = append(d, b)
					offs = append(offs, base+i)
				}
				i += n
				continue
			}
		}
		d = append(d, c)
		offs = append(offs, base+i)
		if (c == '$' || c == '%') && i+2 < len(raw) && raw[i+1] == c && raw[i+2] == '{' {
			i += 2 // "$${" is a literal "${": drop the second "$"
			continue
		}
		i++
	}
	return d, offs
}

// hclEscape decodes the escape sequence at the start of s and reports how
// many bytes it spans, or 0 when it is not one.
func hclEscape(s []byte) ([]byte, int) {
	if len(s) < 2 {
		return nil, 0
	}
	switch s[1] {
	case 'n':
		return []byte{'\n'}, 2
	case 'r':
		return []byte{'\r'}, 2
	case 't':
		return []byte{'\t'}, 2
	case '"', '\\':
		return []byte{s[1]}, 2
	case 'u', 'U':
		digits := 4
		if s[1] == 'U' {
			digits = 8
		}
		if len(s) < 2+digits {
			return nil, 0
		}
		n, err := strconv.ParseUint(string(s[2:2+digits]), 16, 32)
		if err != nil {
			return nil, 0
		}
		return utf8.AppendRune(nil, rune(n)), 2 + digits
	}
	return nil, 0
}

// alignLiteral maps each byte of val, the literal as hcl decoded it, to the
// file offset of the same byte in d, the literal as decodeLiteral decoded
// it from the file. They differ only by whitespace hcl strips (a <<-
// heredoc's indentation, the ~ of "${~"), so a greedy match places every
// other byte exactly. It returns nil when they do not line up.
func alignLiteral(val string, d []byte, doffs []int) []int {
	offs := make([]int, len(val))
	j := 0
	for i := 0; i < len(val); i++ {
		for j < len(d) && d[j] != val[i] {
			j++
		}
		if j == len(d) {
			return nil
		}
		offs[i] = doffs[j]
		j++
	}
	return offs
}
