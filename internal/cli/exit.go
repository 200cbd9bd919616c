package cli

import "fmt"

// Exit codes are part of the CLI contract; never renumber them.
const (
	ExitOK       = 0 // no finding at or above --fail-level
	ExitFindings = 1 // at least one finding at or above --fail-level
	ExitUsage    = 2 // bad flags, arguments or configuration
	ExitInternal = 3 // rules failed to compile or evaluate, or a file could not be read
)

// ExitError carries an exit code up to Main, the only place that turns an
// error into a process status.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

func internalError(err error) error {
	return &ExitError{Code: ExitInternal, Err: err}
}
