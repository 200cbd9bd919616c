package lint

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// refCache is the evaluator's cache of rule values for one document: what
// OPA calls its virtual cache, keyed by the rule's reference
// (data.apigwlint.rules.restriction["invalid-cidr"].findings). It is a trie
// like OPA's own, but a node keeps its children in a slice searched in
// order rather than in a hash map of its own. A document fills a few dozen
// short, narrow references, and OPA's default, which allocates a map per
// node and hashes every term of every lookup, was about 5% of a scan's CPU.
// A node that grows wide (a user rule cached under many keys) switches to a
// map by hash, so no lookup degrades to a long scan.
type refCache struct {
	frames []*refNode
}

var _ topdown.VirtualCache = (*refCache)(nil)

type refNode struct {
	key       *ast.Term
	value     *ast.Term
	undefined bool
	children  []*refNode
	byHash    map[int][]*refNode // once children outgrow wideNode
}

// wideNode is where a linear scan of a node's children starts to cost more
// than hashing the key.
const wideNode = 16

func newRefCache() *refCache {
	return &refCache{frames: []*refNode{{}}}
}

// Push starts a frame of its own, for a `with` that changes what rules see.
func (c *refCache) Push() { c.frames = append(c.frames, &refNode{}) }

// Pop drops the innermost frame and everything cached in it.
func (c *refCache) Pop() { c.frames = c.frames[:len(c.frames)-1] }

// Get returns the value cached for ref: (value, false) when defined, (nil,
// true) when cached as undefined, (nil, false) when not cached.
func (c *refCache) Get(ref ast.Ref) (*ast.Term, bool) {
	node := c.frames[len(c.frames)-1]
	for _, t := range ref {
		if node = node.child(t); node == nil {
			return nil, false
		}
	}
	if node.undefined {
		return nil, true
	}
	return node.value, false
}

// Put caches value for ref; a nil value records that ref is undefined. As
// in OPA's own cache, a ref once recorded undefined stays so in its frame.
func (c *refCache) Put(ref ast.Ref, value *ast.Term) {
	node := c.frames[len(c.frames)-1]
	for _, t := range ref {
		next := node.child(t)
		if next == nil {
			next = node.add(t)
		}
		node = next
	}
	if value == nil {
		node.undefined = true
	} else {
		node.value = value
	}
}

// Keys lists the references with a cached value in the innermost frame.
func (c *refCache) Keys() []ast.Ref {
	var out []ast.Ref
	var walk func(prefix ast.Ref, n *refNode)
	walk = func(prefix ast.Ref, n *refNode) {
		for _, ch := range n.children {
			ref := prefix.Append(ch.key)
			if ch.value != nil {
				out = append(out, ref)
			}
			walk(ref, ch)
		}
	}
	walk(nil, c.frames[len(c.frames)-1])
	return out
}

func (n *refNode) child(t *ast.Term) *refNode {
	candidates := n.children
	if n.byHash != nil {
		candidates = n.byHash[t.Hash()]
	}
	for _, ch := range candidates {
		if ch.key.Equal(t) {
			return ch
		}
	}
	return nil
}

func (n *refNode) add(t *ast.Term) *refNode {
	ch := &refNode{key: t}
	n.children = append(n.children, ch)
	switch {
	case n.byHash != nil:
		h := t.Hash()
		n.byHash[h] = append(n.byHash[h], ch)
	case len(n.children) > wideNode:
		n.byHash = make(map[int][]*refNode, 2*len(n.children))
		for _, x := range n.children {
			h := x.key.Hash()
			n.byHash[h] = append(n.byHash[h], x)
		}
	}
	return ch
}
