package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/apigwlint/apigwlint/lint/analyzer"
)

func TestSDKv2(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "sdkv2")
}

func TestSDKv1(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "sdkv1")
}

func TestConcatenation(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "concat")
}

func TestSilent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "silent")
}

func TestCDK(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "cdk")
}

func TestEmbed(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "embedpol")
}

// TestSuggestedFixes applies the fixes the analyzer offers and compares
// the result with fix.go.golden: host bits cleared in a Go string policy
// (raw and escaped literals) and in a CDK document.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, "fix")
}
