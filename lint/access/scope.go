package access

import (
	"strings"
)

// A Deny that restricts where callers come from (a NotIpAddress or a VPC
// condition) protects only the requests its Resource covers. Scope.Gap
// finds a request an Allow grants outside every such Deny, with the same
// resource automaton Reachable uses, so the two never disagree on what a
// pattern means (DOMAIN.md §2.3, §5.3).

// ScopeGap is one request of the API that an Allow certainly grants and
// that no Deny of a set may cover.
type ScopeGap struct {
	// Element is the Allow's Resource or NotResource, and Value the index
	// of the Resource value that grants the request, or -1 when the
	// element is a single string or NotResource (no one value grants it).
	Element string
	Value   int
	Stage   string
	Method  string
	Path    string // with its leading "/"
	// AnyStage says Stage is made up: the Allow grants every stage and
	// the Denies name some, so any stage they do not name escapes.
	AnyStage bool
	// Level is the widest part of the API around the request that the
	// Denies leave wholly uncovered: "stage" (no request of the stage),
	// "method" (no request of the stage with this verb) or "path".
	Level string
}

// CoversInvoke reports whether the Action (or NotAction) of statement i
// covers execute-api:Invoke, the action of every API call: Maybe when an
// opaque value might.
func (p *Policy) CoversInvoke(i int) Tri {
	if i < 0 || i >= len(p.Statements) {
		return No
	}
	s := p.Statements[i]
	return evalPatterns(&s.action, s.actions, strings.ToLower(invokeAction), invokeAction, false).Holds
}

// Scope is a set of Denies made ready for Gap: the API they guard,
// their resource languages and the request shapes, which do not depend on
// the Allow asked about, so a policy with several Allows builds them once.
type Scope struct {
	p       *Policy
	api     apiRef
	denies  []resLang
	bound   []resLang // denies as their authors likely meant them (segmentBound)
	shapes  []*glob
	covered bool // a Deny plainly covers the whole API: no gap anywhere
}

// Scope prepares the statements deny (indexes into Statements; others are
// ignored) for Gap.
func (p *Policy) Scope(deny []int) *Scope {
	base, _ := p.completeAPI(Request{})
	sc := &Scope{p: p, api: base.api(), denies: make([]resLang, 0, len(deny))}
	for _, i := range deny {
		if i < 0 || i >= len(p.Statements) {
			continue
		}
		d := p.Statements[i]
		items := resourceItems(&d.resource, sc.api)
		if !d.resource.negated && coversAPI(sc.api, items) {
			sc.covered = true
			return sc
		}
		l := d.resLang(items, true)
		sc.denies = append(sc.denies, l)
		sc.bound = append(sc.bound, segmentBound(l))
	}
	sc.shapes = verbShapes(sc.api, "", methods)
	return sc
}

// Gap looks for a request of the policy's API that the Resource of
// statement allow certainly covers (its narrow reading: opaque values
// cover nothing) and that the Resource of none of the Denies may cover
// (their broad reading: opaque values may cover anything), so a gap it
// reports holds whatever the placeholders turn out to be. Only an Allow
// that shares some request with the Denies is looked at. Principals,
// actions and conditions are not. It reports false when there is no such
// request or a search gave up.
func (sc *Scope) Gap(allow int) (ScopeGap, bool) {
	if sc.covered || allow < 0 || allow >= len(sc.p.Statements) {
		return ScopeGap{}, false
	}
	api, shapes := sc.api, sc.shapes
	a := sc.p.Statements[allow]
	items := resourceItems(&a.resource, api)
	grant := a.resLang(items, false)
	if !overlapsAny(shapes, grant, sc.bound) {
		return ScopeGap{}, false
	}
	s := search{needAllow: true, limit: searchLimit, shapes: shapes, allow: []resLang{grant}, deny: sc.denies}
	w, sh, _, found, complete := s.run()
	if !found || !complete {
		return ScopeGap{}, false
	}
	stage, rest, _ := strings.Cut(strings.TrimPrefix(w, api.arn()+"/"), "/")
	g := ScopeGap{
		Element:  a.resource.name,
		Value:    grantingValue(a, items, w),
		Stage:    stage,
		Method:   methods[sh],
		Path:     "/" + strings.TrimPrefix(rest, methods[sh]+"/"),
		AnyStage: strings.ContainsRune(stage, s.fresh),
		Level:    "path",
	}
	switch {
	case !mayCover(sc.bound, verbShapes(api, g.Stage, methods)):
		g.Level = "stage"
	case !mayCover(sc.bound, verbShapes(api, g.Stage, []string{g.Method})):
		g.Level = "method"
	}
	return g, true
}

// coversAPI reports whether one of a Resource's values plainly covers every
// request of the API: its part before the first "/" matches the API's ARN,
// and every stage, verb and path matches the rest, "/*", "/*/*" or "/*/*/*"
// (a "*" there spans "/", and a request ARN has stage/VERB/path). Most
// restricting Denies name their API so; the automaton would reach the same
// answer at far greater cost.
func coversAPI(api apiRef, items []item) bool {
	for _, it := range items {
		if it.narrow == nil {
			continue
		}
		head, tail, ok := strings.Cut(it.text, "/")
		if ok && wholeTail(tail) && arnGlob(head, false).match(api.arn()) {
			return true
		}
	}
	return false
}

func wholeTail(s string) bool {
	switch s {
	case "*", "*/*", "*/*/*":
		return true
	}
	return false
}

// segmentBound reads a Resource language as its author most likely meant
// it, for naming a gap only: a wildcard in the stage or verb segment stays
// in that segment unless it ends the pattern. IAM's own "*" crosses "/"
// (DOMAIN.md §2.3), so "/*/GET/*" does cover "PUT /a/GET/b"; but the Deny
// was written for GET, and "PUT requests are not covered" is what its
// author needs to hear. Whether there is a gap at all is decided on the
// exact reading.
func segmentBound(l resLang) resLang {
	out := resLang{negated: l.negated, all: l.all, globs: make([]*glob, len(l.globs))}
	for i, g := range l.globs {
		out.globs[i] = boundGlob(g)
	}
	return out
}

// boundGlob returns g with the wildcards between the first and the third
// "/" of the resource part (the stage and verb segments) barred from "/",
// but for a last token, which stands for everything after it.
func boundGlob(g *glob) *glob {
	out := &glob{text: g.text, toks: append([]tok(nil), g.toks...)}
	colons, slashes := 0, 0
	for i, t := range out.toks {
		switch {
		case t.kind == tokLit && t.r == ':' && colons < 5:
			colons++
		case t.kind == tokLit && t.r == '/' && colons == 5:
			slashes++
		case t.kind != tokLit && colons == 5 && slashes >= 1 && slashes < 3 && i < len(out.toks)-1:
			out.toks[i].no |= noSlash
		}
	}
	return out
}

// overlapsAny reports whether some request of the API is covered by grant
// and by one of bound, Deny languages as segmentBound reads them. An Allow
// that shares no request with the Denies is not one they are meant to
// back: a public health check beside an IP-restricted admin area, a grant
// to a partner account on its own paths. A NotResource Deny, or one
// without Resource, is taken to overlap.
func overlapsAny(shapes []*glob, grant resLang, bound []resLang) bool {
	var globs []*glob
	for _, l := range bound {
		if l.all || l.negated {
			return true
		}
		globs = append(globs, l.globs...)
	}
	// Read as written for segments, like the gap's level: "/*/GET/health"
	// and "/*/*/admin/*" share "/s/POST/admin/x/GET/health" only through
	// stars crossing "/", which is not a request either was written for.
	// Excluding what none of bound covers leaves what one of them covers.
	s := search{
		needAllow: true, limit: searchLimit, shapes: shapes,
		allow: []resLang{segmentBound(grant)}, deny: []resLang{{globs: globs, negated: true}},
	}
	_, _, _, found, complete := s.run()
	return found || !complete
}

// verbShapes are the request shapes of the API with the verbs given, in
// the stage given or every stage, on any path.
func verbShapes(api apiRef, stage string, verbs []string) []*glob {
	head := litGlob(api.arn() + "/").toks
	out := make([]*glob, 0, len(verbs))
	for _, v := range verbs {
		out = append(out, shapeAfter(head, stage, v, ""))
	}
	return out
}

// mayCover reports whether some request of the shapes is covered by one
// of the languages; an undecided search counts as covered, so a level is
// only claimed when it is certain.
func mayCover(langs []resLang, shapes []*glob) bool {
	s := search{needAllow: true, limit: searchLimit, shapes: shapes, allow: langs}
	_, _, _, found, complete := s.run()
	return found || !complete
}

// grantingValue is the index of the Resource list value whose pattern
// covers arn, or -1.
func grantingValue(s *Statement, items []item, arn string) int {
	if _, isList := s.resource.raw.([]any); !isList || s.resource.negated {
		return -1
	}
	for i, it := range items {
		if it.narrow != nil && it.narrow.match(arn) {
			return i
		}
	}
	return -1
}
