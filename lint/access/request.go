package access

import (
	"fmt"
	"net/netip"
	"strings"
)

// Auth is the authorization type of the method called.
type Auth string

// The authorization types of DOMAIN.md §5.2.
const (
	AuthNone    Auth = "none"    // NONE: anonymous callers
	AuthIAM     Auth = "iam"     // AWS_IAM: SigV4-signed IAM principals
	AuthLambda  Auth = "lambda"  // CUSTOM: a Lambda authorizer
	AuthCognito Auth = "cognito" // COGNITO_USER_POOLS
)

// Caller says whether the caller is in the API's own account.
type Caller string

// The two sides of Table A and Table B.
const (
	SameAccount  Caller = "same-account"
	CrossAccount Caller = "cross-account"
)

// Identity is what the other half of the decision says: the caller's IAM
// policies for AWS_IAM, the policy a Lambda authorizer returns for CUSTOM.
type Identity string

// The identity-side results of Tables A and B, plus the Lambda authorizer
// case where the token is missing or invalid.
const (
	IdentityAllow   Identity = "allow"
	IdentitySilent  Identity = "silent"
	IdentityDeny    Identity = "deny"
	IdentityNoToken Identity = "no-token"
)

// Made-up values for what a policy does not say: a bare policy file names
// no API, and an evaluation still needs a complete request. They are
// consistent with each other and reported as assumptions.
const (
	DefaultPartition = "aws"
	DefaultRegion    = "us-east-1"
	DefaultAccount   = "111122223333"
	DefaultAPIID     = "a1b2c3d4e5"
	DefaultStage     = "prod"
	DefaultMethod    = "GET"
	DefaultPath      = "/"
)

// Request is one call to the API. Empty fields are filled by
// Policy.Complete; a zero address means "not given".
type Request struct {
	SourceIP    netip.Addr // aws:SourceIp
	VpcSourceIP netip.Addr // aws:VpcSourceIp
	SourceVpce  string     // aws:SourceVpce
	SourceVpc   string     // aws:SourceVpc
	// Private says the API's endpoint type is PRIVATE, so every call
	// arrives through an interface VPC endpoint even when no VPC value is
	// given.
	Private bool
	// Context holds other condition keys and their values; names are
	// case-insensitive, and a key given here overrides what the fields
	// above imply.
	Context map[string][]string

	Auth     Auth
	Caller   Caller
	Identity Identity
	// Principal is the ARN of an IAM caller. Empty means an unknown
	// principal of the caller's account: statements naming one role or
	// user then match undetermined.
	Principal string

	Stage  string
	Method string // the HTTP verb, upper case in the ARN
	Path   string // the request path with its real values, e.g. /pets/7

	Partition string
	Region    string
	Account   string // the API owner's account
	APIID     string
}

// viaVPC reports whether the call comes through a VPC endpoint, where
// aws:SourceIp is absent (DOMAIN.md §3.2–§3.4).
func (r Request) viaVPC() bool {
	return r.Private || r.VpcSourceIP.IsValid() || r.SourceVpce != "" || r.SourceVpc != ""
}

func (r Request) api() apiRef {
	return apiRef{Partition: r.Partition, Region: r.Region, Account: r.Account, APIID: r.APIID}
}

// ARN is the execute-api ARN the call is authorized against (DOMAIN.md
// §2.1): arn:partition:execute-api:region:account:api-id/stage/VERB/path.
func (r Request) ARN() string {
	return r.api().arn() + "/" + r.Stage + "/" + r.Method + "/" + strings.TrimPrefix(r.Path, "/")
}

// Assumption is a request field that was filled in, and where from.
type Assumption struct {
	Field  string
	Value  string
	Source string
}

// Complete fills the empty fields of r. Partition, region, account and
// api-id come from the first literal execute-api ARN in the policy (the
// API it is attached to) or else from the made-up defaults; stage, method
// and path from the made-up defaults. It also upper-cases the method and
// fills Auth, Caller and Identity with none, same-account and allow.
func (p *Policy) Complete(r Request) (Request, []Assumption) {
	r, as := p.completeAPI(r)
	fill := func(f *string, name, def string) {
		if *f == "" {
			*f = def
			as = append(as, Assumption{name, def, "made up"})
		}
	}
	fill(&r.Stage, "stage", DefaultStage)
	fill(&r.Method, "method", DefaultMethod)
	fill(&r.Path, "path", DefaultPath)
	r.Method = strings.ToUpper(r.Method)
	if r.Auth == "" {
		r.Auth = AuthNone
	}
	if r.Identity == "" {
		r.Identity = IdentityAllow
	}
	if r.Caller == "" {
		r.Caller = SameAccount
		if acct := principalARNAccount(r.Principal); acct != "" && acct != r.Account {
			r.Caller = CrossAccount
		}
	}
	return r, as
}

func (p *Policy) completeAPI(r Request) (Request, []Assumption) {
	var as []Assumption
	fill := func(f *string, name, inferred, def string) {
		switch {
		case *f != "":
		case inferred != "":
			*f = inferred
			as = append(as, Assumption{name, inferred, "from the policy's own ARNs"})
		default:
			*f = def
			as = append(as, Assumption{name, def, "made up"})
		}
	}
	fill(&r.Partition, "partition", p.api.Partition, DefaultPartition)
	fill(&r.Region, "region", p.api.Region, DefaultRegion)
	fill(&r.Account, "account", p.api.Account, DefaultAccount)
	fill(&r.APIID, "api-id", p.api.APIID, DefaultAPIID)
	return r, as
}

// Validate checks the fields a caller may have set to something this
// package does not know.
func (r Request) Validate() error {
	switch r.Auth {
	case AuthNone, AuthIAM, AuthLambda, AuthCognito:
	default:
		return fmt.Errorf("unknown auth %q: use none, iam, lambda or cognito", r.Auth)
	}
	switch r.Caller {
	case SameAccount, CrossAccount:
	default:
		return fmt.Errorf("unknown caller %q: use same-account or cross-account", r.Caller)
	}
	switch r.Identity {
	case IdentityAllow, IdentitySilent, IdentityDeny:
	case IdentityNoToken:
		if r.Auth != AuthLambda {
			return fmt.Errorf("identity %q is only meaningful with a Lambda authorizer (auth lambda)", r.Identity)
		}
	default:
		return fmt.Errorf("unknown identity %q: use allow, silent or deny", r.Identity)
	}
	if r.SourceIP.IsValid() && r.viaVPC() {
		return fmt.Errorf("a call through a VPC endpoint (private API, VPC source IP, VPC endpoint or VPC id) has no aws:SourceIp")
	}
	if r.Principal != "" {
		acct := principalARNAccount(r.Principal)
		if acct == "" {
			return fmt.Errorf("principal %q is not an IAM or STS ARN with an account", r.Principal)
		}
		if (acct == r.Account) != (r.Caller == SameAccount) {
			return fmt.Errorf("principal %q is in account %s, the API in %s: that is not a %s caller", r.Principal, acct, r.Account, r.Caller)
		}
	}
	return nil
}

// principalARNAccount returns the account of an IAM or STS ARN.
func principalARNAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || (parts[2] != "iam" && parts[2] != "sts") || !isAccount(parts[4]) {
		return ""
	}
	return parts[4]
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
