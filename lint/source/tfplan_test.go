package source

import (
	"reflect"
	"strings"
	"testing"

	"github.com/apigwlint/apigwlint/lint/position"
)

// planSrc is a plan with a policy resource of a REST API, a module's API
// with its own policy, a deployment, and the same policy again under
// resource_changes.
const planSrc = `{
  "format_version": "1.2",
  "planned_values": {"root_module": {
    "resources": [
      {"address": "aws_api_gateway_rest_api.api", "mode": "managed", "type": "aws_api_gateway_rest_api", "name": "api",
       "values": {"id": "a1b2c3", "endpoint_configuration": [{"types": ["PRIVATE"]}]}},
      {"address": "aws_api_gateway_rest_api_policy.p", "mode": "managed", "type": "aws_api_gateway_rest_api_policy", "name": "p",
       "values": {"rest_api_id": "a1b2c3",
                  "policy": "{\"Statement\":[{\"Sid\":\"caf\u00e9 \\ud83d\\ude00\",\"Resource\":\"*\"}]}"}},
      {"address": "aws_api_gateway_deployment.d", "mode": "managed", "type": "aws_api_gateway_deployment", "name": "d",
       "values": {"rest_api_id": "a1b2c3", "triggers": null}},
      {"address": "data.aws_api_gateway_rest_api.x", "mode": "data", "type": "aws_api_gateway_rest_api", "name": "x",
       "values": {"policy": "{\"Statement\":[]}"}}
    ],
    "child_modules": [{"address": "module.m[\"a.b\"]", "resources": [
      {"address": "module.m[\"a.b\"].aws_apigatewayv2_api.h", "mode": "managed", "type": "aws_apigatewayv2_api", "name": "h",
       "values": {"protocol_type": "HTTP"}},
      {"address": "module.m[\"a.b\"].aws_api_gateway_rest_api_policy.p", "mode": "managed", "type": "aws_api_gateway_rest_api_policy", "name": "p",
       "values": {"policy": "{\"Statement\":{\"Effect\":\"Allow\"}}"}}
    ]}]
  }},
  "resource_changes": [
    {"address": "aws_api_gateway_rest_api_policy.p", "mode": "managed", "type": "aws_api_gateway_rest_api_policy", "name": "p",
     "change": {"actions": ["create"], "after": {"policy": "{\"Statement\":[]}"}}},
    {"address": "aws_api_gateway_rest_api.other", "mode": "managed", "type": "aws_api_gateway_rest_api", "name": "other",
     "change": {"actions": ["update"], "after": {"policy": "{\"Statement\":[{\"Effect\":\"Deny\"}]}"}}}
  ],
  "configuration": {"root_module": {
    "module_calls": {"m": {"module": {"resources": [
      {"address": "aws_api_gateway_rest_api_policy.p", "expressions": {"rest_api_id": {"references": ["aws_apigatewayv2_api.h.id", "aws_apigatewayv2_api.h"]}}}
    ]}}}
  }}
}`

func TestTFPlanDocuments(t *testing.T) {
	t.Parallel()
	docs, ok := Extract("plan.json", []byte(planSrc), false)
	if !ok || len(docs) != 3 {
		t.Fatalf("got %d documents (ok=%v), want the root policy, the module's and the changed API's", len(docs), ok)
	}
	wantJSON(t, docs[0].Policy, `{"Statement":[{"Sid":"café 😀","Resource":"*"}]}`)
	checkPositions(t, docs[0].Index, []posCase{
		{"/Statement/0/Sid", false, "9:55", `\"caf\u00e9 \\ud83d\\ude00\`},
		{"/Statement/0/Resource", false, "9:97", `\"*\`},
		{"/Statement/0/Resource", true, "9:84", `\"Resource\`},
	})
	want := []Target{
		{
			Kind: KindREST, Endpoint: "PRIVATE", Resource: "aws_api_gateway_rest_api.api", Type: tfRestAPI,
			Deployments: []Deployment{{Resource: "aws_api_gateway_deployment.d"}},
		},
		{Kind: KindHTTP, Resource: `module.m["a.b"].aws_apigatewayv2_api.h`, Type: tfV2API},
		{Kind: KindREST, Resource: "aws_api_gateway_rest_api.other", Type: tfRestAPI},
	}
	for i, d := range docs {
		if !reflect.DeepEqual(d.Target, want[i]) {
			t.Errorf("document %d: target %+v\nwant %+v", i, d.Target, want[i])
		}
		if d.Format != FormatTFPlan {
			t.Errorf("document %d: format %s", i, d.Format)
		}
	}
	if pos, text := tfAt(t, docs[0].TargetIndex, "/deployments/0", false); pos != "10:7" || !strings.HasPrefix(text, `{"address": "aws_api_gateway_deployment.d"`) {
		t.Errorf("/deployments/0 at %s %q", pos, text)
	}
}

// TestTFPlanDetection: files that are not plans, or plans without policies,
// give nothing; a broken plan is reported (TestBrokenPlanIsReported).
func TestTFPlanDetection(t *testing.T) {
	t.Parallel()
	for name, src := range map[string]string{
		"no plan markers":       `{"Statement": [], "aws_api_gateway_rest_api": 1}`,
		"plan without policies": `{"format_version": "1.2", "planned_values": {"root_module": {}}, "x": "aws_api_gateway_rest_api"}`,
	} {
		if (terraformPlan{}).claims("plan.json", []byte(src), false) {
			if docs, ok := (terraformPlan{}).extract("plan.json", position.NewFile([]byte(src)), false); ok || len(docs) > 0 {
				t.Errorf("%s: extracted %d documents", name, len(docs))
			}
		}
	}
	if (terraformPlan{}).claims("plan.tf", []byte(planSrc), false) {
		t.Errorf("a plan front end claims only .json files")
	}
}

func TestJSONStringRemap(t *testing.T) {
	t.Parallel()
	src := []byte(`x "a\"\u00e9\ud83d\ude00b"`)
	remap := jsonStringRemap(src, 2)
	// Decoded: a, ", é in 2 bytes, 😀 in 4 bytes, b, and the end.
	for i, want := range []int{3, 4, 6, 11, 12, 12, 12, 23, 24, 25} {
		if got := remap(i); got != want {
			t.Errorf("remap(%d) = %d, want %d", i, got, want)
		}
	}
}

// FuzzExtractTFPlan reads arbitrary bytes as a plan JSON file. It must
// never panic, and every indexed range must lie inside the file.
func FuzzExtractTFPlan(f *testing.F) {
	f.Add([]byte(planSrc))
	f.Add([]byte(`{"format_version":"1.0","resource_changes":[{"type":"aws_api_gateway_rest_api","mode":"managed","change":{"after":{"policy":"{\"Statement\":[{\"Resource\":\"\\u002a\"}]}"}}}]}`))
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_api_gateway_rest_api","mode":"managed","values":{"policy":"{\"Statement\":["}}]}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := Extract("fuzz.json", src, true)
		checkDocs(t, docs)
	})
}

// A walk must not skip a broken plan: its policies are JSON strings, so
// nothing but the plan front end recognises the file.
func TestBrokenPlanIsReported(t *testing.T) {
	t.Parallel()
	truncated := `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [aws_api_gateway_rest_api`
	if docs, ok := Extract("plan.json", []byte(truncated), false); !ok || len(docs) != 1 || docs[0].Problems[0].Rule != "invalid-json" {
		t.Errorf("a truncated plan gives %d documents (ok=%v), want one invalid-json", len(docs), ok)
	}
	src := `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [` +
		`{"type": "aws_api_gateway_rest_api", "values": {"policy": "{\"Statement\": []}"}} {}]}}}`
	docs, ok := Extract("plan.json", []byte(src), false)
	if !ok || len(docs) != 1 || len(docs[0].Problems) != 1 || docs[0].Problems[0].Rule != "invalid-json" {
		t.Fatalf("Extract = %v, %v; want one document with an invalid-json problem", docs, ok)
	}
	span, _ := docs[0].Index.Resolve("", false)
	if span.Start.Col != 158 {
		t.Errorf("error at column %d, want 158 (the second object)", span.Start.Col)
	}
}
