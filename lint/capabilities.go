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

// sandboxed returns the capabilities rules compile against: OPA's built-ins
// minus everything that touches the network, the clock or randomness, plus
// apigwlint's own functions. A rule is then a pure function of its input, so
// the same repository always gives the same findings.
func sandboxed() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return b.Nondeterministic || refused[b.Name]
	})
	caps.Builtins = append(caps.Builtins, functions.Builtins()...)
	caps.AllowNet = []string{}
	return caps
}
