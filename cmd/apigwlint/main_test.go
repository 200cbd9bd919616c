package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	// Leave the test binary's collector as it was.
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	t.Run("defaults", func(t *testing.T) {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		tuneGC()
		if got := debug.SetGCPercent(100); got != 200 {
			t.Errorf("GC percent %d, want 200", got)
		}
		if got := debug.SetMemoryLimit(math.MaxInt64); got != 1<<30 {
			t.Errorf("memory limit %d, want %d", got, 1<<30)
		}
	})
	t.Run("the environment wins", func(t *testing.T) {
		t.Setenv("GOGC", "50")
		t.Setenv("GOMEMLIMIT", "2GiB")
		debug.SetGCPercent(50) // as the runtime set it from GOGC at start
		debug.SetMemoryLimit(2 << 30)
		tuneGC()
		if got := debug.SetGCPercent(100); got != 50 {
			t.Errorf("GC percent %d, want GOGC's 50", got)
		}
		if got := debug.SetMemoryLimit(math.MaxInt64); got != 2<<30 {
			t.Errorf("memory limit %d, want GOMEMLIMIT's %d", got, 2<<30)
		}
	})
}
