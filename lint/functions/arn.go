package functions

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
)

var arnWildcardsDecl = &rego.Function{
	Name: "apigwlint.arn.wildcards",
	Description: "Takes a Resource value and returns the positions of an execute-api ARN that hold a wildcard " +
		`("*" or "?"), in order: "partition", "region", "account", "api-id". A position the ARN is too short ` +
		"to have counts as wild when the ARN ends in \"*\", which matches it too. Placeholders (${...}) are never " +
		"wild. Empty for anything else: not a string, not an ARN, not execute-api.",
	Decl: types.NewFunction(
		types.Args(types.Named("value", types.A).Description("a Resource value")),
		types.Named("positions", types.NewArray(nil, types.S)).Description("the wild positions, usually none"),
	),
	Memoize: false,
}

// arnPositions are the ARN fields (by index after splitting at ":") whose
// wildcards widen a grant beyond one API.
var arnPositions = []struct {
	name  string
	index int
}{{"partition", 1}, {"region", 3}, {"account", 4}, {"api-id", 5}}

// arnWildcards is Go rather than Rego because it is parsing, done for every
// Resource of every Allow: written as string functions in Rego it was a
// tenth of a document's evaluation.
func arnWildcards(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	s, ok := a.Value.(ast.String)
	if !ok {
		return ast.ArrayTerm(), nil
	}
	var out []*ast.Term
	for _, p := range wildPositions(string(s)) {
		out = append(out, ast.StringTerm(p))
	}
	return ast.ArrayTerm(out...), nil
}

// wildPositions lists the wild positions of an execute-api ARN.
func wildPositions(arn string) []string {
	if !strings.HasPrefix(arn, "arn:") {
		return nil
	}
	parts := strings.Split(blankPlaceholders(arn), ":")
	if len(parts) < 3 || parts[2] != "execute-api" {
		return nil
	}
	var out []string
	for _, p := range arnPositions {
		if strings.ContainsAny(arnSegment(parts, p.index), "*?") {
			out = append(out, p.name)
		}
	}
	return out
}

// arnSegment is field i of an ARN split at ":". The API id is the text up
// to the first "/" of everything after the account, without a trailing
// "*" that only follows a placeholder ("${api_id}*" names one API). A field
// beyond the end of the ARN is "*" when the ARN ends in "*", which matches
// it, and empty otherwise.
func arnSegment(parts []string, i int) string {
	switch {
	case i < 5 && i < len(parts):
		return parts[i]
	case i == 5 && len(parts) > 5:
		id, _, _ := strings.Cut(strings.Join(parts[5:], ":"), "/")
		return strings.TrimSuffix(id, placeholderMark+"*")
	case i >= len(parts) && strings.HasSuffix(parts[len(parts)-1], "*"):
		return "*"
	}
	return ""
}

// placeholderMark stands for a blanked placeholder: a character no ARN
// holds, so that it is neither a wildcard nor a separator.
const placeholderMark = "\x01"

// blankPlaceholders replaces each "${...}" by placeholderMark, so that the
// colons and stars inside ${AWS::Region} or ${a*b} count for nothing.
func blankPlaceholders(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for {
		start := strings.Index(s, "${")
		if start < 0 {
			break
		}
		end := strings.IndexByte(s[start+2:], '}')
		if end < 0 {
			break
		}
		b.WriteString(s[:start])
		b.WriteString(placeholderMark)
		s = s[start+2+end+1:]
	}
	b.WriteString(s)
	return b.String()
}
