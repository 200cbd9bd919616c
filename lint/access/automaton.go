package access

import (
	"encoding/binary"
	"slices"
	"strings"
)

// methods are the verbs a request ARN can carry (DOMAIN.md §2.1: HEAD and
// OPTIONS are treated as valid).
var methods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}

// searchLimit caps the product states one resource search may visit, and
// searchBudget those of all the searches of one Reachable call (about a
// second of work). Real policies need a few hundred; a search that hits a
// cap is reported as incomplete and resolved conservatively, so no input
// makes Reachable run for long. A variable so a test can lower it.
var (
	searchLimit  = 20000
	searchBudget = 100000
)

// resLang is the set of request ARNs one statement's Resource element
// covers under one reading: the union of globs, or its complement for
// NotResource.
type resLang struct {
	globs   []*glob
	negated bool
	all     bool // no Resource element: covers everything
}

// resLang builds the statement's resource language; broad asks for the
// reading under which the statement covers the most.
func (s *Statement) resLang(items []item, broad bool) resLang {
	if !s.resource.present {
		return resLang{all: true}
	}
	// For NotResource the statement is broadest when the list is narrowest.
	listBroad := broad != s.resource.negated
	l := resLang{negated: s.resource.negated}
	for _, it := range items {
		g := it.narrow
		if listBroad {
			g = it.broad
		}
		if g != nil {
			l.globs = append(l.globs, g)
		}
	}
	return l
}

// shape is the language of the request ARNs of one verb of the API: the
// API's ARN, a stage (one or more runes, no "/"), the verb, and a path
// (anything, "/" included). Pinned fields are literal.
func shape(api apiRef, stage, method, path string) *glob {
	return shapeAfter(litGlob(api.arn()+"/").toks, stage, method, path)
}

// shapeAfter is shape with the tokens of the API's ARN and "/" given.
func shapeAfter(head []tok, stage, method, path string) *glob {
	g := &glob{toks: make([]tok, 0, len(head)+len(stage)+len(method)+len(path)+4)}
	g.toks = append(g.toks, head...)
	if stage != "" {
		g.toks = appendLits(g.toks, stage)
	} else {
		g.toks = append(g.toks, tok{kind: tokOne, no: noSlash}, tok{kind: tokStar, no: noSlash})
	}
	g.toks = appendLits(appendLits(appendLits(g.toks, "/"), method), "/")
	if path != "" {
		g.toks = appendLits(g.toks, strings.TrimPrefix(path, "/"))
	} else {
		g.toks = append(g.toks, tok{kind: tokStar})
	}
	return g
}

func appendLits(toks []tok, s string) []tok {
	for _, c := range s {
		toks = append(toks, tok{kind: tokLit, r: c})
	}
	return toks
}

// search looks for a request ARN in one of the shapes that is covered by
// at least one allow language (when needAllow) and by no deny language.
// It explores the product of the automata breadth first, so the witness
// it returns is a shortest one.
type search struct {
	shapes    []*glob
	allow     []resLang
	deny      []resLang
	needAllow bool
	limit     int // product states this search may visit

	globs []*glob // shapes, then each distinct pattern once
	allowIx,
	denyIx [][]int // per language, its globs' indexes in globs
	offs  []int // glob j's states are words offs[j]:offs[j+1] of a state
	tails []int // from its state tails[j] on, glob j accepts every continuation
	fresh rune
}

// node is one product state of the search: the state sets of every glob,
// side by side in one slice.
type node struct {
	sets   bits
	parent int
	r      rune
}

func (s *search) part(st bits, j int) bits { return st[s.offs[j]:s.offs[j+1]] }

// run returns a witness ARN and the index of its shape when one exists,
// and the number of states it visited. complete is false when the search
// stopped at its limit undecided.
func (s *search) run() (witness string, shapeIx, visited int, found, complete bool) {
	if s.needAllow && len(s.allow) == 0 {
		return "", 0, 0, false, true
	}
	s.index()
	start := node{parent: -1, sets: newBits(64 * s.offs[len(s.globs)])}
	for j, g := range s.globs {
		copy(s.part(start.sets, j), g.start())
	}
	// Every witness starts with the literal prefix all shapes share (the
	// API's ARN): step through it at once rather than breadth first, where
	// each of its runes would be a level of dead-end candidates.
	prefix := s.sharedPrefix()
	next := make(bits, len(start.sets))
	for _, c := range prefix {
		clear(next)
		if !s.advance(next, start.sets, c) {
			return "", 0, 1, false, true
		}
		start.sets, next = next, start.sets
	}
	if s.dead(start.sets) {
		return "", 0, 1, false, true
	}
	nodes := []node{start}
	seen := map[string]bool{string(keyBytes(nil, start.sets)): true}
	scratch := make(bits, len(start.sets))
	var kb []byte
	var cands []rune
	for i := 0; i < len(nodes); i++ {
		if sh, ok := s.accepts(nodes[i].sets); ok {
			return string(prefix) + spell(nodes, i), sh, len(nodes), true, true
		}
		cands = s.candidates(cands[:0], nodes[i].sets)
		for _, c := range cands {
			clear(scratch)
			// A dead state never leads to a witness: pruning it
			// changes no answer.
			if !s.advance(scratch, nodes[i].sets, c) || s.dead(scratch) {
				continue
			}
			// Look the state up before keeping it: most candidates lead
			// to a state already seen, and those cost no allocation.
			kb = keyBytes(kb[:0], scratch)
			if seen[string(kb)] {
				continue
			}
			if len(nodes) >= s.limit {
				return "", 0, len(nodes), false, false
			}
			seen[string(kb)] = true
			nodes = append(nodes, node{sets: slices.Clone(scratch), parent: i, r: c})
		}
	}
	return "", 0, len(nodes), false, true
}

// sharedPrefix is the run of literal runes every shape starts with.
func (s *search) sharedPrefix() []rune {
	var out []rune
	for i := 0; ; i++ {
		var r rune
		for j, g := range s.shapes {
			if i >= len(g.toks) || g.toks[i].kind != tokLit || (j > 0 && g.toks[i].r != r) {
				return out
			}
			r = g.toks[i].r
		}
		if len(s.shapes) == 0 {
			return out
		}
		out = append(out, r)
	}
}

// index lists each distinct glob once and picks a rune that no glob
// names, to stand for every rune no live token tells apart.
func (s *search) index() {
	s.globs = append([]*glob(nil), s.shapes...)
	pos := map[*glob]int{}
	ixs := func(ls []resLang) [][]int {
		out := make([][]int, len(ls))
		for li, l := range ls {
			for _, g := range l.globs {
				at, ok := pos[g]
				if !ok {
					at = len(s.globs)
					pos[g] = at
					s.globs = append(s.globs, g)
				}
				out[li] = append(out[li], at)
			}
		}
		return out
	}
	s.allowIx, s.denyIx = ixs(s.allow), ixs(s.deny)
	s.offs = make([]int, len(s.globs)+1)
	s.tails = make([]int, len(s.globs))
	for j, g := range s.globs {
		s.offs[j+1] = s.offs[j] + len(newBits(len(g.toks)+1))
		s.tails[j] = g.universalFrom()
	}
	s.fresh = freshRune(s.globs)
}

// dead reports whether no string from this state on can be a witness:
// the search needs an allow language and each is a union of dead globs (a
// dead glob never revives), or a deny language covers every continuation,
// being all, the complement of dead globs, or a union with a glob that
// accepts whatever follows. Without the last test, proving that an Allow's
// "/*/GET/refund" lies inside a Deny's "/*/GET/*" explored every spelling
// of the rest of the path, a thousand and more states for nothing.
func (s *search) dead(sets bits) bool {
	for li, l := range s.deny {
		if l.all || (l.negated && s.deadGlobs(sets, s.denyIx[li])) {
			return true
		}
		if !l.negated && s.universalGlob(sets, s.denyIx[li]) {
			return true
		}
	}
	if !s.needAllow {
		return false
	}
	for li, l := range s.allow {
		if l.all || l.negated || !s.deadGlobs(sets, s.allowIx[li]) {
			return false
		}
	}
	return true
}

// deadGlobs reports whether every glob of ix has no state left.
func (s *search) deadGlobs(sets bits, ix []int) bool {
	for _, j := range ix {
		if !s.part(sets, j).empty() {
			return false
		}
	}
	return true
}

// universalGlob reports whether some glob of ix is in a state from which
// it accepts every continuation.
func (s *search) universalGlob(sets bits, ix []int) bool {
	for _, j := range ix {
		st := s.part(sets, j)
		for i := s.tails[j]; i < len(s.globs[j].toks); i++ {
			if st.has(i) {
				return true
			}
		}
	}
	return false
}

// accepts reports whether the state spells a request ARN the search wants,
// and in which shape.
func (s *search) accepts(sets bits) (int, bool) {
	sh := -1
	for i := range s.shapes {
		if s.globs[i].accepting(s.part(sets, i)) {
			sh = i
			break
		}
	}
	if sh < 0 {
		return 0, false
	}
	covered := func(l resLang, ix []int) bool {
		hit := false
		for _, j := range ix {
			hit = hit || s.globs[j].accepting(s.part(sets, j))
		}
		return l.all || hit != l.negated
	}
	allowed := !s.needAllow
	for li, l := range s.allow {
		allowed = allowed || covered(l, s.allowIx[li])
	}
	for li, l := range s.deny {
		if covered(l, s.denyIx[li]) {
			return 0, false
		}
	}
	return sh, allowed
}

// candidates appends to out the runes worth trying from a state: those
// some live literal token wants, the two separators wildcards may be barred
// from, and the fresh rune for all the rest. The fresh rune comes first, so
// witnesses read like "x/GET/x"; the rest are sorted, so witnesses are stable.
func (s *search) candidates(out []rune, sets bits) []rune {
	out = append(out, s.fresh, '/', ':')
	for j, g := range s.globs {
		out = g.wanted(s.part(sets, j), out)
	}
	rest := out[1:]
	slices.Sort(rest)
	return append(out[:1], slices.Compact(rest)...)
}

// advance steps every glob on c from sets into next, which must be zero;
// false when every shape is dead.
func (s *search) advance(next, sets bits, c rune) bool {
	alive := false
	for j := range s.shapes {
		nj := s.part(next, j)
		s.globs[j].stepInto(nj, s.part(sets, j), c)
		alive = alive || !nj.empty()
	}
	if !alive {
		return false
	}
	for j := len(s.shapes); j < len(s.globs); j++ {
		s.globs[j].stepInto(s.part(next, j), s.part(sets, j), c)
	}
	return true
}

// freshRune picks a rune no glob names as a literal.
func freshRune(globs []*glob) rune {
	const common = "xyzqjkvw"
	var used uint8 // bit i: common's rune i is a literal of some glob
	var private []rune
	for _, g := range globs {
		for _, t := range g.toks {
			switch {
			case t.kind != tokLit || t.r < 'j':
			case t.r <= 'z':
				if i := strings.IndexByte(common, byte(t.r)); i >= 0 {
					used |= 1 << i
				}
			case t.r >= 0xE000:
				private = append(private, t.r)
			}
		}
	}
	for i, c := range common {
		if used&(1<<i) == 0 {
			return c
		}
	}
	c := rune(0xE000) // private use: never in a real pattern
	for slices.Contains(private, c) {
		c++
	}
	return c
}

// keyBytes appends the state's bytes to b, for the set of states seen.
func keyBytes(b []byte, sets bits) []byte {
	for _, w := range sets {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

func spell(nodes []node, i int) string {
	var rs []rune
	for ; nodes[i].parent >= 0; i = nodes[i].parent {
		rs = append(rs, nodes[i].r)
	}
	slices.Reverse(rs)
	return string(rs)
}
