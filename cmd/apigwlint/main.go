// Command apigwlint lints Amazon API Gateway REST API resource policies.
// Run apigwlint --help for usage.
package main

import (
	"os"
	"runtime/debug"

	"github.com/apigwlint/apigwlint/internal/cli"
)

func main() {
	tuneGC()
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC trades a little memory for time in a run that lasts seconds: a
// lint keeps little alive (the compiled rules, about 10 MB) but allocates
// hundreds of MB on the way, so the default GOGC of 100 collects a hundred
// times in a repository-wide scan. At 200 such a scan takes about 0.87x the
// CPU for some 10 MB more. The soft limit makes the collector work harder
// rather than let a very large report grow the heap past 1 GiB; a higher
// GOGC or a lower limit would save more time on such reports, but would
// crowd a small CI container or make the collector run without pause once
// the findings alone exceed the limit. GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}
