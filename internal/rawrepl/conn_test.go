package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// fastOpts keeps failing tests quick; the waits still exercise every path.
func fastOpts() Options {
	return Options{ReplyTimeout: 500 * time.Millisecond, ExecTimeout: 2 * time.Second, ClassicPause: time.Millisecond}
}

func connect(t *testing.T, f *fakeBoard, opts Options) *Conn {
	t.Helper()
	c := NewConn(f, ports.Port{Path: "/dev/fake"}, opts)
	if err := c.EnterRaw(context.Background()); err != nil {
		t.Fatalf("EnterRaw: %v", err)
	}
	return c
}

// TestFakeMatchesTranscripts pins the fake to the bytes recorded from real
// MicroPython (notes: simulated-board.md A.4 and B), so the client tests
// below are tests against the protocol.
func TestFakeMatchesTranscripts(t *testing.T) {
	tests := []struct {
		name  string
		old   bool
		mode  string
		steps [][2]string // host bytes, board answer
	}{
		{"1.27 friendly ctrl-c", false, "friendly", [][2]string{{"\r\x03\x03", "\r\n>>> \r\n>>> \r\n>>> "}}},
		{"1.27 raw exec", false, "friendly", [][2]string{
			{"\x01", "\r\nraw REPL; CTRL-B to exit\r\n>"},
			{"print(1)\x04", "OK1\r\n\x04\x04>"},
			{"1/0\x04", "OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n\x04>"},
			{"open('nope')\x04", "OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n\x04>"},
			{"\x05A\x01", "R\x01\x80\x00\x01"},
			{"print(\"pasted\")\x04", "\x04pasted\r\n\x04\x04>"},
			{"\x04", "OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"},
		}},
		{"1.9 raw", true, "friendly", [][2]string{
			{"\r\x03\x03", "\r\n>>> \r\n>>> \r\n>>> "},
			{"\x01", "\r\nraw REPL; CTRL-B to exit\r\n>"},
			{"print(1)\x04", "OK1\r\n\x04\x04>"},
			{"\x05A\x01", "raw REPL; CTRL-B to exit\r\n>"},
			{"\x04", "OK\r\nsoft reboot\r\nraw REPL; CTRL-B to exit\r\n>"},
			{"import machine\nmachine.reset()\x04", "OK\x00" + fakeOldBanner},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(tt.mode)
			f.old = tt.old
			for _, st := range tt.steps {
				if got := f.feed(st[0]); got != st[1] {
					t.Fatalf("after %q: board sent %q, transcript says %q", st[0], got, st[1])
				}
			}
		})
	}
}

func TestEnterRawFromAnyState(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fakeBoard)
	}{
		{"idle friendly", func(f *fakeBoard) {}},
		{"half-typed friendly line", func(f *fakeBoard) { f.line = []byte("import machine; machine.res") }},
		{"already raw", func(f *fakeBoard) { f.mode = "raw" }},
		{"raw with half-sent code", func(f *fakeBoard) { f.mode, f.line = "raw", []byte("while True: pa") }},
		{"busy main.py printing", func(f *fakeBoard) { f.mode = "busy" }},
		{"sleeping main.py", func(f *fakeBoard) { f.mode = "sleeping" }},
		{"main.py swallows the first Ctrl-C", func(f *fakeBoard) { f.mode, f.catchIntr = "busy", 1 }},
		{"code hung in raw REPL", func(f *fakeBoard) { f.mode = "hung" }},
		{"mid raw-paste", func(f *fakeBoard) { f.mode, f.granted, f.window = "paste", 256, 128 }},
		{"mid-boot: first writes lost", func(f *fakeBoard) { f.mode, f.dropWrites = "sleeping", 2 }},
		{"old firmware", func(f *fakeBoard) { f.old = true }},
		{"LF line ends", func(f *fakeBoard) { f.lf = true; f.mode = "busy" }},
		{"one byte per read", func(f *fakeBoard) { f.maxRead = 1; f.mode = "busy" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("friendly")
			tt.setup(f)
			c := connect(t, f, fastOpts())
			if f.mode != "raw" {
				t.Fatalf("board is in %q, want raw", f.mode)
			}
			if bytes.Contains(f.wrote(), []byte("\r")) {
				t.Errorf("host sent \\r, which would run a half-typed line: %q", f.wrote())
			}
			out, err := c.Exec(context.Background(), "print('alive')")
			if err != nil || strings.TrimRight(string(out), "\r\n") != "alive" {
				t.Fatalf("exec after entering: %q, %v", out, err)
			}
		})
	}
}

func TestEnterRawRefusesNonMicroPython(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(f *fakeBoard)
		wantSeen bool
	}{
		{"silent port", func(f *fakeBoard) { f.silent = true }, false},
		{"loopback echo", func(f *fakeBoard) { f.mode = "echo" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("friendly")
			tt.setup(f)
			opts := fastOpts()
			opts.EnterAttempts = 2
			c := NewConn(f, ports.Port{Path: "/dev/fake"}, opts)
			err := c.EnterRaw(context.Background())
			if !errors.Is(err, ErrNotMicroPython) {
				t.Fatalf("err = %v, want ErrNotMicroPython", err)
			}
			var he *HandshakeError
			// Bounded by the attempts, counted (how long they take is
			// make bench's business: a busy machine stretches it).
			if !errors.As(err, &he) || he.Attempts != 2 || (len(he.Received) > 0) != tt.wantSeen {
				t.Fatalf("handshake error %#v", err)
			}
		})
	}
}

func TestExecModes(t *testing.T) {
	big := "s='" + strings.Repeat("0123456789abcdef", 640) + "'" // 10 KB: 80 windows
	tests := []struct {
		name      string
		setup     func(f *fakeBoard)
		opts      func(o *Options)
		wantPaste bool
	}{
		{"1.27 raw-paste", func(f *fakeBoard) {}, nil, true},
		{"raw-paste, credit only when host waits", func(f *fakeBoard) { f.lazyAcks = true }, nil, true},
		{"raw-paste, window 32", func(f *fakeBoard) { f.window = 32 }, nil, true},
		{"raw-paste, 1-byte reads", func(f *fakeBoard) { f.maxRead = 1 }, nil, true},
		{"raw-paste, LF", func(f *fakeBoard) { f.lf = true }, nil, true},
		{"refused R\\x00", func(f *fakeBoard) { f.refusePaste = true }, nil, false},
		{"1.9 firmware", func(f *fakeBoard) { f.old = true }, nil, false},
		{"1.9 firmware, 3-byte reads, LF", func(f *fakeBoard) { f.old, f.maxRead, f.lf = true, 3, true }, nil, false},
		// A late answer to the handshake's Ctrl-A must not pass for old firmware.
		{"stale banners before R\\x01", func(f *fakeBoard) { f.lateBanner = 2 }, nil, true},
		{"stale banners, 1-byte reads", func(f *fakeBoard) { f.lateBanner, f.maxRead = 1, 1 }, nil, true},
		{"1.9 firmware after a stale banner", func(f *fakeBoard) { f.old, f.lateBanner = true, 1 }, nil, false},
		{"raw-paste disabled", func(f *fakeBoard) {}, func(o *Options) { o.NoRawPaste = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("friendly")
			tt.setup(f)
			opts := fastOpts()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			c := connect(t, f, opts)
			ctx := context.Background()
			nl := "\r\n"
			if f.lf {
				nl = "\n"
			}
			for i := 0; i < 3; i++ { // the mode decision must hold across execs
				out, err := c.Exec(ctx, "print('hi')")
				if err != nil || string(out) != "hi"+nl {
					t.Fatalf("exec %d: %q, %v", i, out, err)
				}
			}
			out, err := c.Exec(ctx, big)
			if err != nil || string(out) != fmt.Sprintf("%d%s", len(big), nl) {
				t.Fatalf("big exec: %q, %v", out, err)
			}
			if len(f.execs) == 0 || f.execs[len(f.execs)-1] != big {
				t.Fatalf("board received a different program (%d bytes)", len(f.execs[len(f.execs)-1]))
			}
			_, err = c.Exec(ctx, "1/0")
			if !IsException(err, "ZeroDivisionError") {
				t.Fatalf("1/0: %v", err)
			}
			if c.RawPaste() != tt.wantPaste {
				t.Errorf("RawPaste() = %v, want %v", c.RawPaste(), tt.wantPaste)
			}
			if tt.wantPaste && f.pasteExecs != 5 {
				t.Errorf("board saw %d raw-paste execs, want 5", f.pasteExecs)
			}
			if len(f.violations) > 0 {
				t.Errorf("window exceeded: %v", f.violations)
			}
			st := c.Stats()
			if st.Execs != 5 || st.BytesOut != int64(len(f.wrote())) {
				t.Errorf("stats %+v; board got %d bytes", st, len(f.wrote()))
			}
			if tt.wantPaste && st.PasteExecs != 5 || !tt.wantPaste && st.ClassicExecs != 5 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestExecRoundTripsPerMode(t *testing.T) {
	tests := []struct {
		name   string
		old    bool
		wantRT int64
	}{
		{"raw-paste: request + end of code", false, 2},
		{"classic: end of code", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("friendly")
			f.old = tt.old
			c := connect(t, f, fastOpts())
			if _, err := c.Exec(context.Background(), "print(1)"); err != nil {
				t.Fatal(err)
			}
			before := c.Stats()
			if _, err := c.Exec(context.Background(), "print(1)"); err != nil {
				t.Fatal(err)
			}
			if d := c.Stats().Sub(before); d.RoundTrips != tt.wantRT || d.Execs != 1 {
				t.Errorf("one exec cost %+v", d)
			}
		})
	}
}

func TestBoardErrors(t *testing.T) {
	tests := []struct {
		name      string
		code      string
		check     func(error) bool
		wantOut   string
		wantType  string
		wantErrno int
	}{
		{"ENOSPC", "full", IsENOSPC, "partial\r\n", "OSError", ENOSPC},
		{"ENOENT", "open('nope')", IsENOENT, "", "OSError", ENOENT},
		{"ZeroDivisionError", "1/0", func(err error) bool { return !IsENOSPC(err) }, "", "ZeroDivisionError", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := connect(t, newFake("friendly"), fastOpts())
			out, err := c.Exec(context.Background(), tt.code)
			var be *BoardError
			if !errors.As(err, &be) || !tt.check(err) {
				t.Fatalf("err = %v", err)
			}
			if be.Type != tt.wantType || be.Errno != tt.wantErrno || string(be.Stdout) != tt.wantOut || string(out) != tt.wantOut {
				t.Errorf("got %+v, out %q", be, out)
			}
			if !strings.Contains(be.Traceback, "Traceback (most recent call last)") {
				t.Errorf("traceback text lost: %q", be.Traceback)
			}
		})
	}
}

func TestPasteAbortMidStream(t *testing.T) {
	for _, at := range []int{1, 127, 128, 129, 300} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			f := newFake("friendly")
			f.abortAt = at
			c := connect(t, f, fastOpts())
			_, err := c.Exec(context.Background(), "#"+strings.Repeat("x", 1000))
			if !IsException(err, "SyntaxError") {
				t.Fatalf("err = %v, want the board's SyntaxError", err)
			}
			if n := len(f.pasteData); n > at+256 {
				t.Errorf("host kept sending after the abort: %d bytes reached the board", n)
			}
			f.abortAt = 0
			if out, err := c.Exec(context.Background(), "print('again')"); err != nil || string(out) != "again\r\n" {
				t.Fatalf("next exec: %q, %v", out, err)
			}
		})
	}
}

func TestControlBytesRefused(t *testing.T) {
	for _, old := range []bool{false, true} {
		t.Run(fmt.Sprintf("old=%v", old), func(t *testing.T) {
			f := newFake("friendly")
			f.old = old
			c := connect(t, f, fastOpts())
			_, err := c.Exec(context.Background(), "x = '\x04'")
			if !errors.Is(err, ErrControlByte) {
				t.Fatalf("err = %v", err)
			}
			if len(f.execs) != 0 {
				t.Fatalf("board ran %q", f.execs)
			}
			if out, err := c.Exec(context.Background(), "print('ok')"); err != nil || string(out) != "ok\r\n" {
				t.Fatalf("next exec: %q, %v", out, err)
			}
		})
	}
}

func TestSilentBoardTimesOut(t *testing.T) {
	f := newFake("friendly")
	opts := fastOpts()
	opts.ExecTimeout = 150 * time.Millisecond
	c := connect(t, f, opts)
	start := time.Now()
	_, err := c.Exec(context.Background(), "hang")
	var te *TimeoutError
	if !errors.Is(err, ErrTimeout) || !errors.As(err, &te) || te.Op != "running code" {
		t.Fatalf("err = %v", err)
	}
	// Never early; late only on a busy machine, so no upper bound.
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("timed out after %v", d)
	}
	// The next call interrupts the stuck code and carries on.
	if out, err := c.Exec(context.Background(), "print('back')"); err != nil || string(out) != "back\r\n" {
		t.Fatalf("after timeout: %q, %v", out, err)
	}
}

func TestCancelMidRead(t *testing.T) {
	f := newFake("friendly")
	opts := fastOpts()
	opts.ExecTimeout = -1 // only the context may stop it
	c := connect(t, f, opts)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	// No ExecTimeout: only the cancellation can end the call, and the
	// error says it did.
	_, err := c.Exec(ctx, "hang")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Exec(context.Background(), "print(1)"); !errors.Is(err, ErrClosed) {
		t.Errorf("after cancel: %v, want ErrClosed", err)
	}
}

func TestSoftResetAndLeaveRaw(t *testing.T) {
	for _, old := range []bool{false, true} {
		t.Run(fmt.Sprintf("old=%v", old), func(t *testing.T) {
			f := newFake("friendly")
			f.old = old
			c := connect(t, f, fastOpts())
			ctx := context.Background()
			if err := c.SoftReset(ctx); err != nil {
				t.Fatal(err)
			}
			if f.mode != "raw" {
				t.Fatalf("after soft reset board is %q", f.mode)
			}
			if out, err := c.Exec(ctx, "print('clean')"); err != nil || string(out) != "clean\r\n" {
				t.Fatalf("%q %v", out, err)
			}
			if err := c.LeaveRaw(ctx); err != nil || f.mode != "friendly" {
				t.Fatalf("LeaveRaw: %v, board %q", err, f.mode)
			}
			// Exec after leaving re-enters on its own.
			if out, err := c.Exec(ctx, "print('raw again')"); err != nil || string(out) != "raw again\r\n" {
				t.Fatalf("%q %v", out, err)
			}
			if err := c.Close(); err != nil || f.mode != "friendly" {
				t.Fatalf("Close: %v, board left in %q", err, f.mode)
			}
		})
	}
}

func TestHardResetSameLink(t *testing.T) {
	f := newFake("friendly")
	f.old = true // a UART board: the port stays, "\x00" then the banner
	c := connect(t, f, fastOpts())
	if _, err := c.HardResetWait(context.Background(), BootWait{}); err != nil {
		t.Fatal(err)
	}
	if out, err := c.Exec(context.Background(), "print('rebooted')"); err != nil || string(out) != "rebooted\r\n" {
		t.Fatalf("%q %v", out, err)
	}
	if c.Stats().Reconnects != 0 {
		t.Errorf("reopened a port that never went away")
	}
}

func TestHardResetReconnect(t *testing.T) {
	tests := []struct {
		name     string
		serial   string
		newPath  string
		wantPath string
	}{
		{"same path", "", "/dev/ttyACM0", "/dev/ttyACM0"},
		{"new path found by serial", "E66164084373532B", "/dev/ttyACM1", "/dev/ttyACM1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := newFake("friendly")
			var reopened []string
			var second *fakeBoard
			opts := fastOpts()
			appeared := time.Now().Add(300 * time.Millisecond) // re-enumeration takes a while
			opts.PortExists = func(p string) bool { return p == tt.newPath && time.Now().After(appeared) }
			opts.OpenTransport = func(p string, k ports.Kind) (Transport, error) {
				reopened = append(reopened, p)
				second = newFake("sleeping")
				second.dropWrites = 1 // still booting when the port shows up
				return second, nil
			}
			opts.Lister = &ports.Lister{Enumerate: nil}
			if tt.serial != "" {
				opts.Lister.Enumerate = fakeEnum(tt.newPath, tt.serial)
			}
			c := NewConn(first, ports.Port{Path: "/dev/ttyACM0", SerialNumber: tt.serial, Kind: ports.KindNativeUSB}, opts)
			ctx := context.Background()
			if err := c.EnterRaw(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.HardResetWait(ctx, BootWait{}); err != nil {
				t.Fatal(err)
			}
			if c.Port().Path != tt.wantPath || len(reopened) != 1 || reopened[0] != tt.wantPath {
				t.Fatalf("reconnected to %q (opened %v)", c.Port().Path, reopened)
			}
			if out, err := c.Exec(ctx, "print('back')"); err != nil || string(out) != "back\r\n" {
				t.Fatalf("%q %v", out, err)
			}
			if !strings.Contains(first.execs[0], "machine.reset()") || c.Stats().Reconnects != 1 {
				t.Errorf("execs %q stats %+v", first.execs, c.Stats())
			}
		})
	}
}

func TestReconnectGivesUp(t *testing.T) {
	opts := fastOpts()
	opts.ReconnectTimeout = 300 * time.Millisecond
	opts.PortExists = func(string) bool { return false }
	opts.Lister = &ports.Lister{}
	c := NewConn(newFake("friendly"), ports.Port{Path: "/dev/ttyACM0", SerialNumber: "X"}, opts)
	// It gives up (ErrTimeout) rather than waiting forever; how soon is
	// ReconnectTimeout's, stretched by a busy machine.
	err := c.Reconnect(context.Background())
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "serial number X") {
		t.Fatalf("err = %v", err)
	}
}

func TestStreamingExecFromReader(t *testing.T) {
	f := newFake("friendly")
	f.lazyAcks = true
	c := connect(t, f, fastOpts())
	// An io.Reader that hands out a few bytes at a time, as a pipe would.
	code := "#" + strings.Repeat("y", 5000)
	var out bytes.Buffer
	if err := c.ExecStream(context.Background(), iotestHalf(strings.NewReader(code)), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != "5001\r\n" || len(f.violations) > 0 {
		t.Fatalf("out %q violations %v", out.String(), f.violations)
	}
	if c.Stats().FlowWaits == 0 {
		t.Errorf("5 KB through a 128-byte window never waited for credit: %+v", c.Stats())
	}
}

type halfReader struct{ r io.Reader }

func (h halfReader) Read(p []byte) (int, error) {
	if len(p) > 7 {
		p = p[:7]
	}
	return h.r.Read(p)
}

func iotestHalf(r io.Reader) io.Reader { return halfReader{r} }

func TestHardResetWaitSameLink(t *testing.T) {
	f := newFake("friendly")
	f.old = true
	c := connect(t, f, fastOpts())
	boot, err := c.HardResetWait(context.Background(), BootWait{Max: time.Second, Until: func(b []byte) bool {
		return bytes.HasSuffix(b, []byte(">>> "))
	}})
	if err != nil || !bytes.Contains(boot, []byte("MicroPython v1.9.2")) {
		t.Fatalf("boot %q, %v", boot, err)
	}
	if out, err := c.Exec(context.Background(), "print('up')"); err != nil || string(out) != "up\r\n" {
		t.Fatalf("%q %v", out, err)
	}
}

// TestExecBulkGoesClassicWhereInputIsLossless: a bulk exec skips
// raw-paste's window (one round trip for the whole program) only on a port
// that holds the host back instead of dropping input: a native-USB
// MicroPython board, a simulated one. Anywhere else it is an ordinary
// exec under raw-paste flow control.
func TestExecBulkGoesClassicWhereInputIsLossless(t *testing.T) {
	big := "print('" + strings.Repeat("x", 5000) + "')"
	tests := []struct {
		name    string
		port    ports.Port
		classic bool
	}{
		{"native USB MicroPython", ports.Port{Kind: ports.KindNativeUSB, MicroPython: true}, true},
		{"simulated board", ports.Port{Kind: ports.KindSimulated, MicroPython: true}, true},
		{"native USB, not known to be MicroPython", ports.Port{Kind: ports.KindNativeUSB}, false},
		{"USB-UART bridge", ports.Port{Kind: ports.KindUARTBridge, MicroPython: true}, false},
		{"unknown port", ports.Port{Kind: ports.KindUnknown}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("friendly")
			tt.port.Path = "/dev/fake"
			c := NewConn(f, tt.port, fastOpts())
			if err := c.EnterRaw(context.Background()); err != nil {
				t.Fatal(err)
			}
			before := c.Stats()
			out, err := c.ExecBulk(context.Background(), big)
			if err != nil || string(out) != strings.Repeat("x", 5000)+"\r\n" {
				t.Fatalf("bulk exec: %q, %v", tail(out, 20), err)
			}
			if f.execs[len(f.execs)-1] != big {
				t.Fatal("board received a different program")
			}
			d := c.Stats().Sub(before)
			if tt.classic && (d.ClassicExecs != 1 || d.RoundTrips != 1 || f.pasteExecs != 0) {
				t.Errorf("want one classic exec in one round trip: %+v, board saw %d raw-paste execs", d, f.pasteExecs)
			}
			if !tt.classic && (d.PasteExecs != 1 || f.pasteExecs != 1) {
				t.Errorf("want raw-paste: %+v, board saw %d raw-paste execs", d, f.pasteExecs)
			}
			if len(f.violations) > 0 {
				t.Errorf("window exceeded: %v", f.violations)
			}
			// The next exec is an ordinary one again.
			if _, err := c.Exec(context.Background(), "print(1)"); err != nil {
				t.Fatal(err)
			}
			if d := c.Stats().Sub(before); d.PasteExecs != map[bool]int64{true: 1, false: 2}[tt.classic] {
				t.Errorf("after the bulk exec: %+v", d)
			}
		})
	}
}
