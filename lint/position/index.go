package position

// Entry is what the index knows about one value: where its member name is
// (zero for array elements and the root) and where the value is.
type Entry struct {
	Key   Range
	Value Range
}

// Index maps JSON Pointers, relative to one policy document, to byte ranges
// in the file that holds it. Several documents of one file share the File.
type Index struct {
	file    *File
	entries map[string]Entry
	base    string // pointer of this view's root within entries
}

// NewIndex returns an empty index over file.
func NewIndex(file *File) *Index { return NewIndexSize(file, 0) }

// NewIndexSize returns an empty index over file with room for about n
// entries: a front end that can estimate how many values it will record
// spares the map its rounds of growth, each a copy of everything so far.
func NewIndexSize(file *File, n int) *Index {
	return &Index{file: file, entries: make(map[string]Entry, n)}
}

// Sub returns a view of the index rooted at ptr: pointers given to the view
// are relative to ptr. A template indexed once as a whole gives each policy
// it holds a view rooted where that policy sits, without copying entries.
func (ix *Index) Sub(ptr string) *Index {
	return &Index{file: ix.file, entries: ix.entries, base: ix.base + ptr}
}

// File returns the file the index points into.
func (ix *Index) File() *File { return ix.file }

// Set records the ranges of the value at ptr, replacing what was there.
func (ix *Index) Set(ptr string, e Entry) { ix.entries[ix.base+ptr] = e }

// Lookup returns the raw entry recorded for ptr.
func (ix *Index) Lookup(ptr string) (Entry, bool) {
	e, ok := ix.entries[ix.base+ptr]
	return e, ok
}

// Resolve returns the span recorded for ptr: the member name's span when
// onKey is set and the value has one, else the value's. If ptr itself was not
// indexed (a rule pointed below a scalar, say), it falls back to the nearest
// indexed ancestor and reports exact=false.
func (ix *Index) Resolve(ptr string, onKey bool) (span Span, exact bool) {
	for p, first := ix.base+ptr, true; ; first = false {
		if e, ok := ix.entries[p]; ok {
			if first && onKey && !e.Key.IsZero() {
				return ix.file.Span(e.Key), true
			}
			return ix.file.Span(e.Value), first
		}
		parent, ok := Parent(p)
		if !ok {
			return ix.file.Span(Range{}), false
		}
		p = parent
	}
}
