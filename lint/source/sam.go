package source

import (
	"regexp"
	"strings"

	"github.com/apigwlint/apigwlint/lint/position"
)

// SAM writes no policy document: AWS::Serverless::Api takes
// Auth.ResourcePolicy, a set of lists (IpRangeWhitelist, SourceVpcBlacklist,
// CustomStatements, ...), and the transform turns them into statements for
// every route of the API (DOMAIN.md §8.2). This front end builds the same
// statements, so every rule applies to what SAM deploys, and locates each
// generated value at the SAM property that produced it: a CIDR at its
// IpRangeWhitelist item, a statement at its CustomStatements item.
//
// The resource policy may also be given per route, under a function's Api
// event (Events.<name>.Properties.Auth.ResourcePolicy), and for every API at
// once under Globals.Api.Auth.ResourcePolicy; Globals lists come first, as
// SAM adds list entries of Globals to a resource's own.

// SAM resource types.
const (
	typeSAMAPI      = "AWS::Serverless::Api"
	typeSAMHTTPAPI  = "AWS::Serverless::HttpApi"
	typeSAMFunction = "AWS::Serverless::Function"
)

// samAPI is one API of a SAM template, declared or implicit.
type samAPI struct {
	name, typ string
	ptr       string // the resource's pointer; "" for an implicit API
	props     map[string]any
	routes    []string // execute-api resources of the routes SAM knows
	unknown   bool     // the routes are in a file SAM reads at deploy time
	events    []samEvent
}

// samEvent is a resource policy given on one route.
type samEvent struct {
	ptr   string // of the ResourcePolicy
	route string
}

// samReader gathers a template's APIs and their routes.
type samReader struct {
	t         *tree
	resources string
	apis      map[string]*samAPI
}

// samDocs returns the policy SAM generates for each API of the template.
func samDocs(t *tree, resources string) []*Document {
	res, _ := t.lookup(resources)
	all, _ := res.(map[string]any)
	s := &samReader{t: t, resources: resources, apis: map[string]*samAPI{}}
	for _, name := range members(all) {
		typ, _ := field(all[name], "Type").(string)
		if typ == typeSAMAPI || typ == typeSAMHTTPAPI {
			props, _ := field(all[name], "Properties").(map[string]any)
			s.apis[name] = &samAPI{name: name, typ: typ, ptr: position.Append(resources, name), props: props}
			s.definitionRoutes(s.apis[name])
		}
	}
	for _, name := range members(all) {
		if typ, _ := field(all[name], "Type").(string); typ == typeSAMFunction {
			s.functionEvents(position.Append(resources, name), all[name])
		}
	}
	var docs []*Document
	for _, name := range members(s.apis) {
		docs = appendDoc(docs, s.apiDoc(s.apis[name]))
	}
	return docs
}

// definitionRoutes reads the routes of an API's inline OpenAPI document.
func (s *samReader) definitionRoutes(api *samAPI) {
	body, ok := api.props["DefinitionBody"]
	if !ok {
		_, api.unknown = api.props["DefinitionUri"]
		return
	}
	if _, isMap := body.(map[string]any); !isMap {
		api.unknown = true // an Fn::Transform include, say
		return
	}
	paths, _ := field(body, "paths").(map[string]any)
	for _, path := range members(paths) {
		ops, _ := paths[path].(map[string]any)
		for _, op := range members(ops) {
			if httpVerbs[strings.ToLower(op)] {
				api.routes = appendRoute(api.routes, routeARN(op, path))
			}
		}
	}
}

// httpVerbs are the OpenAPI operation names that are routes.
var httpVerbs = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true, "patch": true,
	"head": true, "options": true, "x-amazon-apigateway-any-method": true,
}

// functionEvents adds the routes of a function's Api and HttpApi events to
// their APIs, creating the implicit API SAM creates for events that name
// none.
func (s *samReader) functionEvents(fnPtr string, fn any) {
	events, _ := field(field(fn, "Properties"), "Events").(map[string]any)
	for _, name := range members(events) {
		ev := events[name]
		typ, _ := field(ev, "Type").(string)
		apiType, idKey, implicit := typeSAMAPI, "RestApiId", "ServerlessRestApi"
		if typ == "HttpApi" {
			apiType, idKey, implicit = typeSAMHTTPAPI, "ApiId", "ServerlessHttpApi"
		} else if typ != "Api" {
			continue
		}
		props := field(ev, "Properties")
		api := s.eventAPI(props, idKey, implicit, apiType)
		if api == nil {
			continue
		}
		method, _ := literal(field(props, "Method"))
		path, _ := literal(field(props, "Path"))
		route := routeARN(method, path)
		api.routes = appendRoute(api.routes, route)
		if field(field(props, "Auth"), "ResourcePolicy") != nil {
			ptr := fnPtr + "/Properties/Events/" + position.Token(name) + "/Properties/Auth/ResourcePolicy"
			api.events = append(api.events, samEvent{ptr: ptr, route: route})
		}
	}
}

// eventAPI is the API an event's route belongs to, or nil when the event
// names an API the template does not declare.
func (s *samReader) eventAPI(props any, idKey, implicit, apiType string) *samAPI {
	name := implicit
	if id, ok := asMap(props)[idKey]; ok {
		ref, isRef := field(id, "Ref").(string)
		if !isRef {
			ref, isRef = id.(string)
		}
		if !isRef {
			return nil
		}
		name = ref
	}
	api := s.apis[name]
	if api == nil && name == implicit {
		api = &samAPI{name: name, typ: apiType}
		s.apis[name] = api
	}
	return api
}

// pathParam is a path parameter such as {id} or {proxy+}, which SAM writes
// as "*" in the resource.
var pathParam = regexp.MustCompile(`\{[^}/]*\}`)

// routeARN is the resource SAM writes for a route:
// execute-api:/${__Stage__}/VERB/path, with ANY as "*" and the stage left a
// placeholder (SAM fills it in with Fn::Sub).
func routeARN(method, path string) string {
	verb := strings.ToUpper(method)
	if verb == "" || verb == "ANY" || verb == "X-AMAZON-APIGATEWAY-ANY-METHOD" {
		verb = "*"
	}
	if path == "" {
		path = "/*"
	}
	path = pathParam.ReplaceAllString(strings.TrimSuffix(path, "/"), "*")
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return "execute-api:/${__Stage__}/" + verb + path
}

func appendRoute(routes []string, r string) []string {
	for _, x := range routes {
		if x == r {
			return routes
		}
	}
	return append(routes, r)
}

// apiDoc builds the policy SAM writes for one API: the statements of an
// inline x-amazon-apigateway-policy, those generated from the API's (and
// Globals') Auth.ResourcePolicy for all its routes, then those of each
// route's own resource policy.
func (s *samReader) apiDoc(api *samAPI) *Document {
	g := &samGen{b: newBuilder(s.t), allowed: map[string]bool{}}
	var sources []string
	if ptr := "/Globals/" + strings.TrimPrefix(api.typ, "AWS::Serverless::") + "/Auth/ResourcePolicy"; s.exists(ptr) {
		sources = append(sources, ptr)
	}
	if ptr := api.ptr + "/Properties/Auth/ResourcePolicy"; api.ptr != "" && s.exists(ptr) {
		sources = append(sources, ptr)
	}
	anchor := g.definitionStatements(api.ptr)
	g.translate(sources, api.resources())
	for _, ev := range api.events {
		g.translate([]string{ev.ptr}, []any{ev.route})
		anchor = ev.ptr
	}
	if len(sources) > 0 {
		anchor = sources[len(sources)-1]
	}
	if len(g.stmts) == 0 {
		return nil
	}
	g.b.set("/Version", anchor)
	g.b.set("/Statement", anchor)
	g.b.setRoot(anchor)
	policy := map[string]any{"Version": "2012-10-17", "Statement": g.stmts}
	return g.b.document(FormatSAM, policy, s.target(api))
}

func (s *samReader) exists(ptr string) bool {
	v, ok := s.t.lookup(ptr)
	return ok && v != nil
}

// resources are the routes SAM enumerates for API-wide statements. With no
// route, SAM generates none; with routes it cannot see, execute-api:/*
// stands for all of them.
func (api *samAPI) resources() []any {
	if api.unknown || (api.typ == typeSAMHTTPAPI && len(api.routes) == 0) {
		return []any{"execute-api:/*"}
	}
	out := make([]any, len(api.routes))
	for i, r := range api.routes {
		out[i] = r
	}
	return out
}

// target describes the API. SAM's EndpointConfiguration is a string or a
// mapping with Type; without one the API is EDGE.
func (s *samReader) target(api *samAPI) Target {
	if api.typ == typeSAMHTTPAPI {
		return Target{Kind: KindHTTP, Resource: api.name, Type: api.typ}
	}
	ec, ok := api.props["EndpointConfiguration"]
	if !ok {
		ec, ok = s.t.lookup("/Globals/Api/EndpointConfiguration")
	}
	endpoint := "EDGE"
	if ok {
		v := foldValue(ec)
		if m, isMap := v.(map[string]any); isMap {
			v = m["Type"]
		}
		endpoint = endpointName(v)
	}
	return Target{Kind: KindREST, Endpoint: endpoint, Resource: api.name, Type: api.typ}
}

// samGen collects the generated statements of one API.
type samGen struct {
	b       *builder
	stmts   []any
	allowed map[string]bool // resource lists an "Allow *" was generated for
}

// samItem is one entry of a ResourcePolicy list and where it is written.
type samItem struct {
	v   any
	ptr string
}

// items returns the entries of the property prop across the sources, and
// the pointer of the first source that sets it. A property that is not a
// list (a !Ref to a CommaDelimitedList, say) is one opaque entry.
func (g *samGen) items(sources []string, prop string) ([]samItem, string) {
	var (
		items  []samItem
		anchor string
	)
	for _, src := range sources {
		ptr := position.Append(src, prop)
		v, ok := g.b.t.lookup(ptr)
		if !ok || v == nil {
			continue
		}
		if anchor == "" {
			anchor = ptr
		}
		l, isList := v.([]any)
		if !isList {
			items = append(items, samItem{v: foldValue(v), ptr: ptr})
			continue
		}
		for i, x := range l {
			if f := foldValue(x); f != (noValue{}) {
				items = append(items, samItem{v: f, ptr: position.Append(ptr, i)})
			}
		}
	}
	return items, anchor
}

// translate adds the statements SAM generates from the resource policies
// at sources, for the given resources, in SAM's order.
func (g *samGen) translate(sources []string, resources []any) {
	if len(resources) > 0 {
		g.accounts(sources, resources)
		g.ipRanges(sources, resources)
		g.vpcs(sources, resources)
	}
	g.custom(sources)
}

// statement appends a generated statement, every part of it located at
// anchor, and returns its pointer.
func (g *samGen) statement(effect string, principal any, resources []any, cond map[string]any, anchor string) string {
	st := map[string]any{"Effect": effect, "Principal": principal, "Action": "execute-api:Invoke", "Resource": resources}
	if cond != nil {
		st["Condition"] = cond
	}
	ptr := position.Append("/Statement", len(g.stmts))
	g.stmts = append(g.stmts, st)
	g.anchorAll(st, ptr, g.b.t.entry(anchor))
	return ptr
}

func (g *samGen) anchorAll(v any, ptr string, e position.Entry) {
	g.b.out.Set(ptr, e)
	switch c := v.(type) {
	case map[string]any:
		for k, x := range c {
			g.anchorAll(x, position.Append(ptr, k), e)
		}
	case []any:
		for i, x := range c {
			g.anchorAll(x, position.Append(ptr, i), e)
		}
	}
}

// allowAll is the unconditional Allow SAM pairs with each Deny, generated
// once per set of resources.
func (g *samGen) allowAll(resources []any, anchor string) {
	key := strings.Join(stringsOf(resources), "\n")
	if g.allowed[key] {
		return
	}
	g.allowed[key] = true
	g.statement("Allow", "*", resources, nil, anchor)
}

func stringsOf(l []any) []string {
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}

// itemValues returns the entries' values.
func itemValues(items []samItem) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// locate places each entry's generated value, in the list at ptr, where
// the entry is written.
func (g *samGen) locate(items []samItem, ptr string) {
	for i, it := range items {
		g.b.set(position.Append(ptr, i), it.ptr)
	}
}

// accounts: AwsAccountWhitelist allows, AwsAccountBlacklist denies the
// accounts, with no condition.
func (g *samGen) accounts(sources []string, resources []any) {
	for _, p := range []struct{ prop, effect string }{{"AwsAccountWhitelist", "Allow"}, {"AwsAccountBlacklist", "Deny"}} {
		items, anchor := g.items(sources, p.prop)
		if len(items) == 0 {
			continue
		}
		ptr := g.statement(p.effect, map[string]any{"AWS": itemValues(items)}, resources, nil, anchor)
		g.locate(items, ptr+"/Principal/AWS")
	}
}

// ipRanges: each list gives an Allow for everyone and a Deny on
// aws:SourceIp, NotIpAddress for the whitelist, IpAddress for the blacklist.
func (g *samGen) ipRanges(sources []string, resources []any) {
	for _, p := range []struct{ prop, op string }{{"IpRangeWhitelist", "NotIpAddress"}, {"IpRangeBlacklist", "IpAddress"}} {
		items, anchor := g.items(sources, p.prop)
		if len(items) == 0 {
			continue
		}
		g.allowAll(resources, anchor)
		cond := map[string]any{p.op: map[string]any{"aws:SourceIp": itemValues(items)}}
		ptr := g.statement("Deny", "*", resources, cond, anchor)
		g.locate(items, ptr+"/Condition/"+p.op+"/aws:SourceIp")
	}
}

// vpcs: the VPC lists give an Allow for everyone and a Deny on aws:SourceVpc
// and aws:SourceVpce under one operator; literal entries are told apart by
// their vpc- or vpce- prefix.
func (g *samGen) vpcs(sources []string, resources []any) {
	for _, p := range []struct{ list, op string }{{"Whitelist", "StringNotEquals"}, {"Blacklist", "StringEquals"}} {
		var vpc, vpce []samItem
		anchor := ""
		for _, prop := range []string{"SourceVpc", "IntrinsicVpc", "IntrinsicVpce"} {
			items, a := g.items(sources, prop+p.list)
			if anchor == "" {
				anchor = a
			}
			for _, it := range items {
				if s, _ := it.v.(string); prop == "IntrinsicVpce" || (prop == "SourceVpc" && strings.HasPrefix(s, "vpce-")) {
					vpce = append(vpce, it)
				} else {
					vpc = append(vpc, it)
				}
			}
		}
		if anchor == "" {
			continue
		}
		g.allowAll(resources, anchor)
		keys := map[string]any{}
		for key, items := range map[string][]samItem{"aws:SourceVpc": vpc, "aws:SourceVpce": vpce} {
			if len(items) > 0 {
				keys[key] = itemValues(items)
			}
		}
		ptr := g.statement("Deny", "*", resources, map[string]any{p.op: keys}, anchor)
		g.locate(vpc, ptr+"/Condition/"+p.op+"/aws:SourceVpc")
		g.locate(vpce, ptr+"/Condition/"+p.op+"/aws:SourceVpce")
	}
}

// custom appends CustomStatements as written: a list of statements, or a
// single one. Statements only known at deploy time are left out.
func (g *samGen) custom(sources []string) {
	for _, src := range sources {
		ptr := position.Append(src, "CustomStatements")
		v, ok := g.b.t.lookup(ptr)
		if !ok {
			continue
		}
		l, isList := v.([]any)
		if !isList {
			g.copyStatement(v, ptr)
			continue
		}
		for i, x := range l {
			g.copyStatement(x, position.Append(ptr, i))
		}
	}
}

func (g *samGen) copyStatement(v any, from string) {
	if st, keep := g.b.statement(v, from, position.Append("/Statement", len(g.stmts))); keep {
		g.stmts = append(g.stmts, st)
	}
}

// definitionStatements copies the statements of an x-amazon-apigateway-policy
// written in the API's DefinitionBody; SAM adds its own after them. It
// returns the policy's pointer, or "" when there is none.
func (g *samGen) definitionStatements(apiPtr string) string {
	if apiPtr == "" {
		return ""
	}
	ptr := apiPtr + "/Properties/DefinitionBody/" + policyExt
	p, ok := g.b.t.lookup(ptr)
	if !ok {
		return ""
	}
	st := field(p, "Statement")
	if l, isList := st.([]any); isList {
		for i, x := range l {
			g.copyStatement(x, ptr+"/Statement/"+position.Token(i))
		}
	} else if st != nil {
		g.copyStatement(st, ptr+"/Statement")
	}
	return ptr
}
