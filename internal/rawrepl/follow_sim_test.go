package rawrepl_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
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
    for i in range(5):
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
	ctx := context.Background()
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
	for i := range 5 {
		if line := "before " + string(rune('0'+i)) + "\r\n"; !strings.Contains(out.String(), line) {
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
