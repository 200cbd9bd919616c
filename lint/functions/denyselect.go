package functions

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// scopeSelection is what deny_scope checks: the Denies that restrict
// callers and the Allows they are meant to back, as rules/lib's statement
// objects and as statement indexes for lint/access.
type scopeSelection struct {
	denies, allows  []*ast.Term
	denyIx, allowIx []int
}

// selectScope picks, from rules/lib's Allows and Denies, the Denies with a
// restricting condition (one whose operator the table restricting lists
// for its key, matched in lower case through key_lower) and the Allows
// that carry no source restriction of their own, or one only on keys such
// a Deny restricts. This is the selection deny-scope-gap made in Rego, where it
// cost more than the search it fed: most documents have one Allow and one
// Deny, and every comprehension over them is a few dozen evaluator steps.
func selectScope(allows, denies, restricting *ast.Term) scopeSelection {
	ops, _ := restricting.Value.(ast.Object)
	var sel scopeSelection
	if ops == nil {
		return sel
	}
	restricted := map[string]bool{}
	eachTerm(denies, func(d *ast.Term) {
		found := false
		eachCondition(d, func(key *ast.Term, base string) {
			if restricts(ops, key, base) {
				restricted[termString(key)] = true
				found = true
			}
		})
		if i, ok := statementIndex(d); ok && found {
			sel.denies = append(sel.denies, d)
			sel.denyIx = append(sel.denyIx, i)
		}
	})
	if len(sel.denies) == 0 {
		return sel
	}
	eachTerm(allows, func(a *ast.Term) {
		if i, ok := statementIndex(a); ok && !ownRestriction(a, ops, restricted) {
			sel.allows = append(sel.allows, a)
			sel.allowIx = append(sel.allowIx, i)
		}
	})
	return sel
}

// ownRestriction reports whether an Allow limits callers on a key no
// restricting Deny enforces: an Allow limited to, say, a VPC endpoint that
// no Deny backs is missing-deny-clause's business, not a gap in the Denies.
// Negated operators and Null admit rather than limit.
func ownRestriction(allow *ast.Term, ops ast.Object, restricted map[string]bool) bool {
	own := false
	eachCondition(allow, func(key *ast.Term, base string) {
		if ops.Get(key) != nil && !strings.Contains(base, "Not") && base != "Null" && !restricted[termString(key)] {
			own = true
		}
	})
	return own
}

// restricts reports whether ops lists base for key.
func restricts(ops ast.Object, key *ast.Term, base string) bool {
	set, ok := valueOf(ops.Get(key)).(ast.Set)
	return ok && set.Contains(ast.StringTerm(base))
}

// eachCondition calls f with the key_lower and base of every condition
// entry of a rules/lib statement.
func eachCondition(stmt *ast.Term, f func(key *ast.Term, base string)) {
	obj, _ := stmt.Value.(ast.Object)
	if obj == nil {
		return
	}
	eachTerm(obj.Get(term("conditions")), func(c *ast.Term) {
		entry, _ := c.Value.(ast.Object)
		if entry == nil {
			return
		}
		key := entry.Get(term("key_lower"))
		if base, ok := valueOf(entry.Get(term("base"))).(ast.String); ok && key != nil {
			f(key, string(base))
		}
	})
}

// statementIndex reads the index of a rules/lib statement.
func statementIndex(stmt *ast.Term) (int, bool) {
	obj, _ := stmt.Value.(ast.Object)
	if obj == nil {
		return 0, false
	}
	n, ok := valueOf(obj.Get(term("index"))).(ast.Number)
	if !ok {
		return 0, false
	}
	return n.Int()
}

// eachTerm calls f on every element of an array term; anything else has none.
func eachTerm(t *ast.Term, f func(*ast.Term)) {
	if a, ok := valueOf(t).(*ast.Array); ok {
		a.Foreach(f)
	}
}

func termString(t *ast.Term) string {
	s, _ := t.Value.(ast.String)
	return string(s)
}
