// Command apigwlint-vet runs apigwlint's go/analysis analyzer: it checks the
// API Gateway REST API resource policies that Go code passes to the AWS SDK
// for Go, embeds with //go:embed, or builds with the AWS CDK for Go, with
// the same rules, codes and messages as the apigwlint command.
//
// Run it through go vet, which hands it one package at a time with the
// build's type information:
//
//	go install github.com/apigwlint/apigwlint/cmd/apigwlint-vet@latest
//	go vet -vettool=$(command -v apigwlint-vet) ./...
//
// or on its own, which loads the packages itself:
//
//	apigwlint-vet ./...
//
// Findings print as file:line:col: CODE message (rule-name). A finding in
// an embedded file is printed at its //go:embed directive, with the
// embedded file's line and column in the message.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/apigwlint/apigwlint/lint/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
