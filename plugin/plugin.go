// Package plugin registers apigwlint as a golangci-lint module plugin.
//
// A custom golangci-lint built with `golangci-lint custom` from the
// repository's .custom-gcl.yml imports this package, whose init registers
// the plugin; enable it in .golangci.yml:
//
//	linters:
//	  enable: [apigwlint]
//	  settings:
//	    custom:
//	      apigwlint:
//	        type: module
//	        description: API Gateway resource policies written in Go
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/apigwlint/apigwlint/lint/analyzer"
)

func init() {
	register.Plugin("apigwlint", New)
}

// Settings are the plugin's settings in .golangci.yml. There are none yet;
// decoding into an empty struct rejects misspelt ones.
type Settings struct{}

// New returns the plugin for the settings golangci-lint read.
func New(settings any) (register.LinterPlugin, error) {
	if _, err := register.DecodeSettings[Settings](settings); err != nil {
		return nil, fmt.Errorf("apigwlint settings: %w", err)
	}
	return linter{}, nil
}

type linter struct{}

// BuildAnalyzers returns the apigwlint analyzer.
func (linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.Analyzer}, nil
}

// GetLoadMode asks for type information: policy fields are recognised by
// the package that declares them.
func (linter) GetLoadMode() string { return register.LoadModeTypesInfo }
