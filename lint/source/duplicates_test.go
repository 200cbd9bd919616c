package source

import (
	"reflect"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// dupCase is one repeated member a front end must report: the path of the
// problem, where the name that wins starts, and the line the message gives
// for the first occurrence.
type dupCase struct {
	path      []any
	at        string // line:col of the winning name
	firstLine string // "first on line N"
}

// checkDuplicates compares the duplicate-key problems of doc with want, and
// checks that each is located on the name of the occurrence that wins.
func checkDuplicates(t *testing.T, doc *Document, want []dupCase) {
	t.Helper()
	var got []Problem
	for _, p := range doc.Problems {
		if p.Rule == "duplicate-key" {
			got = append(got, p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d duplicate-key problems, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		p := got[i]
		if !reflect.DeepEqual(p.Path, w.path) || !p.OnKey {
			t.Errorf("problem %d: path %v (on key %v), want %v on the key", i, p.Path, p.OnKey, w.path)
		}
		if !strings.Contains(p.Message, "(first on line "+w.firstLine+")") {
			t.Errorf("problem %d: message %q does not name line %s", i, p.Message, w.firstLine)
		}
		span, exact := doc.Index.Resolve(position.Pointer(p.Path...), true)
		if !exact || span.Start.String() != w.at {
			t.Errorf("problem %d: located at %s (exact %v), want %s", i, span.Start, exact, w.at)
		}
	}
}

func oneDoc(t *testing.T, name, src string) *Document {
	t.Helper()
	docs, ok := Extract(name, []byte(src), true)
	if !ok || len(docs) != 1 {
		t.Fatalf("%s: %d documents (ok %v), want 1", name, len(docs), ok)
	}
	return docs[0]
}

func TestDuplicateKeysJSON(t *testing.T) {
	t.Parallel()
	src := `{
  "Statement": [{
    "Effect": "Deny",
    "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27"}},
    "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
    "Condition": {"NotIpAddress": {"aws:SourceIp": "81.2.69.160/27", "aws:SourceIp": "52.94.76.0/22"}},
    "Effect": "Allow"
  }]
}`
	doc := oneDoc(t, "p.json", src)
	checkDuplicates(t, doc, []dupCase{
		{[]any{"Statement", 0, "Condition"}, "6:5", "4"},
		{[]any{"Statement", 0, "Condition", "NotIpAddress", "aws:SourceIp"}, "6:70", "6"},
		{[]any{"Statement", 0, "Effect"}, "7:5", "3"},
	})
	cond := doc.Policy.(map[string]any)["Statement"].([]any)[0].(map[string]any)
	if cond["Effect"] != "Allow" {
		t.Errorf("Effect = %v: the last occurrence must win", cond["Effect"])
	}
}

// A repeat inside a value that a later occurrence replaces is gone with it,
// and a third occurrence still names the first.
func TestDuplicateKeysReplacedValue(t *testing.T) {
	t.Parallel()
	src := `{"Statement": {"Sid": "a", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "Bool": {}},
"Condition": {}, "Sid": "b", "Sid": "c"}}`
	doc := oneDoc(t, "p.json", src)
	checkDuplicates(t, doc, []dupCase{
		{[]any{"Statement", "Condition"}, "2:1", "1"},
		{[]any{"Statement", "Sid"}, "2:30", "1"},
	})
}

func TestDuplicateKeysYAML(t *testing.T) {
	t.Parallel()
	src := `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Policy:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              NotIpAddress:
                aws:SourceIp: [81.2.69.160/27]
            Condition:
              StringEquals: {aws:UserAgent: x}
  Other:
    Type: AWS::SNS::Topic
    Properties: {A: 1, A: 2}
`
	doc := oneDoc(t, "t.yaml", src)
	checkDuplicates(t, doc, []dupCase{{[]any{"Statement", 0, "Condition"}, "14:13", "11"}})
}

// A policy kept as a JSON string in a template is decoded where it stands.
func TestDuplicateKeysJSONString(t *testing.T) {
	t.Parallel()
	src := "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Policy: |\n" +
		"        {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\",\n" +
		"          \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Resource\": \"*\"}]}\n"
	doc := oneDoc(t, "t.yaml", src)
	checkDuplicates(t, doc, []dupCase{{[]any{"Statement", 0, "Resource"}, "7:73", "7"}})
}

func TestDuplicateKeysTerraform(t *testing.T) {
	t.Parallel()
	src := `resource "aws_api_gateway_rest_api_policy" "p" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { NotIpAddress = { "aws:SourceIp" = ["81.2.69.160/27"] } }
      Condition = { IpAddress = { "aws:SourceIp" = ["0.0.0.0/0"] } }
    }]
  })
}
`
	checkDuplicates(t, tfDoc(t, src), []dupCase{{[]any{"Statement", 0, "Condition"}, "10:7", "9"}})
}

func TestNoDuplicates(t *testing.T) {
	t.Parallel()
	doc := oneDoc(t, "p.json", `{"Statement": [{"Sid": "a"}, {"Sid": "a"}], "Version": "2012-10-17"}`)
	if len(doc.Problems) != 0 {
		t.Errorf("problems %+v: equal names in different objects are no duplicate", doc.Problems)
	}
}
