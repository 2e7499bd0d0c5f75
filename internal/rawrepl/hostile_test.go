//go:build linux

package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/otapush/otapush/internal/ports"
)

// hostileBoard answers the raw REPL handshake like MicroPython, then
// misbehaves in reply to the first exec: it floods, or it keeps the call
// alive by trickling a byte at a time so that silence never lasts. It sits
// behind a real pty, so the host reads it through go.bug.st/serial.
type hostileBoard struct {
	paste bool // grant raw-paste (else refuse it: classic raw REPL)
	// trickleCredit grants raw-paste window credit one \x01 per tick
	// instead of as the host's bytes arrive.
	trickleCredit bool
	// reply starts the answer to the exec: what comes right after the
	// code was accepted ("OK" or the raw-paste end ack).
	prefix string
	// then, fill bytes: flood (as fast as the host reads) or one per tick.
	flood   int
	trickle int
	fill    byte
	suffix  string

	master *os.File
	stop   chan struct{}
	mu     sync.Mutex
	intr   bool // the host sent Ctrl-C after the exec started
	sent   int
}

const hostileTick = 20 * time.Millisecond

func serveHostile(t *testing.T, h *hostileBoard) string {
	t.Helper()
	ptmx, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	nfd, err := syscall.Dup(int(ptmx.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	ptmx.Close()
	if err := syscall.SetNonblock(nfd, true); err != nil {
		t.Fatal(err)
	}
	h.master = os.NewFile(uintptr(nfd), "ptmx")
	h.stop = make(chan struct{})
	go h.serve()
	t.Cleanup(func() {
		close(h.stop)
		_ = h.master.Close()
		_ = slave.Close()
	})
	return slave.Name()
}

// send writes b, giving up when the test ends (a host that stopped
// reading must not block the board for ever).
func (h *hostileBoard) send(b []byte) bool {
	for len(b) > 0 {
		select {
		case <-h.stop:
			return false
		default:
		}
		_ = h.master.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		n, err := h.master.Write(b)
		b = b[n:]
		h.mu.Lock()
		h.sent += n
		h.mu.Unlock()
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			return false
		}
	}
	return true
}

func (h *hostileBoard) sleep() bool {
	select {
	case <-h.stop:
		return false
	case <-time.After(hostileTick):
		return true
	}
}

func (h *hostileBoard) serve() {
	const window = 16
	buf := make([]byte, 4096)
	var line []byte
	mode := "friendly"
	execStarted := false
	recv := 0
	for {
		n, err := h.master.Read(buf)
		if err != nil {
			return
		}
		for _, c := range buf[:n] {
			if c == ctrlC && execStarted {
				h.mu.Lock()
				h.intr = true
				h.mu.Unlock()
			}
			switch mode {
			case "friendly":
				if c == ctrlA {
					mode = "raw"
					h.send([]byte("\r\nraw REPL; CTRL-B to exit\r\n>"))
				}
			case "raw":
				switch {
				case c == ctrlA && string(line) == "\x05A":
					line = line[:0]
					if !h.paste {
						h.send([]byte("R\x00"))
						continue
					}
					mode, execStarted = "paste", true
					h.send([]byte{'R', 1, window, 0, ctrlA})
					if h.trickleCredit {
						go func() {
							for h.sleep() && h.send([]byte{ctrlA}) {
							}
						}()
					}
				case c == ctrlA:
					line = line[:0]
					h.send([]byte("raw REPL; CTRL-B to exit\r\n>"))
				case c == ctrlD:
					execStarted = true
					mode = "running"
					go h.answer()
				case c == ctrlC:
					line = line[:0]
				default:
					line = append(line, c)
				}
			case "paste":
				if c == ctrlD {
					execStarted = true
					mode = "running"
					go h.answer()
					continue
				}
				recv++
				if !h.trickleCredit && recv%window == 0 {
					h.send([]byte{ctrlA})
				}
			}
		}
	}
}

func (h *hostileBoard) answer() {
	if !h.send([]byte(h.prefix)) {
		return
	}
	chunk := bytes.Repeat([]byte{h.fill}, 32<<10)
	for left := h.flood; left > 0; left -= len(chunk) {
		if !h.send(chunk[:min(left, len(chunk))]) {
			return
		}
	}
	for i := 0; i < h.trickle; i++ {
		if !h.sleep() || !h.send([]byte{h.fill}) {
			return
		}
	}
	h.send([]byte(h.suffix))
}

func (h *hostileBoard) interrupted() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.intr
}

// TestHostileBoardIsBounded: whatever a board sends in reply to an exec,
// the host keeps at most the exec's MaxOutput of it, and gives up at the
// exec's total deadline even when the board is never silent long enough
// for the silence timeout. Each board finishes properly in the end, so
// without the bounds the call would succeed (after gigabytes or seconds)
// and the test fail.
func TestHostileBoardIsBounded(t *testing.T) {
	const flood = 8 << 20
	tests := []struct {
		name    string
		board   *hostileBoard
		code    string
		lim     Limits
		wantOut int64 // the MaxOutput hit, or 0 for the deadline
	}{
		{"flood after OK, agent default bound", &hostileBoard{prefix: "OK", flood: flood, fill: 'A', suffix: "\x04\x04>"},
			"print(1)", Limits{}, DefaultMaxOutput},
		{"flood of exception text", &hostileBoard{prefix: "OK\x04", flood: flood, fill: 'E', suffix: "\x04>"},
			"print(1)", Limits{MaxOutput: 64 << 10}, 64 << 10},
		{"flood in place of the prompt", &hostileBoard{prefix: "OK\x04\x04", flood: flood, fill: 'P', suffix: "\r\nraw REPL; CTRL-B to exit\r\n>"},
			"print(1)", Limits{MaxOutput: 64 << 10}, 64 << 10},
		{"flood after a raw-paste exec", &hostileBoard{paste: true, prefix: "\x04", flood: flood, fill: 'A', suffix: "\x04\x04>"},
			"print(1)", Limits{MaxOutput: 64 << 10}, 64 << 10},
		{"a byte every tick after OK", &hostileBoard{prefix: "OK", trickle: 400, fill: '.', suffix: "\x04\x04>"},
			"print(1)", Limits{Deadline: 300 * time.Millisecond}, 0},
		{"raw-paste credit one window per tick", &hostileBoard{paste: true, trickleCredit: true, prefix: "\x04", suffix: "\x04\x04>"},
			"#" + strings.Repeat("x", 4096), Limits{Deadline: 300 * time.Millisecond}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.board
			path := serveHostile(t, h)
			opts := fastOpts()
			// Silence never lasts here: only the new bounds can end the call.
			opts.ExecTimeout = 30 * time.Second
			opts.ReplyTimeout = 30 * time.Second
			opts.Limits = tt.lim
			c, err := Open(context.Background(), ports.Port{Path: path, Kind: ports.KindNativeUSB}, opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer c.Close()
			out, err := c.Exec(context.Background(), tt.code)
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("Exec = %d bytes, %.200v; want a *LimitError", len(out), err)
			}
			if tt.wantOut > 0 {
				if !errors.Is(err, ErrOutputLimit) || le.MaxOutput != tt.wantOut || int64(len(out)) > tt.wantOut {
					t.Fatalf("err %v (max %d), kept %d bytes; want the %d-byte bound", err, le.MaxOutput, len(out), tt.wantOut)
				}
			} else if !errors.Is(err, ErrTimeout) || le.Deadline <= 0 {
				t.Fatalf("err %v; want the total deadline", err)
			}
			// The host stops the code it gave up on.
			waitFor(t, h.interrupted)
			t.Logf("%v", err)
		})
	}
}

// waitFor polls cond until it holds; progress-based, no wall-clock bound
// (the test's own timeout ends a hang).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		time.Sleep(10 * time.Millisecond)
	}
}

// A long upload at a healthy rate must not trip a deadline sized for small
// calls: the deadline grows with the bytes the host sends. Classic raw
// REPL pacing makes this exec take at least 256 pauses of 10 ms, far past
// the bare deadline, whatever the machine's speed.
func TestDeadlineGrowsWithBytesSent(t *testing.T) {
	f := newFake("friendly")
	path, _ := servePTY(t, f)
	opts := fastOpts()
	opts.NoRawPaste = true
	opts.ClassicPause = 10 * time.Millisecond
	opts.Limits = Limits{Deadline: 500 * time.Millisecond}
	c, err := Open(context.Background(), ports.Port{Path: path, Kind: ports.KindNativeUSB}, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer c.Close()
	code := "#" + strings.Repeat("x", 64<<10)
	start := time.Now()
	out, err := c.Exec(context.Background(), code)
	if err != nil || strings.TrimSpace(string(out)) != "65537" {
		t.Fatalf("Exec = %q, %v", out, err)
	}
	t.Logf("64 KiB classic exec took %v with a bare deadline of 500ms", time.Since(start))
}
