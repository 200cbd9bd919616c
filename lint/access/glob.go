package access

import (
	mbits "math/bits"
	"strings"
)

// A glob is an IAM wildcard pattern compiled to tokens: a literal rune, "?"
// (one rune) or "*" (any run of runes). The same compiled form serves two
// uses: matching one concrete string (Evaluate) and driving the product
// automaton that decides whether any request ARN is allowed (Reachable), so
// the two can never disagree on what a pattern means.
type glob struct {
	text string // the pattern as written, for explanations
	toks []tok
}

type tokKind uint8

const (
	tokLit tokKind = iota
	tokOne
	tokStar
)

// Restrictions on what a wildcard token may consume.
const (
	noColon uint8 = 1 << iota // inside the first five ARN segments
	noSlash                   // inside a stage name
)

type tok struct {
	kind tokKind
	r    rune  // tokLit only
	no   uint8 // tokOne and tokStar: runes the wildcard may not consume
}

func (t tok) accepts(c rune) bool {
	if t.kind == tokLit {
		return c == t.r
	}
	if c == ':' && t.no&noColon != 0 {
		return false
	}
	return c != '/' || t.no&noSlash == 0
}

// plainGlob compiles a pattern whose "*" and "?" match anything, as in
// StringLike and in Action. Opaque "${...}" parts must already be gone.
func plainGlob(s string) *glob {
	g := &glob{text: s}
	for _, c := range s {
		g.toks = append(g.toks, wildTok(c, 0))
	}
	return g
}

func wildTok(c rune, no uint8) tok {
	switch c {
	case '*':
		return tok{kind: tokStar, no: no}
	case '?':
		return tok{kind: tokOne, no: no}
	}
	return tok{kind: tokLit, r: c}
}

// arnGlob compiles a Resource pattern with the ARN rules of DOMAIN.md §2.3:
// within the first five colon-separated segments a wildcard stays inside its
// segment, except a "*" that ends its segment, which may run past ":"; in
// the resource part (after the fifth ":") "*" and "?" match anything, "/"
// included. When free is set, each opaque "${...}" becomes a "*" that
// matches anything: whatever the placeholder turns into at deploy time, the
// star matches a superset of it.
func arnGlob(s string, free bool) *glob {
	g := &glob{text: s}
	colons := 0
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if free && c == '$' && i+1 < len(rs) && rs[i+1] == '{' {
			g.toks = append(g.toks, tok{kind: tokStar})
			i = closingBrace(rs, i)
			continue
		}
		var no uint8
		if colons < 5 {
			no = noColon
			if c == '*' && (i+1 == len(rs) || rs[i+1] == ':') {
				no = 0
			}
		}
		if c == ':' {
			colons++
		}
		g.toks = append(g.toks, wildTok(c, no))
	}
	return g
}

// closingBrace returns the index of the "}" closing the "${" at i, or the
// last index when it is never closed (the rest is then all placeholder).
func closingBrace(rs []rune, i int) int {
	for j := i + 2; j < len(rs); j++ {
		if rs[j] == '}' {
			return j
		}
	}
	return len(rs) - 1
}

// litGlob matches exactly s.
func litGlob(s string) *glob {
	return &glob{text: s, toks: appendLits(make([]tok, 0, len(s)), s)}
}

// match reports whether the whole of s matches g, by simulating the NFA
// whose state i means "the first i tokens are consumed".
func (g *glob) match(s string) bool {
	cur, next := g.start(), newBits(len(g.toks)+1)
	for _, c := range s {
		clear(next)
		g.stepInto(next, cur, c)
		if next.empty() {
			return false
		}
		cur, next = next, cur
	}
	return g.accepting(cur)
}

// bits is a set of NFA states.
type bits []uint64

func newBits(n int) bits { return make(bits, (n+63)/64) }

func (b bits) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bits) set(i int)      { b[i/64] |= 1 << (i % 64) }

func (b bits) empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

func (g *glob) start() bits {
	st := newBits(len(g.toks) + 1)
	st.set(0)
	g.closure(st)
	return st
}

// closure adds the states reachable without input: a star may match the
// empty run, so being before it means being after it too. Ascending order
// handles runs of stars in one pass.
func (g *glob) closure(st bits) {
	for w := range st {
		word := st[w]
		for word != 0 {
			i := w*64 + mbits.TrailingZeros64(word)
			word &= word - 1
			if i < len(g.toks) && g.toks[i].kind == tokStar {
				st.set(i + 1)
				if (i+1)/64 == w {
					word |= 1 << ((i + 1) % 64)
				}
			}
		}
	}
}

// stepInto consumes c from the states st, writing the states after it into
// next, which must be zero and as long as st. Only the states present are
// visited, so a long pattern costs what its live states cost.
func (g *glob) stepInto(next, st bits, c rune) {
	for w, word := range st {
		for word != 0 {
			i := w*64 + mbits.TrailingZeros64(word)
			word &= word - 1
			if i == len(g.toks) || !g.toks[i].accepts(c) {
				continue
			}
			if g.toks[i].kind == tokStar {
				next.set(i)
			} else {
				next.set(i + 1)
			}
		}
	}
	g.closure(next)
}

// wanted appends the literal runes the live states of st can consume next:
// every other rune (bar the separators) acts alike on g.
func (g *glob) wanted(st bits, into []rune) []rune {
	for w, word := range st {
		for word != 0 {
			i := w*64 + mbits.TrailingZeros64(word)
			word &= word - 1
			if i < len(g.toks) && g.toks[i].kind == tokLit {
				into = append(into, g.toks[i].r)
			}
		}
	}
	return into
}

func (g *glob) accepting(st bits) bool { return st.has(len(g.toks)) }

// universalFrom returns where the run of stars that ends g begins, when
// they may consume anything: from a state in that run, every string
// continues to a match. It returns len(g.toks) when g ends otherwise.
func (g *glob) universalFrom() int {
	i := len(g.toks)
	for i > 0 && g.toks[i-1].kind == tokStar && g.toks[i-1].no == 0 {
		i--
	}
	return i
}

// opaque reports whether s holds a value known only at deploy time.
func opaque(s string) bool { return strings.Contains(s, "${") }

// unwrapOpaque replaces every "${...}" of s by "*" for a plain glob; used
// for the broadest reading of an Action or a StringLike value.
func unwrapOpaque(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte('*')
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}
