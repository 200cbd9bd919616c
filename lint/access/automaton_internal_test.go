package access

import "testing"

// A search stops expanding a state that can no longer lead to a witness:
// the allow side dead, a NotResource-like deny whose globs are all dead
// (it then covers everything), or a deny glob at its closing "*", which
// covers whatever follows. The answers stay those of the full search: the
// witnesses below are the ones it gave before any pruning.
func TestSearchPrunesDeadStates(t *testing.T) {
	t.Parallel()
	api := apiRef{Partition: "aws", Region: "eu-west-1", Account: "123456789012", APIID: "abc123"}
	const arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
	lang := func(negated bool, patterns ...string) resLang {
		l := resLang{negated: negated}
		for _, p := range patterns {
			l.globs = append(l.globs, arnGlob(p, false))
		}
		return l
	}
	cases := []struct {
		name        string
		stage       string
		allow, deny []resLang
		found       bool
		maxVisited  int
		wantWitness string
	}{
		// The allow names another stage: dead as soon as the stage is read.
		{"allow dies in the prefix", "y", []resLang{lang(false, arn+"/prod/*")}, nil, false, 1, ""},
		// The negated deny's only glob dies on the stage: it covers the rest.
		{"negated deny covers the rest", "y", []resLang{lang(false, arn+"/*")}, []resLang{lang(true, arn+"/prod/*")}, false, 1, ""},
		// A live search: pruning the verbs the allow rules out leaves its witness.
		{"live allow still searched", "", []resLang{lang(false, arn+"/*/GET/*")}, []resLang{lang(false, arn+"/prod/*")}, true, 40, arn + "/y/GET/"},
		// Inside a deny: once "/GET/" is read the first deny covers the rest,
		// and before that the allow needs it. The other denies' stars only
		// multiply the states of a search that reads on: 1,581 unpruned.
		{"deny covers what follows", "", []resLang{lang(false, arn+"/*/GET/refund")}, []resLang{
			lang(false, arn+"/*/GET/*"), lang(false, arn+"/*/PUT/admin/*"), lang(false, arn+"/*/DELETE/admin/*"),
		}, false, 200, ""},
		// Pruning the branches the deny covers leaves the other verbs.
		{"deny covers one verb", "", []resLang{lang(false, arn+"/*/*/*")}, []resLang{lang(false, arn+"/*/GET/*")}, true, 200, arn + "/y/PUT/"},
		// A NotResource deny is not pruned by its stars: they cover nothing.
		{"negated deny with a closing star", "", []resLang{lang(false, arn+"/*/GET/*")}, []resLang{lang(true, arn+"/*/GET/*")}, true, 2000, arn + "/y/GET/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := search{needAllow: true, limit: searchLimit, shapes: verbShapes(api, tc.stage, methods), allow: tc.allow, deny: tc.deny}
			w, _, visited, found, complete := s.run()
			if !complete || found != tc.found || w != tc.wantWitness {
				t.Errorf("found %v (%q), complete %v; want found %v (%q)", found, w, complete, tc.found, tc.wantWitness)
			}
			if visited > tc.maxVisited {
				t.Errorf("visited %d states, want at most %d", visited, tc.maxVisited)
			}
		})
	}
}
