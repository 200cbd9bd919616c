// Package cli is the apigwlint command line: flag parsing, output selection
// and exit codes around the lint engine. cmd/apigwlint only calls Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Version is the apigwlint version, set at build time with
// -ldflags "-X github.com/apigwlint/apigwlint/internal/cli.Version=v1.2.3".
var Version = "devel"

// env is what a command may touch of the outside world, so tests can run
// the CLI in-process.
type env struct {
	stdout, stderr io.Writer
	isTerminal     func(w io.Writer) bool
	getenv         func(string) string
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, isTerminal: isTerminal, getenv: os.Getenv}
	return e.run(context.Background(), args)
}

func (e *env) run(ctx context.Context, args []string) int {
	root := e.rootCommand()
	root.SetArgs(args)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil && ee.Code != ExitFindings {
			fmt.Fprintf(e.stderr, "apigwlint: %v\n", ee.Err)
		}
		return ee.Code
	}
	// Anything cobra itself rejects (unknown flag, bad argument) is usage.
	fmt.Fprintf(e.stderr, "apigwlint: %v\nRun 'apigwlint --help' for usage.\n", err)
	return ExitUsage
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "apigwlint",
		Short: "Lint Amazon API Gateway REST API resource policies",
		Long: `apigwlint finds Amazon API Gateway resource policies in a repository and
reports the ways they fail silently: an IP allowlist that same-account IAM
callers bypass, a private CIDR under aws:SourceIp that never matches, a
wildcard ARN that grants more than meant, a policy on an HTTP API that does
nothing at all. Every finding points at the file, line and column of the
offending value.

Exit codes: 0 no finding at or above --fail-level, 1 findings, 2 usage or
configuration error, 3 internal failure.`,
		Example: `  apigwlint lint                     lint every policy under the current directory
  apigwlint lint policy.json infra/  lint one file and one folder
  apigwlint lint --format json .     machine-readable findings
  apigwlint lint -f text -f sarif=apigwlint.sarif .   text, and SARIF for code scanning
  apigwlint lint --baseline .apigwlint-baseline.json  only findings not accepted yet
  apigwlint eval --source-ip 81.2.69.170 policy.json   would this request get in?
  apigwlint access policy.json       from which addresses can anonymous callers get in?
  apigwlint rules test policy/rules  run the tests of your own Rego rules
  apigwlint new rule require-sid     scaffold a rule
  apigwlint rules                    list every rule
  apigwlint explain AG101            print the docs page of a rule`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.AddCommand(e.lintCommand(), e.rulesCommand(), e.explainCommand(), e.evalCommand(), e.accessCommand(), e.newCommand(), e.versionCommand())
	return root
}
