package lint

import (
	"context"
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/apigwlint/apigwlint/lint/position"
	"github.com/apigwlint/apigwlint/lint/source"
	"github.com/apigwlint/apigwlint/schemas"
)

// Lint checks one document: the schema, then every enabled rule. The
// findings come back located and sorted. An error means the rules could not
// be evaluated (a deadline, a broken user rule), not that the policy is bad.
func (e *Engine) Lint(ctx context.Context, doc *source.Document) ([]Finding, error) {
	problems := doc.Problems
	if doc.Policy != nil {
		problems = slices.Clone(problems)
		for _, v := range schemas.ValidatePolicy(doc.Policy) {
			problems = append(problems, source.Problem{Rule: "invalid-policy", Path: v.Path, OnKey: v.OnKey, Message: v.Message})
		}
	}
	input, err := inputValue(doc, problems)
	if err != nil {
		return nil, fmt.Errorf("%s: build rule input: %w", doc.Path, err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	rs, err := e.pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalVirtualCache(newRefCache()))
	if err != nil {
		return nil, fmt.Errorf("%s: evaluate rules: %w", doc.Path, err)
	}
	raws, err := decodeFindings(rs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Path, err)
	}
	out := make([]Finding, 0, len(raws))
	for _, r := range raws {
		f, err := e.locate(doc, r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", doc.Path, err)
		}
		out = append(out, f)
	}
	SortFindings(out)
	return out, nil
}

// locate turns a rule's path into a position in the file and attaches the
// rule's metadata.
func (e *Engine) locate(doc *source.Document, r rawFinding) (Finding, error) {
	rule, ok := e.registry.byName[r.Rule]
	if !ok {
		return Finding{}, fmt.Errorf("rule %q returned a finding but has no METADATA", r.Rule)
	}
	sev := rule.Severity
	if s, ok := e.opts.Severity[rule.Name]; ok {
		sev = s
	} else if r.Severity != "" {
		// A rule may lower its own severity for one finding (a partial
		// overlap is worth a warning where a full one is an error).
		lowered, err := ParseSeverity(r.Severity)
		if err != nil {
			return Finding{}, fmt.Errorf("rule %s: %w", rule.Name, err)
		}
		sev = min(sev, lowered)
	}
	ptr := position.Pointer(r.Path...)
	span, exact := resolve(doc, ptr, r.On)
	return Finding{
		Rule:     rule,
		Severity: sev,
		File:     doc.Path,
		Span:     span,
		Exact:    exact,
		Pointer:  ptr,
		Message:  r.Message,
		Source:   doc.Index.File().Line(span.Start.Line),
		// Hashed here, where the file's bytes are at hand, so that printers
		// and baselines can fingerprint findings without reading files.
		ValueHash: valueHash(doc.Index.File().Bytes(), span.Start.Offset, span.End.Offset),
	}, nil
}

// resolve finds the span of a rule's path: in the policy, or in the target
// description when the rule put the finding "on" the target. A target path
// the front end did not index lands on the whole policy, inexactly.
func resolve(doc *source.Document, ptr, on string) (position.Span, bool) {
	if on != "target" {
		return doc.Index.Resolve(ptr, on == "key")
	}
	if doc.TargetIndex != nil {
		return doc.TargetIndex.Resolve(ptr, false)
	}
	span, _ := doc.Index.Resolve("", false)
	return span, false
}

// inputValue builds the rule input as an OPA value directly, with no JSON
// round trip.
func inputValue(doc *source.Document, problems []source.Problem) (ast.Value, error) {
	policy, err := ast.InterfaceToValue(doc.Policy)
	if err != nil {
		return nil, err
	}
	terms := make([]*ast.Term, 0, len(problems))
	for _, p := range problems {
		path, err := ast.InterfaceToValue(p.Path)
		if err != nil {
			return nil, err
		}
		if p.Path == nil {
			path = ast.NewArray()
		}
		obj := ast.NewObject(
			ast.Item(ast.StringTerm("rule"), ast.StringTerm(p.Rule)),
			ast.Item(ast.StringTerm("path"), ast.NewTerm(path)),
			ast.Item(ast.StringTerm("message"), ast.StringTerm(p.Message)),
		)
		if p.OnKey {
			obj.Insert(ast.StringTerm("on"), ast.StringTerm("key"))
		}
		terms = append(terms, ast.NewTerm(obj))
	}
	t := doc.Target
	deployments := make([]*ast.Term, 0, len(t.Deployments))
	for _, d := range t.Deployments {
		deployments = append(deployments, ast.ObjectTerm(
			ast.Item(ast.StringTerm("resource"), ast.StringTerm(d.Resource)),
			ast.Item(ast.StringTerm("has_triggers"), ast.BooleanTerm(d.HasTriggers)),
			ast.Item(ast.StringTerm("triggers_policy"), ast.BooleanTerm(d.TriggersPolicy)),
			ast.Item(ast.StringTerm("policy"), ast.StringTerm(d.Policy)),
		))
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("policy"), ast.NewTerm(policy)),
		ast.Item(ast.StringTerm("target"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("kind"), ast.StringTerm(t.Kind)),
			ast.Item(ast.StringTerm("endpoint"), ast.StringTerm(t.Endpoint)),
			ast.Item(ast.StringTerm("resource"), ast.StringTerm(t.Resource)),
			ast.Item(ast.StringTerm("type"), ast.StringTerm(t.Type)),
			ast.Item(ast.StringTerm("deployments"), ast.ArrayTerm(deployments...)),
		)),
		ast.Item(ast.StringTerm("file"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("path"), ast.StringTerm(doc.Path)),
			ast.Item(ast.StringTerm("format"), ast.StringTerm(string(doc.Format))),
		)),
		ast.Item(ast.StringTerm("problems"), ast.ArrayTerm(terms...)),
	), nil
}
