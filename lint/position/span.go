package position

import "fmt"

// Pos is a position in a file: a 1-based line, a 1-based column counted in
// bytes, and the 0-based byte offset it came from.
type Pos struct {
	Line   int
	Col    int
	Offset int
}

// String renders the position as line:col.
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Span is the half-open extent [Start, End) of a value in a file.
type Span struct {
	Start Pos
	End   Pos
}

// IsZero reports whether the span was never set.
func (s Span) IsZero() bool { return s.Start.Line == 0 }

// Range is a half-open byte range [Start, End) in a file.
type Range struct {
	Start int
	End   int
}

// IsZero reports whether the range was never set.
func (r Range) IsZero() bool { return r == Range{} }
