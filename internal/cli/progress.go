package cli

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// progressDelay is how long a scan runs before progress appears: a quick
// run (a pre-commit hook) never flickers a progress line.
const progressDelay = time.Second

// progress shows "linting: N files … current/file" on stderr, rewritten in
// place, while a long scan runs on a terminal. It prints nothing when stderr
// is not a terminal (CI logs, pipes).
type progress struct {
	e       *env
	enabled bool
	start   time.Time
	count   atomic.Int64
	current atomic.Pointer[string]
	stop    chan struct{}
	wg      sync.WaitGroup
	shown   atomic.Bool
}

func (e *env) newProgress() *progress {
	p := &progress{e: e, enabled: e.isTerminal(e.stderr) && e.getenv("TERM") != "dumb", start: time.Now(), stop: make(chan struct{})}
	if !p.enabled {
		return p
	}
	p.wg.Go(p.loop)
	return p
}

// file counts one linted file; safe for concurrent use.
func (p *progress) file(path string) {
	p.count.Add(1)
	if p.enabled {
		p.current.Store(&path)
	}
}

func (p *progress) loop() {
	delay := time.NewTimer(progressDelay)
	defer delay.Stop()
	select {
	case <-p.stop:
		return
	case <-delay.C:
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

func (p *progress) draw() {
	cur := ""
	if c := p.current.Load(); c != nil {
		cur = *c
	}
	if len(cur) > 60 {
		cur = "…" + cur[len(cur)-59:]
	}
	// \r and "erase line" rewrite the same line each time.
	fmt.Fprintf(p.e.stderr, "\r\x1b[Klinting: %d files, %.0fs  %s", p.count.Load(), time.Since(p.start).Seconds(), cur)
	p.shown.Store(true)
}

// done stops the display and erases its line, so the report starts clean.
func (p *progress) done() {
	if !p.enabled {
		return
	}
	close(p.stop)
	p.wg.Wait()
	if p.shown.Load() {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
	}
}
