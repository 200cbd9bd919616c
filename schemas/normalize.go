package schemas

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

const (
	// maxDepth matches encoding/json's nesting limit: no decoded document is
	// deeper, and it stops a self-referencing map from recursing forever.
	maxDepth = 10000
	// maxValues bounds the work on hand-built values that share sub-trees
	// (one list referenced a thousand times from another is a million values).
	maxValues = 1 << 20
)

// normalizer copies a decoded policy into the exact value types the validator
// accepts. The validator reports any other Go type as an error of its own, and
// its number handling prefers json.Number, so other Go numbers are converted.
type normalizer struct {
	seen     int
	stopped  bool
	problems []finding
}

// normalize returns a JSON-only copy of v, or findings for whatever cannot be
// JSON data (those findings are all the caller reports).
func normalize(v any) (any, []finding) {
	seen := 0
	if plainJSON(v, 0, &seen) {
		// What the front ends decode is JSON already: validate it as it is
		// rather than copy it.
		return v, nil
	}
	var n normalizer
	out := n.value(v, []any{}, 0)
	return out, n.problems
}

// plainJSON reports whether v holds only the types the validator takes,
// within the limits the normalizer enforces, so that it needs no copy.
func plainJSON(v any, depth int, seen *int) bool {
	*seen++
	if depth > maxDepth || *seen > maxValues {
		return false
	}
	switch v := v.(type) {
	case nil, bool, string, json.Number:
		return true
	case map[string]any:
		for _, x := range v {
			if !plainJSON(x, depth+1, seen) {
				return false
			}
		}
		return true
	case []any:
		for _, x := range v {
			if !plainJSON(x, depth+1, seen) {
				return false
			}
		}
		return true
	}
	return false
}

func (n *normalizer) value(v any, path []any, depth int) any {
	n.seen++
	if !n.budgetLeft(path, depth) {
		return nil
	}
	switch v := v.(type) {
	case nil, bool, string, json.Number:
		return v
	case map[string]any:
		return n.object(v, path, depth)
	case []any:
		return n.array(v, path, depth)
	}
	if num, ok := goNumber(v); ok {
		return num
	}
	n.fail(path, fmt.Sprintf("value of Go type %T is not JSON data: decode the policy with encoding/json", v))
	return nil
}

// budgetLeft reports a single finding the first time a limit is hit and stops
// all further work, so a runaway value costs one message, not millions.
func (n *normalizer) budgetLeft(path []any, depth int) bool {
	if n.stopped {
		return false
	}
	switch {
	case depth > maxDepth:
		n.fail(path, fmt.Sprintf("policy is nested more than %d levels deep: no IAM policy needs that", maxDepth))
	case n.seen > maxValues:
		n.fail([]any{}, fmt.Sprintf("policy holds more than %d values: it is far over API Gateway's policy size limit", maxValues))
	default:
		return true
	}
	n.stopped = true
	return false
}

func (n *normalizer) object(m map[string]any, path []any, depth int) map[string]any {
	out := make(map[string]any, len(m))
	// Sorted keys make the first limit hit, and so its path, the same on every run.
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[k] = n.value(m[k], append(path, k), depth+1)
	}
	return out
}

func (n *normalizer) array(a []any, path []any, depth int) []any {
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = n.value(v, append(path, i), depth+1)
	}
	return out
}

// fail clones path because callers share one backing array while recursing.
func (n *normalizer) fail(path []any, msg string) {
	n.problems = append(n.problems, finding{Violation: Violation{Path: slices.Clone(path), Message: msg}})
}

// goNumber converts Go's own numeric types to json.Number.
func goNumber(v any) (json.Number, bool) {
	switch v := v.(type) {
	case float64:
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), true
	case float32:
		return json.Number(strconv.FormatFloat(float64(v), 'g', -1, 32)), true
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return json.Number(fmt.Sprint(v)), true
	}
	return "", false
}
