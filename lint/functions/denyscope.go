package functions

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/apigwlint/apigwlint/lint/access"
)

var denyScopeDecl = &rego.Function{
	Name: "apigwlint.policy.deny_scope",
	Description: "Checks that the Denies which restrict callers cover what the Allows grant. Takes the policy, " +
		"rules/lib's Allows and Denies, and the operators that restrict callers per key (lower case). " +
		"It picks the Denies with such a condition and the Allows they back (those with no source " +
		"restriction of their own on a key no such Deny restricts), and returns " +
		`{"denies": [statement], "allows": [statement], "gaps": [{"allow" (statement), "element", "value" (index or null), ` +
		`"stage", "any_stage", "method", "path", "level"}], "no_invoke": [statement]}` + ": the Denies and Allows it " +
		"picked (both empty when either would be), one gap per picked Allow whose Action covers execute-api:Invoke " +
		"and that grants a request no picked Deny's Resource may cover (level stage, method or path: how much " +
		"around it is uncovered), and the picked Denies whose Action certainly misses execute-api:Invoke.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("policy", types.A).Description("the policy document"),
			types.Named("allows", types.NewArray(nil, types.A)).Description("data.apigwlint.lib.policy.allows"),
			types.Named("denies", types.NewArray(nil, types.A)).Description("data.apigwlint.lib.policy.denies"),
			types.Named("restricting", types.NewObject(nil, types.NewDynamicProperty(types.S, types.NewSet(types.S)))).
				Description("per condition key in lower case, the operators with which a Deny restricts callers"),
		),
		types.Named("scope", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).Description("what the Denies leave open"),
	),
	// Not memoized: OPA keys its memo on the arguments rendered as text,
	// which costs more than the call, and no call repeats within a document.
	Memoize: false,
}

// denyScope runs lint/access's resource automaton, which reads Resource
// patterns exactly as the evaluator does, on the statements selectScope
// picks. It is called once per document.
func denyScope(bctx rego.BuiltinContext, doc, allows, denies, restricting *ast.Term) (*ast.Term, error) {
	sel := selectScope(allows, denies, restricting)
	if len(sel.denies) == 0 || len(sel.allows) == 0 {
		return scopeTerm(scopeSelection{}, nil, nil), nil
	}
	if plainlyScoped(sel.allows, sel.denies) {
		return scopeTerm(sel, nil, nil), nil
	}
	v, err := withoutConditions(doc.Value)
	if err != nil {
		return nil, fmt.Errorf("apigwlint.policy.deny_scope: %w", err)
	}
	anchorAPI(v)
	p := access.Parse(v)
	var noInvoke []*ast.Term
	for k, i := range sel.denyIx {
		if p.CoversInvoke(i) == access.No {
			noInvoke = append(noInvoke, sel.denies[k])
		}
	}
	var gaps []*ast.Term
	scope := p.Scope(sel.denyIx)
	for k, i := range sel.allowIx {
		// Each search is bounded, but a document may hold many Allows: the
		// engine's per-document deadline ends the work between two of them.
		if bctx.Context != nil && bctx.Context.Err() != nil {
			return nil, fmt.Errorf("apigwlint.policy.deny_scope: %w", bctx.Context.Err())
		}
		if p.CoversInvoke(i) != access.Yes {
			continue
		}
		if g, ok := scope.Gap(i); ok {
			gaps = append(gaps, gapTerm(sel.allows[k], g))
		}
	}
	return scopeTerm(sel, gaps, noInvoke), nil
}

func scopeTerm(sel scopeSelection, gaps, noInvoke []*ast.Term) *ast.Term {
	return ast.ObjectTerm(
		item("denies", ast.ArrayTerm(sel.denies...)),
		item("allows", ast.ArrayTerm(sel.allows...)),
		item("gaps", ast.ArrayTerm(gaps...)),
		item("no_invoke", ast.ArrayTerm(noInvoke...)),
	)
}

// withoutConditions converts the policy to Go values for lint/access, less
// every statement's Condition: scope and actions do not depend on it, and
// its CIDR lists are most of a policy's text, so converting them was most
// of the cost of a call.
func withoutConditions(policy ast.Value) (any, error) {
	root, ok := policy.(ast.Object)
	if !ok {
		return ast.JSON(policy)
	}
	st := root.Get(term("Statement"))
	if st == nil {
		return map[string]any{}, nil
	}
	list, ok := st.Value.(*ast.Array)
	if !ok {
		s, err := statementWithoutCondition(st.Value)
		return map[string]any{"Statement": s}, err
	}
	out := make([]any, list.Len())
	for i := range list.Len() {
		s, err := statementWithoutCondition(list.Elem(i).Value)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return map[string]any{"Statement": out}, nil
}

func statementWithoutCondition(v ast.Value) (any, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return ast.JSON(v)
	}
	out := make(map[string]any, obj.Len())
	err := obj.Iter(func(k, member *ast.Term) error {
		name, ok := k.Value.(ast.String)
		if !ok || name == "Condition" {
			return nil
		}
		x, err := ast.JSON(member.Value)
		out[string(name)] = x
		return err
	})
	return out, err
}

func gapTerm(allow *ast.Term, g access.ScopeGap) *ast.Term {
	value := ast.NullTerm()
	if g.Value >= 0 {
		value = ast.InternedTerm(g.Value)
	}
	return ast.ObjectTerm(
		item("allow", allow),
		item("element", ast.StringTerm(g.Element)),
		item("value", value),
		item("stage", ast.StringTerm(g.Stage)),
		item("any_stage", ast.BooleanTerm(g.AnyStage)),
		item("method", ast.StringTerm(g.Method)),
		item("path", ast.StringTerm(g.Path)),
		item("level", ast.StringTerm(g.Level)),
	)
}

// anchorAPI gives a name to the API an infrastructure placeholder stands
// for. Terraform writes "${aws_api_gateway_rest_api.x.execution_arn}/*" and
// CloudFormation "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*";
// read as opaque, such a Resource grants nothing for certain and no gap
// could ever be shown. When every Resource that starts with a placeholder
// starts with the same one, and no Resource names an API literally, that
// placeholder is this API, as "execute-api:/" is: the same text is the
// same value. It is replaced by the API's ARN in every Resource and
// NotResource; other placeholders stay opaque.
func anchorAPI(doc any) {
	head, ok := "", true
	mapResources(doc, func(s string) string {
		h, kind := apiHead(s)
		switch {
		case kind == headLiteral:
			ok = false
		case kind != headPlaceholder:
		case head == "":
			head = h
		case head != h:
			ok = false
		}
		return s
	})
	if !ok || head == "" {
		return
	}
	arn := "arn:" + access.DefaultPartition + ":execute-api:" + access.DefaultRegion + ":" + access.DefaultAccount + ":" + access.DefaultAPIID
	mapResources(doc, func(s string) string {
		if h, kind := apiHead(s); kind == headPlaceholder && h == head {
			return arn + s[len(h):]
		}
		return s
	})
}

// What the part of a Resource before the first "/" says about the API.
const (
	headOther       = iota // a wildcard, a shorthand, or not an ARN
	headLiteral            // an execute-api ARN naming an API id literally
	headPlaceholder        // a placeholder, or an execute-api ARN built of placeholders and literals
)

// apiHead returns the API part of a Resource value (up to the first "/",
// or without its trailing stars when there is none) and its kind.
func apiHead(s string) (string, int) {
	h, _, found := strings.Cut(s, "/")
	if !found {
		h = strings.TrimRight(s, "*")
	}
	if !strings.Contains(h, "${") {
		parts := strings.Split(h, ":")
		if len(parts) == 6 && parts[0] == "arn" && parts[2] == "execute-api" && parts[5] != "" && !strings.ContainsAny(parts[5], "*?") {
			return h, headLiteral
		}
		return h, headOther
	}
	if strings.HasPrefix(h, "${") && strings.Index(h, "}") == len(h)-1 {
		return h, headPlaceholder
	}
	parts := splitOutsidePlaceholders(h)
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "execute-api" && !strings.ContainsAny(h, "*?") {
		return h, headPlaceholder
	}
	return h, headOther
}

// splitOutsidePlaceholders splits an ARN at the colons that are not inside
// a "${...}", such as the one in ${AWS::Region}.
func splitOutsidePlaceholders(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "${"):
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// mapResources replaces every string of every statement's Resource and
// NotResource by what f returns for it.
func mapResources(doc any, f func(string) string) {
	m, _ := doc.(map[string]any)
	var stmts []any
	switch st := m["Statement"].(type) {
	case []any:
		stmts = st
	case map[string]any:
		stmts = []any{st}
	}
	for _, st := range stmts {
		sm, _ := st.(map[string]any)
		for _, name := range []string{"Resource", "NotResource"} {
			switch v := sm[name].(type) {
			case string:
				sm[name] = f(v)
			case []any:
				for i, x := range v {
					if s, ok := x.(string); ok {
						v[i] = f(s)
					}
				}
			}
		}
	}
}
