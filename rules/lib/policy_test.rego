package apigwlint.lib.policy_test

import data.apigwlint.lib.policy

_allow := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

_fields := ["path", "index", "effect", "raw"]

test_statements_from_array if {
	stmts := policy.statements with input as {"policy": {"Statement": [_allow, "junk", {"Effect": "Deny"}]}}
	[object.filter(s, _fields) | some s in stmts] == [
		{"path": ["Statement", 0], "index": 0, "effect": "Allow", "raw": _allow},
		{"path": ["Statement", 2], "index": 2, "effect": "Deny", "raw": {"Effect": "Deny"}},
	]
}

test_statements_from_single_object if {
	stmts := policy.statements with input as {"policy": {"Statement": _allow}}
	[object.filter(s, _fields) | some s in stmts] == [{"path": ["Statement"], "index": 0, "effect": "Allow", "raw": _allow}]
}

test_statements_empty_for_unparsed_or_odd_policy if {
	policy.statements == [] with input as {"policy": null}
	policy.statements == [] with input as {"policy": {"Statement": "x"}}
	policy.statements == [] with input as {}
}

test_statements_effect_null_when_missing if {
	stmts := policy.statements with input as {"policy": {"Statement": [{"Action": "execute-api:Invoke"}]}}
	stmts[0].effect == null
}

test_allows_and_denies_match_exact_effect if {
	doc := {"policy": {"Statement": [_allow, {"Effect": "Deny"}, {"Effect": "allow"}]}}
	[s.path | some s in policy.allows] == [["Statement", 0]] with input as doc
	[s.path | some s in policy.denies] == [["Statement", 1]] with input as doc
}

test_values_of_scalar_and_list if {
	doc := {"Statement": [{"Resource": ["a", "b"], "Action": "execute-api:Invoke", "Sid": "x"}]}
	[s] := policy.statements with input.policy as doc
	s.values == {
		"Resource": [
			{"value": "a", "path": ["Statement", 0, "Resource", 0]},
			{"value": "b", "path": ["Statement", 0, "Resource", 1]},
		],
		"Action": [{"value": "execute-api:Invoke", "path": ["Statement", 0, "Action"]}],
	}
}

test_principals_star_and_map if {
	doc := {"Statement": [
		{"Principal": "*"},
		{"Principal": {"AWS": ["111122223333", "*"], "Service": "states.amazonaws.com"}},
		{"Principal": "arn:aws:iam::111122223333:root"},
		{},
	]}
	stmts := policy.statements with input.policy as doc
	stmts[0].principals == [{"type": "*", "value": "*", "path": ["Statement", 0, "Principal"]}]
	stmts[1].principals == [
		{"type": "AWS", "value": "111122223333", "path": ["Statement", 1, "Principal", "AWS", 0]},
		{"type": "AWS", "value": "*", "path": ["Statement", 1, "Principal", "AWS", 1]},
		{"type": "Service", "value": "states.amazonaws.com", "path": ["Statement", 1, "Principal", "Service"]},
	]
	stmts[2].principals == []
	stmts[3].principals == []
}

test_conditions_normalised if {
	doc := {"Statement": [{"Effect": "Allow"}, {"Effect": "Deny", "Condition": {
		"ForAnyValue:NotIpAddressIfExists": {"AWS:SourceIP": ["52.94.76.0/22", "2600:1f18::/32"]},
		"StringNotEquals": {"aws:sourceVpce": "vpce-0a1b2c3d"},
	}}]}
	entries := [object.remove(c, ["statement_path", "effect"]) | some c in policy.condition_entries] with input.policy as doc
	entries == [
		{
			"operator": "ForAnyValue:NotIpAddressIfExists", "base": "NotIpAddress", "if_exists": true,
			"qualifier": "ForAnyValue", "key": "AWS:SourceIP", "key_lower": "aws:sourceip",
			"path_key": ["Statement", 1, "Condition", "ForAnyValue:NotIpAddressIfExists", "AWS:SourceIP"],
			"raw": ["52.94.76.0/22", "2600:1f18::/32"],
		},
		{
			"operator": "StringNotEquals", "base": "StringNotEquals", "if_exists": false,
			"qualifier": "", "key": "aws:sourceVpce", "key_lower": "aws:sourcevpce",
			"path_key": ["Statement", 1, "Condition", "StringNotEquals", "aws:sourceVpce"],
			"raw": "vpce-0a1b2c3d",
		},
	]
	[c, _] := policy.condition_entries with input.policy as doc
	policy.condition_values(c) == [
		{"value": "52.94.76.0/22", "path": ["Statement", 1, "Condition", "ForAnyValue:NotIpAddressIfExists", "AWS:SourceIP", 0]},
		{"value": "2600:1f18::/32", "path": ["Statement", 1, "Condition", "ForAnyValue:NotIpAddressIfExists", "AWS:SourceIP", 1]},
	]
}

test_condition_values_of_a_scalar if {
	doc := {"Statement": {"Condition": {"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}}}
	[c] := policy.condition_entries with input.policy as doc
	policy.condition_values(c) == [{"value": "52.94.76.0/22", "path": ["Statement", "Condition", "IpAddress", "aws:SourceIp"]}]
}

test_conditions_of_each_statement if {
	doc := {"Statement": [
		{"Effect": "Allow", "Condition": {"IpAddress": {"aws:SourceIp": "52.94.76.0/22"}}},
		{"Effect": "Deny", "Condition": {"NotIpAddress": {"aws:SourceIp": "52.94.76.0/22"}}},
		{"Effect": "Deny"},
	]}
	stmts := policy.statements with input.policy as doc
	[[c.operator | some c in s.conditions] | some s in stmts] == [["IpAddress"], ["NotIpAddress"], []]
	[c] := policy.statement_conditions[["Statement", 1]] with input.policy as doc
	c.operator == "NotIpAddress"
}

test_conditions_qualifier_all_values if {
	doc := {"Statement": {"Effect": "Allow", "Condition": {"ForAllValues:StringLike": {"aws:SourceVpc": "vpc-*"}}}}
	[c] := policy.condition_entries with input.policy as doc
	c.base == "StringLike"
	c.qualifier == "ForAllValues"
	c.if_exists == false
}

test_conditions_skip_malformed_blocks if {
	policy.condition_entries == [] with input.policy as {"Statement": [{"Condition": ["IpAddress"]}]}
	policy.condition_entries == [] with input.policy as {"Statement": [{"Condition": {"IpAddress": "52.94.76.0/22"}}]}
	policy.condition_entries == [] with input.policy as {"Statement": [{}]}
}

test_opaque if {
	policy.opaque("arn:aws:execute-api:${AWS::Region}:*")
	policy.opaque("${var.office_cidrs}")
	not policy.opaque("arn:aws:execute-api:*")
	not policy.opaque("$var")
	not policy.opaque(["${x}"])
}

test_statement_index_and_label if {
	stmts := policy.statements with input as {"policy": {"Statement": [_allow, object.union(_allow, {"Sid": "Office"}), object.union(_allow, {"Sid": ""})]}}
	[s.index | some s in stmts] == [0, 1, 2]
	[s.label | some s in stmts] == ["Statement[0]", `statement "Office"`, "Statement[2]"]
	one := policy.statements with input as {"policy": {"Statement": _allow}}
	one[0].index == 0
	one[0].label == "Statement"
}

test_address_keys_are_lower_case if {
	policy.address_keys == {"aws:sourceip", "aws:vpcsourceip"}
}

test_admits_addresses if {
	policy.admits_addresses({"effect": "Allow", "base": "IpAddress"})
	policy.admits_addresses({"effect": "Deny", "base": "NotIpAddress"})
	not policy.admits_addresses({"effect": "Deny", "base": "IpAddress"})
	not policy.admits_addresses({"effect": "Allow", "base": "NotIpAddress"})
	not policy.admits_addresses({"effect": "Allow", "base": "StringEquals"})
}
