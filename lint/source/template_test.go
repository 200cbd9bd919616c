package source

import (
	"testing"
)

func TestTemplateDetection(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		path, src string
		explicit  bool
		want      bool
	}{
		"kubernetes manifest skipped": {"deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n", false, false},
		"ci workflow skipped":         {".github/workflows/ci.yml", "on: push\njobs: {build: {runs-on: ubuntu-latest}}\n", false, false},
		"broken compose skipped":      {"compose.yaml", "services:\n  web:\n image: x\n", false, false},
		"package.json skipped":        {"package.json", `{"name": "x", "scripts": {"build": "tsc"}}`, false, false},
		"template by content":         {"infra.yaml", restYAML, false, true},
		"json template":               {"infra.template", `{"Resources": {"A": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Policy": {"Statement": []}}}}}`, false, true},
		"yaml template":               {"infra.template", restYAML, false, true},
		"template without policy":     {"infra.yaml", "Resources:\n  A:\n    Type: AWS::ApiGateway::RestApi\n", true, false},
		"broken marked yaml reported": {"infra.yml", "Resources:\n  A:\n    Type: AWS::ApiGateway::RestApi\n   Properties: {}\n", false, true},
		"broken named yaml reported":  {"x.yaml", "a: [\n", true, true},
		"named non-template":          {"x.yaml", "a: 1\n", true, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, ok := Extract(tt.path, []byte(tt.src), tt.explicit); ok != tt.want {
				t.Errorf("Extract ok = %v, want %v", ok, tt.want)
			}
		})
	}
}

const restYAML = `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Policy:
        Statement: []
`

func TestCandidate(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"a/policy.json": true, "template.yaml": true, "serverless.yml": true, "stack.template": true,
		"README.md": false, "main.go": false, "infra.YAML": true,
	} {
		if got := Candidate(path); got != want {
			t.Errorf("Candidate(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestTemplateTargets(t *testing.T) {
	t.Parallel()
	policy := "        Statement: [{Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*'}]\n"
	tests := map[string]struct {
		src  string
		want Target
	}{
		"rest default edge": {
			"Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Policy:\n" + policy,
			Target{Kind: KindREST, Endpoint: "EDGE", Resource: "Api", Type: typeRestAPI},
		},
		"rest import parameter": {
			"Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Parameters: {endpointConfigurationTypes: REGIONAL}\n      Policy:\n" + policy,
			Target{Kind: KindREST, Endpoint: "REGIONAL", Resource: "Api", Type: typeRestAPI},
		},
		"rest endpoint from parameter": {
			"Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      EndpointConfiguration: {Types: [!Ref T]}\n      Policy:\n" + policy,
			Target{Kind: KindREST, Endpoint: "", Resource: "Api", Type: typeRestAPI},
		},
		"websocket": {
			"Resources:\n  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      Policy:\n" + policy,
			Target{Kind: KindWebSocket, Resource: "Ws", Type: typeV2API},
		},
		"sam endpoint string": {
			"Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      EndpointConfiguration: private\n      Auth:\n        ResourcePolicy:\n          CustomStatements:\n            - {Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*'}\n",
			Target{Kind: KindREST, Endpoint: "PRIVATE", Resource: "Api", Type: typeSAMAPI},
		},
		"serverless endpoint": {
			"service: s\nprovider:\n  name: aws\n  endpointType: private\n  resourcePolicy:\n    - {Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*'}\n",
			Target{Kind: KindREST, Endpoint: "PRIVATE", Resource: "ApiGatewayRestApi", Type: typeRestAPI},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			docs, ok := Extract("t.yaml", []byte(tt.src), true)
			if !ok || len(docs) != 1 {
				t.Fatalf("got %d documents (ok=%v)", len(docs), ok)
			}
			got := docs[0].Target
			if got.Kind != tt.want.Kind || got.Endpoint != tt.want.Endpoint || got.Resource != tt.want.Resource || got.Type != tt.want.Type {
				t.Errorf("target %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestSAMGeneration checks the statements SAM's translation yields and
// where their values are located.
func TestSAMGeneration(t *testing.T) {
	t.Parallel()
	src := `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      Auth:
        ResourcePolicy:
          IpRangeWhitelist: [52.94.76.0/22]
          IpRangeBlacklist: [3.5.140.0/22]
          AwsAccountBlacklist: ["111122223333"]
      DefinitionBody:
        paths:
          /items/{id}/: {get: {}, x-amazon-apigateway-any-method: {}}
`
	docs, ok := Extract("t.yaml", []byte(src), true)
	if !ok || len(docs) != 1 {
		t.Fatalf("got %d documents (ok=%v)", len(docs), ok)
	}
	stmts := docs[0].Policy.(map[string]any)["Statement"].([]any)
	var effects []string
	for _, s := range stmts {
		effects = append(effects, s.(map[string]any)["Effect"].(string))
	}
	// Account deny, one Allow for both IP lists (SAM does not repeat it), two Denies.
	if got := len(effects); got != 4 || effects[0] != "Deny" || effects[1] != "Allow" {
		t.Fatalf("effects %v", effects)
	}
	res := stmts[1].(map[string]any)["Resource"].([]any)
	if len(res) != 2 || res[0] != "execute-api:/${__Stage__}/GET/items/*" || res[1] != "execute-api:/${__Stage__}/*/items/*" {
		t.Errorf("resources %v", res)
	}
	for ptr, want := range map[string]string{
		"/Statement/2/Condition/NotIpAddress/aws:SourceIp/0": "8:30",
		"/Statement/3/Condition/IpAddress/aws:SourceIp/0":    "9:30",
		"/Statement/0/Principal/AWS/0":                       "10:33",
		"/Statement/1":                                       "8:29",
	} {
		if got := at(t, docs[0], ptr, false); got != want {
			t.Errorf("%s at %s, want %s", ptr, got, want)
		}
	}
	if got := at(t, docs[0], "/Statement/2/Condition/NotIpAddress/aws:SourceIp", true); got != "8:11" {
		t.Errorf("condition key at %s, want the IpRangeWhitelist key at 8:11", got)
	}
}
