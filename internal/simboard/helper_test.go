package simboard_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.bug.st/serial"

	"github.com/otapush/otapush/internal/simboard"
)

// link is a deliberately small raw-REPL driver for these tests only (the
// product's client lives in internal/rawrepl). It speaks through the real
// serial library on the board's pty. Every wait is bounded by the board's
// progress (its CPU time), never by the wall clock: a busy machine slows
// the board down, it does not fail the test.
type link struct {
	t    testing.TB
	b    *simboard.Board
	port serial.Port
	buf  []byte // received, not yet consumed
}

const step = 20 * time.Millisecond

func dial(t testing.TB, b *simboard.Board) *link {
	t.Helper()
	return dialPath(t, b, b.Port())
}

// dialPath opens path (b's port, found some other way).
func dialPath(t testing.TB, b *simboard.Board, path string) *link {
	t.Helper()
	p, err := serial.Open(path, &serial.Mode{BaudRate: 115200})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if err := p.SetReadTimeout(step); err != nil {
		t.Fatal(err)
	}
	l := &link{t: t, b: b, port: p}
	t.Cleanup(func() { p.Close() })
	return l
}

// write sends s in full. A tty write that blocks (the board's buffers are
// full) returns early with part of it sent when a signal reaches the
// thread, as the SIGCHLD of another test's simulator does.
func (l *link) write(s string) {
	l.t.Helper()
	for b := []byte(s); len(b) > 0; {
		n, err := l.port.Write(b)
		if err != nil {
			l.t.Fatalf("write: %v", err)
		}
		b = b[n:]
	}
}

// fill reads once (up to one step); it returns the read error, if any.
func (l *link) fill() error {
	b := make([]byte, 4096)
	n, err := l.port.Read(b)
	l.buf = append(l.buf, b[:n]...)
	return err
}

// until returns everything up to and including marker. budget is the CPU
// time the board may spend before the marker shows (simboard.Patience).
func (l *link) until(marker string, budget time.Duration) (string, error) {
	wait := l.b.Patience(budget)
	for {
		if i := bytes.Index(l.buf, []byte(marker)); i >= 0 {
			out := string(l.buf[:i+len(marker)])
			l.buf = l.buf[i+len(marker):]
			return out, nil
		}
		if err := wait.Over(); err != nil {
			return string(l.buf), &waitError{fmt.Sprintf("no %q: %v; got %q", marker, err, l.buf)}
		}
		if err := l.fill(); err != nil {
			return string(l.buf), err
		}
	}
}

// waitError is a wait that ran out, as opposed to a port that failed.
type waitError struct{ msg string }

func (e *waitError) Error() string { return e.msg }

func (l *link) mustUntil(marker string, budget time.Duration) string {
	l.t.Helper()
	s, err := l.until(marker, budget)
	if err != nil {
		l.t.Fatal(err)
	}
	return s
}

// untilGone reads until the port fails (the board reset or lost power)
// and returns what came before; a board that keeps the port fails the
// test once its patience runs out.
func (l *link) untilGone(budget time.Duration) string {
	l.t.Helper()
	got, err := l.until("\x00never\x00", budget)
	var we *waitError
	if err == nil || errors.As(err, &we) {
		l.t.Fatalf("the port is still there: %v", err)
	}
	return got
}

// drain discards input for d.
func (l *link) drain(d time.Duration) string {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if l.fill() != nil {
			break
		}
	}
	s := string(l.buf)
	l.buf = nil
	return s
}

const rawBanner = "raw REPL; CTRL-B to exit\r\n>"

func (l *link) enterRaw() {
	l.t.Helper()
	l.write("\r\x03")
	l.drain(100 * time.Millisecond)
	l.write("\x01")
	l.mustUntil(rawBanner, 3*time.Second)
}

// exec runs code through the classic raw REPL and returns stdout and the
// exception text.
func (l *link) exec(code string) (string, string) {
	l.t.Helper()
	out, exc, err := l.tryExec(code, 10*time.Second)
	if err != nil {
		l.t.Fatal(err)
	}
	return out, exc
}

func (l *link) tryExec(code string, timeout time.Duration) (string, string, error) {
	l.write(code + "\x04")
	if _, err := l.until("OK", timeout); err != nil {
		return "", "", err
	}
	return l.follow(timeout)
}

// follow reads "<stdout>\x04<exception>\x04>".
func (l *link) follow(timeout time.Duration) (string, string, error) {
	out, err := l.until("\x04", timeout)
	if err != nil {
		return "", "", err
	}
	exc, err := l.until("\x04>", timeout)
	if err != nil {
		return "", "", err
	}
	return strings.TrimSuffix(out, "\x04"), strings.TrimSuffix(exc, "\x04>"), nil
}

// pasteResult is what one raw-paste exchange observed.
type pasteResult struct {
	out, exc string
	window   int
	acks     int  // window credits the board granted after the header
	aborted  bool // the board sent \x04 before the host finished
	sentAll  bool
}

// paste runs code through raw-paste, honouring the flow control exactly
// unless greedy is set (then it writes everything at once, as a broken
// client would).
func (l *link) paste(code string, greedy bool) (pasteResult, error) {
	var r pasteResult
	l.write("\x05A\x01")
	hdr, err := l.until("R", 3*time.Second)
	if err != nil {
		return r, err
	}
	_ = hdr
	for len(l.buf) < 4 {
		if err := l.fill(); err != nil {
			return r, err
		}
	}
	if l.buf[0] != 1 {
		return r, fmt.Errorf("raw-paste refused: %q", l.buf)
	}
	r.window = int(l.buf[1]) | int(l.buf[2])<<8
	if l.buf[3] != 1 {
		return r, fmt.Errorf("no initial window credit: %q", l.buf[:4])
	}
	l.buf = l.buf[4:]
	credit := 2 * r.window
	data := []byte(code)
	if greedy {
		l.write(string(data))
		data = nil
	}
	wait := l.b.Patience(20 * time.Second)
	for len(data) > 0 {
		// Consume every control byte the board has sent so far.
		for len(l.buf) > 0 {
			switch l.buf[0] {
			case 1:
				credit += r.window
				r.acks++
			case 4:
				r.aborted = true
			default:
				return r, fmt.Errorf("unexpected byte during raw-paste: %q", l.buf)
			}
			l.buf = l.buf[1:]
			if r.aborted {
				break
			}
		}
		if r.aborted {
			break
		}
		if credit == 0 {
			if err := wait.Over(); err != nil {
				return r, fmt.Errorf("board granted no more credit: %v", err)
			}
			if err := l.fill(); err != nil {
				return r, err
			}
			continue
		}
		n := min(credit, len(data))
		l.write(string(data[:n]))
		data = data[n:]
		credit -= n
	}
	r.sentAll = len(data) == 0
	l.write("\x04")
	if !r.aborted {
		// Skip further credits, then the end-of-data acknowledgement.
		for {
			if len(l.buf) == 0 {
				if err := l.fill(); err != nil {
					return r, err
				}
				if err := wait.Over(); err != nil {
					return r, fmt.Errorf("no end-of-data acknowledgement: %v", err)
				}
				continue
			}
			c := l.buf[0]
			l.buf = l.buf[1:]
			if c == 1 {
				r.acks++
				continue
			}
			if c == 4 {
				break
			}
			return r, fmt.Errorf("unexpected byte %q before the acknowledgement", c)
		}
	}
	r.out, r.exc, err = l.follow(10 * time.Second)
	return r, err
}
