package analyzer

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestCDKRendering compares the JSON the analyzer renders for CDK documents
// with the JSON CDK synthesises for them (placeholders aside).
func TestCDKRendering(t *testing.T) {
	var got []any
	var targets []string
	render := &analysis.Analyzer{
		Name: "render",
		Doc:  "render the CDK documents of a package",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, p := range newScan(pass).policies() {
				got = append(got, p.doc.Policy)
				targets = append(targets, p.doc.Target.Kind+" "+p.doc.Target.Endpoint+" "+p.doc.Target.Type)
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), render, "cdkrender")
	var want []any
	if err := json.Unmarshal([]byte(wantRendered), &want); err != nil {
		t.Fatal(err)
	}
	// Numbers come out as json.Number; compare through JSON.
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var gotJSON []any
	if err := json.Unmarshal(b, &gotJSON); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, gotJSON); diff != "" {
		t.Errorf("rendered documents (-want +got):\n%s", diff)
	}
	wantTargets := []string{"rest PRIVATE awsapigateway.RestApiProps", "rest  awsapigateway.RestApiProps"}
	if diff := cmp.Diff(wantTargets, targets); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
}

const wantRendered = `[
  {
    "Version": "2012-10-17",
    "Statement": [{
      "Sid": "AllowVpce",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "execute-api:Invoke",
      "Resource": ["execute-api:/prod/GET/*", "execute-api:/prod/POST/*"],
      "Condition": {"StringEquals": {"aws:SourceVpce": "${vpce}"}}
    }]
  },
  {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Deny",
        "Principal": {
          "AWS": [
            "arn:aws:iam::123456789012:role/a",
            "arn:${AWS::Partition}:iam::210987654321:root",
            "${awsiam.NewOrganizationPrincipal(jsii.String(\"o-abc\"))}"
          ],
          "Service": "states.amazonaws.com"
        },
        "NotAction": "execute-api:InvalidateCache",
        "NotResource": "execute-api:/*/OPTIONS/*"
      },
      {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "execute-api:Invoke",
        "Resource": "execute-api:/*",
        "Condition": {
          "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
          "Bool": {"aws:SecureTransport": true}
        }
      }
    ]
  }
]`
