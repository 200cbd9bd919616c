package access

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// Effect is a statement's Effect.
type Effect string

// The two effects IAM defines.
const (
	EffectAllow Effect = "Allow"
	EffectDeny  Effect = "Deny"
)

// Policy is a resource policy read for evaluation. Reading never fails:
// what cannot be understood becomes a note, an undetermined part, or a
// statement that never applies, so any decoded JSON can be evaluated.
type Policy struct {
	Statements []*Statement
	// Notes are problems of the document as a whole (no Statement, a
	// Statement that is not an object or array).
	Notes []string
	api   apiRef // the API the policy's own literal ARNs name, if any
}

// apiRef is the part of an execute-api ARN before the first "/".
type apiRef struct {
	Partition, Region, Account, APIID string
}

func (a apiRef) arn() string {
	return "arn:" + a.Partition + ":execute-api:" + a.Region + ":" + a.Account + ":" + a.APIID
}

// Statement is one statement of a policy.
type Statement struct {
	Index   int    // position in the Statement array (0 for a single object)
	Pointer string // JSON Pointer of the statement, e.g. /Statement/1
	Sid     string
	// Effect is Allow or Deny; "" when the statement can never apply
	// (Invalid says why).
	Effect  Effect
	Invalid string

	doubts    []Reason // UNCONFIRMED shapes that cap the match at Maybe
	principal principalElem
	action    patternElem
	actions   []item // Action values compiled once: they do not depend on the API
	resource  patternElem
	conds     []*condition
}

// Parse reads a decoded policy document: map[string]any, []any, string,
// json.Number, float64, bool and nil, as lint/source and encoding/json
// produce them.
func Parse(doc any) *Policy {
	p := &Policy{}
	m, ok := doc.(map[string]any)
	if !ok {
		p.Notes = append(p.Notes, "the policy is not a JSON object: it has no statement, so it allows nothing")
		return p
	}
	switch st := m["Statement"].(type) {
	case nil:
		p.Notes = append(p.Notes, `the policy has no "Statement" (element names are case-sensitive): it allows nothing`)
	case map[string]any:
		p.Statements = append(p.Statements, parseStatement(st, 0, "/Statement"))
	case []any:
		for i, v := range st {
			ptr := position.Pointer("Statement", i)
			sm, ok := v.(map[string]any)
			if !ok {
				p.Statements = append(p.Statements, &Statement{Index: i, Pointer: ptr, Invalid: "the statement is not a JSON object"})
				continue
			}
			p.Statements = append(p.Statements, parseStatement(sm, i, ptr))
		}
	default:
		p.Notes = append(p.Notes, `"Statement" is neither an object nor an array: the policy allows nothing`)
	}
	p.api = inferAPI(p.Statements)
	return p
}

func parseStatement(m map[string]any, i int, ptr string) *Statement {
	s := &Statement{Index: i, Pointer: ptr}
	if sid, ok := m["Sid"].(string); ok {
		s.Sid = sid
	}
	s.parseEffect(m["Effect"], position.Append(ptr, "Effect"))
	s.principal = parsePrincipal(m, ptr)
	s.action = parsePatterns(m, ptr, "Action", "NotAction")
	s.actions = actionItems(&s.action)
	s.resource = parsePatterns(m, ptr, "Resource", "NotResource")
	for _, el := range []struct {
		name, not string
		present   bool
		both      bool
	}{
		{"Principal", "NotPrincipal", s.principal.present, s.principal.both},
		{"Action", "NotAction", s.action.present, s.action.both},
		{"Resource", "NotResource", s.resource.present, s.resource.both},
	} {
		switch {
		case el.both:
			s.doubt(ptr, fmt.Sprintf("the statement has both %s and %s; the grammar allows one, and what API Gateway does is UNCONFIRMED", el.name, el.not))
		case !el.present:
			s.doubt(ptr, fmt.Sprintf("the statement has no %s or %s; whether API Gateway rejects or how it reads such a statement is UNCONFIRMED", el.name, el.not))
		}
	}
	s.parseConditions(m["Condition"], position.Append(ptr, "Condition"))
	return s
}

func (s *Statement) doubt(ptr, text string) {
	s.doubts = append(s.doubts, Reason{Part: "Statement", Pointer: ptr, Text: text, Holds: Maybe})
}

func (s *Statement) parseEffect(v any, ptr string) {
	e, _ := v.(string)
	switch {
	case e == string(EffectAllow) || e == string(EffectDeny):
		s.Effect = Effect(e)
	case strings.EqualFold(e, string(EffectAllow)) || strings.EqualFold(e, string(EffectDeny)):
		// Read it as meant, but only as a possibility: whether API Gateway
		// accepts other spellings is UNCONFIRMED (DOMAIN.md §1.5).
		s.Effect = Effect(strings.ToUpper(e[:1]) + strings.ToLower(e[1:]))
		s.doubt(ptr, fmt.Sprintf("Effect %q is not spelled %q; whether API Gateway accepts it is UNCONFIRMED", e, s.Effect))
	case v == nil:
		s.Invalid = "the statement has no Effect, so it never applies"
	default:
		s.Invalid = fmt.Sprintf("Effect %s is neither \"Allow\" nor \"Deny\", so the statement never applies", compact(v))
	}
}

// patternElem is an Action/NotAction or Resource/NotResource element.
type patternElem struct {
	name    string // the member present: "Action", "NotAction", ...
	negated bool
	present bool
	both    bool
	ptr     string
	raw     any
	items   []patternValue
}

// patternValue is one string of the element; ok is false for a value that
// is not a string, which makes the element's match undetermined.
type patternValue struct {
	text string
	ptr  string
	ok   bool
}

func parsePatterns(m map[string]any, ptr, name, not string) patternElem {
	v, has := m[name]
	nv, hasNot := m[not]
	e := patternElem{name: name, present: has || hasNot, both: has && hasNot}
	if !has && hasNot {
		e.name, e.negated, v = not, true, nv
	}
	if !e.present {
		return e
	}
	e.ptr, e.raw = position.Append(ptr, e.name), v
	e.items = listValues(v, e.ptr)
	return e
}

// listValues reads a string or a list of strings.
func listValues(v any, ptr string) []patternValue {
	switch x := v.(type) {
	case string:
		return []patternValue{{text: x, ptr: ptr, ok: true}}
	case []any:
		out := make([]patternValue, 0, len(x))
		for i, it := range x {
			s, ok := it.(string)
			out = append(out, patternValue{text: s, ptr: position.Append(ptr, i), ok: ok})
		}
		return out
	}
	return []patternValue{{ptr: ptr}}
}

// principalElem is a Principal or NotPrincipal element.
type principalElem struct {
	name    string
	negated bool
	present bool
	both    bool
	ptr     string
	raw     any
	star    bool // "*"
	entries []principalEntry
	bad     bool // a shape other than "*" or an object of strings/lists
}

// principalEntry is one principal named under a type (AWS, Service, ...).
type principalEntry struct {
	kind  string
	value string
	ptr   string
	ok    bool
}

func parsePrincipal(m map[string]any, ptr string) principalElem {
	v, has := m["Principal"]
	nv, hasNot := m["NotPrincipal"]
	e := principalElem{name: "Principal", present: has || hasNot, both: has && hasNot}
	if !has && hasNot {
		e.name, e.negated, v = "NotPrincipal", true, nv
	}
	if !e.present {
		return e
	}
	e.ptr, e.raw = position.Append(ptr, e.name), v
	switch x := v.(type) {
	case string:
		e.star = x == "*"
		// Any other bare string is outside the grammar; an opaque one may
		// still turn out to be "*".
		e.bad = !e.star && opaque(x)
	case map[string]any:
		for _, kind := range sortedKeys(x) {
			for _, pv := range listValues(x[kind], position.Append(e.ptr, kind)) {
				e.entries = append(e.entries, principalEntry{kind: kind, value: pv.text, ptr: pv.ptr, ok: pv.ok})
			}
		}
	default:
		e.bad = true
	}
	return e
}

// inferAPI returns, field by field, the API named by the policy's own
// literal execute-api ARNs: the policy is attached to one API, and the
// ARNs it writes out are the best guess of which. A field that is a
// wildcard or a placeholder in every ARN stays empty.
func inferAPI(sts []*Statement) apiRef {
	var a apiRef
	for _, s := range sts {
		for _, it := range s.resource.items {
			parts, ok := arnHead(it.text)
			if !it.ok || !ok {
				continue
			}
			for i, f := range []*string{&a.Partition, &a.Region, &a.Account, &a.APIID} {
				if v := parts[[]int{1, 3, 4, 5}[i]]; *f == "" && literalField(v) {
					*f = v
				}
			}
		}
	}
	return a
}

// arnHead splits the part of an execute-api ARN before the first "/".
func arnHead(s string) ([]string, bool) {
	head, _, _ := strings.Cut(s, "/")
	parts := strings.Split(head, ":")
	return parts, len(parts) == 6 && parts[0] == "arn" && parts[2] == "execute-api"
}

func literalField(v string) bool {
	return v != "" && !strings.ContainsAny(v, "*?") && !opaque(v)
}

// compact renders a policy value as short JSON for an explanation.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// scalarText renders a condition value that IAM compares as text: a
// string, a number or a boolean.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}
