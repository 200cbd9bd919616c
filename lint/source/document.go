package source

import "github.com/apigwlint/apigwlint/lint/position"

// Format names the kind of file a policy was found in.
type Format string

// The formats a Document can come from.
const (
	FormatJSON Format = "json" // a bare policy document
)

// Target kinds: what the policy is attached to.
const (
	KindUnknown   = "unknown"
	KindREST      = "rest"
	KindHTTP      = "http"
	KindWebSocket = "websocket"
)

// Target describes what a policy is attached to, as far as the file tells.
// A bare policy file says nothing, so its Kind is KindUnknown.
type Target struct {
	Kind     string // KindREST, KindHTTP, KindWebSocket or KindUnknown
	Endpoint string // EDGE, REGIONAL, PRIVATE, or "" when not known
	Resource string // the infrastructure resource's name, "" for a bare file
	Type     string // the infrastructure resource's type, e.g. AWS::ApiGateway::RestApi
	// Deployments are the deployment resources of the API that the file
	// declares (Terraform aws_api_gateway_deployment), for the redeploy rule.
	Deployments []Deployment
}

// Deployment is a deployment resource of the API a policy is attached to.
type Deployment struct {
	Resource       string // e.g. aws_api_gateway_deployment.prod
	HasTriggers    bool   // it declares a triggers map
	TriggersPolicy bool   // its triggers depend on the policy, so a policy change redeploys
	Policy         string // the expression that sets the policy, e.g. aws_api_gateway_rest_api_policy.x.policy
}

// Problem is something wrong with a document that Go, not a rule, detects:
// a syntax error, a schema violation. The rule named by Rule reports it, so
// it can be configured like any other finding.
type Problem struct {
	Rule    string // rule name, e.g. "invalid-json"
	Path    []any  // path into the policy; nil for the whole document
	OnKey   bool   // locate on the member name rather than the value
	Message string
}

// Document is one resource policy found in a file.
type Document struct {
	Path     string          // the file, as the user named or the walk found it
	Format   Format          // the kind of file
	Policy   any             // the decoded policy; nil when it did not parse
	Target   Target          // what the policy is attached to
	Index    *position.Index // maps paths in Policy to spans in the file
	Problems []Problem       // problems found while decoding

	// TargetIndex maps paths in the rule input's target object (e.g.
	// /deployments/0) to the file, for findings a rule places "on" the
	// target. Nil when the file says nothing about the target.
	TargetIndex *position.Index
}
