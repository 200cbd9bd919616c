package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/config"
)

func (e *env) rulesCommand() *cobra.Command {
	var ruleDirs []string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: code, name, default severity and title",
		Example: `  apigwlint rules
  apigwlint rules --rules policy/rules   your own rules too
  apigwlint explain missing-deny-clause
  apigwlint rules test policy/rules      run the Rego tests of your own rules`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reg, err := registry(cmd.Context(), ruleDirs)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CODE\tNAME\tSEVERITY\tTITLE")
			for _, r := range reg.Rules() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Severity, r.Title)
			}
			return tw.Flush()
		},
	}
	rulesFlag(cmd, &ruleDirs)
	cmd.AddCommand(e.rulesTestCommand())
	return cmd
}

// rulesFlag is --rules for the commands that describe rules: the same
// folders lint --rules runs, so that their rules are listed and explained.
func rulesFlag(cmd *cobra.Command, dirs *[]string) {
	cmd.Flags().StringArrayVar(dirs, "rules", nil, "include the Rego rules in `DIR` (package apigwlint.custom[\"name\"]); repeatable")
}

// registry is what the commands that describe rules read: the built-in
// rules and those in ruleDirs, compiled as lint compiles them, with no
// configuration, since they list every rule whether a config turns it off.
func registry(ctx context.Context, ruleDirs []string) (*lint.Registry, error) {
	eng, err := newEngine(ctx, &config.Config{}, ruleDirs)
	if err != nil {
		return nil, err
	}
	return eng.Registry(), nil
}

func (e *env) explainCommand() *cobra.Command {
	var ruleDirs []string
	cmd := &cobra.Command{
		Use:   "explain CODE|NAME",
		Short: "Print the docs page of a rule",
		Long: `Explain prints a rule's docs page: the README.md in its folder, or, for a
rule of your own without one, its METADATA title and description.`,
		Example: `  apigwlint explain AG101
  apigwlint explain private-cidr-source-ip
  apigwlint explain --rules policy/rules ORG001`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reg, err := registry(cmd.Context(), ruleDirs)
			if err != nil {
				return err
			}
			r, ok := reg.Lookup(args[0])
			if !ok {
				return usageErrorf("no rule has the code or name %q: run 'apigwlint rules' for the list", args[0])
			}
			fmt.Fprint(e.stdout, r.Doc)
			if r.DocsURL != "" {
				fmt.Fprintf(e.stdout, "\n%s\n", r.DocsURL)
			}
			return nil
		},
	}
	rulesFlag(cmd, &ruleDirs)
	return cmd
}

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the apigwlint version",
		Args:  cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			fmt.Fprintf(e.stdout, "apigwlint %s\n", Version)
		},
	}
}
