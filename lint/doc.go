// Package lint is the engine of apigwlint.
//
// The data flow is: discover the files under the given paths, let
// lint/source turn each into Documents (policy, target, position index),
// check each policy against schemas/policy.schema.json, evaluate the embedded
// Rego rules on it with one prepared query shared by a pool of workers, turn
// the paths the rules return into file positions, and sort the findings.
//
// Rules never see positions and never compute severities: they return paths
// and messages, and the metadata of each rule (code, severity, title, docs)
// is read once from its METADATA block.
//
// This package parses no flags, prints nothing and never exits; the CLI and
// the go/analysis analyzer are its callers.
package lint
