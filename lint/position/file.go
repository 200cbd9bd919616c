package position

import (
	"bytes"
	"sort"
)

// bom is the UTF-8 byte order mark. Editors do not count it as a column, so
// neither do we.
var bom = []byte{0xEF, 0xBB, 0xBF}

// File knows where the lines of one file start, so that byte offsets can be
// turned into line and column numbers.
type File struct {
	src   []byte
	lines []int // byte offset of the first byte of each line
	bom   int   // length of a leading byte order mark, 0 or 3
}

// NewFile indexes the line starts of src. A line ends at "\n"; a "\r" before
// it belongs to the line it ends, so CRLF files get the same columns as LF
// files.
func NewFile(src []byte) *File {
	// Counted first, so the table is made once at its size.
	lines := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		lines = append(lines, off)
	}
	f := &File{src: src, lines: lines}
	if bytes.HasPrefix(src, bom) {
		f.bom = len(bom)
	}
	return f
}

// Bytes returns the file's content.
func (f *File) Bytes() []byte { return f.src }

// Pos returns the 1-based line and byte column of offset. Offsets past the end
// are clamped to the end of the file.
func (f *File) Pos(offset int) Pos {
	offset = max(0, min(offset, len(f.src)))
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > offset }) - 1
	col := offset - f.lines[i] + 1
	if i == 0 && offset >= f.bom {
		col -= f.bom
	}
	return Pos{Line: i + 1, Col: max(col, 1), Offset: offset}
}

// Span returns the span of the byte range r.
func (f *File) Span(r Range) Span {
	return Span{Start: f.Pos(r.Start), End: f.Pos(r.End)}
}

// Line returns the text of the 1-based line n without its line ending, or ""
// when there is no such line.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start, end := f.lines[n-1], len(f.src)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if n == 1 {
		start += f.bom
	}
	line := f.src[min(start, end):end]
	return string(bytes.TrimSuffix(line, []byte{'\r'}))
}
