package access

import "strings"

// Outcome is the resource policy's own result for a request (RP in
// DOMAIN.md §5.2).
type Outcome string

// The three results: a matching Deny beats any matching Allow; nothing
// matching is Silent.
const (
	OutcomeDeny   Outcome = "Deny"
	OutcomeAllow  Outcome = "Allow"
	OutcomeSilent Outcome = "Silent"
)

// Decision is the final answer for a request: one cell of the §5.2 table.
type Decision struct {
	Allowed bool
	Status  int     // 200, 403, or 401 for a Lambda authorizer without a usable token
	Row     string  // the row, e.g. "AWS_IAM, same account | IAM Allow"
	RP      Outcome // the column
	Cell    string  // what the table says, e.g. "allowed (Table A)"
	// Unconfirmed is set when DOMAIN.md marks the row or cell UNCONFIRMED.
	Unconfirmed string
}

type cell struct {
	allowed bool
	status  int
	text    string
}

type row struct {
	auth     Auth
	caller   Caller   // "" for any
	identity Identity // "" for any
	label    string
	cells    [3]cell // Deny, Allow, Silent
	note     string  // UNCONFIRMED for the whole row
}

var (
	denied      = cell{false, 403, "403 (explicit deny)"}
	allowed     = cell{true, 200, "allowed"}
	implicit    = cell{false, 403, "403 (implicit deny)"}
	allowedA    = cell{true, 200, "allowed (Table A)"}
	implicitB   = cell{false, 403, "403 (Table B)"}
	preAuthDeny = cell{false, 403, "403 before the authorizer runs (pre-auth explicit deny)"}
)

// table is DOMAIN.md §5.2, the consolidated decision table, row for row.
var table = []row{
	{auth: AuthNone, label: "NONE | anonymous", cells: [3]cell{denied, allowed, implicit}},
	{
		auth: AuthIAM, caller: SameAccount, identity: IdentityAllow, label: "AWS_IAM, same account | IAM Allow",
		cells: [3]cell{denied, allowed, allowedA},
	},
	{
		auth: AuthIAM, caller: SameAccount, identity: IdentitySilent, label: "AWS_IAM, same account | IAM silent",
		cells: [3]cell{denied, allowedA, implicit},
	},
	{
		auth: AuthIAM, caller: CrossAccount, identity: IdentityAllow, label: "AWS_IAM, cross account | IAM Allow",
		cells: [3]cell{denied, allowed, implicitB},
	},
	{
		auth: AuthIAM, caller: CrossAccount, identity: IdentitySilent, label: "AWS_IAM, cross account | IAM silent",
		cells: [3]cell{denied, implicitB, implicit},
	},
	{
		auth: AuthIAM, identity: IdentityDeny, label: "AWS_IAM, any | IAM Deny",
		cells: [3]cell{denied, denied, denied},
	},
	{
		auth: AuthLambda, identity: IdentityAllow, label: "CUSTOM (Lambda authorizer) | authorizer Allow",
		cells: [3]cell{preAuthDeny, allowed, allowedA},
	},
	{
		auth: AuthLambda, identity: IdentitySilent, label: "CUSTOM | authorizer silent",
		cells: [3]cell{preAuthDeny, allowedA, implicit},
	},
	{
		auth: AuthLambda, identity: IdentityDeny, label: "CUSTOM | authorizer Deny",
		cells: [3]cell{preAuthDeny, denied, denied},
	},
	{
		auth: AuthLambda, identity: IdentityNoToken, label: "CUSTOM | token / identity source missing or invalid",
		cells: [3]cell{{false, 401, "401"}, {false, 401, "401"}, {false, 401, "401"}},
		note:  "whether the pre-auth Deny check or the identity-source check runs first is UNCONFIRMED (a Deny might give 403)",
	},
	{
		auth: AuthCognito, label: "COGNITO_USER_POOLS | valid token",
		cells: [3]cell{denied, allowed, {false, 403, "403 per the prose (explicit Allow required)"}},
		note: "the AWS page's prose requires an explicit Allow for Cognito callers, while its Table A would let a valid token " +
			"through a silent resource policy; the prose, the more specific statement, is followed",
	},
}

// Decide looks up the §5.2 cell for an authorization mode and a resource
// policy result. A Lambda or Cognito caller from another account is looked
// up as same-account: the page sends those flows to Table A only, and how
// "account" applies to them is UNCONFIRMED.
func Decide(auth Auth, caller Caller, id Identity, rp Outcome) Decision {
	col := 0
	switch rp {
	case OutcomeAllow:
		col = 1
	case OutcomeSilent:
		col = 2
	}
	for _, rw := range table {
		if rw.auth != auth || (rw.caller != "" && rw.caller != caller) || (rw.identity != "" && rw.identity != id) {
			continue
		}
		c := rw.cells[col]
		var ucs []string
		if rw.note != "" {
			ucs = append(ucs, rw.note)
		}
		if caller == CrossAccount && (auth == AuthLambda || auth == AuthCognito) {
			ucs = append(ucs, "whether Table B (cross account) applies to Lambda and Cognito authorizers is UNCONFIRMED; they are treated as Table A")
		}
		return Decision{
			Allowed: c.allowed, Status: c.status, Row: rw.label, RP: rp, Cell: c.text,
			Unconfirmed: strings.Join(ucs, "; "),
		}
	}
	// Validate rejects every combination the table lacks.
	return Decision{Status: 403, RP: rp, Row: "no row of §5.2", Cell: "403 (unknown mode)"}
}
