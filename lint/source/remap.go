package source

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A policy kept as a JSON string inside a YAML or JSON file is decoded from
// the string's value, not from the bytes in the file. The scanner below
// reads a scalar's source again, as the YAML (or JSON) parser did, and
// records for every byte of the decoded value the file offset it came from:
// through quotes, escapes such as \" and \u00e9, the indentation of block
// scalars and the folding of multi-line scalars. It checks every byte it
// produces against the decoded value, so a case it reads differently from
// the parser is caught, and positions then fall back to a close guess
// rather than a wrong one.

// scalarEnd returns the offset just past the scalar whose text starts at
// start and decodes to val: past the closing quote of a quoted scalar, past
// the last character of a plain or block scalar.
func scalarEnd(src []byte, start int, val string) int {
	s := scalarScanner{src: src, p: start, start: start, val: val}
	if end, ok := s.scan(); ok {
		return end
	}
	return lineEnd(src, start)
}

// scalarRemap returns the Remap of the string val whose source starts at
// start (its tag or anchor, if any, is skipped): decoded offsets to file
// offsets.
func scalarRemap(src []byte, start int, val string) Remap {
	start = skipProperties(src, start)
	s := scalarScanner{src: src, p: start, start: start, val: val, record: true}
	if _, ok := s.scan(); ok {
		return offsetsRemap(s.offs, start)
	}
	return offsetsRemap(greedyOffsets(src, start, val), start)
}

// offsetsRemap maps decoded offset i to offs[i]; offsets past the end map
// just past the last byte, where "unexpected end" errors belong.
func offsetsRemap(offs []int, start int) Remap {
	return func(i int) int {
		switch {
		case len(offs) == 0:
			return start
		case i < 0:
			return offs[0]
		case i >= len(offs):
			return offs[len(offs)-1] + 1
		}
		return offs[i]
	}
}

// greedyOffsets is the fallback: each decoded byte is matched with the next
// equal byte of the source, a little way ahead at most. It is exact for
// text written as is and close for the rest.
func greedyOffsets(src []byte, start int, val string) []int {
	offs := make([]int, len(val))
	p := min(start, len(src))
	for i := range len(val) {
		q, limit := p, min(len(src), p+64)
		for q < limit && src[q] != val[i] {
			q++
		}
		if q < limit {
			p = q + 1
			offs[i] = q
			continue
		}
		offs[i] = min(p, max(len(src)-1, 0))
	}
	return offs
}

func lineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' && src[off] != '\r' {
		off++
	}
	return off
}

// scalarScanner reads one scalar's source. It produces the decoded text
// byte by byte, checking each against val, and stops when val is complete.
type scalarScanner struct {
	src     []byte
	p       int // next source byte
	start   int
	val     string
	n       int   // decoded bytes produced
	offs    []int // file offset of each decoded byte, when record is set
	record  bool
	textEnd int // just past the last source byte that was not a line break
}

// scan dispatches on the first byte, which says the scalar's style. It
// returns the scalar's end and whether the source decoded to val.
func (s *scalarScanner) scan() (int, bool) {
	if s.p >= len(s.src) {
		return s.p, s.val == ""
	}
	switch s.src[s.p] {
	case '"':
		return s.quoted('"')
	case '\'':
		return s.quoted('\'')
	case '|', '>':
		return s.block()
	}
	if !s.flow(0) {
		return s.p, false
	}
	return max(s.textEnd, s.start), true
}

// emit produces out, decoded from the source bytes [from, to).
func (s *scalarScanner) emit(from, to int, out string) bool {
	if !strings.HasPrefix(s.val[s.n:], out) {
		return false
	}
	if s.record {
		for i := range len(out) {
			// A multi-byte result ends on the escape's last byte, so a range
			// that ends with it covers the whole escape.
			o := from
			if i > 0 && i == len(out)-1 {
				o = to - 1
			}
			s.offs = append(s.offs, o)
		}
	}
	s.n += len(out)
	if out != "\n" {
		s.textEnd = to
	}
	return true
}

// literal produces the source byte at p as it is.
func (s *scalarScanner) literal() bool {
	if s.n >= len(s.val) || s.src[s.p] != s.val[s.n] {
		return false
	}
	if s.record {
		s.offs = append(s.offs, s.p)
	}
	s.n++
	s.p++
	s.textEnd = s.p
	return true
}

// quoted reads a single- or double-quoted scalar and its closing quote.
func (s *scalarScanner) quoted(q byte) (int, bool) {
	s.p++
	if !s.flow(q) {
		return s.p, false
	}
	// Only blanks, folded breaks or escaped breaks may remain before the
	// closing quote.
	for i := s.p; i < len(s.src); i++ {
		switch c := s.src[i]; {
		case c == q:
			return i + 1, true
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c == '\\' && q == '"'):
		default:
			return s.p, true
		}
	}
	return s.p, true
}

// flow reads the text of a flow scalar: plain (q == 0), single- or
// double-quoted, folding its line breaks.
func (s *scalarScanner) flow(q byte) bool {
	for s.n < len(s.val) && s.p < len(s.src) {
		if !s.flowStep(q) {
			return false
		}
	}
	return s.n == len(s.val)
}

// flowStep reads the next piece of a flow scalar's text.
func (s *scalarScanner) flowStep(q byte) bool {
	c := s.src[s.p]
	switch {
	case q != 0 && c == q && (q == '"' || !s.at(s.p+1, '\'')):
		return false // the closing quote, before the value is complete
	case q == '\'' && c == '\'':
		s.p += 2
		return s.emit(s.p-2, s.p, "'")
	case q == '"' && c == '\\':
		return s.escape()
	case c == ' ' || c == '\t':
		return s.blanks()
	case c == '\r' || c == '\n':
		return s.fold()
	}
	return s.literal()
}

func (s *scalarScanner) at(i int, c byte) bool { return i < len(s.src) && s.src[i] == c }

// blanks produces spaces and tabs inside a line; before a line break they
// are trailing and dropped.
func (s *scalarScanner) blanks() bool {
	q := skipBlanks(s.src, s.p)
	if q >= len(s.src) || s.src[q] == '\r' || s.src[q] == '\n' {
		s.p = q
		return true
	}
	for s.p < q {
		if !s.literal() {
			return false
		}
	}
	return true
}

// fold reads a line break in a flow scalar with the empty lines and the
// indentation after it: one space when no empty line follows, else one
// newline per empty line.
func (s *scalarScanner) fold() bool {
	brk := s.p
	s.p = skipBreak(s.src, s.p)
	var empties []int
	for {
		q := skipBlanks(s.src, s.p)
		if q < len(s.src) && (s.src[q] == '\r' || s.src[q] == '\n') {
			empties = append(empties, q)
			s.p = skipBreak(s.src, q)
			continue
		}
		s.p = q
		break
	}
	if len(empties) == 0 {
		return s.emit(brk, brk+1, " ")
	}
	for _, e := range empties {
		if !s.emit(e, e+1, "\n") {
			return false
		}
	}
	return true
}

// escape reads one backslash escape of a double-quoted scalar (JSON's
// escapes are a subset of YAML's).
func (s *scalarScanner) escape() bool {
	start := s.p
	if start+1 >= len(s.src) {
		return false
	}
	c := s.src[start+1]
	if c == '\r' || c == '\n' {
		// An escaped line break joins the lines without a space.
		s.p = skipBlanks(s.src, skipBreak(s.src, start+1))
		return true
	}
	r, size, ok := escapeRune(s.src[start:])
	if !ok {
		return false
	}
	s.p = start + size
	return s.emit(start, start+size, string(utf8.AppendRune(nil, r)))
}

// simpleEscapes are the one-letter escapes of YAML double-quoted scalars.
var simpleEscapes = map[byte]rune{
	'0': 0, 'a': 7, 'b': 8, 't': 9, '\t': 9, 'n': 10, 'v': 11, 'f': 12, 'r': 13,
	'e': 0x1b, ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xa0,
	'L': 0x2028, 'P': 0x2029,
}

// escapeRune decodes the escape at the start of b ("\\n", "\\u00e9", ...).
// A UTF-16 surrogate pair written as two \u escapes, as JSON does, is one
// character.
func escapeRune(b []byte) (rune, int, bool) {
	if r, ok := simpleEscapes[b[1]]; ok {
		return r, 2, true
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[1]]
	if digits == 0 || len(b) < 2+digits {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(b[2:2+digits]), 16, 32)
	if err != nil {
		return 0, 0, false
	}
	r, size := rune(v), 2+digits
	if r >= 0xD800 && r < 0xDC00 && len(b) >= size+6 && b[size] == '\\' && b[size+1] == 'u' {
		if lo, err := strconv.ParseUint(string(b[size+2:size+6]), 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (rune(lo) - 0xDC00), size + 6, true
		}
	}
	return r, size, true
}

// blockLine is one line of a block scalar.
type blockLine struct {
	text, end int  // first content byte (after the indentation) and line end
	brk       int  // offset of the line break, or -1 at the end of the file
	empty     bool // nothing but blanks
	spaced    bool // starts with a blank after the indentation (folded: kept as is)
}

// block reads a literal (|) or folded (>) block scalar.
func (s *scalarScanner) block() (int, bool) {
	folded := s.src[s.p] == '>'
	p := lineEnd(s.src, s.p)
	s.textEnd = s.p + 1
	lines := blockLines(s.src, skipBreak(s.src, p))
	ok := s.blockText(lines, folded)
	return s.textEnd, ok && s.n == len(s.val)
}

// blockLines splits a block scalar's body into lines. The indentation is
// that of the first non-empty line; the scalar ends before the first
// non-empty line indented less.
func blockLines(src []byte, p int) []blockLine {
	indent := -1
	var lines []blockLine
	for p < len(src) {
		q := p
		for q < len(src) && src[q] == ' ' && (indent < 0 || q-p < indent) {
			q++
		}
		end := lineEnd(src, q)
		empty := len(strings.Trim(string(src[q:end]), " \t")) == 0
		if !empty && indent < 0 {
			indent = q - p
		}
		if !empty && q-p < indent {
			break
		}
		brk := end
		if end >= len(src) {
			brk = -1
		}
		lines = append(lines, blockLine{text: q, end: end, brk: brk, empty: empty, spaced: !empty && (src[q] == ' ' || src[q] == '\t')})
		if brk < 0 {
			break
		}
		p = skipBreak(src, end)
	}
	return lines
}

// blockText produces a block scalar's lines, folding them for ">".
func (s *scalarScanner) blockText(lines []blockLine, folded bool) bool {
	for i := 0; i < len(lines) && s.n < len(s.val); i++ {
		var ok bool
		if lines[i].empty {
			ok = s.newline(lines[i].brk)
		} else {
			ok = s.blockLine(lines, i, folded)
		}
		if !ok {
			return false
		}
	}
	return true
}

// blockLine produces the text of the non-empty line i and its line break.
func (s *scalarScanner) blockLine(lines []blockLine, i int, folded bool) bool {
	l := lines[i]
	for s.p = l.text; s.p < l.end && s.n < len(s.val); {
		if !s.literal() {
			return false
		}
	}
	next := i + 1
	for next < len(lines) && lines[next].empty {
		next++
	}
	if folded && !l.spaced && next < len(lines) && !lines[next].spaced && s.n < len(s.val) {
		// Folding: a single break between two text lines is a space; the
		// empty lines between them stand for themselves alone.
		if next == i+1 {
			return s.emit(l.brk, l.brk+1, " ")
		}
		return true
	}
	return s.newline(l.brk)
}

// newline produces the "\n" of the line break at brk, if the value wants
// one more byte.
func (s *scalarScanner) newline(brk int) bool {
	if s.n >= len(s.val) {
		return true
	}
	if brk < 0 {
		return false
	}
	return s.emit(brk, brk+1, "\n")
}

func skipBlanks(src []byte, p int) int {
	for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
		p++
	}
	return p
}

func skipBreak(src []byte, p int) int {
	if p < len(src) && src[p] == '\r' {
		p++
	}
	if p < len(src) && src[p] == '\n' {
		p++
	}
	return p
}

// segment is one piece of a string assembled from several sources, such as
// the parts of an Fn::Join: the decoded offset where it starts, and how its
// own offsets reach the file.
type segment struct {
	at    int
	remap Remap
}

// joinRemap is the Remap of a string made of segments, in order.
func joinRemap(segs []segment) Remap {
	return func(off int) int {
		i := sort.Search(len(segs), func(i int) bool { return segs[i].at > off }) - 1
		i = max(i, 0)
		if len(segs) == 0 {
			return 0
		}
		return segs[i].remap(off - segs[i].at)
	}
}
