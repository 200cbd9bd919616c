// Package rules is the embedded Rego bundle of apigwlint: the .manifest,
// the dispatch package (main/), the shared helpers (lib/) and one folder per
// rule (<category>/<rule-name>/) holding the rule, its Rego tests and its
// README.md docs page. Fixtures under testdata/ are not embedded.
//
// The engine compiles every .rego file of FS except *_test.rego; rule
// metadata (code, title, severity) comes from each rule's METADATA block.
package rules

import "embed"

// FS holds the bundle, rooted at this directory: ".manifest",
// "main/main.rego", "lib/policy.rego", "<category>/<rule-name>/<rule_name>.rego",
// "<category>/<rule-name>/README.md", and the *_test.rego files beside them.
//
//go:embed .manifest */*.rego */*/*.rego */*/README.md
var FS embed.FS
