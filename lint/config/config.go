// Package config reads .apigwlint.yaml: which rules run and how severe they
// are, which paths are skipped, which findings are accepted. The file is
// validated against schemas/config.schema.json (the same schema editors use
// to complete it), and every problem is reported at its line and column with
// the fix.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// FileName is the configuration file apigwlint looks for.
const FileName = ".apigwlint.yaml"

// Version is the configuration format this package reads.
const Version = 1

// Config is a loaded configuration file. The zero value is the default
// configuration: every rule at its own severity, nothing excluded.
type Config struct {
	Path      string // the file as found or given; "" for the default configuration
	Dir       string // absolute directory of the file: globs and rules-dirs are relative to it
	Rules     Rules
	Exclude   []string       // globs relative to Dir
	FailLevel string         // "" when not set
	RulesDirs []string       // absolute
	Settings  map[string]any // by rule name or code
	Ignore    []Ignore

	pos map[string]Pos // JSON pointer of every value → where it is written
	src []byte
}

// Rules selects rules by code, code prefix or name.
type Rules struct {
	Enable   []string
	Disable  []string
	Severity map[string]string
}

// Ignore is one accepted finding or set of findings.
type Ignore struct {
	Path    string // glob relative to the config file's directory
	Code    string // rule code or name
	Pointer string // optional JSON pointer inside the policy
	Reason  string
	Pos     Pos // where the entry is written
}

// Pos is a 1-based line and column in the configuration file.
type Pos struct{ Line, Col int }

// Error is a problem at a place in a configuration file.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Find looks for FileName in dir and each of its parents and returns the
// first one found, or "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		info, err := os.Stat(p)
		switch {
		case err == nil && !info.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates the configuration file at path. Every problem is
// an *Error (joined with errors.Join when there are several).
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, filepath.Dir(abs), src)
}

// Parse reads a configuration from src; name is used in messages and dir
// is the directory relative paths in it are relative to.
func Parse(name, dir string, src []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return nil, &Error{File: name, Pos: Pos{1, 1}, Msg: "the file is empty: start it with version: 1"}
	}
	t := &tree{file: name, pos: map[string]Pos{}}
	value := t.convert(doc.Content[0], "")
	if len(t.errs) > 0 {
		return nil, errors.Join(t.errs...)
	}
	if errs := validate(name, value, t.pos); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	cfg := &Config{Path: name, Dir: dir, pos: t.pos, src: src}
	cfg.fill(value)
	return cfg, nil
}

// yamlError places a YAML syntax error; the parser says "yaml: line N: ...".
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, rest, _ := strings.Cut(msg, ": ")
		return &Error{File: name, Pos: Pos{line, 1}, Msg: "not valid YAML: " + rest}
	}
	return &Error{File: name, Msg: "not valid YAML: " + msg}
}

// tree converts a YAML node tree into plain values (the shape a JSON Schema
// validates) and records where each value is written.
type tree struct {
	file string
	pos  map[string]Pos
	errs []error
}

func (t *tree) convert(n *yaml.Node, ptr string) any {
	t.pos[ptr] = Pos{n.Line, n.Column}
	switch n.Kind {
	case yaml.AliasNode:
		return t.convert(n.Alias, ptr)
	case yaml.MappingNode:
		return t.mapping(n, ptr)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			out = append(out, t.convert(c, fmt.Sprintf("%s/%d", ptr, i)))
		}
		return out
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			t.errs = append(t.errs, &Error{File: t.file, Pos: Pos{n.Line, n.Column}, Msg: err.Error()})
		}
		return v
	}
	return nil
}

func (t *tree) mapping(n *yaml.Node, ptr string) map[string]any {
	out := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			t.errs = append(t.errs, &Error{File: t.file, Pos: Pos{k.Line, k.Column}, Msg: fmt.Sprintf("key %q is given twice: keep one", k.Value)})
			continue
		}
		child := ptr + "/" + escapePointer(k.Value)
		// The key's own position, for "unknown key" messages.
		t.pos[child+"#key"] = Pos{k.Line, k.Column}
		out[k.Value] = t.convert(v, child)
	}
	return out
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// fill copies the validated values into cfg. The schema has already checked
// every type, so a failed assertion only leaves a field empty.
func (cfg *Config) fill(v any) {
	root, _ := v.(map[string]any)
	rules, _ := root["rules"].(map[string]any)
	cfg.Rules.Enable = stringList(rules["enable"])
	cfg.Rules.Disable = stringList(rules["disable"])
	if sev, ok := rules["severity"].(map[string]any); ok {
		cfg.Rules.Severity = map[string]string{}
		for k, v := range sev {
			cfg.Rules.Severity[k], _ = v.(string)
		}
	}
	cfg.Exclude = stringList(root["exclude"])
	cfg.FailLevel, _ = root["fail-level"].(string)
	for _, d := range stringList(root["rules-dirs"]) {
		cfg.RulesDirs = append(cfg.RulesDirs, filepath.Join(cfg.Dir, filepath.FromSlash(d)))
	}
	if s, ok := root["settings"].(map[string]any); ok {
		cfg.Settings = s
	}
	entries, _ := root["ignore"].([]any)
	for i, e := range entries {
		m, _ := e.(map[string]any)
		ig := Ignore{Pos: cfg.pos[fmt.Sprintf("/ignore/%d", i)]}
		ig.Path, _ = m["path"].(string)
		ig.Code, _ = m["code"].(string)
		ig.Pointer, _ = m["pointer"].(string)
		ig.Reason, _ = m["reason"].(string)
		cfg.Ignore = append(cfg.Ignore, ig)
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return slices.Clip(out)
}

// PosOf returns where the value at a JSON pointer is written, e.g.
// "/rules/enable/0"; the zero Pos when it is not in the file.
func (cfg *Config) PosOf(ptr string) Pos { return cfg.pos[ptr] }

// errorAt is an *Error at the value a JSON pointer names.
func (cfg *Config) errorAt(ptr, format string, args ...any) error {
	return &Error{File: cfg.Path, Pos: cfg.pos[ptr], Msg: fmt.Sprintf(format, args...)}
}
