package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/apigwlint/apigwlint/lint/position"
)

const (
	// maxYAMLNodes bounds the values one YAML document may expand to once
	// its aliases are resolved. Real templates hold thousands; a "billion
	// laughs" document, whose aliases nest, expands to billions.
	maxYAMLNodes = 1_000_000
	// maxYAMLDepth matches the nesting limit of the YAML parser itself.
	maxYAMLDepth = 10_000
)

// yamlDoc is one document of a YAML stream, decoded into the same plain
// values decodeJSON produces, with an index of every value's position.
type yamlDoc struct {
	value any
	ix    *position.Index
	dups  duplicates
}

// decodeYAML decodes every document of a YAML stream. Each value is recorded
// in its document's index with the byte ranges of its member name and of the
// value. A value reached through an alias is located at the alias, where
// the user sees it used. CloudFormation short-form tags become the long form
// (!Sub x is {"Fn::Sub": x}, !Ref x is {"Ref": x}), so a template reads the
// same whichever form it was written in.
func decodeYAML(f *position.File) ([]yamlDoc, *SyntaxError) {
	src := f.Bytes()
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		return nil, &SyntaxError{Offset: 0, Message: "the file is UTF-16 encoded: save it as UTF-8"}
	}
	lines := newYAMLLines(src)
	var docs []yamlDoc
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, yamlSyntaxError(err, lines)
		}
		if bad := checkExpansion(&n); bad != nil {
			return nil, &SyntaxError{Offset: lines.offset(bad.node.Line, bad.node.Column), Message: bad.message}
		}
		w := &yamlWalker{src: src, lines: lines, ix: position.NewIndex(f)}
		v, _ := w.node(&n, "", nil, 0)
		docs = append(docs, yamlDoc{value: v, ix: w.ix, dups: w.dups})
	}
}

// yamlErrorLine finds the line number the parser gives in its messages.
var yamlErrorLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// unknownAnchor is the parser's message for an alias to no anchor.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.+)' referenced$`)

// yamlSyntaxError places a parser error at the first non-blank byte of the
// line where the document stops parsing. The parser names lines, not
// columns, and for many errors the line where the enclosing block began.
func yamlSyntaxError(err error, lines *yamlLines) *SyntaxError {
	line, msg := splitYAMLError(err)
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// The parser does not say where; the first use of the name is.
		return &SyntaxError{Offset: max(0, bytes.Index(lines.src, []byte("*"+m[1]))), Message: msg}
	}
	if line == 0 {
		return &SyntaxError{Offset: 0, Message: msg}
	}
	line = firstFailingLine(lines, line, msg)
	off := lines.offset(line, 1)
	for off < len(lines.src) && (lines.src[off] == ' ' || lines.src[off] == '\t') {
		off++
	}
	return &SyntaxError{Offset: off, Message: explainYAML(msg)}
}

// yamlHints explain the parser's commonest complaints in the words of
// someone editing the file.
var yamlHints = map[string]string{
	"did not find expected key":                       "a line is indented differently from the members around it",
	"did not find expected '-' indicator":             "a line is indented differently from the list items around it",
	"found character that cannot start any token":     "a tab used for indentation, or a character such as '@' or '`' starting a plain value",
	"mapping values are not allowed in this context":  "a ': ' inside a plain value, or a member indented under a value: quote the value or fix the indentation",
	"found a tab character that violates indentation": "YAML indents with spaces only",
}

func explainYAML(msg string) string {
	if hint, ok := yamlHints[msg]; ok {
		return msg + ": " + hint
	}
	return msg
}

// splitYAMLError separates the line number from the parser's message.
func splitYAMLError(err error) (int, string) {
	msg := err.Error()
	line := 0
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return line, strings.TrimPrefix(msg, "yaml: ")
}

// refineLines bounds how far past the reported line the error is sought.
const refineLines = 200

// firstFailingLine finds the first line, from the one the parser named, at
// which the file cut after that line fails with the same problem: that is
// the line that broke it. Only a file that does not parse pays for this.
func firstFailingLine(lines *yamlLines, line int, msg string) int {
	for k := line; k < min(line+refineLines, len(lines.start)); k++ {
		dec := yaml.NewDecoder(bytes.NewReader(lines.src[:lines.start[k]]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if _, m := splitYAMLError(err); !errors.Is(err, io.EOF) && m == msg {
				return k
			}
			break
		}
	}
	return line
}

// yamlLines turns the parser's positions, a line and a column counted in
// characters, into byte offsets. It counts line breaks as YAML does: LF,
// CRLF and a lone CR.
type yamlLines struct {
	src   []byte
	start []int // byte offset of each line
	bom   int
	// last remembers the previous lookup, so that walking a long line
	// node by node stays linear.
	lastLine, lastCol, lastOff int
}

func newYAMLLines(src []byte) *yamlLines {
	l := &yamlLines{src: src, start: []int{0}}
	if bytes.HasPrefix(src, bom) {
		l.bom = len(bom)
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			l.start = append(l.start, i+1)
		case '\n':
			l.start = append(l.start, i+1)
		}
	}
	return l
}

// offset returns the byte offset of the 1-based line and character column.
// The byte order mark is not a column, as the parser skips it.
func (l *yamlLines) offset(line, col int) int {
	if line < 1 || len(l.start) == 0 {
		return 0
	}
	line = min(line, len(l.start))
	off, c := l.start[line-1], 1
	if line == 1 {
		off += l.bom
	}
	if line == l.lastLine && col >= l.lastCol {
		off, c = l.lastOff, l.lastCol
	}
	for ; c < col && off < len(l.src); c++ {
		if l.src[off] == '\n' || l.src[off] == '\r' {
			break
		}
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	l.lastLine, l.lastCol, l.lastOff = line, c, off
	return min(off, len(l.src))
}

// expansionError is an alias structure that cannot be expanded.
type expansionError struct {
	node    *yaml.Node
	message string
}

// checkExpansion counts the values a document expands to, each node once
// (aliases are counted by their target's size, remembered), so a billion
// laughs is refused before a single value is built, and an alias that
// refers to a node containing it is caught before it recurses forever.
func checkExpansion(root *yaml.Node) *expansionError {
	c := expansionCounter{size: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	if c.count(root, 0) > maxYAMLNodes && c.err == nil {
		c.err = &expansionError{node: root, message: "document expands without bound"}
	}
	return c.err
}

type expansionCounter struct {
	size map[*yaml.Node]int
	open map[*yaml.Node]bool
	err  *expansionError
}

func (c *expansionCounter) count(n *yaml.Node, depth int) int {
	if c.err != nil || n == nil {
		return 0
	}
	if s, ok := c.size[n]; ok {
		return s
	}
	if depth > maxYAMLDepth {
		c.err = &expansionError{node: n, message: fmt.Sprintf("values are nested more than %d deep", maxYAMLDepth)}
		return 0
	}
	if n.Kind == yaml.AliasNode && c.open[n.Alias] {
		c.err = &expansionError{node: n, message: "alias *" + n.Value + " refers to a node that contains it, so the document is infinite"}
		return 0
	}
	c.open[n] = true
	total := 1
	if n.Kind == yaml.AliasNode {
		total = c.count(n.Alias, depth+1)
	}
	for _, child := range n.Content {
		total += c.count(child, depth+1)
		if total > maxYAMLNodes {
			break
		}
	}
	delete(c.open, n)
	if total > maxYAMLNodes && c.err == nil {
		c.err = &expansionError{node: n, message: fmt.Sprintf(
			"aliases expand this document to more than %d values (a \"billion laughs\" document): it is not expanded", maxYAMLNodes)}
	}
	c.size[n] = total
	return total
}

// yamlWalker converts one document's node tree into plain values.
type yamlWalker struct {
	src   []byte
	lines *yamlLines
	ix    *position.Index
	// dups are the keys a mapping repeats. YAML forbids them, but the
	// parser keeps the last one, as most JSON parsers do.
	dups duplicates
}

// node converts n, recording it at ptr. at, when set, is the alias the
// value was reached through: every value below is located there. It
// returns the value and the byte range it spans.
func (w *yamlWalker) node(n *yaml.Node, ptr string, at *position.Range, depth int) (any, position.Range) {
	if n == nil || depth > maxYAMLDepth {
		return nil, position.Range{}
	}
	// A CloudFormation tag wraps the value: its members sit one level down.
	key, tagged := cfnTagKey(n.Tag)
	inner := ptr
	if tagged {
		inner = position.Append(ptr, key)
	}
	var (
		v any
		r position.Range
	)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, position.Range{}
		}
		return w.node(n.Content[0], ptr, at, depth+1)
	case yaml.AliasNode:
		start := w.lines.offset(n.Line, n.Column)
		ar := position.Range{Start: start, End: min(start+1+len(n.Value), len(w.src))}
		if at != nil {
			ar = *at
		}
		return w.node(n.Alias, ptr, &ar, depth+1)
	case yaml.MappingNode:
		v, r = w.mapping(n, inner, at, depth)
	case yaml.SequenceNode:
		v, r = w.sequence(n, inner, at, depth)
	default:
		v, r = w.scalar(n)
	}
	if at != nil {
		r = *at
	}
	if tagged {
		// The wrapper spans the tag and the value; the member inside it is
		// the value, named by the tag.
		whole := position.Range{Start: w.start(n), End: r.End}
		tag := position.Range{Start: whole.Start, End: whole.Start + min(len(n.Tag), whole.End-whole.Start)}
		if at != nil {
			whole, tag = *at, *at
		}
		w.ix.Set(inner, position.Entry{Key: tag, Value: r})
		v, r = map[string]any{key: v}, whole
	}
	w.ix.Set(ptr, position.Entry{Value: r})
	return v, r
}

// cfnTagKey maps a local tag to the key of the CloudFormation long form:
// !Ref and !Condition keep their name, every other function gains "Fn::".
func cfnTagKey(tag string) (string, bool) {
	if len(tag) < 2 || tag[0] != '!' || tag[1] == '!' {
		return "", false
	}
	name := tag[1:]
	if name == "Ref" || name == "Condition" {
		return name, true
	}
	return "Fn::" + name, true
}

// start is the offset where a node begins, its tag or anchor included.
func (w *yamlWalker) start(n *yaml.Node) int { return w.lines.offset(n.Line, n.Column) }

func (w *yamlWalker) mapping(n *yaml.Node, ptr string, at *position.Range, depth int) (any, position.Range) {
	obj := make(map[string]any, len(n.Content)/2)
	start := skipProperties(w.src, w.start(n))
	end := start
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, val)
			continue
		}
		name, kr := w.key(k, at, depth)
		child := position.Append(ptr, name)
		if _, again := obj[name]; again {
			w.dups = w.dups.add(w.ix, child)
		}
		v, vr := w.node(val, child, at, depth+1)
		e, _ := w.ix.Lookup(child)
		e.Key = kr
		w.ix.Set(child, e)
		obj[name] = v
		end = max(end, vr.End, kr.End)
	}
	for _, m := range merges {
		end = max(end, w.merge(obj, m, ptr, at, depth))
	}
	if n.Style&yaml.FlowStyle != 0 {
		end = w.closing(end, '}')
	}
	return obj, position.Range{Start: start, End: end}
}

// merge adds the members of a "<<" merge key that the mapping does not set
// itself; in a list of mappings, the first to set a member wins. It returns
// where the merge value ends.
func (w *yamlWalker) merge(obj map[string]any, m *yaml.Node, ptr string, at *position.Range, depth int) int {
	sources := []*yaml.Node{m}
	if m.Kind == yaml.SequenceNode {
		sources = m.Content
	}
	end := 0
	for _, s := range sources {
		// Decode the source mapping on the side, then keep what is new.
		side := &yamlWalker{src: w.src, lines: w.lines, ix: position.NewIndex(w.ix.File())}
		v, r := side.node(s, "", at, depth+1)
		end = max(end, r.End)
		members, ok := v.(map[string]any)
		if !ok {
			continue
		}
		for name, val := range members {
			if _, taken := obj[name]; taken {
				continue
			}
			obj[name] = val
			w.copyEntries(side.ix, position.Append("", name), position.Append(ptr, name), val)
		}
	}
	if m.Kind == yaml.SequenceNode && m.Style&yaml.FlowStyle != 0 {
		end = w.closing(end, ']')
	}
	return end
}

// copyEntries moves the entries of the value at from (in src) and below it
// to the pointer to in w's index.
func (w *yamlWalker) copyEntries(src *position.Index, from, to string, v any) {
	if e, ok := src.Lookup(from); ok {
		w.ix.Set(to, e)
	}
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			w.copyEntries(src, position.Append(from, k), position.Append(to, k), c)
		}
	case []any:
		for i, c := range v {
			w.copyEntries(src, position.Append(from, i), position.Append(to, i), c)
		}
	}
}

// key returns a mapping key as a member name and its range. Keys are
// scalars in every format read here, named by their text whatever type they
// resolve to; a complex key is named by its source text.
func (w *yamlWalker) key(k *yaml.Node, at *position.Range, depth int) (string, position.Range) {
	target := k
	for i := 0; target.Kind == yaml.AliasNode && target.Alias != nil && i < maxYAMLDepth; i++ {
		target = target.Alias
	}
	var r position.Range
	if k.Kind == yaml.ScalarNode {
		_, r = w.scalar(k)
	} else {
		side := &yamlWalker{src: w.src, lines: w.lines, ix: position.NewIndex(w.ix.File())}
		_, r = side.node(k, "", nil, depth+1)
	}
	if at != nil {
		r = *at
	}
	if target.Kind == yaml.ScalarNode {
		return target.Value, r
	}
	end := min(max(r.End, r.Start), len(w.src))
	return string(w.src[r.Start:end]), r
}

func (w *yamlWalker) sequence(n *yaml.Node, ptr string, at *position.Range, depth int) (any, position.Range) {
	arr := make([]any, 0, len(n.Content))
	start := skipProperties(w.src, w.start(n))
	end := start
	for i, c := range n.Content {
		v, r := w.node(c, position.Append(ptr, i), at, depth+1)
		arr = append(arr, v)
		end = max(end, r.End)
	}
	if n.Style&yaml.FlowStyle != 0 {
		end = w.closing(end, ']')
	}
	return arr, position.Range{Start: start, End: end}
}

// closing returns the offset just past the bracket that closes a flow
// collection whose last item ends at from: only blanks, line breaks,
// commas and comments may come between.
func (w *yamlWalker) closing(from int, bracket byte) int {
	for i := from; i < len(w.src); i++ {
		switch c := w.src[i]; c {
		case bracket:
			return i + 1
		case ' ', '\t', '\r', '\n', ',', '{', '[':
		case '#':
			for i < len(w.src) && w.src[i] != '\n' && w.src[i] != '\r' {
				i++
			}
		default:
			return from
		}
	}
	return from
}

// scalar converts a scalar node. Its range is its text, quotes included,
// without the tag or anchor before it.
func (w *yamlWalker) scalar(n *yaml.Node) (any, position.Range) {
	start := skipProperties(w.src, w.start(n))
	end := scalarEnd(w.src, start, n.Value)
	return scalarValue(n), position.Range{Start: start, End: max(end, start)}
}

// scalarValue resolves a scalar as the YAML core schema does, into JSON
// types. A date stays the text it was written as: "Version: 2012-10-17"
// is a string to CloudFormation, not a timestamp.
func scalarValue(n *yaml.Node) any {
	if _, ok := cfnTagKey(n.Tag); ok {
		return n.Value
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			return b
		}
	case "!!int", "!!float":
		return yamlNumber(n.Value)
	}
	return n.Value
}

// yamlNumber turns a YAML number into a json.Number, keeping the text when
// it is already valid JSON. Other spellings (0x1F, 1_000, +1, .5) are
// rewritten; infinities and NaN, which JSON cannot hold, stay text.
func yamlNumber(text string) any {
	if validJSONNumber(text) {
		return json.Number(text)
	}
	clean := strings.ReplaceAll(text, "_", "")
	if i, err := strconv.ParseInt(clean, 0, 64); err == nil {
		return json.Number(strconv.FormatInt(i, 10))
	}
	if u, err := strconv.ParseUint(strings.TrimPrefix(clean, "+"), 0, 64); err == nil {
		return json.Number(strconv.FormatUint(u, 10))
	}
	if f, err := strconv.ParseFloat(clean, 64); err == nil {
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if validJSONNumber(s) {
			return json.Number(s)
		}
	}
	return text
}

// jsonNumber is the JSON number grammar.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func validJSONNumber(s string) bool { return jsonNumber.MatchString(s) }

// skipProperties returns the offset of a node's content after its tag and
// anchor (!Sub, &name, !<verbatim>), and the blanks, comments and line
// breaks that may follow them. A scalar's own text never starts with "!"
// or "&", so anything else is content.
func skipProperties(src []byte, off int) int {
	for off < len(src) && (src[off] == '!' || src[off] == '&') {
		if src[off] == '!' && off+1 < len(src) && src[off+1] == '<' {
			for off < len(src) && src[off] != '>' {
				off++
			}
		}
		for off < len(src) && !isYAMLSpace(src[off]) {
			off++
		}
		off = skipBlanksAndComments(src, off)
	}
	return off
}

func skipBlanksAndComments(src []byte, off int) int {
	for off < len(src) {
		switch src[off] {
		case ' ', '\t', '\r', '\n':
			off++
		case '#':
			for off < len(src) && src[off] != '\n' && src[off] != '\r' {
				off++
			}
		default:
			return off
		}
	}
	return off
}

func isYAMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
