package lint

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestRefCacheMatchesOPA drives refCache and OPA's own virtual cache with the
// same random operations and requires the same answers. The keys are few,
// so lookups often hit, and one node is pushed past wideNode children.
func TestRefCacheMatchesOPA(t *testing.T) {
	t.Parallel()
	keys := []*ast.Term{ast.VarTerm("data"), ast.StringTerm("rules"), ast.StringTerm("findings"), ast.IntNumberTerm(0), ast.BooleanTerm(true)}
	for i := range 2 * wideNode {
		keys = append(keys, ast.StringTerm(string(rune('a'+i))))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	randomRef := func() ast.Ref {
		ref := ast.Ref{keys[0]}
		for range rng.IntN(4) {
			ref = append(ref, keys[rng.IntN(len(keys))])
		}
		return ref
	}
	ours, theirs := newRefCache(), topdown.NewVirtualCache()
	depth := 1
	for step := range 20000 {
		switch op := rng.IntN(100); {
		case op < 40:
			ref := randomRef()
			var v *ast.Term
			if rng.IntN(5) > 0 {
				v = ast.IntNumberTerm(step)
			}
			ours.Put(ref, v)
			theirs.Put(ref, v)
		case op < 97:
			ref := randomRef()
			gotV, gotU := ours.Get(ref)
			wantV, wantU := theirs.Get(ref)
			if !gotV.Equal(wantV) || gotU != wantU {
				t.Fatalf("step %d: Get(%v) = %v, %v; OPA's cache says %v, %v", step, ref, gotV, gotU, wantV, wantU)
			}
		case op < 98 && depth < 4:
			ours.Push()
			theirs.Push()
			depth++
		case depth > 1:
			ours.Pop()
			theirs.Pop()
			depth--
		}
		if step%1000 == 0 {
			if got, want := refStrings(ours.Keys()), refStrings(theirs.Keys()); !slices.Equal(got, want) {
				t.Fatalf("step %d: Keys() = %v; OPA's cache says %v", step, got, want)
			}
		}
	}
}

func TestRefCacheFrames(t *testing.T) {
	t.Parallel()
	c := newRefCache()
	ref := ast.MustParseRef(`data.rules["x"].findings`)
	c.Put(ref, ast.StringTerm("outer"))
	c.Push()
	if v, undefined := c.Get(ref); v != nil || undefined {
		t.Errorf("a pushed frame sees %v, %v; want nothing cached", v, undefined)
	}
	c.Put(ref, nil)
	if v, undefined := c.Get(ref); v != nil || !undefined {
		t.Errorf("after Put(nil): %v, %v; want undefined", v, undefined)
	}
	c.Pop()
	if v, _ := c.Get(ref); !v.Equal(ast.StringTerm("outer")) {
		t.Errorf("after Pop: %v; want the outer frame's value", v)
	}
	if v, _ := c.Get(ref[:2]); v != nil {
		t.Errorf("a prefix of a cached ref reads %v; want nothing cached", v)
	}
}

func refStrings(refs []ast.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.String()
	}
	slices.Sort(out)
	return out
}
