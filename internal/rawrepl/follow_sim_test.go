package rawrepl_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// resetOnceMain prints "before" lines once armed, resets the board with
// machine.reset(), then prints "after" lines for long enough that some
// outlive the port's absence (what the board prints then is lost).
const resetOnceMain = `import os, time, machine
def has(p):
    try:
        os.stat(p)
        return True
    except OSError:
        return False
if has('arm'):
    os.remove('arm')
    for i in range(10):
        print('before', i)
        time.sleep_ms(100)
    open('after', 'w').close()
    machine.reset()
elif has('after'):
    os.remove('after')
    for i in range(40):
        print('after', i)
        time.sleep_ms(100)
while True:
    time.sleep_ms(50)
`

// TestSimFollowAcrossReset follows the app's output across the board's own
// machine.reset() on native USB (the port goes away and comes back), then
// takes the board over with the raw REPL.
func TestSimFollowAcrossReset(t *testing.T) {
	b := startBoard(t, simboard.Options{Link: "usb-fs", Files: map[string][]byte{"main.py": []byte(resetOnceMain)}})
	c := openBoard(t, b, rawrepl.Options{})
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if _, err := c.Exec(ctx, "open('arm', 'w').close()"); err != nil {
		t.Fatal(err)
	}
	// RunApp soft-resets into main.py and closes the port: Follow starts
	// on a closed Conn.
	if err := c.RunApp(ctx); err != nil {
		t.Fatal(err)
	}
	var kinds []rawrepl.FollowKind
	var out strings.Builder
	err := c.Follow(ctx, func(ev rawrepl.FollowEvent) bool {
		if n := len(kinds); ev.Kind != rawrepl.FollowOutput || n == 0 || kinds[n-1] != rawrepl.FollowOutput {
			kinds = append(kinds, ev.Kind)
		}
		out.Write(ev.Data)
		return ev.Kind == rawrepl.FollowOutput && strings.Contains(out.String(), "after ")
	})
	if err != nil {
		t.Fatalf("Follow: %v\n%s", err, b.Stderr())
	}
	t.Logf("output %q", out.String())
	// What RunApp read past "soft reboot" is output too, and comes first.
	if len(kinds) > 0 && kinds[0] == rawrepl.FollowOutput {
		kinds = kinds[1:]
	}
	want := []rawrepl.FollowKind{rawrepl.FollowBack, rawrepl.FollowOutput, rawrepl.FollowGone, rawrepl.FollowBack, rawrepl.FollowOutput}
	if len(kinds) != len(want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %v, want %v", kinds, want)
		}
	}
	for i := range 10 {
		if line := fmt.Sprintf("before %d\r\n", i); !strings.Contains(out.String(), line) {
			t.Errorf("missing %q from before the reset", line)
		}
	}
	if b.Resets() != 1 {
		t.Errorf("board resets = %d", b.Resets())
	}
	// Follow never interrupted the app: it is still counting. Taking the
	// board now is the caller's choice, and works.
	if err := c.EnterRaw(ctx); err != nil {
		t.Fatalf("EnterRaw after Follow: %v", err)
	}
	if out, err := c.Exec(ctx, "print(6*7)"); err != nil || string(out) != "42\r\n" {
		t.Fatalf("exec after Follow: %q %v", out, err)
	}
}

// A cancelled context ends Follow on a board that prints nothing.
func TestSimFollowCancel(t *testing.T) {
	b := startBoard(t, simboard.Options{})
	c := openBoard(t, b, rawrepl.Options{})
	if err := c.LeaveRaw(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(100*time.Millisecond, cancel)
	err := c.Follow(ctx, func(ev rawrepl.FollowEvent) bool { return false })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// bootCounter counts its boots in a file and prints ticks tagged with the
// count, so output says which boot printed it.
const bootCounter = `import time
try:
    n = int(open('boots').read()) + 1
except OSError:
    n = 1
f = open('boots', 'w')
f.write(str(n))
f.close()
i = 0
while True:
    print('boot', n, 'tick', i)
    i += 1
    time.sleep_ms(100)
`

// HardResetRun leaves the app running after the reset: Follow then sees the
// next boot's ticks.
func TestSimHardResetRun(t *testing.T) {
	b := startBoard(t, simboard.Options{Files: map[string][]byte{"main.py": []byte(bootCounter)}})
	c := openBoard(t, b, rawrepl.Options{})
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := c.HardResetRun(ctx); err != nil {
		t.Fatalf("HardResetRun: %v\n%s", err, b.Stderr())
	}
	if c.Port().SerialNumber != b.Serial() || b.Resets() != 1 {
		t.Errorf("back on %+v after %d resets", c.Port(), b.Resets())
	}
	var out strings.Builder
	err := c.Follow(ctx, func(ev rawrepl.FollowEvent) bool {
		if ev.Kind != rawrepl.FollowOutput {
			t.Errorf("unexpected event %v", ev.Kind)
			return true
		}
		out.Write(ev.Data)
		// The first ticks are lost while the port is away.
		return regexp.MustCompile(`boot 2 tick \d+\r\n`).MatchString(out.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "boot 1") {
		t.Errorf("output from before the reset: %q", out.String())
	}
}
