package rawrepl_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.bug.st/serial"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

// These tests run the client through go.bug.st/serial against the
// simulated board (MicroPython 1.27 behind pyexec's own REPL), always with
// the simulator's strict window mode: a byte sent past the raw-paste
// credit is dropped and counted, so an overflow both breaks the exec and
// shows in PasteViolations.

func startBoard(t *testing.T, o simboard.Options) *simboard.Board {
	t.Helper()
	o.PasteStrict = true
	return simtest.StartT(t, o)
}

func simLister(b *simboard.Board) *ports.Lister {
	return &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
}

func openBoard(t *testing.T, b *simboard.Board, opts rawrepl.Options) *rawrepl.Conn {
	t.Helper()
	l := simLister(b)
	p, err := l.Resolve(context.Background(), b.Port())
	if err != nil {
		t.Fatal(err)
	}
	if opts.Lister == nil {
		opts.Lister = l
	}
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	c, err := rawrepl.Open(ctx, p, opts)
	if err != nil {
		t.Fatalf("Open %s: %v\nsimulator: %s", b.Port(), err, b.Stderr())
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func checkWindow(t *testing.T, b *simboard.Board) {
	t.Helper()
	if v := b.PasteViolations(); v != 0 {
		t.Errorf("raw-paste window exceeded: %d bytes dropped by the board", v)
	}
}

// poke writes bytes to the board with the bare serial library, to leave it
// in a state (half-typed line, raw mode) before the client connects.
func poke(t *testing.T, path string, s string) {
	t.Helper()
	p, err := serial.Open(path, &serial.Mode{BaudRate: 115200})
	if err != nil {
		t.Fatal(err)
	}
	// A blocked tty write returns part-done when a signal arrives.
	for b := []byte(s); len(b) > 0; {
		n, err := p.Write(b)
		if err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
	time.Sleep(100 * time.Millisecond)
	p.Close()
}

func TestSimEnterRawFromAnyState(t *testing.T) {
	const busy = "import time\nwhile True:\n    print('busy', time.ticks_ms())\n"
	const sleeping = "import time\nwhile True:\n    time.sleep(1)\n"
	const stubborn = "import time\nn = 0\nwhile True:\n    try:\n        time.sleep_ms(20)\n    except KeyboardInterrupt:\n        n += 1\n        if n > 1:\n            raise\n"
	tests := []struct {
		name  string
		files map[string][]byte
		prep  func(t *testing.T, b *simboard.Board)
	}{
		{"idle friendly REPL", nil, nil},
		{"busy main.py", map[string][]byte{"main.py": []byte(busy)}, nil},
		{"sleeping main.py", map[string][]byte{"main.py": []byte(sleeping)}, nil},
		{"main.py that swallows one Ctrl-C", map[string][]byte{"main.py": []byte(stubborn)}, nil},
		{"half-typed line", nil, func(t *testing.T, b *simboard.Board) {
			poke(t, b.Port(), "import machine; machine.res")
		}},
		{"half-typed compound statement", nil, func(t *testing.T, b *simboard.Board) {
			poke(t, b.Port(), "for i in range(3):\r    print(i)\r")
		}},
		{"already raw", nil, func(t *testing.T, b *simboard.Board) { poke(t, b.Port(), "\x01") }},
		{"raw with half-sent code", nil, func(t *testing.T, b *simboard.Board) { poke(t, b.Port(), "\x01while True: pa") }},
		{"mid-boot", map[string][]byte{
			"boot.py": []byte("import time\ntime.sleep(0.8)\n"),
			"main.py": []byte(sleeping),
		}, func(t *testing.T, b *simboard.Board) {
			// Reset from the friendly REPL and connect while boot.py runs.
			poke(t, b.Port(), "\x03import machine\rmachine.reset()\r")
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			// Give the reset a moment, then connect whatever state the
			// board is in (that is the point): this bound decides nothing,
			// so it may be the wall clock. (A Patience would not end here:
			// a board in a sleep loop uses a trickle of CPU for ever.)
			for end := time.Now().Add(5 * time.Second); b.Resets() == 0 && time.Now().Before(end); {
				time.Sleep(10 * time.Millisecond)
			}
			if err := b.WaitPort(ctx); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := startBoard(t, simboard.Options{Files: tt.files})
			if tt.prep != nil {
				tt.prep(t, b)
			}
			c := openBoard(t, b, rawrepl.Options{})
			out, err := c.Exec(context.Background(), "print('alive', 6*7)")
			if err != nil || string(out) != "alive 42\r\n" {
				t.Fatalf("exec: %q, %v", out, err)
			}
			// The half-typed line must never have run: machine.res would
			// be an AttributeError at best, a reset at worst.
			if b.Resets() > 0 && tt.name != "mid-boot" {
				t.Errorf("board was reset %d times", b.Resets())
			}
			checkWindow(t, b)
		})
	}
}

func TestSimExecModes(t *testing.T) {
	payload := strings.Repeat("0123456789abcdef", 1280) // 20 KB
	code := fmt.Sprintf("s = '%s'\nprint(len(s), s[-4:])", payload)
	tests := []struct {
		name      string
		board     simboard.Options
		client    rawrepl.Options
		wantPaste bool
	}{
		{"raw-paste, window 128", simboard.Options{}, rawrepl.Options{}, true},
		{"raw-paste, window 32", simboard.Options{Window: 32}, rawrepl.Options{}, true},
		{"raw-paste, usb-fs link", simboard.Options{Link: "usb-fs"}, rawrepl.Options{}, true},
		{"old firmware without raw-paste", simboard.Options{NoRawPaste: true}, rawrepl.Options{}, false},
		{"classic forced by the client", simboard.Options{}, rawrepl.Options{NoRawPaste: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := startBoard(t, tt.board)
			c := openBoard(t, b, tt.client)
			ctx := context.Background()
			for i := 0; i < 2; i++ {
				out, err := c.Exec(ctx, code)
				if err != nil || string(out) != "20480 cdef\r\n" {
					t.Fatalf("exec %d: %q, %v", i, out, err)
				}
			}
			if c.RawPaste() != tt.wantPaste {
				t.Errorf("RawPaste() = %v", c.RawPaste())
			}
			if w := c.Window(); tt.wantPaste && w != b.Options().Window {
				t.Errorf("window %d, board has %d", w, b.Options().Window)
			}
			st := c.Stats()
			if st.BytesOut < int64(2*len(code)) || st.Execs != 2 {
				t.Errorf("stats %+v", st)
			}
			checkWindow(t, b)
		})
	}
}

func TestSimBoardErrors(t *testing.T) {
	b := startBoard(t, simboard.Options{FlashKB: 64})
	c := openBoard(t, b, rawrepl.Options{})
	ctx := context.Background()
	tests := []struct {
		name  string
		code  string
		check func(error) bool
		typ   string
	}{
		{"traceback", "print('before')\n1/0", func(err error) bool { return rawrepl.IsException(err, "ZeroDivisionError") }, "ZeroDivisionError"},
		{"ENOENT", "open('/nope/x')", rawrepl.IsENOENT, "OSError"},
		{"ENOSPC", "f = open('big.bin', 'wb')\nfor i in range(200):\n    f.write(b'x' * 1024)\nf.close()", rawrepl.IsENOSPC, "OSError"},
		{"syntax error mid-paste", "x = 1\n" + strings.Repeat("y = 2\n", 200) + "def (:\n" + strings.Repeat("z = 3\n", 200), func(err error) bool { return rawrepl.IsException(err, "SyntaxError") }, "SyntaxError"},
		{"import a board lacks", "import zlib", func(err error) bool { return rawrepl.IsException(err, "ImportError") }, "ImportError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Exec(ctx, tt.code)
			var be *rawrepl.BoardError
			if !errors.As(err, &be) || !tt.check(err) || be.Type != tt.typ {
				t.Fatalf("err = %#v", err)
			}
			if !strings.Contains(be.Traceback, tt.typ) {
				t.Errorf("traceback %q", be.Traceback)
			}
			// The connection stays usable after any board error.
			if out, err := c.Exec(ctx, "print('ok')"); err != nil || string(out) != "ok\r\n" {
				t.Fatalf("after %s: %q %v", tt.name, out, err)
			}
		})
	}
	checkWindow(t, b)
}

func TestSimSoftResetSkipsMain(t *testing.T) {
	// If main.py ran after the soft reset, the board would be stuck in its
	// loop and no exec could follow.
	b := startBoard(t, simboard.Options{Files: map[string][]byte{
		"main.py": []byte("import time\nwhile True:\n    time.sleep_ms(10)\n"),
		"boot.py": []byte("booted = True\n"),
	}})
	c := openBoard(t, b, rawrepl.Options{ExecTimeout: 5 * time.Second})
	ctx := context.Background()
	if _, err := c.Exec(ctx, "leftover = 1"); err != nil {
		t.Fatal(err)
	}
	if err := c.SoftReset(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := c.Exec(ctx, "print('leftover' in globals())")
	if err != nil || string(out) != "False\r\n" {
		t.Fatalf("after soft reset: %q, %v", out, err)
	}
	if err := c.LeaveRaw(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSimHardResetReconnect(t *testing.T) {
	tests := []struct {
		name string
		// open by the pty device (which disappears) or by the by-id link
		byDevice bool
	}{
		{"same path (by-id link)", false},
		{"by USB serial number", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := startBoard(t, simboard.Options{Files: map[string][]byte{
				"main.py": []byte("import time\nwhile True:\n    time.sleep_ms(10)\n"),
			}})
			l := simLister(b)
			p, err := l.Resolve(context.Background(), b.Port())
			if err != nil {
				t.Fatal(err)
			}
			if tt.byDevice {
				p.Path = b.Device()
			}
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			c, err := rawrepl.Open(ctx, p, rawrepl.Options{Lister: l})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := c.Exec(ctx, "before = 1"); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			if _, err := c.HardResetWait(ctx, rawrepl.BootWait{}); err != nil {
				t.Fatalf("HardResetWait: %v\n%s", err, b.Stderr())
			}
			t.Logf("reset + reconnect took %v", time.Since(start))
			if b.Resets() != 1 {
				t.Errorf("board resets = %d", b.Resets())
			}
			out, err := c.Exec(ctx, "print('before' in globals())")
			if err != nil || string(out) != "False\r\n" {
				t.Fatalf("after reset: %q, %v", out, err)
			}
			if tt.byDevice && c.Port().Path != b.Port() {
				t.Errorf("reconnected to %s, want the board found by serial at %s", c.Port().Path, b.Port())
			}
			if c.Stats().Reconnects != 1 {
				t.Errorf("stats %+v", c.Stats())
			}
			checkWindow(t, b)
		})
	}
}

// --port auto, as the commands open it: resolve, then open.
func TestSimOpenAuto(t *testing.T) {
	b := startBoard(t, simboard.Options{})
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	l := simLister(b)
	p, err := l.Resolve(ctx, "auto")
	if err != nil {
		t.Fatal(err)
	}
	c, err := rawrepl.Open(ctx, p, rawrepl.Options{Lister: l})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Port().SerialNumber != b.Serial() {
		t.Errorf("dialled %+v", c.Port())
	}
	if out, err := c.Exec(ctx, "print('auto')"); err != nil || string(out) != "auto\r\n" {
		t.Fatalf("%q %v", out, err)
	}
}

func TestSimCancelWhileCodeRuns(t *testing.T) {
	b := startBoard(t, simboard.Options{})
	c := openBoard(t, b, rawrepl.Options{ExecTimeout: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	// No ExecTimeout: only the context can end the call, and the error
	// says it did.
	_, err := c.Exec(ctx, "import time\nwhile True:\n    time.sleep_ms(10)")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	// A new connection takes the board back from the running code.
	c2 := openBoard(t, b, rawrepl.Options{})
	if out, err := c2.Exec(context.Background(), "print('mine')"); err != nil || string(out) != "mine\r\n" {
		t.Fatalf("%q %v", out, err)
	}
}

func TestSimCodeThatSoftResets(t *testing.T) {
	b := startBoard(t, simboard.Options{Files: map[string][]byte{
		"main.py": []byte("import time\nwhile True:\n    time.sleep_ms(10)\n"),
	}})
	c := openBoard(t, b, rawrepl.Options{ExecTimeout: 5 * time.Second})
	ctx := context.Background()
	for _, code := range []string{"import sys\nx = 1\nsys.exit()", "import machine\nmachine.soft_reset()"} {
		if _, err := c.Exec(ctx, code); err != nil {
			t.Fatalf("%q: %v", code, err)
		}
		// Still in the raw REPL, main.py not started, state gone.
		out, err := c.Exec(ctx, "print('x' in globals())")
		if err != nil || string(out) != "False\r\n" {
			t.Fatalf("after %q: %q %v", code, out, err)
		}
	}
}

func TestSimHardResetLetsTheBoardBoot(t *testing.T) {
	b := startBoard(t, simboard.Options{Files: map[string][]byte{
		"main.py": []byte("import time\ntime.sleep_ms(1000)\nf = open('booted.txt', 'w')\nf.write('yes')\nf.close()\nprint('APP READY')\nwhile True:\n    time.sleep_ms(10)\n"),
	}})
	c := openBoard(t, b, rawrepl.Options{})
	ctx := context.Background()
	if _, err := c.Exec(ctx, "import os\ntry:\n    os.remove('booted.txt')\nexcept OSError:\n    pass"); err != nil {
		t.Fatal(err)
	}
	boot, err := c.HardResetWait(ctx, rawrepl.BootWait{Max: 10 * time.Second, Until: func(b []byte) bool {
		return strings.Contains(string(b), "APP READY")
	}})
	if err != nil {
		t.Fatalf("HardResetWait: %v", err)
	}
	if !strings.Contains(string(boot), "APP READY") {
		t.Fatalf("boot output %q", boot)
	}
	out, err := c.Exec(ctx, "print(open('booted.txt').read())")
	if err != nil || string(out) != "yes\r\n" {
		t.Fatalf("main.py did not finish its boot work: %q %v", out, err)
	}
}
