package lint

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/apigwlint/apigwlint/lint/functions"
)

// refused are built-ins a rule may not call even though OPA marks them
// deterministic: they reach outside the document being linted.
var refused = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
	"trace":              true,
}

// Capabilities returns the capabilities rules compile against: OPA's
// built-ins minus everything that touches the network, the clock or
// randomness, plus apigwlint's own functions. A rule is then a pure function
// of its input, so the same repository always gives the same findings. The
// Rego tests compile against the same, so none can lean on a refused
// built-in.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), refusedBuiltin)
	caps.Builtins = append(caps.Builtins, functions.Builtins()...)
	caps.AllowNet = []string{}
	return caps
}

// Refused reports whether the sandbox removes the OPA built-in called name,
// so that an error can say "refused" rather than "undefined".
func Refused(name string) bool {
	b, ok := ast.BuiltinMap[name]
	return ok && refusedBuiltin(b)
}

func refusedBuiltin(b *ast.Builtin) bool { return b.Nondeterministic || refused[b.Name] }
