package access

// Tri is a three-valued truth: a statement part holds, fails, or cannot be
// decided from what the policy and the request say. The order No < Maybe <
// Yes makes And and Or Kleene's strong logic as min and max.
type Tri int8

// The three truth values.
const (
	No Tri = iota
	Maybe
	Yes
)

// And is true when both are, false when either is.
func (t Tri) And(o Tri) Tri { return min(t, o) }

// Or is true when either is, false when both are.
func (t Tri) Or(o Tri) Tri { return max(t, o) }

// Not swaps Yes and No and keeps Maybe.
func (t Tri) Not() Tri { return Yes - t }

// String renders the value as the CLI shows it.
func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "undetermined"
}

func triOf(b bool) Tri {
	if b {
		return Yes
	}
	return No
}
