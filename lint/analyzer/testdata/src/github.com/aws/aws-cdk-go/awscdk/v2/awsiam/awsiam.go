// Package awsiam is a test stub of the AWS CDK for Go's IAM module: the
// constructors and props the analyzer reads, with the real names. As in the
// real module, enum constants hold the member name ("ALLOW"), not the value
// CDK renders ("Allow").
package awsiam

// Effect is the Effect element of a statement.
type Effect string

// The effects.
const (
	Effect_ALLOW Effect = "ALLOW"
	Effect_DENY  Effect = "DENY"
)

// IPrincipal is a principal.
type IPrincipal interface{ PolicyFragment() any }

type principal struct{}

func (principal) PolicyFragment() any { return nil }

// AnyPrincipal is any principal.
type AnyPrincipal interface{ IPrincipal }

// StarPrincipal is the "*" principal.
type StarPrincipal interface{ IPrincipal }

// ArnPrincipal is a principal named by ARN.
type ArnPrincipal interface{ IPrincipal }

// AccountPrincipal is an account.
type AccountPrincipal interface{ IPrincipal }

// AccountRootPrincipal is the stack's account.
type AccountRootPrincipal interface{ IPrincipal }

// ServicePrincipal is an AWS service.
type ServicePrincipal interface{ IPrincipal }

// OrganizationPrincipal is an AWS organization.
type OrganizationPrincipal interface{ IPrincipal }

// ServicePrincipalOpts are options of a ServicePrincipal.
type ServicePrincipalOpts struct{ Region *string }

// NewAnyPrincipal returns a principal for anyone.
func NewAnyPrincipal() AnyPrincipal { return principal{} }

// NewStarPrincipal returns the literal "*" principal.
func NewStarPrincipal() StarPrincipal { return principal{} }

// NewArnPrincipal returns a principal named by ARN.
func NewArnPrincipal(arn *string) ArnPrincipal { return principal{} }

// NewAccountPrincipal returns an account principal.
func NewAccountPrincipal(accountId any) AccountPrincipal { return principal{} }

// NewAccountRootPrincipal returns the stack's account.
func NewAccountRootPrincipal() AccountRootPrincipal { return principal{} }

// NewServicePrincipal returns a service principal.
func NewServicePrincipal(service *string, opts *ServicePrincipalOpts) ServicePrincipal {
	return principal{}
}

// NewOrganizationPrincipal returns an organization principal.
func NewOrganizationPrincipal(organizationId *string) OrganizationPrincipal { return principal{} }

// PolicyStatementProps are the props of a statement.
type PolicyStatementProps struct {
	Actions       *[]*string
	Conditions    *map[string]any
	Effect        Effect
	NotActions    *[]*string
	NotPrincipals *[]IPrincipal
	NotResources  *[]*string
	Principals    *[]IPrincipal
	Resources     *[]*string
	Sid           *string
}

// PolicyStatement is a statement.
type PolicyStatement interface {
	AddActions(actions ...*string)
	AddResources(arns ...*string)
}

type statement struct{}

func (statement) AddActions(actions ...*string) {}
func (statement) AddResources(arns ...*string)  {}

// NewPolicyStatement returns a statement.
func NewPolicyStatement(props *PolicyStatementProps) PolicyStatement { return statement{} }

// PolicyStatement_FromJson returns a statement from its JSON form.
func PolicyStatement_FromJson(obj any) PolicyStatement { return statement{} }

// PolicyDocumentProps are the props of a document.
type PolicyDocumentProps struct {
	AssignSids *bool
	Minimize   *bool
	Statements *[]PolicyStatement
}

// PolicyDocument is a policy document.
type PolicyDocument interface {
	AddStatements(statement ...PolicyStatement)
}

type document struct{}

func (document) AddStatements(statement ...PolicyStatement) {}

// NewPolicyDocument returns a document.
func NewPolicyDocument(props *PolicyDocumentProps) PolicyDocument { return document{} }

// PolicyDocument_FromJson returns a document from its JSON form.
func PolicyDocument_FromJson(obj any) PolicyDocument { return document{} }
