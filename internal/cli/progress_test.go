package cli

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/update"
)

// trialEvents is one board's update as update.Run reports it, the trial
// watched to its verdict: the app's lines (one hostile) and the agent's
// events.
func trialEvents(board int) []fleet.Event {
	t0 := time.Now()
	evs := []update.Event{
		{Phase: update.PhaseDelta, Msg: "2 to send, 1 unchanged, 0 already staged", FilesTotal: 2, BytesTotal: 3000},
		{Phase: update.PhaseUpload, Path: "lib/a.py", FileBytes: 1000, FileSize: 2000, FilesTotal: 2, BytesDone: 1000, BytesTotal: 3000, Time: t0},
		{Phase: update.PhaseVerified, Path: "lib/a.py", FileBytes: 2000, FileSize: 2000, FilesDone: 1, FilesTotal: 2, BytesDone: 2000, BytesTotal: 3000, Time: t0.Add(time.Second)},
		{Phase: update.PhaseReset, Msg: "hard"},
		{Phase: update.PhaseVerdict, Msg: "trial"},
		{Phase: update.PhaseTrial, Msg: "hello from v2\r\n"},
		{Phase: update.PhaseTrial, Msg: "evil " + hostile},
		{Phase: update.PhaseVerdict, Msg: "committed"},
	}
	out := []fleet.Event{{Board: board, Event: update.Event{Phase: fleet.PhaseConnect}}}
	for _, e := range evs {
		out = append(out, fleet.Event{Board: board, Event: e})
	}
	return append(out, fleet.Event{Board: board, Event: update.Event{Phase: fleet.PhaseDone, Msg: fleet.Committed}})
}

func viewTargets(n int) []fleet.Target {
	var ts []fleet.Target
	for i := range n {
		ts = append(ts, fleet.Target{Port: ports.Port{Path: "/dev/ttyACM" + string(rune('0'+i))}})
	}
	return ts
}

// TestViewLines: off a terminal, one board or several, every step and
// every line of the app's trial output is one timestamped line named by
// the board ("|" sets the app's output apart); the agent's events are
// lines; with several boards each one's start and end are too; the
// board's text is escaped; --json prints nothing.
func TestViewLines(t *testing.T) {
	line := regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3} (/dev/ttyACM\d)(: | \| )(.*)$`)
	tests := []struct {
		name   string
		boards int
		json   bool
		want   []string
		not    []string
	}{
		{"one board", 1, false, []string{
			": 2 to send", ": [1/2] lib/a.py verified (2.0 KiB of 2.9 KiB)", ": reset (hard)", ": agent: trial",
			" | hello from v2", ` | evil \x1b[2J`, ": agent: committed"}, []string{"connecting", "done:", "\r"}},
		{"two boards", 2, false, []string{": connecting", " | hello from v2", ": agent: committed", ": done: committed"}, []string{"\r"}},
		{"json: silent", 2, true, nil, []string{"otapush", "hello"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, errOut := TestStreams()
			v := newFleetView(ios, tt.json, viewTargets(tt.boards))
			for b := range tt.boards {
				for _, e := range trialEvents(b) {
					v.event(e)
				}
			}
			v.close()
			got := errOut.String()
			if tt.json {
				if got != "" {
					t.Errorf("--json printed progress: %q", got)
				}
				return
			}
			per := map[string][]string{}
			for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				m := line.FindStringSubmatch(l)
				if m == nil {
					t.Errorf("not '<time> <board>: <step>' or '<time> <board> | <app line>': %q", l)
					continue
				}
				per[m[1]] = append(per[m[1]], m[2]+m[3])
			}
			if len(per) != tt.boards {
				t.Errorf("lines name %d boards, want %d:\n%s", len(per), tt.boards, got)
			}
			for port, ls := range per {
				all := strings.Join(ls, "\n")
				for _, w := range tt.want {
					if !strings.Contains(all, w) {
						t.Errorf("%s: no %q in\n%s", port, w, all)
					}
				}
				for _, n := range tt.not {
					if strings.Contains(all, n) {
						t.Errorf("%s: %q in\n%s", port, n, all)
					}
				}
			}
			assertNoControl(t, "plain progress", got)
		})
	}
}

// TestViewOnTerminal: on a terminal the app's trial output is printed
// above mpb's live display, named by the board only when several boards
// share the screen, escaped; the boards' lines end on their verdict.
func TestViewOnTerminal(t *testing.T) {
	for _, n := range []int{1, 2} {
		t.Run(map[int]string{1: "one board", 2: "two boards"}[n], func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer ptmx.Close()
			defer tty.Close()
			if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 160}); err != nil {
				t.Fatal(err)
			}
			var screen bytes.Buffer
			read := make(chan struct{})
			go func() {
				defer close(read)
				_, _ = io.Copy(&screen, ptmx)
			}()
			ios, _, _, _ := TestStreams()
			ios.ErrOut = tty
			ios.SetStderrTTY(true)
			v := newFleetView(ios, false, viewTargets(n))
			if v.live == nil {
				t.Fatal("no live display on a terminal")
			}
			for b := range n {
				for _, e := range trialEvents(b) {
					v.event(e)
				}
			}
			v.close()
			tty.Close()
			<-read
			s := screen.String()
			want := []string{"hello from v2\r\n", `evil \x1b[2J\x1b]0;pwned\x07`, "committed"}
			if n > 1 {
				want = append(want, "/dev/ttyACM0 | hello from v2", "/dev/ttyACM1 | hello from v2")
			} else if strings.Contains(s, "/dev/ttyACM0 | ") {
				t.Errorf("one board: its app's lines are named:\n%q", s)
			}
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("the terminal never showed %q:\n%q", w, s)
				}
			}
			for _, bad := range []string{"\x1b[2J", "\x1b]0;pwned", "\u202e"} {
				if strings.Contains(s, bad) {
					t.Errorf("raw %q from the board reached the terminal:\n%q", bad, s)
				}
			}
		})
	}
}
