package functions

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestNonPublic(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   string // the condition value as Rego
		want string // the hits as Rego, inside/overlap reduced to their CIDRs
	}{
		"lone private string":       {`"10.1.0.0/16"`, `[{"index": null, "value": "10.1.0.0/16", "inside": ["10.0.0.0/8"], "overlap": []}]`},
		"list keeps only hits":      {`["52.94.76.0/22", "192.168.1.0/24", "8.8.8.8"]`, `[{"index": 1, "value": "192.168.1.0/24", "inside": ["192.168.0.0/16"], "overlap": []}]`},
		"partial overlap":           {`["10.0.0.0/7"]`, `[{"index": 0, "value": "10.0.0.0/7", "inside": [], "overlap": ["10.0.0.0/8"]}]`},
		"skips opaque":              {`["${var.cidr}", "10.0.0.0/8"]`, `[{"index": 1, "value": "10.0.0.0/8", "inside": ["10.0.0.0/8"], "overlap": []}]`},
		"skips everything-ranges":   {`["0.0.0.0/0", "::/0"]`, `[]`},
		"skips malformed and types": {`["10.0.0.0/33", "x", 10, null, {"a": 1}]`, `[]`},
		"non-list non-string":       {`{"Ref": "Cidr"}`, `[]`},
		"public only":               {`["52.94.76.0/22", "2600:1f18::/32"]`, `[]`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := nonPublic(rego.BuiltinContext{}, ast.MustParseTerm(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if reduced := reduce(got); !reduced.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("non_public(%s) = %v, want %v", tt.in, reduced, tt.want)
			}
		})
	}
}

// reduce keeps only the CIDR of each range, so the table stays readable.
func reduce(hits *ast.Term) *ast.Term {
	out := ast.NewArray()
	hits.Value.(*ast.Array).Foreach(func(h *ast.Term) {
		obj := h.Value.(ast.Object)
		cidrs := func(key string) *ast.Term {
			list := ast.NewArray()
			obj.Get(ast.StringTerm(key)).Value.(*ast.Array).Foreach(func(r *ast.Term) {
				list = list.Append(r.Value.(ast.Object).Get(ast.StringTerm("cidr")))
			})
			return ast.NewTerm(list)
		}
		out = out.Append(ast.ObjectTerm(
			ast.Item(ast.StringTerm("index"), obj.Get(ast.StringTerm("index"))),
			ast.Item(ast.StringTerm("value"), obj.Get(ast.StringTerm("value"))),
			ast.Item(ast.StringTerm("inside"), cidrs("inside")),
			ast.Item(ast.StringTerm("overlap"), cidrs("overlap")),
		))
	})
	return ast.NewTerm(out)
}

func TestCoversAll(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"lone v4 everything":         {`"0.0.0.0/0"`, `[{"family": "IPv4", "index": null}]`},
		"list names the entry":       {`["52.94.76.0/22", "::/0"]`, `[{"family": "IPv6", "index": 1}]`},
		"both families":              {`["::/0", "0.0.0.0/0"]`, `[{"family": "IPv4", "index": 1}, {"family": "IPv6", "index": 0}]`},
		"union of halves":            {`["0.0.0.0/1", "128.0.0.0/1"]`, `[{"family": "IPv4", "index": null}]`},
		"host bits still everyone":   {`["1.2.3.4/0"]`, `[{"family": "IPv4", "index": 0}]`},
		"almost everything is not":   {`["0.0.0.0/1", "128.0.0.0/2"]`, `[]`},
		"opaque and garbage skipped": {`["${var.all}", "x", 7]`, `[]`},
		"not a list":                 {`{"a": "0.0.0.0/0"}`, `[]`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := coversAll(rego.BuiltinContext{}, ast.MustParseTerm(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("covers_all(%s) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestOutside(t *testing.T) {
	t.Parallel()
	approved := `["81.2.69.160/27", "10.0.0.0/8", "2a02:c7c:1e00::/40", "not-a-cidr"]`
	tests := map[string]struct{ in, want string }{
		"inside approved":     {`["81.2.69.160/28", "10.1.0.0/16"]`, `[]`},
		"lone string outside": {`"52.94.76.0/22"`, `[{"index": null, "value": "52.94.76.0/22", "outside": ["52.94.76.0/22"]}]`},
		"straddling the edge": {`["81.2.69.128/26"]`, `[{"index": 0, "value": "81.2.69.128/26", "outside": ["81.2.69.128/27"]}]`},
		"ipv6 outside":        {`["2a02:c7c:1e00::/40", "2600::/12"]`, `[{"index": 1, "value": "2600::/12", "outside": ["2600::/12"]}]`},
		"skips opaque, bad":   {`["${var.office}", "x", 3]`, `[]`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := outside(rego.BuiltinContext{}, ast.MustParseTerm(tt.in), ast.MustParseTerm(approved))
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(ast.MustParseTerm(tt.want)) {
				t.Errorf("outside(%s) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}
