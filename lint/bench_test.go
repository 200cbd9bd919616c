package lint_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigwlint/apigwlint/lint"
	"github.com/apigwlint/apigwlint/lint/source"
)

// benchCorpus returns a repository-like tree from the shared generator:
// 2,000 policies among 20,000 other files. It is generated once per machine
// into the user cache (generation takes longer than the benchmark), or taken
// from APIGWLINT_BENCH_CORPUS.
func benchCorpus(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("APIGWLINT_BENCH_CORPUS"); dir != "" {
		return dir
	}
	gen := "../../shared/bench/gen-corpus"
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("no corpus generator here (%v); set APIGWLINT_BENCH_CORPUS", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "apigwlint-bench", "p2000-n20000-s1")
	if _, err := os.Stat(filepath.Join(dir, ".done")); err == nil {
		return dir
	}
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		b.Fatal(err)
	}
	out, err := exec.Command("python3", gen, dir, "-p", "2000", "-n", "20000", "--seed", "1", "--tsconfig-comments", "0.3").CombinedOutput()
	if err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, ".done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// floor walks the tree, reads every file the linter would read and decodes
// the JSON ones with encoding/json, on as many workers as the linter: the
// least any linter of these files must do. The linter's cost is reported as
// a multiple of it.
func floor(b testing.TB, root string) {
	b.Helper()
	paths := make(chan string, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					b.Error(err)
					continue
				}
				if strings.HasSuffix(p, ".json") {
					var v any
					_ = json.Unmarshal(src, &v) // JSONC and broken files fail; they were still read and scanned
				}
			}
		})
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && source.Candidate(p) {
			paths <- p
		}
		return nil
	})
	close(paths)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkScan lints the generated tree and, in the same process and
// iteration, measures the floor. It reports policies per second and the
// ratio of a full lint to the floor (target: at most 3).
func BenchmarkScan(b *testing.B) {
	root := benchCorpus(b)
	scanAgainstFloor(b, root, func() { floor(b, root) })
}

// scanAgainstFloor runs floor and a full lint of root in each iteration,
// so both see the same machine load, and reports the lint's throughput and
// its cost as a multiple of the floor.
func scanAgainstFloor(b *testing.B, root string, floor func()) {
	b.Helper()
	e := newEngine(b)
	var lintTime, floorTime time.Duration
	policies := 0
	for b.Loop() {
		t0 := time.Now()
		floor()
		t1 := time.Now()
		rep, err := e.Run(context.Background(), []string{root}, lint.RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		floorTime += t1.Sub(t0)
		lintTime += t2.Sub(t1)
		policies = rep.Policies
	}
	n := float64(b.N)
	b.ReportMetric(float64(policies)/(lintTime.Seconds()/n), "policies/s")
	b.ReportMetric(lintTime.Seconds()/n*1000, "lint-ms")
	b.ReportMetric(floorTime.Seconds()/n*1000, "floor-ms")
	b.ReportMetric(lintTime.Seconds()/floorTime.Seconds(), "x-floor")
}
