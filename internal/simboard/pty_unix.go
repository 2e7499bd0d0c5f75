//go:build unix

package simboard

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/creack/pty"
	"golang.org/x/term"
)

func openPTY() (*ptyPair, error) {
	m, s, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("simboard: open pty: %w", err)
	}
	// A fresh pty cooks its input (echo, line buffering, CR/NL mapping);
	// a USB CDC port is a raw byte pipe. Hosts set raw mode themselves, but
	// bytes the board prints before that must not be echoed back to it.
	if _, err := term.MakeRaw(int(s.Fd())); err != nil {
		m.Close()
		s.Close()
		return nil, fmt.Errorf("simboard: raw mode: %w", err)
	}
	// creack/pty returns a blocking master; a blocking Read cannot be
	// interrupted by Close, so the port could never "disappear". A
	// non-blocking duplicate goes through Go's poller instead.
	fd, err := syscall.Dup(int(m.Fd()))
	if err == nil {
		err = syscall.SetNonblock(fd, true)
	}
	m.Close()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("simboard: pty master: %w", err)
	}
	syscall.CloseOnExec(fd)
	return &ptyPair{master: os.NewFile(uintptr(fd), "/dev/ptmx"), slave: s, device: s.Name()}, nil
}

// readNow reads what f holds right now without waiting: (0, nil) when
// nothing is there, io.EOF at the end. A read deadline in the past would
// not do: Go fails such reads without trying them.
func readNow(f *os.File, buf []byte) (int, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int
	var rerr error
	if err := rc.Read(func(fd uintptr) bool {
		n, rerr = syscall.Read(int(fd), buf)
		return true
	}); err != nil {
		return 0, err
	}
	switch {
	case errors.Is(rerr, syscall.EAGAIN):
		return 0, nil
	case rerr != nil:
		return 0, rerr
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}
