package cli

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is what a command may read and write. Commands never touch
// os.Stdout directly, so tests can capture everything and flip TTY-ness.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	errTTY bool
}

// System returns streams bound to the process's stdin/stdout/stderr.
func System() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		errTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// TestStreams returns streams backed by buffers, with no TTY.
func TestStreams() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// IsStderrTTY reports whether ErrOut is an interactive terminal (progress
// bars are drawn there, and only there).
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// SetStderrTTY lets tests pretend to be interactive.
func (s *IOStreams) SetStderrTTY(v bool) { s.errTTY = v }
