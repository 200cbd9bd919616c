package functions

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestView(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"array, junk skipped, sorted entries": {
			`{"Statement": [` + allow + `, "junk", {"Effect": "Deny", "Principal": "*", "Condition": "odd"}]}`,
			`{"statements": [` + allowStmt + `, ` + oddDeny + `],
			"allows": [` + allowStmt + `],
			"denies": [` + oddDeny + `],
			"condition_entries": [` + boolEntry + `, ` + ipEntry + `],
			"conditions": {["Statement", 0]: [` + boolEntry + `, ` + ipEntry + `], ["Statement", 2]: []}}`,
		},
		"lone statement without Effect": {
			`{"Statement": {"Condition": {"Null": {"aws:SourceVpce": true, "x": 1}, "StringEquals": "odd"}}}`,
			`{"statements": [{"path": ["Statement"], "index": 0, "effect": null, "label": "Statement", "values": {}, "principals": [],
				"raw": {"Condition": {"Null": {"aws:SourceVpce": true, "x": 1}, "StringEquals": "odd"}},
				"conditions": [` + nullEntry("aws:SourceVpce", "aws:sourcevpce", "true") + `, ` + nullEntry("x", "x", "1") + `]}],
			"allows": [], "denies": [],
			"condition_entries": [` + nullEntry("aws:SourceVpce", "aws:sourcevpce", "true") + `, ` + nullEntry("x", "x", "1") + `],
			"conditions": {["Statement"]: [` + nullEntry("aws:SourceVpce", "aws:sourcevpce", "true") + `, ` + nullEntry("x", "x", "1") + `]}}`,
		},
		"no policy":    {`null`, `{"statements": [], "allows": [], "denies": [], "condition_entries": [], "conditions": {}}`},
		"no Statement": {`{"Version": "2012-10-17"}`, `{"statements": [], "allows": [], "denies": [], "condition_entries": [], "conditions": {}}`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := view(rego.BuiltinContext{}, ast.MustParseTerm(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if want := ast.MustParseTerm(tt.want); !got.Equal(want) {
				t.Errorf("view(%s) =\n%v\nwant\n%v", tt.in, got, want)
			}
		})
	}
}

const (
	allow     = `{"Sid": "Office", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "execute-api:Invoke", "NotResource": ["execute-api:/x"], "Condition": {"ForAnyValue:IpAddressIfExists": {"AWS:SourceIp": ["1.2.3.0/24"]}, "Bool": {"aws:SecureTransport": "true"}}}`
	boolEntry = `{"statement_path": ["Statement", 0], "effect": "Allow", "operator": "Bool", "base": "Bool", "if_exists": false,
		"qualifier": "", "key": "aws:SecureTransport", "key_lower": "aws:securetransport",
		"path_key": ["Statement", 0, "Condition", "Bool", "aws:SecureTransport"], "raw": "true"}`
	ipEntry = `{"statement_path": ["Statement", 0], "effect": "Allow", "operator": "ForAnyValue:IpAddressIfExists", "base": "IpAddress",
		"if_exists": true, "qualifier": "ForAnyValue", "key": "AWS:SourceIp", "key_lower": "aws:sourceip",
		"path_key": ["Statement", 0, "Condition", "ForAnyValue:IpAddressIfExists", "AWS:SourceIp"], "raw": ["1.2.3.0/24"]}`
	allowStmt = `{"path": ["Statement", 0], "index": 0, "effect": "Allow", "raw": ` + allow + `,
		"label": "statement \"Office\"",
		"values": {"Action": [{"value": "execute-api:Invoke", "path": ["Statement", 0, "Action"]}],
			"NotResource": [{"value": "execute-api:/x", "path": ["Statement", 0, "NotResource", 0]}]},
		"principals": [{"type": "AWS", "value": "*", "path": ["Statement", 0, "Principal", "AWS"]}],
		"conditions": [` + boolEntry + `, ` + ipEntry + `]}`
	oddDeny = `{"path": ["Statement", 2], "index": 2, "effect": "Deny", "raw": {"Effect": "Deny", "Principal": "*", "Condition": "odd"},
		"label": "Statement[2]", "values": {},
		"principals": [{"type": "*", "value": "*", "path": ["Statement", 2, "Principal"]}], "conditions": []}`
)

func nullEntry(key, lower, raw string) string {
	return `{"statement_path": ["Statement"], "effect": null, "operator": "Null", "base": "Null", "if_exists": false,
		"qualifier": "", "key": "` + key + `", "key_lower": "` + lower + `",
		"path_key": ["Statement", "Condition", "Null", "` + key + `"], "raw": ` + raw + `}`
}
