package simboard_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// The board's clock: machine.Timer, time.ticks_*, and how callbacks reach
// running and idle code. Assertions are about order and counts in the
// board's own clock, never about wall time: a loaded machine delays a
// callback, it must not fail a test. Where a broken simulator would just
// stay silent (a callback that never fires), the wait is a generous silence
// timeout far below the sleep it has to cut short.

// quiet is how long a test waits for output that a working board prints
// within a fraction of a second.
const quiet = 30 * time.Second

// untilQuiet reads until marker and fails once the board has sent nothing
// for quiet (wall time: sleeping code uses no CPU, so a progress budget
// would never run out while the board waits for a callback).
func (l *link) untilQuiet(marker string) string {
	l.t.Helper()
	last, seen := time.Now(), len(l.buf)
	for {
		if i := bytes.Index(l.buf, []byte(marker)); i >= 0 {
			out := string(l.buf[:i+len(marker)])
			l.buf = l.buf[i+len(marker):]
			return out
		}
		if len(l.buf) != seen {
			last, seen = time.Now(), len(l.buf)
		}
		if time.Since(last) > quiet {
			l.t.Fatalf("no %q: the board was silent for %v; got %q", marker, quiet, l.buf)
		}
		if err := l.fill(); err != nil {
			l.t.Fatalf("waiting for %q: %v; got %q", marker, err, l.buf)
		}
	}
}

// goneQuiet reads until the port goes away (a reset) and returns what came
// before; a board that stays silent for quiet fails the test.
func (l *link) goneQuiet() string {
	l.t.Helper()
	last, seen := time.Now(), len(l.buf)
	for {
		if len(l.buf) != seen {
			last, seen = time.Now(), len(l.buf)
		}
		if time.Since(last) > quiet {
			l.t.Fatalf("the port is still there: the board was silent for %v; got %q", quiet, l.buf)
		}
		if err := l.fill(); err != nil {
			out := string(l.buf)
			l.buf = nil
			return out
		}
	}
}

// A main.py started by the friendly REPL at power-on sleeps for a minute
// while a one-shot and a periodic timer run: their callbacks cut into the
// sleep at their due times, the one-shot exactly once, and deinit() from
// inside a callback stops the periodic one.
func TestTimerCallbacksDuringSleep(t *testing.T) {
	t.Parallel()
	main := `import machine, time
ev = []
t0 = time.ticks_ms()
early = []
def per(t):
    ev.append('p')
    if time.ticks_diff(time.ticks_ms(), t0) < 30 * ev.count('p'):
        early.append('p')
    if ev.count('p') == 5:
        t.deinit()
        print('EV', ''.join(ev), len(early))
def one(t):
    ev.append('o')
    if time.ticks_diff(time.ticks_ms(), t0) < 100:
        early.append('o')
o = machine.Timer(-1)
o.init(mode=machine.Timer.ONE_SHOT, period=100, callback=one)
p = machine.Timer(period=30, callback=per)
print('sleeping')
while True:
    time.sleep(60)
`
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte(main)}})
	l := dial(t, b)
	l.untilQuiet("sleeping\r\n")
	got := l.untilQuiet("\r\n")
	var seq string
	var early int
	if _, err := fmt.Sscanf(strings.TrimSpace(got), "EV %s %d", &seq, &early); err != nil {
		t.Fatalf("callback report %q: %v", got, err)
	}
	// The one-shot falls due before the periodic's fifth period (100 ms <
	// 150 ms), so it has fired by then whatever the load.
	if strings.Count(seq, "p") != 5 || strings.Count(seq, "o") != 1 || !strings.HasSuffix(seq, "p") {
		t.Errorf("callback order %q, want five p and one o before the last p", seq)
	}
	if early != 0 {
		t.Errorf("%d callbacks ran before their due time on the board's clock", early)
	}
	// Interrupt the sleep; the app's globals stay for the REPL.
	l.write("\x03")
	if got := l.mustUntil(">>> ", 5*time.Second); !strings.Contains(got, "KeyboardInterrupt") {
		t.Errorf("after Ctrl-C: %q", got)
	}
	l.enterRaw()
	// Neither timer fires again: the one-shot is spent, the periodic stopped.
	out, exc := l.exec("n = len(ev)\ntime.sleep_ms(300)\nprint(''.join(ev) == '" + seq + "', len(ev) - n)")
	if out != "True 0\r\n" || exc != "" {
		t.Errorf("after deinit: %q %q", out, exc)
	}
}

func TestTimerFromRawREPL(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	tests := []struct {
		name, code, out string
	}{
		{"constants and repr", "from machine import Timer\nt = Timer(period=5000, callback=print, mode=Timer.ONE_SHOT)\nprint(Timer.ONE_SHOT, Timer.PERIODIC, Timer(-1), t)\nt.deinit()",
			"0 1 Timer(mode=ONE_SHOT, tick_hz=1000000, period=0) Timer(mode=ONE_SHOT, tick_hz=1000000, period=5000000)\r\n"},
		{"only virtual timers", "from machine import Timer\ntry:\n    Timer(0)\nexcept ValueError as e:\n    print(e)", "Timer doesn't exist\r\n"},
		{"keyword-only arguments", "from machine import Timer\ntry:\n    Timer(-1).init(100)\nexcept TypeError:\n    print('TypeError')", "TypeError\r\n"},
		// A periodic timer keeps going after its callback raised; the
		// traceback is printed as for a soft IRQ, the code that was
		// interrupted goes on.
		{"callback raises", "import machine, time\nn = [0]\ndef cb(t):\n    n[0] += 1\n    if n[0] == 2:\n        raise ValueError('boom')\ntm = machine.Timer(period=20, callback=cb)\nwhile n[0] < 4:\n    time.sleep_ms(5)\ntm.deinit()\nprint('n', n[0])",
			"Traceback (most recent call last):\r\n  File \"<stdin>\", line 6, in cb\r\nValueError: boom\r\nn 4\r\n"},
		// freq= in Hz; a compute loop that reads the clock gets callbacks.
		{"freq and a clock loop", "import machine, time\nn = [0]\ndef inc(t):\n    n[0] += 1\ntm = machine.Timer(freq=100, callback=inc)\nwhile n[0] < 3:\n    time.ticks_ms()\ntm.deinit()\nprint('ok')", "ok\r\n"},
		// Callbacks do not re-enter each other: a slow callback is not
		// interrupted by the next one falling due.
		{"no re-entry", "import machine, time\ndepth = [0, 0]\nn = [0]\ndef cb(t):\n    depth[0] += 1\n    depth[1] = max(depth)\n    time.sleep_ms(30)\n    n[0] += 1\n    depth[0] -= 1\na = machine.Timer(period=10, callback=cb)\nb = machine.Timer(period=10, callback=cb)\nwhile n[0] < 4:\n    time.sleep_ms(5)\na.deinit()\nb.deinit()\nprint(depth[1])", "1\r\n"},
		// ticks are monotonic, wrap like MicroPython's (2**30) and agree
		// with the timer's clock.
		{"ticks", "import time\na, u = time.ticks_ms(), time.ticks_us()\nok = True\nfor i in range(100):\n    time.sleep_us(300)\n    b, v = time.ticks_ms(), time.ticks_us()\n    ok = ok and time.ticks_diff(b, a) >= 0 and time.ticks_diff(v, u) >= 0\n    a, u = b, v\nprint(ok, time.ticks_add(2**30 - 1, 1), time.ticks_diff(0, 2**30 - 1), type(time.time()), time.time() > 1700000000)",
			"True 0 1 <class 'int'> True\r\n"},
		{"one-shot due on the ticks clock", "import machine, time\nt0 = time.ticks_ms()\nat = []\nmachine.Timer(mode=machine.Timer.ONE_SHOT, period=120, callback=lambda t: at.append(time.ticks_diff(time.ticks_ms(), t0)))\nwhile not at:\n    time.sleep_ms(1000)\ntime.sleep_ms(150)\nprint(len(at), at[0] >= 120)", "1 True\r\n"},
	}
	for _, tc := range tests {
		out, exc, err := l.tryExec(tc.code, quiet)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if out != tc.out || exc != "" {
			t.Errorf("%s: got %q, %q; want %q", tc.name, out, exc, tc.out)
		}
	}
}

// Callbacks also run while nothing executes (rp2 runs them from its stdin
// wait), and a soft reset ends every timer.
func TestTimerAtIdleAndSoftReset(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	if out, exc := l.exec("import machine\ntm = machine.Timer(mode=machine.Timer.ONE_SHOT, period=50, callback=lambda t: print('IDLE'))"); out != "" || exc != "" {
		t.Fatalf("arm: %q %q", out, exc)
	}
	if got := l.untilQuiet("IDLE\r\n"); got != "IDLE\r\n" {
		t.Errorf("idle callback output %q", got)
	}
	// A periodic timer that would print is ended by a soft reset.
	if out, exc := l.exec("import machine\ntm = machine.Timer(period=10, callback=lambda t: print('GHOST'))"); out != "" || exc != "" {
		t.Fatalf("arm: %q %q", out, exc)
	}
	l.write("\x04")
	l.mustUntil("MPY: soft reboot\r\n", 5*time.Second)
	l.mustUntil(rawBanner, 5*time.Second)
	out, exc := l.exec("import time\ntime.sleep_ms(300)\nprint('quiet')")
	if out != "quiet\r\n" || exc != "" {
		t.Errorf("after the soft reset: %q %q", out, exc)
	}
	if rest := l.drain(100 * time.Millisecond); strings.Contains(rest, "GHOST") {
		t.Errorf("a timer survived the soft reset: %q", rest)
	}
}

// ticks count from the last power-on or hard reset, as the RP2040's timer
// does, and keep running across a soft reset.
func TestTicksAcrossResets(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{ResetDelay: 50 * time.Millisecond, Files: map[string][]byte{
		"boot.py": []byte("import time\nBOOT_T = time.ticks_ms()\n"),
	}})
	l := dial(t, b)
	l.enterRaw()
	out, _ := l.exec("import time\ntime.sleep_ms(1500)\nprint(time.ticks_ms())")
	var before int
	if _, err := fmt.Sscan(out, &before); err != nil {
		t.Fatalf("ticks: %q", out)
	}
	l.write("\x04")
	l.mustUntil(rawBanner, 5*time.Second)
	if out, _ := l.exec("print(time.ticks_diff(time.ticks_ms(), " + fmt.Sprint(before) + ") >= 0, time.ticks_diff(BOOT_T, " + fmt.Sprint(before) + ") >= 0)"); out != "True True\r\n" {
		t.Errorf("ticks went back at a soft reset: %q", out)
	}
	// The hard reset happens after sent; BOOT_T is read after seen. On a
	// board whose ticks restarted, BOOT_T cannot exceed seen-sent (the same
	// monotonic clock on both sides); ticks counted from power-on would
	// (the board was up for at least the 1.5 s slept above).
	sent := time.Now()
	l.write("import machine\nmachine.reset()\x04")
	l.untilGone(5 * time.Second)
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	l2 := dial(t, b)
	l2.enterRaw()
	out, _ = l2.exec("print(BOOT_T)")
	seen := time.Since(sent)
	var boot int
	if _, err := fmt.Sscan(out, &boot); err != nil {
		t.Fatalf("BOOT_T: %q", out)
	}
	if limit := seen.Milliseconds() + 1; int64(boot) > limit {
		t.Errorf("ticks at boot after a hard reset = %d ms, more than the %d ms since the reset was sent: they did not restart", boot, limit)
	}
}

// A callback may reset the board (the agent's trial deadline does): from
// a sleeping app and from the idle REPL alike.
func TestTimerCallbackResets(t *testing.T) {
	t.Parallel()
	for _, code := range []string{
		"import machine, time\ntm = machine.Timer(mode=machine.Timer.ONE_SHOT, period=50, callback=lambda t: machine.reset())\ntime.sleep(60)",
		"import machine\ntm = machine.Timer(mode=machine.Timer.ONE_SHOT, period=50, callback=lambda t: machine.reset())",
	} {
		b := simtest.StartT(t, simboard.Options{ResetDelay: 50 * time.Millisecond})
		l := dial(t, b)
		l.enterRaw()
		l.write(code + "\x04")
		got := l.goneQuiet()
		ctx, cancel := simtest.ContextT(t)
		err := b.WaitPort(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if b.Resets() != 1 {
			t.Errorf("%q: Resets = %d after %q", code, b.Resets(), got)
		}
		l2 := dial(t, b)
		l2.enterRaw()
		if out, _ := l2.exec("import machine\nprint(machine.reset_cause() == machine.WDT_RESET)"); out != "True\r\n" {
			t.Errorf("reset cause: %q", out)
		}
	}
}
