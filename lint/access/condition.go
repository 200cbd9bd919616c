package access

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// family is what a condition operator compares.
type family uint8

const (
	famString family = iota
	famFold
	famLike
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

// relation is the comparison of a numeric or date operator.
type relation uint8

const (
	relEq relation = iota
	relLt
	relLe
	relGt
	relGe
)

type opInfo struct {
	fam     family
	rel     relation
	negated bool // matches when the request value matches none of the policy values
}

// operators are the base operators of IAM-OPS (DOMAIN.md §1.4), before the
// ForAnyValue:/ForAllValues: prefixes and the IfExists suffix. Names are
// matched exactly: whether IAM accepts other cases is UNCONFIRMED (§1.5).
var operators = map[string]opInfo{
	"StringEquals":              {fam: famString},
	"StringNotEquals":           {fam: famString, negated: true},
	"StringEqualsIgnoreCase":    {fam: famFold},
	"StringNotEqualsIgnoreCase": {fam: famFold, negated: true},
	"StringLike":                {fam: famLike},
	"StringNotLike":             {fam: famLike, negated: true},
	"NumericEquals":             {fam: famNumeric},
	"NumericNotEquals":          {fam: famNumeric, negated: true},
	"NumericLessThan":           {fam: famNumeric, rel: relLt},
	"NumericLessThanEquals":     {fam: famNumeric, rel: relLe},
	"NumericGreaterThan":        {fam: famNumeric, rel: relGt},
	"NumericGreaterThanEquals":  {fam: famNumeric, rel: relGe},
	"DateEquals":                {fam: famDate},
	"DateNotEquals":             {fam: famDate, negated: true},
	"DateLessThan":              {fam: famDate, rel: relLt},
	"DateLessThanEquals":        {fam: famDate, rel: relLe},
	"DateGreaterThan":           {fam: famDate, rel: relGt},
	"DateGreaterThanEquals":     {fam: famDate, rel: relGe},
	"Bool":                      {fam: famBool},
	"BinaryEquals":              {fam: famBinary},
	"IpAddress":                 {fam: famIP},
	"NotIpAddress":              {fam: famIP, negated: true},
	"ArnEquals":                 {fam: famARN},
	"ArnLike":                   {fam: famARN},
	"ArnNotEquals":              {fam: famARN, negated: true},
	"ArnNotLike":                {fam: famARN, negated: true},
	"Null":                      {fam: famNull},
}

// setQual is a ForAnyValue:/ForAllValues: prefix.
type setQual uint8

const (
	setNone setQual = iota
	setAny
	setAll
)

// condition is one key under one operator: the unit IAM ANDs together.
type condition struct {
	ptr      string // pointer of the key, e.g. /Statement/1/Condition/NotIpAddress/aws:SourceIp
	opName   string // as written
	op       opInfo
	known    bool // the operator is one IAM documents
	set      setQual
	ifExists bool
	key      string // as written; looked up case-insensitively
	values   []condValue
	bad      bool // the value is not a scalar or a list of scalars
}

type condValue struct {
	text string
	ok   bool
}

func parseOperator(name string) (op opInfo, set setQual, ifExists, ok bool) {
	base := name
	if rest, found := strings.CutPrefix(base, "ForAnyValue:"); found {
		base, set = rest, setAny
	} else if rest, found := strings.CutPrefix(base, "ForAllValues:"); found {
		base, set = rest, setAll
	}
	if rest, found := strings.CutSuffix(base, "IfExists"); found && rest != "Null" {
		base, ifExists = rest, true
	}
	op, ok = operators[base]
	return op, set, ifExists, ok
}

func (s *Statement) parseConditions(v any, ptr string) {
	if v == nil {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		s.doubt(ptr, "Condition is not an object: what the statement requires is undetermined")
		return
	}
	for _, opName := range sortedKeys(m) {
		opPtr := position.Append(ptr, opName)
		keys, ok := m[opName].(map[string]any)
		if !ok {
			s.doubt(opPtr, fmt.Sprintf("the value of %s is not an object of keys: what it requires is undetermined", opName))
			continue
		}
		op, set, ifExists, known := parseOperator(opName)
		for _, key := range sortedKeys(keys) {
			c := &condition{
				ptr: position.Append(opPtr, key), opName: opName, op: op, known: known,
				set: set, ifExists: ifExists, key: key,
			}
			c.values, c.bad = condValues(keys[key])
			s.conds = append(s.conds, c)
		}
	}
}

func condValues(v any) ([]condValue, bool) {
	if t, ok := scalarText(v); ok {
		return []condValue{{text: t, ok: true}}, false
	}
	list, ok := v.([]any)
	if !ok {
		return nil, true
	}
	out := make([]condValue, 0, len(list))
	for _, it := range list {
		t, ok := scalarText(it)
		out = append(out, condValue{text: t, ok: ok})
	}
	return out, false
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// eval decides the condition for the request context.
func (c *condition) eval(ctx *reqContext, explain bool) Reason {
	r := Reason{Part: "Condition", Pointer: c.ptr}
	label := c.opName + " " + c.key
	switch {
	case !c.known:
		r.Holds, r.Text = Maybe, fmt.Sprintf("%s: %q is not an operator IAM documents (names are case-sensitive, UNCONFIRMED): undetermined", label, c.opName)
		return r
	case c.bad:
		r.Holds, r.Text = Maybe, fmt.Sprintf("%s: the value is not a string, number, boolean or list of them: undetermined", label)
		return r
	}
	k := ctx.lookup(c.key)
	if c.op.fam == famNull {
		return c.evalNull(r, label, k, explain)
	}
	switch k.state {
	case keyUnknown:
		r.Holds = Maybe
		if explain {
			r.Text = fmt.Sprintf("%s: %s is not known (%s): undetermined", label, c.key, k.why)
		}
		return r
	case keyAbsent:
		r.Holds = c.absent()
		if explain {
			r.Text = fmt.Sprintf("%s: %s is absent (%s), and %s: %s", label, c.key, k.why, c.absentRule(), verdict(r.Holds))
		}
		return r
	}
	r.Holds = c.present(k.values)
	if explain {
		r.Text = label + ": " + c.describe(k.values, r.Holds)
	}
	return r
}

// absent applies IAM's missing-key rule (DOMAIN.md §1.4).
func (c *condition) absent() Tri {
	switch {
	case c.ifExists:
		return Yes
	case c.set == setAny:
		return No
	case c.set == setAll:
		return Yes
	}
	return triOf(c.op.negated)
}

func (c *condition) absentRule() string {
	switch {
	case c.ifExists:
		return "...IfExists is true for an absent key"
	case c.set == setAny:
		return "ForAnyValue is false for an absent key"
	case c.set == setAll:
		return "ForAllValues is true for an absent key"
	case c.op.negated:
		return "a negated operator is true for an absent key"
	}
	return "an operator is false for an absent key"
}

// present evaluates the operator on the request's values. Without a set
// prefix a multivalued key matches when any of its values does (how IAM
// treats a plain operator on a multivalued key is not in DOMAIN.md; keys
// given once, the usual case, are unaffected).
func (c *condition) present(vals []string) Tri {
	one := func(v string) Tri {
		m := c.matchAny(v)
		if c.op.negated {
			return m.Not()
		}
		return m
	}
	switch c.set {
	case setAny:
		t := No
		for _, v := range vals {
			t = t.Or(one(v))
		}
		return t
	case setAll:
		t := Yes
		for _, v := range vals {
			t = t.And(one(v))
		}
		return t
	}
	m := No
	for _, v := range vals {
		m = m.Or(c.matchAny(v))
	}
	if c.op.negated {
		return m.Not()
	}
	return m
}

// matchAny reports whether request value v matches any policy value: the
// OR of one key's values (DOMAIN.md §1.3).
func (c *condition) matchAny(v string) Tri {
	t := No
	for _, p := range c.values {
		t = t.Or(c.compareOne(v, p))
		if t == Yes {
			break
		}
	}
	return t
}

func (c *condition) compareOne(v string, p condValue) Tri {
	if !p.ok {
		return Maybe
	}
	if opaque(p.text) {
		return opaqueCompare(c.op.fam, v, p.text)
	}
	return compare(c.op, v, p.text)
}

// opaqueCompare: a placeholder's value is unknown, but a StringLike value
// whose literal parts already rule the request value out cannot match.
func opaqueCompare(fam family, v, p string) Tri {
	if fam == famLike && !plainGlob(unwrapOpaque(p)).match(v) {
		return No
	}
	return Maybe
}

func (c *condition) evalNull(r Reason, label string, k keyInfo, explain bool) Reason {
	t := No
	for _, p := range c.values {
		want, ok := parseBool(p.text)
		if !p.ok || !ok || opaque(p.text) {
			t = t.Or(Maybe)
			continue
		}
		if k.state == keyUnknown {
			t = t.Or(Maybe)
			continue
		}
		t = t.Or(triOf(want == (k.state == keyAbsent)))
	}
	r.Holds = t
	if explain {
		state := "present"
		switch k.state {
		case keyAbsent:
			state = "absent (" + k.why + ")"
		case keyUnknown:
			state = "not known (" + k.why + ")"
		}
		r.Text = fmt.Sprintf("%s: %s is %s; Null %s tests for absence with %s: %s",
			label, c.key, state, c.key, valueList(c.values), verdict(t))
	}
	return r
}

func verdict(t Tri) string {
	switch t {
	case Yes:
		return "holds"
	case No:
		return "fails"
	}
	return "undetermined"
}

func valueList(vs []condValue) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		if v.ok {
			parts[i] = v.text
		} else {
			parts[i] = "(not a scalar)"
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// describe says which values were compared and how it came out.
func (c *condition) describe(vals []string, t Tri) string {
	shown := strings.Join(vals, ", ")
	if len(vals) != 1 {
		shown = "[" + shown + "]"
	}
	phrase := relPhrase(c.op)
	m := No
	for _, v := range vals {
		m = m.Or(c.matchAny(v))
	}
	var rel string
	switch m {
	case Yes:
		rel = phrase + " " + valueList(c.matchingValues(vals))
	case No:
		rel = phrase + " none of " + valueList(c.values)
	default:
		rel = "compared with " + valueList(c.values) + " gives no answer (a policy value is opaque or malformed)"
	}
	prefix := ""
	switch c.set {
	case setAny:
		prefix = "ForAnyValue: "
	case setAll:
		prefix = "ForAllValues: "
	}
	return fmt.Sprintf("%s%s %s: %s", prefix, shown, rel, verdict(t))
}

func (c *condition) matchingValues(vals []string) []condValue {
	var out []condValue
	for _, p := range c.values {
		for _, v := range vals {
			if c.compareOne(v, p) == Yes {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func relPhrase(op opInfo) string {
	switch op.fam {
	case famIP:
		return "is in"
	case famLike, famARN:
		return "matches"
	case famFold:
		return "equals (ignoring case)"
	case famNumeric, famDate:
		return [...]string{"equals", "is less than", "is at most", "is greater than", "is at least"}[op.rel]
	}
	return "equals"
}
