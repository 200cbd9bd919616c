package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/apigwlint/apigwlint/lint/position"
)

// terraformPlan reads the JSON that `terraform show -json` prints for a
// plan (planned_values, resource_changes) or a state (values). There every
// policy is a rendered JSON string attribute; it is decoded through the
// string's escapes so findings land inside the plan file. Targets and
// deployment triggers come from the plan's configuration section, which
// keeps each expression's references.
type terraformPlan struct{}

var (
	planFormatMarker = []byte(`"format_version"`)
	planBodyMarkers  = [][]byte{[]byte(`"planned_values"`), []byte(`"resource_changes"`), []byte(`"root_module"`)}
)

func (terraformPlan) claims(path string, src []byte, _ bool) bool {
	if !strings.EqualFold(filepath.Ext(path), ".json") || !containsMarker(src, planFormatMarker) || !bytes.Contains(src, []byte(tfRestAPI)) {
		return false
	}
	return containsAny(src, planBodyMarkers)
}

// extract returns ok=false for a file that is not a plan after all, or
// holds no policy, so the JSON front end has its say.
func (terraformPlan) extract(path string, f *position.File, _ bool) ([]*Document, bool) {
	p := &planFile{src: f.Bytes(), config: map[string]map[string][]string{}}
	if err := p.read(); err != nil {
		// A file with a plan's markers that does not parse is a broken plan:
		// its policies are JSON strings, so the JSON front end, which looks
		// for a bare "Statement", would skip it without a word.
		var se *jsontext.SyntacticError
		if errors.As(err, &se) {
			bad := &SyntaxError{Offset: int(se.ByteOffset), Message: describe(se.Err)}
			return []*Document{syntaxDocument(path, f, FormatTFPlan, "invalid-json", bad)}, true
		}
		return nil, false
	}
	docs := p.documents(path, f)
	return docs, len(docs) > 0
}

// planResource is one resource instance of the plan.
type planResource struct {
	addr   string         // e.g. module.api.aws_api_gateway_rest_api.this
	config string         // its configuration address: module.api.aws_api_gateway_rest_api.this
	module string         // its module's configuration address, "" or "module.api."
	typ    string         // resource type
	obj    position.Range // the resource object in the file
	values position.Range // its values (planned values or change.after)
}

// planFile is what a plan declares about API Gateway resources.
type planFile struct {
	src       []byte
	planned   []planResource
	changed   []planResource
	resources []planResource
	// config maps a resource's configuration address to the references of
	// each of its expressions.
	config map[string]map[string][]string
}

var errNotPlan = errors.New("not a terraform plan")

// read walks the top level of the plan: it keeps the resource objects and
// the configuration's references, and skips everything else unread.
func (p *planFile) read() error {
	dec := jsontext.NewDecoder(inPlace(p.src))
	err := p.object(dec, func(name string) error {
		switch name {
		case "planned_values", "values":
			return p.object(dec, func(name string) error {
				if name == "root_module" {
					return p.module(dec, &p.planned)
				}
				return dec.SkipValue()
			})
		case "resource_changes":
			return p.array(dec, func() error { return p.change(dec) })
		case "configuration":
			return p.object(dec, func(name string) error {
				if name == "root_module" {
					return p.configModule(dec, "")
				}
				return dec.SkipValue()
			})
		}
		return dec.SkipValue()
	})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range p.planned {
		seen[r.addr] = true
	}
	p.resources = p.planned
	for _, r := range p.changed {
		if !seen[r.addr] {
			p.resources = append(p.resources, r)
		}
	}
	return nil
}

// object reads an object, calling member for each member name; member
// must read the value.
func (p *planFile) object(dec *jsontext.Decoder, member func(name string) error) error {
	if dec.PeekKind() != '{' {
		return errNotPlan
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if err := member(tok.String()); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// array reads an array, calling elem for each element; elem must read it.
func (p *planFile) array(dec *jsontext.Decoder, elem func() error) error {
	if dec.PeekKind() != '[' {
		return dec.SkipValue()
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != ']' {
		if err := elem(); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// raw reads the next value and returns its range in the file.
func (p *planFile) raw(dec *jsontext.Decoder) (position.Range, error) {
	v, err := dec.ReadValue()
	if err != nil {
		return position.Range{}, err
	}
	end := int(dec.InputOffset())
	return position.Range{Start: end - len(v), End: end}, nil
}

// module reads a planned module: its resources and child modules.
func (p *planFile) module(dec *jsontext.Decoder, out *[]planResource) error {
	return p.object(dec, func(name string) error {
		switch name {
		case "resources":
			return p.array(dec, func() error {
				obj, err := p.raw(dec)
				if err != nil {
					return err
				}
				if r, ok := p.resource(obj, []string{"values"}); ok {
					*out = append(*out, r)
				}
				return nil
			})
		case "child_modules":
			return p.array(dec, func() error { return p.module(dec, out) })
		}
		return dec.SkipValue()
	})
}

// change reads one resource_changes entry; its values are change.after.
func (p *planFile) change(dec *jsontext.Decoder) error {
	obj, err := p.raw(dec)
	if err != nil {
		return err
	}
	if r, ok := p.resource(obj, []string{"change", "after"}); ok {
		p.changed = append(p.changed, r)
	}
	return nil
}

// resource describes a managed resource object whose values sit at
// valuesPath, if it is one this front end reads.
func (p *planFile) resource(obj position.Range, valuesPath []string) (planResource, bool) {
	typ, _ := p.str(obj, "type")
	switch typ {
	case tfRestAPI, tfRestAPIPolicy, tfDeployment, tfV2API:
	default:
		return planResource{}, false
	}
	if mode, _ := p.str(obj, "mode"); mode != "managed" {
		return planResource{}, false
	}
	addr, _ := p.str(obj, "address")
	values, ok := p.member(obj, valuesPath...)
	if !ok || p.src[values.Start] != '{' {
		return planResource{}, false
	}
	config := configAddress(addr)
	module := config[:max(0, strings.LastIndex(config, typ+"."))]
	return planResource{addr: addr, config: config, module: module, typ: typ, obj: obj, values: values}, true
}

// configAddress drops the instance keys of an address:
// module.a["x"].aws_t.n[0] is module.a.aws_t.n in the configuration.
func configAddress(addr string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case quoted && c == '\\':
			i++
		case quoted:
			quoted = c != '"'
		case c == '"' && depth > 0:
			quoted = true
		case c == '[':
			depth++
		case c == ']':
			depth = max(0, depth-1)
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// member finds the value at an object path inside the value at r.
func (p *planFile) member(r position.Range, path ...string) (position.Range, bool) {
	dec := jsontext.NewDecoder(inPlace(p.src[r.Start:r.End]))
	for _, want := range path {
		if dec.PeekKind() != '{' {
			return position.Range{}, false
		}
		if _, err := dec.ReadToken(); err != nil {
			return position.Range{}, false
		}
		if !seekMember(dec, want) {
			return position.Range{}, false
		}
	}
	v, err := dec.ReadValue()
	if err != nil {
		return position.Range{}, false
	}
	end := r.Start + int(dec.InputOffset())
	return position.Range{Start: end - len(v), End: end}, true
}

// seekMember reads an object's members up to the name want.
func seekMember(dec *jsontext.Decoder, want string) bool {
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return false
		}
		if tok.String() == want {
			return true
		}
		if dec.SkipValue() != nil {
			return false
		}
	}
	return false
}

// str returns the string member name of the object at r, and where its
// string token starts.
func (p *planFile) str(r position.Range, name string) (string, int) {
	v, ok := p.member(r, name)
	if !ok || p.src[v.Start] != '"' {
		return "", -1
	}
	s, err := jsontext.AppendUnquote(nil, p.src[v.Start:v.End])
	if err != nil {
		return "", -1
	}
	return string(s), v.Start
}

// configModule reads a configuration module: the references of each
// resource's expressions, and the modules it calls.
func (p *planFile) configModule(dec *jsontext.Decoder, prefix string) error {
	return p.object(dec, func(name string) error {
		switch name {
		case "resources":
			return p.array(dec, func() error {
				obj, err := p.raw(dec)
				if err != nil {
					return err
				}
				p.configResource(obj, prefix)
				return nil
			})
		case "module_calls":
			return p.object(dec, func(call string) error {
				return p.object(dec, func(name string) error {
					if name == "module" {
						return p.configModule(dec, prefix+"module."+call+".")
					}
					return dec.SkipValue()
				})
			})
		}
		return dec.SkipValue()
	})
}

// configResource records the references of a configuration resource's
// expressions.
func (p *planFile) configResource(obj position.Range, prefix string) {
	var res struct {
		Address     string                     `json:"address"`
		Expressions map[string]json.RawMessage `json:"expressions"`
	}
	if json.Unmarshal(p.src[obj.Start:obj.End], &res) != nil || res.Address == "" {
		return
	}
	refs := map[string][]string{}
	for name, raw := range res.Expressions {
		var e struct {
			References []string `json:"references"`
		}
		if json.Unmarshal(raw, &e) == nil {
			refs[name] = append([]string{}, e.References...)
		}
	}
	p.config[prefix+res.Address] = refs
}

// jsonStringRemap maps offsets in the value of the JSON string token that
// starts at start back to the file, through its escapes. The bytes an
// escape decodes to map to its first byte, except that the last of several
// maps to its last byte, so a range ending with an escaped multi-byte
// character covers all of it. (A range ending with a one-byte escape such
// as " ends just before its last byte.)
func jsonStringRemap(src []byte, start int) Remap {
	offs := make([]int, 0, 64)
	i := start + 1
	for i < len(src) && src[i] != '"' {
		n, size := 1, 1
		if src[i] == '\\' {
			n, size = jsonEscapeSize(src[i:])
		}
		for k := range n {
			off := i
			if k == n-1 && n > 1 {
				off = i + size - 1
			}
			offs = append(offs, off)
		}
		i += size
	}
	offs = append(offs, min(i, len(src)))
	return func(o int) int { return offs[clampTo(o, len(offs)-1)] }
}

// jsonEscapeSize returns how many bytes the escape at the start of b
// decodes to and how many it spans. A surrogate pair is one character.
func jsonEscapeSize(b []byte) (decoded, size int) {
	if len(b) < 2 {
		return 1, len(b)
	}
	if b[1] != 'u' {
		return 1, 2
	}
	if len(b) < 6 {
		return 1, len(b)
	}
	r, err := strconv.ParseUint(string(b[2:6]), 16, 32)
	if err != nil {
		return 1, 2
	}
	if r >= 0xD800 && r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
		if lo, err := strconv.ParseUint(string(b[8:12]), 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			return 4, 12
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return utf8.RuneLen(utf8.RuneError), 6
	}
	return utf8.RuneLen(rune(r)), 6
}
