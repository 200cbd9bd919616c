package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/apigwlint/apigwlint/lint"
)

func (e *env) newCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Scaffold a new rule",
		Example: `  apigwlint new rule require-sid --code ORG001 --dir policy/rules
  apigwlint new rule open-principal --category resource`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(e.newRuleCommand())
	return cmd
}

type newRuleFlags struct {
	category, code, dir string
}

func (e *env) newRuleCommand() *cobra.Command {
	var fl newRuleFlags
	cmd := &cobra.Command{
		Use:   "rule NAME",
		Short: "Write the files of a new rule: the rule, its tests, its docs page, its fixtures",
		Long: `Rule writes a folder NAME holding NAME.rego (METADATA and a findings rule
to fill in), NAME_test.rego (Rego tests that pass as written), README.md (the
docs page headings) and testdata/bad.json and good.json (fixtures with a
"// want" comment).

With --category custom (the default) the rule is one of yours, package
apigwlint.custom["NAME"], written under --dir (default .); run it with
apigwlint lint --rules DIR. With another category it is a built-in rule of
apigwlint, package apigwlint.rules.CATEGORY["NAME"], written under
--dir/CATEGORY (default rules/CATEGORY), and --code defaults to the next free
code of the category.`,
		Example: `  apigwlint new rule require-sid --code ORG001 --dir policy/rules
  apigwlint rules test policy/rules
  apigwlint new rule open-principal --category resource`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runNewRule(cmd, fl, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.category, "category", "custom", "rule `CATEGORY`: custom for your own rules, or a folder under rules/")
	f.StringVar(&fl.code, "code", "", "the rule's stable `CODE`: letters and three digits (default: CUS001 for custom, else the next free code of the category)")
	f.StringVar(&fl.dir, "dir", "", "where to write the rule folder (default: . for custom, rules for built-in rules)")
	return cmd
}

var (
	kebab    = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	codeForm = regexp.MustCompile(`^[A-Z]{2,4}[0-9]{3}$`)
)

func (e *env) runNewRule(cmd *cobra.Command, fl newRuleFlags, name string) error {
	if !kebab.MatchString(name) {
		return usageErrorf("rule name %q must be kebab-case and name the bad thing, e.g. missing-deny-clause", name)
	}
	if !kebab.MatchString(fl.category) {
		return usageErrorf("--category %q must be a lower-case word, e.g. resource", fl.category)
	}
	custom := fl.category == "custom"
	dir := fl.dir
	switch {
	case dir == "" && custom:
		dir = "."
	case dir == "":
		dir = "rules"
	}
	if !custom {
		dir = filepath.Join(dir, fl.category)
	}
	code, err := e.ruleCode(cmd, fl, custom)
	if err != nil {
		return err
	}
	folder := filepath.Join(dir, name)
	if _, err := os.Stat(folder); err == nil {
		return usageErrorf("%s already exists: choose another name or remove it", folder)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return internalError(err)
	}
	data := scaffold{Name: name, File: strings.ReplaceAll(name, "-", "_"), Category: fl.category, Code: code, Package: `apigwlint.custom["` + name + `"]`}
	data.TestPackage = `apigwlint.custom["` + name + `_test"]`
	if !custom {
		data.Package = "apigwlint.rules." + fl.category + `["` + name + `"]`
		data.TestPackage = "apigwlint.rules." + fl.category + `["` + name + `_test"]`
	}
	return e.writeScaffold(folder, data)
}

// ruleCode is --code, or a default: CUS001 for a user rule, the next free
// code of the category for a built-in one.
func (e *env) ruleCode(cmd *cobra.Command, fl newRuleFlags, custom bool) (string, error) {
	if fl.code != "" {
		code := strings.ToUpper(fl.code)
		if !codeForm.MatchString(code) {
			return "", usageErrorf("--code %q must be two to four letters and three digits, e.g. AG104", fl.code)
		}
		return code, nil
	}
	if custom {
		return "CUS001", nil
	}
	eng, err := lint.New(cmd.Context(), lint.Options{})
	if err != nil {
		return "", internalError(err)
	}
	last := ""
	for _, r := range eng.Registry().Rules() {
		if r.Category == fl.category {
			last = max(last, r.Code)
		}
	}
	if last == "" {
		return "", usageErrorf("category %q has no rule yet: give the first code with --code", fl.category)
	}
	var n int
	if _, err := fmt.Sscanf(last[len(last)-3:], "%d", &n); err != nil {
		return "", internalError(err)
	}
	return fmt.Sprintf("%s%03d", last[:len(last)-3], n+1), nil
}

type scaffold struct {
	Name, File, Category, Code, Package, TestPackage string
}

func (e *env) writeScaffold(folder string, data scaffold) error {
	files := []struct{ name, tmpl string }{
		{data.File + ".rego", regoTemplate},
		{data.File + "_test.rego", testTemplate},
		{"README.md", readmeTemplate},
		{filepath.Join("testdata", "bad.json"), badTemplate},
		{filepath.Join("testdata", "good.json"), goodTemplate},
	}
	if err := os.MkdirAll(filepath.Join(folder, "testdata"), 0o755); err != nil {
		return internalError(err)
	}
	for _, f := range files {
		var b strings.Builder
		if err := template.Must(template.New(f.name).Parse(f.tmpl)).Execute(&b, data); err != nil {
			return internalError(err)
		}
		p := filepath.Join(folder, f.name)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return internalError(err)
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(p))
	}
	fmt.Fprintf(e.stdout, "next: fill in the TODOs, then run apigwlint rules test %s\n", filepath.ToSlash(folder))
	return nil
}

const regoTemplate = `# METADATA
# title: TODO one line, sentence case, no period
# description: |
#   TODO why this matters, in one to three sentences.
# custom:
#   code: {{.Code}}
#   severity: warning
package {{.Package}}

import data.apigwlint.lib.policy
import data.apigwlint.lib.report

# TODO replace the condition: report the path of the offending value and a message that
# names it and says what to write instead.
findings contains report.at(s.path, "statement has the TODO effect: say what to write instead") if {
	some s in policy.statements
	s.effect == "TODO"
}
`

const testTemplate = `package {{.TestPackage}}

import data.{{.Package}} as rule

test_fires_on_the_bad_thing if {
	got := rule.findings with input as {"policy": {"Statement": [{"Effect": "TODO"}]}}
	got == {{"{{"}}"path": ["Statement", 0], "message": "statement has the TODO effect: say what to write instead"{{"}}"}}
}

test_silent_on_a_good_policy if {
	count(rule.findings) == 0 with input as {"policy": {"Statement": [{"Effect": "Allow"}]}}
}
`

const readmeTemplate = `# {{.Name}} ({{.Code}})

**TODO title** · category: {{.Category}} · default severity: warning

## What it does

TODO what the rule reports.

## Why is this bad?

TODO what goes wrong in production when a policy does this.

## Example

Avoid:

` + "```json" + `
{"Statement": [{"Effect": "TODO", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}
` + "```" + `

Use instead:

` + "```json" + `
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}
` + "```" + `

## References

- TODO the AWS documentation the rule rests on
`

const badTemplate = `{
  "Statement": [
    {"Effect": "TODO", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"} // want {{.Code}} "TODO effect"
  ]
}
`

const goodTemplate = `{
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
  ]
}
`
