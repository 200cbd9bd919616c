package lint_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.yaml.in/yaml/v3"
)

// templateTree writes copies of every format fixture and IaC example into a
// temporary repository-like tree: CloudFormation, SAM, Serverless, OpenAPI,
// Terraform and plan JSON, copies times each. Fixtures whose policy sits in
// a file()-referenced subfolder come with it.
func templateTree(b *testing.B, copies int) (root string, files int) {
	b.Helper()
	var srcs []string
	for _, glob := range []string{"../testdata/formats/*/*.*", "../examples/*/*.yaml", "../examples/*/*.yml", "../examples/*/*.tf"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, m...)
	}
	root = b.TempDir()
	for i := range copies {
		for _, src := range srcs {
			data, err := os.ReadFile(src)
			if err != nil {
				b.Fatal(err)
			}
			rel := filepath.Join(fmt.Sprintf("svc%03d", i), filepath.Base(filepath.Dir(src)), filepath.Base(src))
			dst := filepath.Join(root, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				b.Fatal(err)
			}
			files++
		}
	}
	return root, files
}

// parseFloor reads every template and parses it with its format's own
// parser (encoding/json, yaml.v3, hclsyntax) on as many workers as the
// linter: what any template linter must at least do.
func parseFloor(b *testing.B, root string) {
	b.Helper()
	var paths []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range ch {
				parseOne(b, p)
			}
		})
	}
	for _, p := range paths {
		ch <- p
	}
	close(ch)
	wg.Wait()
}

func parseOne(b *testing.B, p string) {
	src, err := os.ReadFile(p)
	if err != nil {
		b.Error(err)
		return
	}
	var v any
	switch {
	case strings.HasSuffix(p, ".json"):
		_ = json.Unmarshal(src, &v)
	case strings.HasSuffix(p, ".tf"):
		_, _ = hclsyntax.ParseConfig(src, p, hcl.InitialPos)
	default:
		_ = yaml.Unmarshal(src, &v) // broken fixtures fail here too; they were read and scanned
	}
}

// BenchmarkScanTemplates lints a tree of infrastructure templates and
// reports the ratio to the parse floor measured in the same iteration.
func BenchmarkScanTemplates(b *testing.B) {
	root, files := templateTree(b, 100)
	scanAgainstFloor(b, root, func() { parseFloor(b, root) })
	b.ReportMetric(float64(files), "files") // after the loop, which resets metrics
}
