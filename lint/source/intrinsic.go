package source

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// CloudFormation intrinsic functions may appear anywhere inside a policy.
// They are folded into what they stand for when the template says it (an
// Fn::Join of literal parts is that string), and otherwise into an opaque
// placeholder: a string containing "${", which every rule treats as a value
// known only at deploy time, never as a wildcard or a CIDR. !Ref Foo becomes
// "${Foo}", !GetAtt A.B becomes "${A.B}", an Fn::Sub keeps its "${...}" text.

// noValue marks AWS::NoValue: the member or list item is removed.
type noValue struct{}

// intrinsic returns the function name and argument when v is an intrinsic
// function call: a mapping with a single "Ref" or "Fn::" member.
func intrinsic(v any) (string, any, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil, false
	}
	for k, arg := range m {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, arg, true
		}
	}
	return "", nil, false
}

// foldValue folds every intrinsic in v, without positions. It serves values
// whose parts are not located separately: Fn::Sub variables, Fn::Join parts,
// resource properties read for the target.
func foldValue(v any) any {
	switch c := v.(type) {
	case map[string]any:
		if name, arg, ok := intrinsic(c); ok {
			return foldCall(name, arg)
		}
		out := make(map[string]any, len(c))
		for k, x := range c {
			if f := foldValue(x); f != (noValue{}) {
				out[k] = f
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(c))
		for _, x := range c {
			if f := foldValue(x); f != (noValue{}) {
				out = append(out, f)
			}
		}
		return out
	}
	return v
}

// foldCall folds one intrinsic call.
func foldCall(name string, arg any) any {
	switch name {
	case "Ref":
		if arg == "AWS::NoValue" {
			return noValue{}
		}
		if s, ok := arg.(string); ok {
			return opaque(s)
		}
	case "Fn::GetAtt":
		return foldGetAtt(arg)
	case "Fn::Sub":
		return foldSub(arg)
	case "Fn::Join":
		return foldJoin(arg)
	case "Fn::Select":
		return foldSelect(arg)
	case "Fn::If":
		if l, ok := arg.([]any); ok && len(l) == 3 {
			return foldIf(l)
		}
	}
	return opaqueCall(name, arg)
}

// opaque is the placeholder for a value named by text.
func opaque(text string) string {
	if text == "" || strings.ContainsAny(text, "{}") {
		return "${?}"
	}
	return "${" + text + "}"
}

// opaqueCall is the placeholder for a call whose value only CloudFormation
// knows: "${If IsProd}", "${ImportValue SharedVpc}", "${Base64}".
func opaqueCall(name string, arg any) string {
	short := strings.TrimPrefix(name, "Fn::")
	first := arg
	if l, ok := arg.([]any); ok && len(l) > 0 {
		first = l[0]
	}
	if s, ok := first.(string); ok && s != "" && !strings.ContainsAny(s, "{}\n") && len(s) <= 64 {
		return "${" + short + " " + s + "}"
	}
	return "${" + short + "}"
}

func foldGetAtt(arg any) string {
	switch a := arg.(type) {
	case string:
		return opaque(a)
	case []any:
		parts := make([]string, 0, len(a))
		for _, p := range a {
			s, ok := foldValue(p).(string)
			if !ok {
				return opaque("GetAtt")
			}
			parts = append(parts, strings.Trim(s, "${}"))
		}
		return opaque(strings.Join(parts, "."))
	}
	return opaque("GetAtt")
}

// subVar is a ${Name} in an Fn::Sub template; ${!Name} is literal text.
var subVar = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// foldSub substitutes the variables an Fn::Sub defines with literal values;
// the other ${...} stay, as placeholders.
func foldSub(arg any) any {
	tmpl, vars := arg, map[string]any(nil)
	if l, ok := arg.([]any); ok && len(l) == 2 {
		tmpl = l[0]
		vars, _ = l[1].(map[string]any)
	}
	s, ok := tmpl.(string)
	if !ok {
		return opaque("Sub")
	}
	if len(vars) == 0 {
		return s
	}
	return subVar.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := foldValue(vars[m[2:len(m)-1]]).(string); ok {
			return v
		}
		return m
	})
}

// foldJoin joins literal parts; parts that are placeholders stay
// placeholders inside the result.
func foldJoin(arg any) any {
	l, ok := arg.([]any)
	if !ok || len(l) != 2 {
		return opaqueCall("Fn::Join", nil)
	}
	delim, ok1 := l[0].(string)
	parts, ok2 := foldValue(l[1]).([]any)
	if !ok1 || !ok2 {
		return opaqueCall("Fn::Join", nil)
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		s, ok := scalarText(p)
		if !ok {
			return opaqueCall("Fn::Join", nil)
		}
		out = append(out, s)
	}
	return strings.Join(out, delim)
}

// scalarText renders a scalar as CloudFormation does when it joins it.
func scalarText(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case json.Number:
		return s.String(), true
	case bool:
		return strconv.FormatBool(s), true
	}
	return "", false
}

func foldSelect(arg any) any {
	l, ok := arg.([]any)
	if !ok || len(l) != 2 {
		return opaqueCall("Fn::Select", nil)
	}
	i := -1
	if s, ok := scalarText(foldValue(l[0])); ok {
		i = indexOf(s)
	}
	list, ok := foldValue(l[1]).([]any)
	if !ok || i < 0 || i >= len(list) {
		return opaqueCall("Fn::Select", nil)
	}
	return list[i]
}

// foldIf keeps the one branch that exists when the other is AWS::NoValue:
// that is the value whenever there is one. Otherwise which branch applies
// is decided at deploy time.
func foldIf(l []any) any {
	a, b := foldValue(l[1]), foldValue(l[2])
	switch {
	case b == noValue{}:
		return a
	case a == noValue{}:
		return b
	}
	return opaqueCall("Fn::If", l)
}

// builder copies a policy out of a decoded file into a Document of its
// own, folding intrinsics on the way. The Document's index maps the
// policy's pointers to the file through the raw index of the whole file.
type builder struct {
	t        *tree
	out      *position.Index
	problems []Problem
	dups     duplicates // by document pointer
}

func newBuilder(t *tree) *builder { return &builder{t: t, out: position.NewIndex(t.file)} }

// set records at the document pointer to the raw entry at from.
func (b *builder) set(to, from string) {
	if e, ok := b.t.ix.Lookup(from); ok {
		b.out.Set(to, e)
	}
}

// setRoot locates the whole document at the raw entry from, member name
// included: a finding about the policy as a whole (it sits on an HTTP API,
// say) points at "Policy:" rather than at its first statement.
func (b *builder) setRoot(from string) {
	e, ok := b.t.ix.Lookup(from)
	if !ok {
		return
	}
	if !e.Key.IsZero() && e.Key.Start < e.Value.Start {
		e.Value.Start = e.Key.Start
	}
	b.out.Set("", position.Entry{Value: e.Value})
}

// copy copies the raw value v found at from to the document pointer to.
// keep is false when the value is AWS::NoValue and must be left out.
func (b *builder) copy(v any, from, to string) (any, bool) {
	switch c := v.(type) {
	case map[string]any:
		if name, arg, ok := intrinsic(c); ok {
			return b.call(name, arg, from, to)
		}
		out := make(map[string]any, len(c))
		for _, k := range members(c) {
			src, dst := position.Append(from, k), position.Append(to, k)
			if first, again := b.t.dups[src]; again {
				b.addDup(dst, first)
			}
			if x, keep := b.copy(c[k], src, dst); keep {
				out[k] = x
			}
		}
		b.set(to, from)
		return out, true
	case []any:
		out := make([]any, 0, len(c))
		for i, x := range c {
			if y, keep := b.copy(x, position.Append(from, i), position.Append(to, len(out))); keep {
				out = append(out, y)
			}
		}
		b.set(to, from)
		return out, true
	}
	b.set(to, from)
	return v, true
}

// statement copies one statement of a list; a statement only known at
// deploy time (a placeholder) is left out, as there is nothing to check.
func (b *builder) statement(v any, from, to string) (any, bool) {
	st, keep := b.copy(v, from, to)
	if s, isString := st.(string); isString && strings.Contains(s, "${") {
		return nil, false
	}
	return st, keep
}

// call folds an intrinsic. An Fn::If with one AWS::NoValue branch is the
// other branch, copied with its own positions; every other call is one
// value located at the call.
func (b *builder) call(name string, arg any, from, to string) (any, bool) {
	if l, ok := arg.([]any); ok && name == "Fn::If" && len(l) == 3 {
		for _, br := range [][2]int{{1, 2}, {2, 1}} {
			if i, other := br[0], br[1]; foldValue(l[other]) == (noValue{}) {
				v, keep := b.copy(l[i], position.Append(position.Append(from, name), i), to)
				e := b.t.entry(from)
				o, _ := b.out.Lookup(to)
				b.out.Set(to, position.Entry{Key: e.Key, Value: o.Value})
				return v, keep
			}
		}
	}
	v := foldCall(name, arg)
	if v == (noValue{}) {
		return nil, false
	}
	b.set(to, from)
	return v, true
}

// policy copies a policy document found at from: a mapping, or a JSON
// string (possibly built by Fn::Sub or Fn::Join) decoded where it stands in
// the file. ok is false when the policy is only known at deploy time.
func (b *builder) policy(v any, from string) (any, bool) {
	if text, remap, ok := b.jsonText(v, from); ok {
		p, dups, se := decodeJSON([]byte(text), remap, b.out)
		if se != nil {
			b.out.Set("", position.Entry{Value: errorRange(len(b.t.file.Bytes()), se.Offset)})
			b.problems = append(b.problems, Problem{Rule: "invalid-json", Message: se.Message})
			return nil, true
		}
		for ptr, first := range dups {
			b.addDup(ptr, first)
		}
		return p, true
	}
	p, keep := b.copy(v, from, "")
	if s, isString := p.(string); !keep || (isString && strings.Contains(s, "${")) {
		return nil, false
	}
	return p, true
}

// jsonText returns the JSON text of a policy written as a string, with the
// Remap from the text to the file.
func (b *builder) jsonText(v any, from string) (string, Remap, bool) {
	switch c := v.(type) {
	case string:
		return c, b.remapAt(from, c), true
	case map[string]any:
		name, arg, ok := intrinsic(c)
		switch {
		case !ok:
		case name == "Fn::Sub":
			return b.subText(arg, position.Append(from, name))
		case name == "Fn::Join":
			return b.joinText(arg, position.Append(from, name))
		}
	}
	return "", nil, false
}

// remapAt is the Remap of the string s located at the raw pointer ptr.
func (b *builder) remapAt(ptr, s string) Remap {
	return scalarRemap(b.t.file.Bytes(), b.t.entry(ptr).Value.Start, s)
}

// subText is the template of an Fn::Sub, whose ${...} stay placeholders
// inside the JSON strings they sit in.
func (b *builder) subText(arg any, ptr string) (string, Remap, bool) {
	if l, ok := arg.([]any); ok && len(l) == 2 {
		arg, ptr = l[0], position.Append(ptr, 0)
	}
	s, ok := arg.(string)
	if !ok {
		return "", nil, false
	}
	return s, b.remapAt(ptr, s), true
}

// joinText joins the parts of an Fn::Join; each part's bytes map to where
// that part is written, and a part that is not literal becomes a
// placeholder located at the part.
func (b *builder) joinText(arg any, ptr string) (string, Remap, bool) {
	l, ok := arg.([]any)
	if !ok || len(l) != 2 {
		return "", nil, false
	}
	delim, ok1 := l[0].(string)
	parts, ok2 := l[1].([]any)
	if !ok1 || !ok2 {
		return "", nil, false
	}
	var (
		text strings.Builder
		segs []segment
	)
	delimAt := b.t.entry(position.Append(ptr, 0)).Value.Start
	for i, p := range parts {
		if i > 0 && delim != "" {
			segs = append(segs, segment{at: text.Len(), remap: Shift(delimAt)})
			text.WriteString(delim)
		}
		partPtr := position.Append(position.Append(ptr, 1), i)
		s, isString := p.(string)
		var remap Remap
		if isString {
			remap = b.remapAt(partPtr, s)
		} else {
			// A reference stands in the JSON as a placeholder at the part.
			if s, _ = scalarText(foldValue(p)); s == "" {
				s = opaqueCall("Fn::Join", nil)
			}
			remap = constantRemap(b.t.entry(partPtr).Value.Start)
		}
		segs = append(segs, segment{at: text.Len(), remap: remap})
		text.WriteString(s)
	}
	return text.String(), joinRemap(segs), true
}

// constantRemap maps every offset to one place.
func constantRemap(off int) Remap { return func(int) int { return off } }

// addDup records a repeated member at the document pointer to.
func (b *builder) addDup(to string, first position.Range) {
	if b.dups == nil {
		b.dups = duplicates{}
	}
	b.dups[to] = first
}

// document finishes the builder's policy as a Document.
func (b *builder) document(format Format, policy any, target Target) *Document {
	problems := slices.Concat(b.problems, b.dups.problems(b.t.file, policy))
	return &Document{Path: b.t.path, Format: format, Policy: policy, Target: target, Index: b.out, Problems: problems}
}
