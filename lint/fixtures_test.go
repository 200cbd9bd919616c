package lint_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

// engine is compiled once for all tests of this package.
var engine = sync.OnceValues(func() (*lint.Engine, error) {
	return lint.New(context.Background(), lint.Options{})
})

func newEngine(t testing.TB) *lint.Engine {
	t.Helper()
	e, err := engine()
	if err != nil {
		t.Fatalf("compile rules: %v", err)
	}
	return e
}

// want is one expected finding: a code and a message pattern on a line.
type want struct {
	line int
	code string
	re   *regexp.Regexp
}

var (
	wantComment   = regexp.MustCompile(`(?://|#)\s*want\s+(.*?)\r?\n?$`)
	wantItem      = regexp.MustCompile(`([A-Z]{2,4}[0-9]{3})\s+"((?:[^"\\]|\\.)*)"`)
	targetComment = regexp.MustCompile(`^\s*(?://|#)\s*target\s+(.*?)\r?\n?$`)
	// settings gives a fixture rule settings, as .apigwlint.yaml would:
	// "// settings {"unapproved-cidr": {"approved-cidrs": [...]}}".
	settingsComment = regexp.MustCompile(`^\s*(?://|#)\s*settings\s+(.*?)\r?\n?$`)
)

// fixture is a test file with its expectations read out of its comments.
type fixture struct {
	src    []byte // the file with JSON-illegal comments blanked out
	wants  []want
	target *source.Target
	// settings is the fixture's rule settings as JSON, "" for none.
	settings string
}

// readFixture reads the "want" and "target" comments of a fixture and
// replaces them by spaces, so every byte offset stays where it was: JSON has
// no comments, and in YAML and HCL the text of a want must not become part
// of what the linter reads (the reason of a suppression comment before it).
func readFixture(t *testing.T, path string) fixture {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	var fx fixture
	for i, full := range lines {
		line := strings.TrimRight(full, "\r\n")
		var start int // where the directive's comment starts
		if m := targetComment.FindStringSubmatchIndex(line); m != nil {
			fx.target = parseTarget(t, line[m[2]:m[3]])
			start = m[0]
		} else if m := settingsComment.FindStringSubmatchIndex(line); m != nil {
			fx.settings = line[m[2]:m[3]]
			start = m[0]
		} else if m := wantComment.FindStringSubmatchIndex(line); m != nil {
			start = m[0]
			items := wantItem.FindAllStringSubmatch(line[m[2]:m[3]], -1)
			if len(items) == 0 {
				t.Fatalf("%s:%d: a want comment needs CODE \"regexp\" pairs", path, i+1)
			}
			for _, it := range items {
				fx.wants = append(fx.wants, want{line: i + 1, code: it[1], re: regexp.MustCompile(strings.ReplaceAll(it[2], `\"`, `"`))})
			}
		} else {
			continue
		}
		// Blank from the directive's own "//" or "#", not the first one on
		// the line, which may sit inside a URL in a string.
		lines[i] = line[:start] + strings.Repeat(" ", len(line)-start) + full[len(line):]
	}
	fx.src = []byte(strings.Join(lines, ""))
	return fx
}

func parseTarget(t *testing.T, spec string) *source.Target {
	t.Helper()
	tg := &source.Target{Kind: source.KindUnknown}
	for _, kv := range strings.Fields(spec) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "kind":
			tg.Kind = v
		case "endpoint":
			tg.Endpoint = v
		case "resource":
			tg.Resource = v
		case "type":
			tg.Type = v
		default:
			t.Fatalf("unknown target field %q", k)
		}
	}
	return tg
}

// settingsEngines caches one engine per distinct fixture settings: each
// compiles the rules, which is too slow to do per fixture.
var settingsEngines sync.Map // settings JSON -> *lint.Engine

// engineFor returns the shared engine, or one compiled with the fixture's
// rule settings.
func engineFor(t *testing.T, e *lint.Engine, settings string) *lint.Engine {
	t.Helper()
	if settings == "" {
		return e
	}
	if cached, ok := settingsEngines.Load(settings); ok {
		return cached.(*lint.Engine)
	}
	var opts lint.Options
	if err := json.Unmarshal([]byte(settings), &opts.Settings); err != nil {
		t.Fatalf("settings %s: %v", settings, err)
	}
	eng, err := lint.New(context.Background(), opts)
	if err != nil {
		t.Fatalf("compile rules with settings %s: %v", settings, err)
	}
	settingsEngines.Store(settings, eng)
	return eng
}

// lintFixture runs the whole pipeline on a fixture, as the CLI would.
func lintFixture(t *testing.T, e *lint.Engine, path string, fx fixture) []lint.Finding {
	t.Helper()
	e = engineFor(t, e, fx.settings)
	docs, ok := source.Extract(path, fx.src, true)
	if !ok {
		t.Fatalf("%s: no policy found", path)
	}
	var out []lint.Finding
	for _, doc := range docs {
		if fx.target != nil {
			doc.Target = *fx.target
		}
		fs, err := e.Lint(context.Background(), doc)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, fs...)
	}
	// Suppression comments apply across the documents of a file, as in
	// lint.Engine.LintSource.
	return e.ApplyDirectives(path, fx.src, out)
}

// TestFixtures runs every rule fixture through the engine. Each finding must
// be expected by a want comment on the line it starts on, and each want must
// be met: unexpected and missing findings both fail, as in analysistest.
func TestFixtures(t *testing.T) {
	t.Parallel()
	e := newEngine(t)
	// Rule fixtures sit beside each rule; format fixtures, which show every
	// front end locating findings exactly, sit under testdata/formats.
	rulePaths, err1 := filepath.Glob("../rules/*/*/testdata/*")
	formatPaths, err2 := filepath.Glob("../testdata/formats/*/*")
	paths := slices.Concat(rulePaths, formatPaths)
	if err1 != nil || err2 != nil || len(paths) == 0 {
		t.Fatalf("no fixtures found (%v, %v)", err1, err2)
	}
	for _, path := range paths {
		if info, err := os.Stat(path); err != nil || info.IsDir() {
			continue
		}
		t.Run(strings.TrimPrefix(path, "../"), func(t *testing.T) {
			t.Parallel()
			fx := readFixture(t, path)
			checkFindings(t, path, fx.wants, lintFixture(t, e, path, fx))
		})
	}
}

func checkFindings(t *testing.T, path string, wants []want, got []lint.Finding) {
	t.Helper()
	used := make([]bool, len(wants))
	for _, f := range got {
		if !f.Exact {
			t.Errorf("%s:%d:%d: %s %s: located on an ancestor of %s, not the value itself", path, f.Span.Start.Line, f.Span.Start.Col, f.Rule.Code, f.Message, f.Pointer)
		}
		if i := match(wants, used, f); i >= 0 {
			used[i] = true
			continue
		}
		t.Errorf("%s:%d:%d: unexpected %s %q", path, f.Span.Start.Line, f.Span.Start.Col, f.Rule.Code, f.Message)
	}
	for i, w := range wants {
		if !used[i] {
			t.Errorf("%s:%d: no %s finding matching %q%s", path, w.line, w.code, w.re, nearby(got, w))
		}
	}
	if strings.Contains(filepath.Base(path), "bad") && len(wants) == 0 {
		t.Errorf("%s: a bad fixture must carry at least one want comment", path)
	}
}

func match(wants []want, used []bool, f lint.Finding) int {
	for i, w := range wants {
		if !used[i] && w.line == f.Span.Start.Line && w.code == f.Rule.Code && w.re.MatchString(f.Message) {
			return i
		}
	}
	return -1
}

// nearby lists the findings with the wanted code, to make a miss quick to
// diagnose.
func nearby(got []lint.Finding, w want) string {
	var b strings.Builder
	for _, f := range got {
		if f.Rule.Code == w.code {
			fmt.Fprintf(&b, "\n\tgot line %d: %q", f.Span.Start.Line, f.Message)
		}
	}
	return b.String()
}
