package functions

import (
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// plainlyScoped is the fast path of deny_scope: it answers "no gap and no
// Deny missing Invoke" from the text of the statements alone, in the case
// almost every policy is in — the Deny repeats the Allow's Resource, or
// covers the whole API, and names execute-api:Invoke. It reads rules/lib's
// statement objects as they are, so a policy it settles is never
// converted for lint/access: that conversion and the resource automaton
// cost far more than linting the rest of the document.
func plainlyScoped(allows, denies []*ast.Term) bool {
	covered := map[string]bool{}
	everything := false
	for _, d := range denies {
		raw := rawStatement(d)
		if raw == nil || !plainlyInvokes(raw) {
			return false
		}
		for _, r := range stringsOf(raw.Get(term("Resource"))) {
			everything = everything || wholeAPI.MatchString(r)
			covered[r] = true
		}
	}
	if everything {
		return true
	}
	for _, a := range allows {
		raw := rawStatement(a)
		if raw == nil {
			return false
		}
		rs := stringsOf(raw.Get(term("Resource")))
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

// rawStatement is the statement object as written, from a rules/lib
// statement.
func rawStatement(stmt *ast.Term) ast.Object {
	obj, _ := stmt.Value.(ast.Object)
	if obj == nil {
		return nil
	}
	raw, _ := valueOf(obj.Get(term("raw"))).(ast.Object)
	return raw
}

// plainlyInvokes reports whether an Action (not NotAction) names Invoke,
// every execute-api action, or every action.
func plainlyInvokes(s ast.Object) bool {
	if s.Get(term("NotAction")) != nil {
		return false
	}
	for _, a := range stringsOf(s.Get(term("Action"))) {
		switch strings.ToLower(a) {
		case "execute-api:invoke", "execute-api:*", "*":
			return true
		}
	}
	return false
}

// stringsOf reads a string-or-list member; nil when it is anything else or
// holds anything but strings.
func stringsOf(t *ast.Term) []string {
	switch v := valueOf(t).(type) {
	case ast.String:
		return []string{string(v)}
	case *ast.Array:
		out := make([]string, 0, v.Len())
		for i := range v.Len() {
			s, ok := v.Elem(i).Value.(ast.String)
			if !ok {
				return nil
			}
			out = append(out, string(s))
		}
		return out
	}
	return nil
}
