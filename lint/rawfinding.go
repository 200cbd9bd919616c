package lint

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/rego"
)

// rawFinding is a finding as a rule returns it.
type rawFinding struct {
	Rule     string
	Path     []any
	Message  string
	On       string
	Severity string
}

// decodeFindings reads the findings set, which rego hands back as plain
// Go values (a list of maps), checking each member's type: a user rule may
// return anything. It reads the values directly: a JSON round trip cost a
// tenth of a scan that reports tens of thousands of findings.
func decodeFindings(rs rego.ResultSet) ([]rawFinding, error) {
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	list, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("decode findings: the rules returned %T, not a set of findings", rs[0].Expressions[0].Value)
	}
	raws := make([]rawFinding, 0, len(list))
	for _, v := range list {
		r, err := toRawFinding(v)
		if err != nil {
			return nil, fmt.Errorf("decode findings: a rule returned a finding that is not {path, message}: %w", err)
		}
		raws = append(raws, r)
	}
	return raws, nil
}

// toRawFinding reads one finding. Absent or null members stay empty, as
// they would decoding JSON; members of the wrong type are an error.
func toRawFinding(v any) (rawFinding, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return rawFinding{}, fmt.Errorf("%v is %T, not an object", v, v)
	}
	var r rawFinding
	members := [...]struct {
		name string
		dst  *string
	}{{"rule", &r.Rule}, {"message", &r.Message}, {"on", &r.On}, {"severity", &r.Severity}}
	for _, f := range members {
		switch x := m[f.name].(type) {
		case nil:
		case string:
			*f.dst = x
		default:
			return rawFinding{}, fmt.Errorf("%q is %T, not a string", f.name, x)
		}
	}
	switch p := m["path"].(type) {
	case nil:
	case []any:
		r.Path = p
	default:
		return rawFinding{}, fmt.Errorf(`"path" is %T, not a list`, p)
	}
	return r, nil
}
