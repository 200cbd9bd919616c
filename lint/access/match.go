package access

import (
	"fmt"
	"strings"
)

// invokeAction is the action every API call is authorized for.
const invokeAction = "execute-api:Invoke"

// Reason is one part of a statement's match and how it came out.
type Reason struct {
	Part    string // Effect, Principal, Action, Resource, Condition or Statement
	Pointer string // JSON Pointer of the element the reason is about
	Text    string
	Holds   Tri
}

// item is one Action or Resource value compiled two ways: narrow matches
// only what the value certainly covers, broad everything it might cover
// once its opaque parts are known. nil narrow covers nothing.
type item struct {
	orig          string // as written
	text          string // as matched: the shorthand expanded
	ptr           string
	broad, narrow *glob
	note          string // why the two differ
}

var starGlob = plainGlob("*")

// actionItems compiles Action values: case-insensitive (DOMAIN.md §1.2),
// "*" and "?" anywhere.
func actionItems(e *patternElem) []item {
	out := make([]item, 0, len(e.items))
	for _, v := range e.items {
		switch {
		case !v.ok:
			out = append(out, item{orig: "(not a string)", text: "(not a string)", ptr: v.ptr, broad: starGlob, note: "not a string"})
		case opaque(v.text):
			out = append(out, item{orig: v.text, text: v.text, ptr: v.ptr, broad: plainGlob(strings.ToLower(unwrapOpaque(v.text))), note: "opaque"})
		default:
			g := plainGlob(strings.ToLower(v.text))
			out = append(out, item{orig: v.text, text: v.text, ptr: v.ptr, broad: g, narrow: g})
		}
	}
	return out
}

// resourceItems compiles Resource values for the API api, expanding the
// execute-api:/ shorthand as API Gateway does on save (DOMAIN.md §2.2).
func resourceItems(e *patternElem, api apiRef) []item {
	out := make([]item, 0, len(e.items))
	for _, v := range e.items {
		text := v.text
		if rest, ok := strings.CutPrefix(text, "execute-api:/"); ok {
			text = api.arn() + "/" + rest
		}
		switch {
		case !v.ok:
			out = append(out, item{orig: "(not a string)", text: "(not a string)", ptr: v.ptr, broad: starGlob, note: "not a string"})
		case strings.HasPrefix(text, "execute-api:"):
			out = append(out, item{orig: v.text, text: v.text, ptr: v.ptr, broad: starGlob, note: "a shorthand other than execute-api:/... (UNCONFIRMED)"})
		case opaque(text):
			out = append(out, item{orig: v.text, text: text, ptr: v.ptr, broad: arnGlob(text, true), note: "opaque"})
		default:
			g := arnGlob(text, false)
			out = append(out, item{orig: v.text, text: text, ptr: v.ptr, broad: g, narrow: g})
		}
	}
	return out
}

// listMatch reports whether s is covered by any of the items.
func listMatch(items []item, s string) (Tri, *item) {
	t, which := No, (*item)(nil)
	for i := range items {
		it := &items[i]
		switch {
		case it.narrow != nil && it.narrow.match(s):
			return Yes, it
		case t == No && it.broad.match(s):
			t, which = Maybe, it
		}
	}
	return t, which
}

// evalPatterns matches s against an Action/Resource element.
func evalPatterns(e *patternElem, items []item, s, what string, explain bool) Reason {
	r := Reason{Part: strings.TrimPrefix(e.name, "Not"), Pointer: e.ptr}
	if !e.present {
		r.Holds = Yes // the missing element is a doubt of its own
		return r
	}
	listed, which := listMatch(items, s)
	r.Holds = listed
	if e.negated {
		r.Holds = listed.Not()
	}
	if !explain {
		return r
	}
	var how string
	switch listed {
	case Yes:
		how = which.name(e) + "covers " + what
	case Maybe:
		how = fmt.Sprintf("%smay cover %s (%s)", which.name(e), what, which.note)
	default:
		how = "no value covers " + what
	}
	r.Text = fmt.Sprintf("%s %s: %s: %s", e.name, compact(e.raw), how, verdict(r.Holds))
	return r
}

// name introduces the value that decided a match: nothing when it is the
// element's only value, and the expansion of a shorthand.
func (it *item) name(e *patternElem) string {
	_, single := e.raw.(string)
	expanded := it.text != it.orig
	switch {
	case single && expanded:
		return "it expands to " + it.text + ", which "
	case single:
		return ""
	case expanded:
		return fmt.Sprintf("%q (expanded to %s) ", it.orig, it.text)
	}
	return fmt.Sprintf("%q ", it.orig)
}

// env is what a statement is matched against.
type env struct {
	ctx     *reqContext
	caller  callerInfo
	api     apiRef
	explain bool
}

// matchHead matches everything but the resource: the doubts, Principal,
// Action and Condition. Reachable varies the resource separately.
func (s *Statement) matchHead(e *env) (Tri, []Reason) {
	var rs []Reason
	t := Yes
	add := func(r Reason) {
		t = t.And(r.Holds)
		if e.explain && r.Text != "" {
			rs = append(rs, r)
		}
	}
	for _, d := range s.doubts {
		add(d)
	}
	add(s.principal.eval(e.caller, e.explain))
	add(evalPatterns(&s.action, s.actions, strings.ToLower(invokeAction), invokeAction, e.explain))
	for _, c := range s.conds {
		add(c.eval(e.ctx, e.explain))
	}
	return t, rs
}

// match matches the whole statement against a request for arn.
func (s *Statement) match(e *env, arn string) (Tri, []Reason) {
	if s.Invalid != "" {
		return No, []Reason{{Part: "Statement", Pointer: s.Pointer, Text: s.Invalid, Holds: No}}
	}
	t, rs := s.matchHead(e)
	r := evalPatterns(&s.resource, resourceItems(&s.resource, e.api), arn, "the request ARN", e.explain)
	if e.explain && r.Text != "" {
		// Keep the reading order of a statement: Principal, Action,
		// Resource, then conditions.
		at := len(rs)
		for i, x := range rs {
			if x.Part == "Condition" {
				at = i
				break
			}
		}
		rs = append(rs[:at], append([]Reason{r}, rs[at:]...)...)
	}
	return t.And(r.Holds), rs
}
