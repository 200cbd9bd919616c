package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// tfDocs extracts the documents of a .tf file given as text.
func tfDocs(t *testing.T, src string) []*Document {
	t.Helper()
	docs, ok := Extract("main.tf", []byte(src), false)
	if !ok {
		t.Fatalf("Extract did not recognise the file")
	}
	return docs
}

// tfDoc extracts the one document of a .tf file.
func tfDoc(t *testing.T, src string) *Document {
	t.Helper()
	docs := tfDocs(t, src)
	if len(docs) != 1 {
		t.Fatalf("Extract found %d documents, want 1", len(docs))
	}
	return docs[0]
}

// tfAt returns the line:col where the value (or key) at ptr starts and the
// text of its range, failing when ptr is not indexed itself.
func tfAt(t *testing.T, ix *position.Index, ptr string, onKey bool) (string, string) {
	t.Helper()
	e, ok := ix.Lookup(ptr)
	if !ok {
		t.Fatalf("pointer %q is not indexed", ptr)
	}
	r := e.Value
	if onKey && !e.Key.IsZero() {
		r = e.Key
	}
	src := ix.File().Bytes()
	return ix.File().Pos(r.Start).String(), string(src[r.Start:r.End])
}

// wantJSON compares a decoded policy with the JSON text want.
func wantJSON(t *testing.T, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(got)
	var g any
	_ = json.Unmarshal(gb, &g)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("policy = %s\nwant     %s", gb, want)
	}
}

type posCase struct {
	ptr   string
	onKey bool
	pos   string // line:col
	text  string // the indexed bytes; "" for a block, not compared
}

func checkPositions(t *testing.T, ix *position.Index, cases []posCase) {
	t.Helper()
	for _, c := range cases {
		pos, text := tfAt(t, ix, c.ptr, c.onKey)
		if pos != c.pos || (c.text != "" && text != c.text) {
			t.Errorf("%s (key=%v) at %s %q, want %s %q", c.ptr, c.onKey, pos, text, c.pos, c.text)
		}
	}
}

func TestTerraformHeredocPositions(t *testing.T) {
	t.Parallel()
	src := `resource "aws_api_gateway_rest_api" "a" {
  policy = <<EOF
{
  "Statement": [{
    "Resource": "${aws_api_gateway_rest_api.a.execution_arn}/*",
    "Sid": "x$${literal}y", "Effect": "Allow",
    "Condition": {"IpAddress": {"aws:SourceIp": ${jsonencode(var.cidrs)}}},
    "Action": ${var.action}
  }]
}
EOF
}
variable "cidrs" {
  default = ["52.94.76.0/22", "10.0.0.0/8"]
}
`
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Statement": [{
		"Resource": "${aws_api_gateway_rest_api.a.execution_arn}/*",
		"Sid": "x${literal}y", "Effect": "Allow",
		"Condition": {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "10.0.0.0/8"]}},
		"Action": "${var.action}"}]}`)
	checkPositions(t, doc.Index, []posCase{
		{"/Statement/0", false, "4:17", ""},
		{"/Statement/0/Resource", false, "5:17", `"${aws_api_gateway_rest_api.a.execution_arn}/*"`},
		{"/Statement/0/Sid", false, "6:12", `"x$${literal}y"`},
		{"/Statement/0/Effect", true, "6:29", `"Effect"`},
		// The substituted list sits at the interpolation; its elements at
		// the variable's default.
		{"/Statement/0/Condition/IpAddress/aws:SourceIp", false, "7:49", "${jsonencode(var.cidrs)}"},
		{"/Statement/0/Condition/IpAddress/aws:SourceIp", true, "7:33", `"aws:SourceIp"`},
		{"/Statement/0/Condition/IpAddress/aws:SourceIp/1", false, "14:31", `"10.0.0.0/8"`},
		{"/Statement/0/Action", false, "8:15", "${var.action}"},
	})
}

func TestTerraformIndentedHeredoc(t *testing.T) {
	t.Parallel()
	for name, nl := range map[string]string{"lf": "\n", "crlf": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := strings.ReplaceAll(`resource "aws_api_gateway_rest_api" "a" {
  policy = <<-EOT
      {
        "Statement": {"Effect": "Deny", "Resource": "*", "Sid": "caf\u00e9"}
      }
    EOT
}
`, "\n", nl)
			doc := tfDoc(t, src)
			wantJSON(t, doc.Policy, `{"Statement": {"Effect": "Deny", "Resource": "*", "Sid": "caf\u00e9"}}`)
			checkPositions(t, doc.Index, []posCase{
				{"/Statement/Resource", false, "4:53", `"*"`},
				{"/Statement/Sid", false, "4:65", `"caf\u00e9"`},
				{"/Statement", true, "4:9", `"Statement"`},
			})
		})
	}
}

func TestTerraformQuotedStringPositions(t *testing.T) {
	t.Parallel()
	src := "\xEF\xBB\xBFresource \"aws_api_gateway_rest_api\" \"a\" {\n" +
		`  policy = "{\"Statement\":[{\"Sid\":\"\u00e9\\\\\",\"Resource\":\"*\"}]}"` + "\n}\n"
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Statement":[{"Sid":"é\\","Resource":"*"}]}`)
	checkPositions(t, doc.Index, []posCase{
		// A range ending with an escaped quote ends before the quote: the
		// decoded quote is mapped to its escape's first byte.
		{"/Statement/0/Sid", false, "2:38", `\"\u00e9\\\\\`},
		{"/Statement/0/Resource", false, "2:66", `\"*\`},
		{"/Statement/0/Resource", true, "2:53", `\"Resource\`},
	})
}

func TestTerraformJSONEncodePositions(t *testing.T) {
	t.Parallel()
	src := `locals {
  n = 3
}
resource "aws_api_gateway_rest_api_policy" "p" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      "Effect" = "Allow"
      Resource = "arn:aws:execute-api:${var.region}:*:*"
      Principal = { AWS = ["arn:aws:iam::123456789012:root", aws_iam_role.x.arn] }
      Condition = { NumericLessThan = { "aws:EpochTime" = local.n }, Bool = { "aws:SecureTransport" = true } }
      (local.key) = tolist(["a"])
    }]
  })
}
`
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Version": "2012-10-17", "Statement": [{
		"Effect": "Allow", "Resource": "arn:aws:execute-api:${var.region}:*:*",
		"Principal": {"AWS": ["arn:aws:iam::123456789012:root", "${aws_iam_role.x.arn}"]},
		"Condition": {"NumericLessThan": {"aws:EpochTime": 3}, "Bool": {"aws:SecureTransport": true}},
		"${local.key}": ["a"]}]}`)
	checkPositions(t, doc.Index, []posCase{
		{"/Version", true, "7:5", "Version"},
		{"/Statement/0", false, "8:18", ""},
		{"/Statement/0/Effect", true, "9:7", `"Effect"`},
		{"/Statement/0/Resource", false, "10:18", `"arn:aws:execute-api:${var.region}:*:*"`},
		{"/Statement/0/Principal/AWS/1", false, "11:62", "aws_iam_role.x.arn"},
		// A local is shown where the policy names it.
		{"/Statement/0/Condition/NumericLessThan/aws:EpochTime", false, "12:59", "local.n"},
		{"/Statement/0/Condition/Bool/aws:SecureTransport", false, "12:103", "true"},
		{"/Statement/0/${local.key}/0", false, "13:29", `"a"`},
	})
	if doc.Target.Kind != KindREST || doc.Target.Resource != "aws_api_gateway_rest_api.a" || doc.Target.Endpoint != "" {
		t.Errorf("target = %+v, want the REST API a with an unknown endpoint", doc.Target)
	}
}

func TestTerraformPolicyDocument(t *testing.T) {
	t.Parallel()
	src := `data "aws_iam_policy_document" "d" {
  policy_id = "api"
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*", "execute-api:/prod/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    sid         = "Deny"
    effect      = "Deny"
    not_actions = toset(["execute-api:InvalidateCache"])
    resources   = var.arns
    principals {
      type        = "AWS"
      identifiers = ["111111111111"]
    }
    principals {
      type        = "AWS"
      identifiers = ["222222222222"]
    }
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = ["52.94.76.0/22"]
    }
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = ["2600:1f14::/35"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = var.vpces
    }
  }
}
resource "aws_api_gateway_rest_api" "a" {
  policy = data.aws_iam_policy_document.d.json
}
`
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Version": "2012-10-17", "Id": "api", "Statement": [
		{"Sid": "", "Effect": "Allow", "Action": "execute-api:Invoke",
		 "Resource": ["execute-api:/*", "execute-api:/prod/*"], "Principal": "*"},
		{"Sid": "Deny", "Effect": "Deny", "NotAction": "execute-api:InvalidateCache",
		 "Resource": "${var.arns}", "Principal": {"AWS": ["111111111111", "222222222222"]},
		 "Condition": {"NotIpAddress": {"aws:SourceIp": ["52.94.76.0/22", "2600:1f14::/35"]},
		               "StringEquals": {"aws:SourceVpce": "${var.vpces}"}}}]}`)
	checkPositions(t, doc.Index, []posCase{
		{"", false, "1:1", ""},
		{"/Version", false, "1:1", `data "aws_iam_policy_document" "d"`},
		{"/Statement/0", false, "3:3", ""},
		{"/Statement/0/Effect", false, "3:3", "statement"},
		{"/Statement/0/Sid", false, "3:3", "statement"},
		{"/Statement/0/Action", false, "4:18", `"execute-api:Invoke"`},
		{"/Statement/0/Action", true, "4:5", "actions"},
		{"/Statement/0/Resource/1", false, "5:36", `"execute-api:/prod/*"`},
		{"/Statement/0/Principal", false, "7:21", `"*"`},
		{"/Statement/1/Effect", false, "13:19", `"Deny"`},
		{"/Statement/1/NotAction", false, "14:26", `"execute-api:InvalidateCache"`},
		{"/Statement/1/Resource", false, "15:19", "var.arns"},
		{"/Statement/1/Principal/AWS", true, "17:21", `"AWS"`},
		{"/Statement/1/Principal/AWS/1", false, "22:22", `"222222222222"`},
		{"/Statement/1/Condition", true, "24:5", "condition"},
		{"/Statement/1/Condition/NotIpAddress", true, "25:18", `"NotIpAddress"`},
		{"/Statement/1/Condition/NotIpAddress/aws:SourceIp", true, "26:18", `"aws:SourceIp"`},
		{"/Statement/1/Condition/NotIpAddress/aws:SourceIp/1", false, "32:19", `"2600:1f14::/35"`},
		{"/Statement/1/Condition/StringEquals/aws:SourceVpce", false, "37:18", "var.vpces"},
	})
}

func TestTerraformListFunctions(t *testing.T) {
	t.Parallel()
	src := `variable "extra" {
  default = ["52.94.76.0/22"]
}
resource "aws_api_gateway_rest_api" "a" {
  policy = jsonencode({
    Statement = [{
      Resource = concat(["execute-api:/a"], tolist(var.unknown), [])
      Condition = { IpAddress = { "aws:SourceIp" = concat(var.extra, ["10.0.0.0/8"]) } }
    }]
  })
}
`
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Statement": [{"Resource": ["execute-api:/a", "${var.unknown}"],
		"Condition": {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "10.0.0.0/8"]}}}]}`)
	checkPositions(t, doc.Index, []posCase{
		{"/Statement/0/Resource/1", false, "7:52", "var.unknown"},
		{"/Statement/0/Condition/IpAddress/aws:SourceIp/0", false, "2:14", `"52.94.76.0/22"`},
		{"/Statement/0/Condition/IpAddress/aws:SourceIp/1", false, "8:71", `"10.0.0.0/8"`},
	})
}

func TestTerraformPolicyDocumentMerge(t *testing.T) {
	t.Parallel()
	src := `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Open"
    actions   = ["execute-api:Invoke"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "narrow" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Open"
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "legacy" {
  source_json = data.aws_iam_policy_document.narrow.json
  statement {
    sid    = "Extra"
    effect = "Deny"
  }
}
data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
}
`
	// base is merged into narrow and its statement replaced there by sid;
	// narrow is merged into legacy; dynamic cannot be known without
	// Terraform. Only legacy, which nothing merges, is linted.
	doc := tfDoc(t, src)
	wantJSON(t, doc.Policy, `{"Version": "2012-10-17", "Statement": [
		{"Sid": "Open", "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Principal": "*"},
		{"Sid": "Extra", "Effect": "Deny"}]}`)
	if pos, _ := tfAt(t, doc.Index, "/Statement/0/Resource", false); pos != "17:18" {
		t.Errorf("merged statement's Resource at %s, want 17:18", pos)
	}
}

func TestTerraformTargets(t *testing.T) {
	t.Parallel()
	src := `resource "aws_api_gateway_rest_api" "private" {
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}
resource "aws_api_gateway_rest_api_policy" "private" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  policy      = local.policy
}
resource "aws_api_gateway_deployment" "none" {
  rest_api_id = aws_api_gateway_rest_api.private.id
}
resource "aws_api_gateway_deployment" "ids" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  triggers    = { r = sha1(jsonencode([aws_api_gateway_rest_api_policy.private.id])) }
}
resource "aws_api_gateway_deployment" "local" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  triggers    = { p = sha1(local.policy) }
}
resource "aws_api_gateway_deployment" "always" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  triggers    = { at = timestamp() }
}
resource "aws_api_gateway_deployment" "other_api" {
  rest_api_id = aws_api_gateway_rest_api.other.id
}
resource "aws_apigatewayv2_api" "ws" {
  protocol_type = "WEBSOCKET"
}
resource "aws_api_gateway_rest_api_policy" "ws" {
  rest_api_id = aws_apigatewayv2_api.ws.id
  policy      = local.policy
}
resource "aws_api_gateway_rest_api_policy" "var" {
  rest_api_id = var.api_id
  policy      = local.policy
}
resource "aws_api_gateway_rest_api" "edge" {
  policy = local.policy
}
locals {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*" }] })
}
`
	docs := tfDocs(t, src)
	if len(docs) != 4 {
		t.Fatalf("got %d documents, want 4 (the local is attached, so not linted on its own)", len(docs))
	}
	want := []Target{
		{Kind: KindREST, Endpoint: "PRIVATE", Resource: "aws_api_gateway_rest_api.private", Type: tfRestAPI, Deployments: []Deployment{
			{Resource: "aws_api_gateway_deployment.none", Policy: "aws_api_gateway_rest_api_policy.private.policy"},
			{Resource: "aws_api_gateway_deployment.ids", HasTriggers: true, Policy: "aws_api_gateway_rest_api_policy.private.policy"},
			{Resource: "aws_api_gateway_deployment.local", HasTriggers: true, TriggersPolicy: true, Policy: "aws_api_gateway_rest_api_policy.private.policy"},
			{Resource: "aws_api_gateway_deployment.always", HasTriggers: true, TriggersPolicy: true, Policy: "aws_api_gateway_rest_api_policy.private.policy"},
		}},
		{Kind: KindWebSocket, Resource: "aws_apigatewayv2_api.ws", Type: tfV2API},
		{Kind: KindUnknown, Resource: "aws_api_gateway_rest_api_policy.var", Type: tfRestAPIPolicy},
		{Kind: KindREST, Endpoint: "EDGE", Resource: "aws_api_gateway_rest_api.edge", Type: tfRestAPI},
	}
	for i, d := range docs {
		if !reflect.DeepEqual(d.Target, want[i]) {
			t.Errorf("document %d: target = %+v\nwant %+v", i, d.Target, want[i])
		}
	}
	checkPositions(t, docs[0].TargetIndex, []posCase{
		{"/resource", false, "7:3", "rest_api_id = aws_api_gateway_rest_api.private.id"},
		{"/deployments/0", false, "10:1", `resource "aws_api_gateway_deployment" "none"`},
		{"/deployments/1", false, "15:3", "triggers    = { r = sha1(jsonencode([aws_api_gateway_rest_api_policy.private.id])) }"},
	})
	checkPositions(t, docs[3].TargetIndex, []posCase{
		{"/resource", false, "39:1", `resource "aws_api_gateway_rest_api" "edge"`},
	})
}

func TestTerraformUnknownPolicy(t *testing.T) {
	t.Parallel()
	src := `resource "aws_apigatewayv2_api" "h" {
  protocol_type = "HTTP"
}
resource "aws_api_gateway_rest_api_policy" "h" {
  rest_api_id = aws_apigatewayv2_api.h.id
  policy      = var.policy
}
resource "aws_api_gateway_rest_api" "r" {
  policy = module.policies.api
}
resource "aws_api_gateway_deployment" "r" {
  rest_api_id = aws_api_gateway_rest_api.r.id
}
resource "aws_api_gateway_rest_api" "quiet" {
  policy = var.policy
}
`
	// A policy only Terraform can render still has a target: on an HTTP
	// API, or with a deployment, there is something to report.
	docs := tfDocs(t, src)
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if d := docs[0]; d.Policy != nil || d.Target.Kind != KindHTTP {
		t.Errorf("HTTP API: policy %v, target %+v", d.Policy, d.Target)
	}
	checkPositions(t, docs[0].Index, []posCase{{"", false, "6:17", "var.policy"}})
	if d := docs[1]; d.Policy != nil || len(d.Target.Deployments) != 1 || d.Target.Deployments[0].HasTriggers {
		t.Errorf("REST API with a deployment: policy %v, target %+v", d.Policy, d.Target)
	}
}

func TestTerraformFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("policies/ok.json", "{\n  \"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\"}]\n}\n")
	write("policies/broken.txt", "{\"Statement\": [}")
	write("policies/broken.json", "{\"Statement\": [}")
	write("policies/tpl.json.tpl", "{\"Statement\": [{\"Resource\": \"${arn}\", \"Effect\": ${effect}}]}")
	write("policies/tpl_ok.json.tftpl", "{\"Statement\": [{\"Resource\": \"${arn}\"}]}")
	tf := filepath.Join(dir, "main.tf")
	src := `resource "aws_api_gateway_rest_api" "a" { policy = file("${path.module}/policies/ok.json") }
resource "aws_api_gateway_rest_api" "b" { policy = file("policies/broken.txt") }
resource "aws_api_gateway_rest_api" "c" { policy = file("policies/broken.json") }
resource "aws_api_gateway_rest_api" "d" { policy = templatefile("policies/tpl.json.tpl", { arn = "x" }) }
resource "aws_api_gateway_rest_api" "e" { policy = templatefile("${path.module}/policies/tpl_ok.json.tftpl", {}) }
resource "aws_api_gateway_rest_api" "f" { policy = file("policies/missing.json") }
resource "aws_api_gateway_rest_api" "g" { policy = file(var.policy_path) }
resource "aws_api_gateway_deployment" "a" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  triggers    = { policy = filesha1("${path.module}/policies/ok.json") }
}
`
	docs, _ := Extract(tf, []byte(src), false)
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want ok.json, broken.txt and tpl_ok.json.tftpl", len(docs))
	}
	ok := docs[0]
	if ok.Path != filepath.Join(dir, "policies", "ok.json") || ok.Format != FormatJSON || ok.Target.Resource != "aws_api_gateway_rest_api.a" || ok.TargetIndex != nil {
		t.Errorf("file() document: path %s, format %s, target %+v", ok.Path, ok.Format, ok.Target)
	}
	checkPositions(t, ok.Index, []posCase{{"/Statement/0/Resource", false, "2:49", `"*"`}})
	if d := ok.Target.Deployments; len(d) != 1 || !d[0].TriggersPolicy {
		t.Errorf("a trigger hashing the policy file follows the policy: %+v", d)
	}
	if b := docs[1]; len(b.Problems) != 1 || b.Problems[0].Rule != "invalid-json" || !strings.HasSuffix(b.Path, "broken.txt") {
		t.Errorf("a broken file the walk does not read must be reported: %+v", b)
	}
	if e := docs[2]; !strings.HasSuffix(e.Path, "tpl_ok.json.tftpl") || e.Policy == nil {
		t.Errorf("templatefile() of a JSON template: %+v", e)
	}
}

func TestTerraformSelection(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		docs int
	}{
		"no marker is not parsed": {`resource "aws_s3_bucket" "b" { policy = "{" }`, 0},
		"comments hold no policy": {`# resource "aws_api_gateway_rest_api" "a" { policy = "{\"Statement\":[]}" }
/* resource "aws_api_gateway_rest_api" "b" {
  policy = "{\"Statement\":[]}"
} */
// data "aws_iam_policy_document" "c" {}`, 0},
		"role policy document is not linted": {`data "aws_iam_policy_document" "r" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["*"]
  }
}`, 0},
		"loose resource policy document is linted": {`data "aws_iam_policy_document" "r" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}`, 1},
		"loose heredoc local is linted": {`locals {
  p = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}
EOF
}
resource "aws_api_gateway_rest_api" "a" {
  name = "a"
}`, 1},
		"heredoc local without a marker is not read": {`locals {
  p = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}
EOF
}`, 0},
		"template directives are not guessed": {`resource "aws_api_gateway_rest_api" "a" {
  policy = <<EOF
{"Statement": [%{ for s in var.s }${s},%{ endfor }]}
EOF
}`, 0},
		"opaque statements are not guessed": {`resource "aws_api_gateway_rest_api" "a" {
  policy = jsonencode({ Statement = concat(local.a, local.b) })
}`, 0},
		"unknown policy source": {`resource "aws_api_gateway_rest_api" "a" { policy = var.policy }`, 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			docs, ok := Extract("main.tf", []byte(tt.src), false)
			if len(docs) != tt.docs {
				t.Errorf("got %d documents (ok=%v), want %d", len(docs), ok, tt.docs)
			}
		})
	}
}

func TestTerraformInvalidHCL(t *testing.T) {
	t.Parallel()
	src := "resource \"aws_api_gateway_rest_api\" \"a\" {\n  name = \"a\" policy = \"{}\"\n}\n"
	doc := tfDoc(t, src)
	if len(doc.Problems) != 1 || doc.Problems[0].Rule != "invalid-hcl" || doc.Policy != nil {
		t.Fatalf("problems = %+v, want one invalid-hcl", doc.Problems)
	}
	if msg := doc.Problems[0].Message; msg != "missing newline after argument: an argument definition must end with a newline" {
		t.Errorf("message = %q", msg)
	}
	if pos, _ := tfAt(t, doc.Index, "", false); pos != "2:14" {
		t.Errorf("located at %s, want 2:14", pos)
	}
	// A broken .tf named on the command line is reported even without a
	// policy marker; one a walk finds is skipped unread.
	if docs, _ := Extract("x.tf", []byte("locals {"), true); len(docs) != 1 || docs[0].Problems[0].Rule != "invalid-hcl" {
		t.Errorf("explicit broken file: %+v", docs)
	}
	if docs, ok := Extract("x.tf", []byte("locals {"), false); len(docs) != 0 || ok {
		t.Errorf("walked broken file without markers: %d documents, ok=%v", len(docs), ok)
	}
}

func TestDiagMessage(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Unclosed configuration block":  "unclosed configuration block",
		"HCL is broken.":                "HCL is broken",
		"Invalid character":             "invalid character",
		"":                              "",
		"Argument or block definition.": "argument or block definition",
	} {
		if got := lowerFirst(strings.TrimSuffix(in, ".")); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCandidateTerraform(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"main.tf": true, "x/POLICY.JSON.TPL": true, "p.json.tftpl": true,
		"p.tpl": false, "main.tf.bak": false, "vars.tfvars": false,
	} {
		if got := Candidate(path); got != want {
			t.Errorf("Candidate(%q) = %v, want %v", path, got, want)
		}
	}
}

// FuzzExtractTerraform reads arbitrary bytes as a .tf file. It must never
// panic, and every indexed range must lie inside the file it indexes.
func FuzzExtractTerraform(f *testing.F) {
	for _, seed := range []string{
		"resource \"aws_api_gateway_rest_api\" \"a\" {\n  policy = <<EOF\n{\"Statement\": [{\"Resource\": \"${x}\", \"A\": ${jsonencode(var.v)}}]}\nEOF\n}\nvariable \"v\" { default = [1] }\n",
		"resource \"aws_api_gateway_rest_api\" \"a\" { policy = \"{\\\"Statement\\\":[]}\" }",
		"locals { p = jsonencode({ Statement = [{ Principal = \"*\", Resource = \"execute-api:/*\" }] }) }",
		"data \"aws_iam_policy_document\" \"d\" {\n statement {\n  actions = [\"execute-api:Invoke\"]\n  principals {\n   type = \"*\"\n   identifiers = [\"*\"]\n  }\n  condition {\n   test = \"IpAddress\"\n   variable = \"aws:SourceIp\"\n   values = [\"1.2.3.4/32\"]\n  }\n }\n}\n",
		"resource \"aws_api_gateway_rest_api\" \"a\" {\n  policy = <<-EOT\n    {\"Statement\": {${\"\" # c\n}\"Effect\": \"Allow\"}}\n  EOT\n}\n",
		"\xEF\xBB\xBFresource \"aws_api_gateway_rest_api\" \"a\" {",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := Extract("fuzz.tf", src, true)
		checkDocs(t, docs)
	})
}

// checkDocs checks that every value of every document is indexed inside
// the file of its index, and so is every target path.
func checkDocs(t *testing.T, docs []*Document) {
	t.Helper()
	for _, doc := range docs {
		if doc.Policy == nil {
			checkRange(t, doc.Index, "")
			continue
		}
		tfWalk(doc.Policy, "", func(ptr string) { checkRange(t, doc.Index, ptr) })
		if doc.TargetIndex != nil {
			checkRange(t, doc.TargetIndex, "/resource")
			for i := range doc.Target.Deployments {
				checkRange(t, doc.TargetIndex, position.Pointer("deployments", i))
			}
		}
	}
}

func checkRange(t *testing.T, ix *position.Index, ptr string) {
	t.Helper()
	e, ok := ix.Lookup(ptr)
	if !ok {
		t.Fatalf("%q is not indexed", ptr)
	}
	n := len(ix.File().Bytes())
	for _, r := range []position.Range{e.Key, e.Value} {
		if r.Start < 0 || r.End > n || r.Start > r.End {
			t.Fatalf("%q has range %v outside the file of %d bytes", ptr, r, n)
		}
	}
}

func tfWalk(v any, ptr string, visit func(string)) {
	visit(ptr)
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			tfWalk(c, position.Append(ptr, k), visit)
		}
	case []any:
		for i, c := range v {
			tfWalk(c, position.Append(ptr, i), visit)
		}
	}
}
