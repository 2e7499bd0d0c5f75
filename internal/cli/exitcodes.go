package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes are part of otapush's interface: CI jobs branch on them. They
// are documented in the README and in `otapush help exit-codes`; never
// renumber one, only add.
const (
	ExitOK          = 0   // everything asked for was done (or already up to date)
	ExitGeneric     = 1   // an error that fits no other class
	ExitUsage       = 2   // bad flags, arguments or configuration file
	ExitSource      = 3   // GitHub / network / local source could not be read
	ExitVerify      = 4   // a hash mismatch or a refused (hostile) manifest or path
	ExitBoard       = 5   // the board could not be reached or refused the operation
	ExitPartial     = 6   // a fleet run where some boards failed and some succeeded
	ExitRolledBack  = 7   // the update ran but the board is back on the old version
	ExitNoVerdict   = 8   // the trial gave no verdict before the deadline; the board decides on its own
	ExitInterrupted = 130 // Ctrl-C / SIGTERM; every board was left on a whole version
)

// exitCodeDocs is the table shown by `otapush help exit-codes`.
var exitCodeDocs = []struct {
	Code int
	Kind string // the error document's "kind" (docs/json.md)
	Text string
}{
	{ExitOK, "ok", "success (or already up to date); for `update`: the board committed the new version (or, with `--no-wait`, it is on trial)"},
	{ExitGeneric, "internal", "unexpected error"},
	{ExitUsage, "usage", "usage or configuration error: bad flag, argument, or config file; `--port auto` with several boards"},
	{ExitSource, "source", "source error: GitHub API, network, rate limit, or local folder"},
	{ExitVerify, "verification", "verification error: hash mismatch, hostile or invalid manifest/path"},
	{ExitBoard, "board", "board error: port not found, not a MicroPython board, board full, transfer failed"},
	{ExitPartial, "partial", "several boards: some boards failed (or a stopped rollout left some untouched), the others succeeded; when every board that ran failed, the code they share (4, 5, 7 or 8), else 5"},
	{ExitRolledBack, "rolled_back", "the new version was rolled back; the board runs the previous version"},
	{ExitNoVerdict, "no_verdict", "no verdict: the new version neither committed nor rolled back before the deadline; the board was left as it is and still decides on its own"},
	{ExitInterrupted, "interrupted", "interrupted (Ctrl-C or SIGTERM); boards were left on a whole version"},
}

// ExitError attaches an exit code to an error. Lower layers return typed
// errors; the command code decides which class they belong to.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// WithExit wraps err with an exit code; nil stays nil.
func WithExit(code int, err error) error {
	if err == nil {
		return nil
	}
	return &ExitError{Code: code, Err: err}
}

// usageErrorf builds an ExitUsage error.
func usageErrorf(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// silentError carries an exit code for a failure that was already reported
// (for example in a --json document) and must not be printed again.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func exitCodeFor(err error) int {
	if err == nil {
		return ExitOK
	}
	var se *silentError
	if errors.As(err, &se) {
		return se.code
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if errors.Is(err, context.Canceled) {
		return ExitInterrupted
	}
	return ExitGeneric
}
