package cli

import (
	"cmp"
	"slices"
	"strings"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
)

// fixMissingDeny turns an Allow whose only condition is an aws:SourceIp
// allowlist into the pattern AWS documents: the Allow without the
// condition, followed by a Deny of the same principal, actions and
// resources from every address NotIpAddress the same ranges. A Deny is
// evaluated for every caller, IAM-authorised ones included, where the
// Allow's condition was not.
//
// The fix is only offered where it is mechanical: a bare JSON policy whose
// Statement is a list, an Allow with Principal, Action and Resource (no
// Not* member) and a Condition of exactly one operator, IpAddress, with
// exactly one key, aws:SourceIp in any case. Anything else is left to a
// person.
func fixMissingDeny(src []byte, doc *source.Document, f lint.Finding) []edit {
	st, ok := allowStatement(doc, f)
	if !ok {
		return nil
	}
	ix := doc.Index
	members := memberRanges(ix, f.Pointer, st)
	cond, ok := members["Condition"]
	if !ok {
		return nil
	}
	key, ok := sourceIPKey(st)
	if !ok {
		return nil
	}
	ranges, ok := ix.Lookup(f.Pointer + "/Condition/IpAddress/" + escapeToken(key))
	if !ok {
		return nil
	}
	raw := func(r position.Range) string { return string(src[r.Start:r.End]) }
	stmt, _ := ix.Lookup(f.Pointer)
	layout := layoutOf(src, stmt.Value.Start, members)
	deny := layout.statement([][2]string{
		{`"Effect"`, `"Deny"`},
		{`"Principal"`, raw(members["Principal"].Value)},
		{`"Action"`, raw(members["Action"].Value)},
		{`"Resource"`, raw(members["Resource"].Value)},
		{`"Condition"`, `{"NotIpAddress": {` + quoteJSON(key) + `: ` + raw(ranges.Value) + `}}`},
	})
	return []edit{
		removeMember(members, "Condition", cond),
		{start: stmt.Value.End, end: stmt.Value.End, text: layout.between + deny},
	}
}

// allowStatement checks that the finding is on an Allow statement in a
// Statement list of a bare JSON policy, and returns it decoded.
func allowStatement(doc *source.Document, f lint.Finding) (map[string]any, bool) {
	if doc.Format != source.FormatJSON || !strings.HasPrefix(f.Pointer, "/Statement/") || strings.Count(f.Pointer, "/") != 2 {
		return nil, false
	}
	st, ok := position.ValueAt(doc.Policy, f.Pointer).(map[string]any)
	if !ok || st["Effect"] != "Allow" {
		return nil, false
	}
	for _, m := range []string{"Principal", "Action", "Resource"} {
		if _, ok := st[m]; !ok {
			return nil, false
		}
	}
	for _, m := range []string{"NotPrincipal", "NotAction", "NotResource"} {
		if _, ok := st[m]; ok {
			return nil, false
		}
	}
	return st, true
}

// sourceIPKey is the aws:SourceIp key, as written, when the condition is
// exactly {"IpAddress": {"aws:SourceIp": ...}}.
func sourceIPKey(st map[string]any) (string, bool) {
	cond, ok := st["Condition"].(map[string]any)
	if !ok || len(cond) != 1 {
		return "", false
	}
	block, ok := cond["IpAddress"].(map[string]any)
	if !ok || len(block) != 1 {
		return "", false
	}
	for k := range block {
		if strings.EqualFold(k, "aws:SourceIp") {
			return k, true
		}
	}
	return "", false
}

// memberRanges indexes the members of the statement at ptr by name.
func memberRanges(ix *position.Index, ptr string, st map[string]any) map[string]position.Entry {
	out := make(map[string]position.Entry, len(st))
	for name := range st {
		if e, ok := ix.Lookup(ptr + "/" + escapeToken(name)); ok {
			out[name] = e
		}
	}
	return out
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func quoteJSON(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// removeMember deletes one member and the comma that joined it to its
// neighbour: the one before it, or after it when it is first.
func removeMember(members map[string]position.Entry, name string, m position.Entry) edit {
	var prevEnd, nextStart int
	prevEnd, nextStart = -1, -1
	for n, e := range members {
		if n == name {
			continue
		}
		if e.Value.End <= m.Key.Start && e.Value.End > prevEnd {
			prevEnd = e.Value.End
		}
		if e.Key.Start >= m.Value.End && (nextStart < 0 || e.Key.Start < nextStart) {
			nextStart = e.Key.Start
		}
	}
	if prevEnd >= 0 {
		return edit{start: prevEnd, end: m.Value.End}
	}
	return edit{start: m.Key.Start, end: max(nextStart, m.Value.End)}
}

// layout is how the Allow statement is written, so the Deny is written the
// same way: one line, or one member per line at the Allow's indentation.
type layout struct {
	between   string // what separates the Allow from the new Deny
	memberSep string // what goes between the Deny's members
	open      string // after "{"
	close     string // before "}"
}

func layoutOf(src []byte, stmtStart int, members map[string]position.Entry) layout {
	lineStart := strings.LastIndexByte(string(src[:stmtStart]), '\n') + 1
	indent := string(src[lineStart:stmtStart])
	ownLine := strings.TrimSpace(indent) == ""
	between := ", "
	if ownLine {
		between = ",\n" + indent
	}
	first := slices.MinFunc(mapValues(members), func(a, b position.Entry) int { return cmp.Compare(a.Key.Start, b.Key.Start) })
	memberLine := strings.LastIndexByte(string(src[:first.Key.Start]), '\n') + 1
	if !ownLine || memberLine <= stmtStart {
		return layout{between: between, memberSep: ", ", open: "", close: ""}
	}
	memberIndent := string(src[memberLine:first.Key.Start])
	if strings.TrimSpace(memberIndent) != "" {
		return layout{between: between, memberSep: ", "}
	}
	return layout{between: between, memberSep: ",\n" + memberIndent, open: "\n" + memberIndent, close: "\n" + indent}
}

func (l layout) statement(members [][2]string) string {
	parts := make([]string, 0, len(members))
	for _, m := range members {
		parts = append(parts, m[0]+": "+m[1])
	}
	return "{" + l.open + strings.Join(parts, l.memberSep) + l.close + "}"
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
