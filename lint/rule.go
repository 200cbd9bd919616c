package lint

// Rule is a rule's metadata, read from the METADATA block of its package.
type Rule struct {
	Code        string   // stable short code, e.g. AG101; never reused
	Name        string   // kebab-case name of the bad thing, e.g. missing-deny-clause
	Category    string   // the folder under rules/, or "custom" for user rules
	Title       string   // one line, sentence case
	Description string   // why it matters
	Severity    Severity // default severity
	Doc         string   // the rule's docs page: its README.md, or one made from METADATA
	DocsURL     string   // where the docs page is published; empty for user rules
	Custom      bool     // a user rule loaded with --rules
}

// DocsBase is where rule docs pages are published; a rule's page is
// DocsBase + "/" + category + "/" + name.
const DocsBase = "https://github.com/apigwlint/apigwlint/blob/main/rules"
