package update_test

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"
	"time"

	"go.bug.st/serial"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// TestRelaunchRunsTheApp: taking the raw REPL stops the app, so after an
// update the host hands the board back: the app runs again, and a trial
// boot the host cut short to read the outcome is not counted against the
// new version.
func TestRelaunchRunsTheApp(t *testing.T) {
	t.Parallel()
	// Each start of main.py counts itself in a run-time file, then the
	// app runs on, saying which start it is over and over: what a board
	// prints while no host has its port open is lost, as on USB.
	const loop = "with open('runs.txt', 'a') as f:\n    f.write('x')\nn = len(open('runs.txt').read())\n%s\nimport time\nwhile True:\n    print('APP START', n)\n    time.sleep(0.1)\n"
	tests := []struct {
		name      string
		main      string
		noWait    bool
		want      update.Outcome
		wantStart string // what the app says once it runs after the update (a regexp)
		wantBoots int    // trial boots counted after the hand-back
	}{
		// --no-wait: the host takes the board once it is back and hands
		// it back: its second start, or its first when the host's Ctrl-C
		// came before main.py started (a slow boot on a loaded machine).
		{"still on trial", "", true, update.OnTrial, "APP START [12]", 1},
		// The watch sees the commit, or (its start printed while the port
		// was away) reads the status and hands the app back: either way
		// the app runs, confirmed.
		{"confirmed by the app", "import ota_agent\nota_agent.confirm()", false, update.Committed, `APP START \d+`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			a := app{"main.py": fmt.Sprintf(loop, tt.main)}
			r, err := push(t, ctx, c, a, update.Options{Confirm: "app", TrialBoots: 3, NoWait: tt.noWait,
				// The board's own trial deadline runs on its wall clock: on a
				// loaded machine the default 60 s can pass before the status
				// read below, reset the board and count a boot.
				Deadline: time.Hour})
			if err != nil || r.Outcome != tt.want {
				t.Fatalf("push: %+v %v", r, err)
			}
			if err := update.Relaunch(ctx, c, &r); err != nil || !r.AppRunning {
				t.Fatalf("relaunch: %v (app running %v)", err, r.AppRunning)
			}
			// The app's start, seen on the console as a terminal would.
			c.Close()
			waitConsole(t, b, tt.wantStart, 30*time.Second) // of the board's CPU time
			c = dial(t, ctx, b)
			s, err := agent.New(c, agent.Options{}).Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var boots int
			if s.Txn != nil {
				boots = s.Txn.Boots
			}
			if boots != tt.wantBoots {
				t.Errorf("state %s counts %v trial boots, want %v (the host's interruption given back)", s.State, boots, tt.wantBoots)
			}
		})
	}
}

// waitConsole reads the board's console until a line matches want. limit
// is the board's CPU time (simboard.Patience), not the wall clock; a board
// that sits idle, or an app that says another start, fails at once: an app
// looping on sleeps would take its 30 s of CPU an hour to spend.
func waitConsole(t *testing.T, b *simboard.Board, want string, limit time.Duration) {
	t.Helper()
	p, err := serial.Open(b.Port(), &serial.Mode{BaudRate: 115200})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.SetReadTimeout(100 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^` + want + `\r?$`)
	start := regexp.MustCompile(`(?m)^APP START \d+\r?$`)
	var out []byte
	buf := make([]byte, 512)
	for wait := b.Patience(limit).WithStall(10 * time.Second); !re.Match(out); {
		if err := wait.Over(); err != nil {
			t.Fatalf("console never said %q (%v); it said %q", want, err, out)
		}
		if l := start.Find(out); l != nil {
			t.Fatalf("console said %q, want %q", bytes.TrimSpace(l), want)
		}
		n, err := p.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, buf[:n]...)
	}
}
