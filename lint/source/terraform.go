package source

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/apigwlint/apigwlint/lint/position"
)

// The formats of Terraform inputs.
const (
	FormatTerraform Format = "terraform" // a .tf configuration file
	FormatTFPlan    Format = "tfplan"    // the JSON of `terraform show -json`
)

// terraformHCL reads Terraform configuration files (.tf). A policy reaches
// an API through aws_api_gateway_rest_api.policy or
// aws_api_gateway_rest_api_policy.policy, written as a JSON string, a
// heredoc, jsonencode(), file(), templatefile(), an aws_iam_policy_document
// data source or a local holding one of those. Policies kept in locals or
// policy documents that nothing in the file attaches are linted too, with an
// unknown target, when they look like API Gateway resource policies.
type terraformHCL struct{}

// tfMarkers are the words without which a .tf file holds no policy of ours,
// so a scan skips it without parsing.
var tfMarkers = [][]byte{[]byte("aws_api_gateway_rest_api"), []byte("aws_iam_policy_document")}

func (terraformHCL) claims(path string, src []byte, explicit bool) bool {
	if !strings.EqualFold(filepath.Ext(path), ".tf") {
		return false
	}
	return explicit || tfRelevant(src)
}

// tfRelevant reports, without parsing, whether src may hold a policy.
func tfRelevant(src []byte) bool {
	for _, m := range tfMarkers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return bytes.Contains(src, []byte("jsonencode")) && bytes.Contains(src, []byte("Statement"))
}

// extract always recognises a .tf file, holding policies or not: no other
// front end may read HCL as JSON.
func (terraformHCL) extract(path string, f *position.File, _ bool) ([]*Document, bool) {
	m, diag := parseModule(path, f)
	if diag != nil {
		return []*Document{invalidHCL(path, f, diag)}, true
	}
	return m.documents(), true
}

// parseModule parses one .tf file. A byte order mark is not HCL, so it is
// parsed from after the mark with positions shifted to match the file.
func parseModule(path string, f *position.File) (m *tfModule, diag *hcl.Diagnostic) {
	src := f.Bytes()
	base := 0
	if bytes.HasPrefix(src, bom) {
		base = len(bom)
	}
	defer func() {
		// A parser bug must cost this file a finding, never the scan.
		if r := recover(); r != nil {
			m, diag = nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unparsable file", Detail: fmt.Sprint(r)}
		}
	}()
	start := hcl.Pos{Line: 1, Column: 1, Byte: base}
	file, diags := hclsyntax.ParseConfig(src[base:], path, start)
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return nil, d
		}
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unparsable file", Detail: "not native HCL syntax"}
	}
	return newModule(path, f, body), nil
}

// invalidHCL is the document that reports a file that does not parse.
func invalidHCL(path string, f *position.File, d *hcl.Diagnostic) *Document {
	ix := position.NewIndex(f)
	n := len(f.Bytes())
	r := position.Range{}
	if d.Subject != nil {
		r = position.Range{Start: clampTo(d.Subject.Start.Byte, n), End: clampTo(d.Subject.End.Byte, n)}
		r.End = max(r.End, r.Start)
	}
	ix.Set("", position.Entry{Value: r})
	return &Document{
		Path:     path,
		Format:   FormatTerraform,
		Target:   Target{Kind: KindUnknown},
		Index:    ix,
		Problems: []Problem{{Rule: "invalid-hcl", Message: diagMessage(d)}},
	}
}

// diagMessage renders an HCL diagnostic as a finding message: the summary
// and the detail, each starting lower-case, on one line, without a final
// period.
func diagMessage(d *hcl.Diagnostic) string {
	msg := lowerFirst(strings.TrimSuffix(strings.TrimSpace(d.Summary), "."))
	if detail := strings.Join(strings.Fields(d.Detail), " "); detail != "" {
		msg += ": " + lowerFirst(strings.TrimSuffix(detail, "."))
	}
	return msg
}

// lowerFirst lower-cases the first letter of s unless it starts an acronym
// ("HCL", "JSON").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// clampTo limits v to [0, n].
func clampTo(v, n int) int { return max(0, min(v, n)) }

// tfTemplateCandidate reports a templatefile() JSON template, such as
// policy.json.tpl or policy.json.tftpl. The walk lints it as JSON, so one
// that is not JSON before rendering is reported where it is written.
func tfTemplateCandidate(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".json.tpl") || strings.HasSuffix(lower, ".json.tftpl")
}
