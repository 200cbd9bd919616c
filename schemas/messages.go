package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// problem is one failing keyword, seen from the policy: where, what value, and
// which keyword of the schema definition rejected it.
type problem struct {
	path    []any
	value   any
	keyword string
}

// Examples used in several messages, kept in one place so they stay alike.
const (
	exampleAction    = `"execute-api:Invoke"`
	exampleResource  = `"execute-api:/*"`
	exampleCondition = `{"aws:SourceIp": ["203.0.113.0/24"]}`
	examplePrincipal = `{"AWS": "arn:aws:iam::123456789012:root"}`
)

// valueMessages says, per schema definition ($defs name, "" for the root),
// what is wrong with a value that definition rejected. Definitions are small
// and single-purpose, so the definition alone (plus the keyword, where a
// definition checks more than one thing) determines the message.
var valueMessages = map[string]func(p problem) string{
	"": func(p problem) string {
		return fmt.Sprintf(`policy must be a JSON object with a "Statement" member, not %s`, describe(p.value))
	},
	"version": func(p problem) string {
		return fmt.Sprintf(`Version must be "2012-10-17" or "2008-10-17", not %s`, describe(p.value))
	},
	"id":  mustBeString,
	"sid": mustBeString,
	"statementList": func(problem) string {
		return "Statement must be an object or a non-empty list of objects"
	},
	"statement": func(p problem) string {
		return fmt.Sprintf("each statement must be an object, not %s", describe(p.value))
	},
	"effect": func(p problem) string {
		return fmt.Sprintf(`Effect must be "Allow" or "Deny", not %s`, describe(p.value))
	},
	"principal": func(p problem) string {
		return fmt.Sprintf(`%s must be "*" or an object such as %s, not %s`, lastKey(p.path), examplePrincipal, describe(p.value))
	},
	"principalIds": func(p problem) string {
		return listMessage(p, principalName(p.path), "name at least one principal or remove it")
	},
	"principalId": func(p problem) string {
		return fmt.Sprintf("%s entries must be strings, not %s", principalName(p.path), describe(p.value))
	},
	"actionList": func(p problem) string {
		return listMessage(p, lastKey(p.path), "add at least one action such as "+exampleAction)
	},
	"action": entriesMustBeStrings,
	"actionPattern": func(p problem) string {
		return fmt.Sprintf(`%s %s is not "*" or "service:action": write it like %s`, lastKey(p.path), describe(p.value), exampleAction)
	},
	"resourceList": func(p problem) string {
		return listMessage(p, lastKey(p.path), "add at least one resource such as "+exampleResource)
	},
	"resource": entriesMustBeStrings,
	"resourcePattern": func(p problem) string {
		return fmt.Sprintf(`%s %s is not an ARN: use "execute-api:/stage/VERB/path" or a full arn:aws:execute-api ARN`, lastKey(p.path), describe(p.value))
	},
	"condition": func(p problem) string {
		return fmt.Sprintf(`Condition must map operators to condition keys, such as {"IpAddress": %s}, not %s`, exampleCondition, describe(p.value))
	},
	"conditionBlock": func(p problem) string {
		return fmt.Sprintf("condition operator %s must map condition keys to values, such as %s, not %s", quote(lastKey(p.path)), exampleCondition, describe(p.value))
	},
	"conditionValue": func(p problem) string {
		key := quote(lastKey(p.path))
		switch {
		case p.keyword == "minItems":
			return fmt.Sprintf("condition key %s has an empty list: give at least one value or remove the key", key)
		case inList(p.path):
			return fmt.Sprintf("condition key %s values must be strings, numbers or booleans, not %s", key, describe(p.value))
		}
		return fmt.Sprintf("condition key %s must have a string, number, boolean or a non-empty list of them, not %s", key, describe(p.value))
	},
}

// keyMessages are for definitions that check member names (propertyNames):
// those findings belong on the key.
var keyMessages = map[string]func(p problem) string{
	"conditionOperator": func(p problem) string { return operatorMessage(lastKey(p.path)) },
}

func valueMessage(def string, p problem) string {
	if f, ok := valueMessages[def]; ok {
		return f(p)
	}
	return fallbackMessage(p.value)
}

func keyMessage(def string, p problem) (string, bool) {
	f, ok := keyMessages[def]
	if !ok {
		return "", false
	}
	return f(p), true
}

// fallbackMessage is for a schema failure no translation covers. The tests
// and the fuzz target fail if it ever appears, so it marks a missing case
// rather than something a user should normally read.
func fallbackMessage(value any) string {
	return fmt.Sprintf("%s does not fit the policy grammar here", describe(value))
}

func mustBeString(p problem) string {
	return fmt.Sprintf("%s must be a string, not %s", lastKey(p.path), describe(p.value))
}

func entriesMustBeStrings(p problem) string {
	return fmt.Sprintf("%s entries must be strings, not %s", lastKey(p.path), describe(p.value))
}

// listMessage covers the "string or non-empty list of strings" members.
func listMessage(p problem, name, fillEmpty string) string {
	if p.keyword == "minItems" {
		return fmt.Sprintf("%s is an empty list: %s", name, fillEmpty)
	}
	return fmt.Sprintf("%s must be a string or a non-empty list of strings, not %s", name, describe(p.value))
}

// missingHints name a fix for each member a statement or policy must have.
var missingHints = map[string]string{
	"Statement": `policy has no Statement: add "Statement" with at least one statement`,
	"Effect":    `statement has no Effect: add "Effect": "Allow" or "Effect": "Deny"`,
	"Principal": `statement has no Principal: add "Principal": "*" or name the accounts allowed`,
	"Action":    `statement has no Action: add "Action": ` + exampleAction,
	"Resource":  `statement has no Resource: add "Resource": ` + exampleResource,
}

func missingMessage(def, name string) string {
	if hint, ok := missingHints[name]; ok {
		return hint
	}
	owner := "statement"
	if def == "" {
		owner = "policy"
	}
	return fmt.Sprintf("%s has no %s: add it", owner, name)
}

// missingAllMessage names every member a statement lacks, in the grammar's
// order, with the fix for each.
func missingAllMessage(names []string) string {
	order := map[string]int{"Statement": 0, "Effect": 1, "Principal": 2, "Action": 3, "Resource": 4}
	names = slices.Clone(names)
	slices.SortFunc(names, func(a, b string) int { return order[a] - order[b] })
	var adds []string
	for _, n := range names {
		hint := missingMessage("statement", n)
		if _, fix, ok := strings.Cut(hint, ": "); ok {
			adds = append(adds, fix)
		}
	}
	return fmt.Sprintf("statement has no %s: %s", strings.Join(names, " and no "), strings.Join(adds, "; "))
}

func bothMessage(present []string) string {
	return fmt.Sprintf("statement has both %s: keep one", strings.Join(present, " and "))
}

// memberRules describes an object whose members the schema closes
// (additionalProperties: false). known must list the schema's properties;
// a test keeps the two in step.
type memberRules struct {
	noun      string   // what a member is called in a message
	known     []string // every allowed member, in the order people write them
	otherwise string   // advice when no known member is close to the unknown one
}

var objectRules = map[string]memberRules{
	"": {
		noun:      "policy member",
		known:     []string{"Version", "Id", "Statement"},
		otherwise: "remove it; a policy may only have Version, Id and Statement",
	},
	"statement": {
		noun:      "statement member",
		known:     []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"},
		otherwise: "remove it; a statement may only have Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, and Condition",
	},
	"principal": {
		noun:      "principal type",
		known:     []string{"AWS", "Federated", "Service", "CanonicalUser"},
		otherwise: "use AWS, Federated, Service or CanonicalUser",
	},
}

// unknownMessage words the finding for an unknown member and returns the
// suggested member among candidates, "" when none is close.
func (r memberRules) unknownMessage(name string, candidates []string) (string, string) {
	if s, ok := closest(name, candidates); ok {
		return fmt.Sprintf("unknown %s %s: did you mean %s?", r.noun, quote(name), quote(s)), s
	}
	return fmt.Sprintf("unknown %s %s: %s", r.noun, quote(name), r.otherwise), ""
}

// baseOperators are the IAM condition operators (DOMAIN.md §1.4), without the
// ForAllValues:/ForAnyValue: prefixes and the IfExists suffix.
var baseOperators = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

var setPrefixes = []string{"", "ForAllValues:", "ForAnyValue:"}

// operatorNames lists every accepted spelling, for suggestions; a test checks
// the schema accepts each of them.
var operatorNames = func() []string {
	var names []string
	for _, prefix := range setPrefixes {
		for _, op := range baseOperators {
			names = append(names, prefix+op)
			if op != "Null" {
				names = append(names, prefix+op+"IfExists")
			}
		}
	}
	return names
}()

func operatorMessage(name string) string {
	head := fmt.Sprintf("condition operator %s is not an IAM operator", quote(name))
	for _, prefix := range setPrefixes[1:] {
		if base, ok := strings.CutPrefix(name, prefix); ok && base == "NullIfExists" {
			return fmt.Sprintf("%s: Null takes no IfExists suffix, use %s", head, quote(prefix+"Null"))
		}
	}
	if name == "NullIfExists" {
		return head + `: Null takes no IfExists suffix, use "Null"`
	}
	if s, ok := closest(name, operatorNames); ok {
		return fmt.Sprintf("%s: did you mean %s?", head, quote(s))
	}
	return head + `: use one such as "StringEquals", "IpAddress" or "NotIpAddress"`
}

// maxQuoted keeps messages readable when the offending value is a whole
// document pasted into one string.
const maxQuoted = 80

// quote writes s as a JSON string, the way it looks in the policy, shortened
// if long.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)   // "<" is clearer than "\u003c" in a message
	_ = enc.Encode(shorten(s)) // encoding a string cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// shorten cuts s to maxQuoted runes, marking the cut with an ellipsis.
func shorten(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		return string(r[:maxQuoted-1]) + "…"
	}
	return s
}

// describe names a value for a message: scalars as written in JSON,
// containers by kind.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case json.Number:
		return shorten(string(v))
	case bool:
		return fmt.Sprint(v)
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("a Go %T", v)
}

// lastKey is the nearest member name on path, skipping array indexes: for
// ["Statement", 0, "Action", 2] it is "Action".
// inList reports whether a path ends at a list element.
func inList(path []any) bool {
	if len(path) == 0 {
		return false
	}
	_, ok := path[len(path)-1].(int)
	return ok
}

func lastKey(path []any) string {
	for i := len(path) - 1; i >= 0; i-- {
		if s, ok := path[i].(string); ok {
			return s
		}
	}
	return "policy"
}

// principalName is "Principal.AWS" for a path through Principal's AWS member.
func principalName(path []any) string {
	var keys []string
	for i := len(path) - 1; i >= 0 && len(keys) < 2; i-- {
		if s, ok := path[i].(string); ok {
			keys = append([]string{s}, keys...)
		}
	}
	return strings.Join(keys, ".")
}
