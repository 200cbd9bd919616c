package access

import (
	"fmt"
	"testing"
)

// TestReachableGivesUp: when the resource searches exceed their budget,
// Reachable says so and stays conservative: the undecided addresses count
// as reachable in the upper bound and not in the lower one.
func TestReachableGivesUp(t *testing.T) {
	defer func(l, b int) { searchLimit, searchBudget = l, b }(searchLimit, searchBudget)
	searchLimit, searchBudget = 200, 1000
	var sts []any
	for i := range 8 {
		eff := "Allow"
		if i%2 == 1 {
			eff = "Deny"
		}
		res := []any{fmt.Sprintf("execute-api:/*%c*%c*/*%c?%c*", 'a'+i, 'b'+i, 'c'+i, 'd'+i)}
		cidr := fmt.Sprintf("%d.0.0.0/8", 10+i)
		sts = append(sts, map[string]any{
			"Effect": eff, "Principal": "*", "Action": "*", "Resource": res,
			"Condition": map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": cidr}},
		})
	}
	r, err := Reachable(asPolicy(sts), Request{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Incomplete {
		t.Fatal("the searches fit a budget meant to be too small: make the policy harder")
	}
	if !r.Anonymous.May.Contains(r.Anonymous.Must) || r.Anonymous.Exact() {
		t.Errorf("undecided atoms must widen the bounds: may %s, must %s", r.Anonymous.May, r.Anonymous.Must)
	}
}
