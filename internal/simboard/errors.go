package simboard

import "fmt"

// NotInstalledError says what is missing to run the simulator and how to
// install it.
type NotInstalledError struct {
	What string // "node", "tools/picosim", "tools/picosim/node_modules"
	Hint string // the exact command or step that fixes it
}

func (e *NotInstalledError) Error() string {
	return fmt.Sprintf("simulated board: %s is missing: %s", e.What, e.Hint)
}

// PowerCutError is what Wait returns after a --cut-at power cut.
type PowerCutError struct {
	Op   int  // the operation the power was cut before
	Torn bool // the op was torn
}

func (e *PowerCutError) Error() string {
	if e.Torn {
		return fmt.Sprintf("simulated board: power cut at flash op %d (torn)", e.Op)
	}
	return fmt.Sprintf("simulated board: power cut before flash op %d", e.Op)
}

// ExitError is an unexpected end of the simulator process.
type ExitError struct {
	Code   int    // exit status, -1 when killed by a signal
	Stderr string // the simulator's last diagnostics
}

func (e *ExitError) Error() string {
	if e.Stderr != "" {
		return fmt.Sprintf("simulated board: simulator exited with status %d: %s", e.Code, e.Stderr)
	}
	return fmt.Sprintf("simulated board: simulator exited with status %d", e.Code)
}

// Error is a constant error of this package (usable with errors.Is).
type Error string

func (e Error) Error() string { return string(e) }

const (
	// ErrKilled is what Wait returns after Kill (a power cut at a command
	// boundary, chosen by the harness).
	ErrKilled = Error("simulated board: power removed (killed)")
	// ErrClosed is returned by operations on a closed Board.
	ErrClosed = Error("simulated board: closed")
)
