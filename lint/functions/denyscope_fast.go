package functions

import (
	"regexp"
	"strings"
)

// plainlyScoped is the fast path of deny_scope: it answers "no gap and no
// Deny missing Invoke" from the text of the statements alone, in the case
// almost every policy is in — the Deny repeats the Allow's Resource, or
// covers the whole API, and names execute-api:Invoke. Only when it cannot
// tell does deny_scope build the resource automaton, which costs far more
// than linting the rest of the document.
func plainlyScoped(doc any, allows, denies []int) bool {
	covered := map[string]bool{}
	everything := false
	for _, i := range denies {
		d := statementAt(doc, i)
		if d == nil || !plainlyInvokes(d) {
			return false
		}
		for _, r := range stringsOf(d["Resource"]) {
			everything = everything || wholeAPI.MatchString(r)
			covered[r] = true
		}
	}
	if everything {
		return true
	}
	for _, i := range allows {
		a := statementAt(doc, i)
		if a == nil {
			return false
		}
		rs := stringsOf(a["Resource"])
		if len(rs) == 0 {
			return false // NotResource, or a shape only the automaton reads
		}
		for _, r := range rs {
			if !covered[r] {
				return false
			}
		}
	}
	return true
}

// wholeAPI matches the Resource forms that cover every request of the API a
// policy is on: "*", the shorthand with at most as many "/*" as a request
// ARN has slashes after the API id (stage/VERB/path: a "*" spans "/", and
// the path may be empty), and the fully wild execute-api ARN. Anything else
// goes to the automaton; this list only has to be right, not complete.
var wholeAPI = regexp.MustCompile(`^(\*|execute-api:/\*(/\*){0,2}|arn:(aws|\*):execute-api:\*:\*:\*(/\*){0,3})$`)

// statementAt is statement i as Rego's lib numbers them: a lone Statement
// object is number 0.
func statementAt(doc any, i int) map[string]any {
	root, _ := doc.(map[string]any)
	switch st := root["Statement"].(type) {
	case map[string]any:
		if i == 0 {
			return st
		}
	case []any:
		if i >= 0 && i < len(st) {
			s, _ := st[i].(map[string]any)
			return s
		}
	}
	return nil
}

// plainlyInvokes reports whether an Action (not NotAction) names Invoke,
// every execute-api action, or every action.
func plainlyInvokes(s map[string]any) bool {
	if _, ok := s["NotAction"]; ok {
		return false
	}
	for _, a := range stringsOf(s["Action"]) {
		switch strings.ToLower(a) {
		case "execute-api:invoke", "execute-api:*", "*":
			return true
		}
	}
	return false
}

// stringsOf reads a string-or-list member; nil when it is anything else or
// holds anything but strings.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}
