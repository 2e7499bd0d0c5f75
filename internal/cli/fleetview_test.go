package cli

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/update"
)

// fakeClock is the view's clock in these tests: time moves only when the
// test says, so silences and rates are exact under any load.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// plainView is a one-board view printing plain lines, on a fake clock,
// with no ticker: the test calls tick itself.
func plainView(t *testing.T) (*fleetView, *fakeClock, func() string) {
	t.Helper()
	ios, _, _, errOut := TestStreams()
	v := newFleetView(ios, true, viewTargets(1)) // quiet: no ticker goroutine
	v.quiet = false
	clk := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	v.now = clk.now
	return v, clk, errOut.String
}

// TestViewProgressLines: off a terminal, sizes and rates speak one unit
// family (KiB, KiB/s); a rate appears only over enough bytes and time; a
// board that stays silent (a large file on USB, the agent's install, a
// long trial) gets a line every few seconds; a single file's line does
// not repeat its size; --reset-mode none says the swap waits.
func TestViewProgressLines(t *testing.T) {
	type step struct {
		wait time.Duration // fake time that passes before the event (or tick)
		ev   *update.Event // nil: a tick
	}
	ev := func(e update.Event) *update.Event { return &e }
	big := int64(300 << 10)
	tests := []struct {
		name  string
		steps []step
		want  []string
		not   []string
	}{
		{"a large file on a slow link", []step{
			{0, ev(update.Event{Phase: update.PhaseDelta, Msg: "1 to send, 0 unchanged, 0 already staged", FilesTotal: 1, BytesTotal: big})},
			{2 * time.Second, ev(update.Event{Phase: update.PhaseUpload, Path: "data.bin", FileBytes: 20 << 10, FileSize: big, FilesTotal: 1, BytesDone: 20 << 10, BytesTotal: big})},
			{2 * time.Second, nil}, // 4 s of silence: nothing yet
			{2 * time.Second, ev(update.Event{Phase: update.PhaseUpload, Path: "data.bin", FileBytes: 60 << 10, FileSize: big, FilesTotal: 1, BytesDone: 60 << 10, BytesTotal: big})},
			{0, nil}, // 6 s: a line
			{time.Second, nil},
			{0, nil}, // only 1 s after the last line: nothing
			{30 * time.Second, ev(update.Event{Phase: update.PhaseVerified, Path: "data.bin", FileBytes: big, FileSize: big, FilesDone: 1, FilesTotal: 1, BytesDone: big, BytesTotal: big})},
		}, []string{
			": 1 to send",
			": sending data.bin: 60.0 KiB of 300.0 KiB, 10.0 KiB/s",
			": data.bin verified (300.0 KiB, 8.1 KiB/s)",
		}, []string{"KB/s", "in all", "300.0 KiB of 300.0 KiB"}},
		{"tiny files: no rate", []step{
			{0, ev(update.Event{Phase: update.PhaseDelta, Msg: "2 to send", FilesTotal: 2, BytesTotal: 693})},
			{time.Millisecond, ev(update.Event{Phase: update.PhaseVerified, Path: "a.py", FileSize: 293, FilesDone: 1, FilesTotal: 2, BytesDone: 293, BytesTotal: 693})},
			{time.Second, ev(update.Event{Phase: update.PhaseVerified, Path: "main.py", FileSize: 400, FilesDone: 2, FilesTotal: 2, BytesDone: 693, BytesTotal: 693})},
		}, []string{": [1/2] a.py verified (293 B of 693 B)", ": [2/2] main.py verified (693 B of 693 B)"}, []string{"/s"}},
		{"the agent's install", []step{
			{0, ev(update.Event{Phase: update.PhasePreflight})},
			{0, ev(update.Event{Phase: update.PhaseInstall, Msg: "installing agent 1.5.1 (53 KiB)"})},
			{6 * time.Second, nil},
			{6 * time.Second, nil},
		}, []string{": installing agent 1.5.1 (53 KiB)\n", ": installing agent 1.5.1 (53 KiB): 6s so far", ": installing agent 1.5.1 (53 KiB): 12s so far"}, nil},
		{"a long trial", []step{
			{0, ev(update.Event{Phase: update.PhaseReset, Msg: "hard"})},
			{time.Second, ev(update.Event{Phase: update.PhaseVerdict, Msg: "trial"})},
			{10 * time.Second, nil},
		}, []string{": reset (hard): the board swaps and trial-boots", ": agent: trial", ": waiting for the board's verdict: 10s so far"}, nil},
		{"a board alone, silent while it connects", []step{
			{0, ev(update.Event{Phase: fleet.PhaseConnect})},
			{8 * time.Second, nil},
		}, []string{": still connecting: 8s so far"}, nil},
		{"reset mode none", []step{
			{0, ev(update.Event{Phase: update.PhaseReset, Msg: update.ResetNone})},
			{30 * time.Second, nil},
		}, []string{": armed, not reset (--reset-mode none): the board swaps at its next boot"}, []string{"trial-boots", "verdict"}},
	}
	stamp := regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d\.\d{3} /dev/ttyACM0`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, clk, out := plainView(t)
			for _, s := range tt.steps {
				now := clk.add(s.wait)
				if s.ev == nil {
					v.tick()
					continue
				}
				e := *s.ev
				e.Time = now
				v.event(fleet.Event{Board: 0, Event: e})
			}
			got := stamp.ReplaceAllString(out(), "")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
		})
	}
	t.Run("a tick prints once per silence", func(t *testing.T) {
		v, clk, out := plainView(t)
		v.event(fleet.Event{Event: update.Event{Phase: update.PhaseInstall, Msg: "installing agent", Time: clk.now()}})
		clk.add(5 * time.Second)
		v.tick()
		v.tick()
		if n := strings.Count(out(), "so far"); n != 1 {
			t.Errorf("%d progress lines, want 1:\n%s", n, out())
		}
	})
}

// TestViewTickerRuns: off a terminal the view's own ticker prints a
// silent board's progress (the clock is fake, the ticker real).
func TestViewTickerRuns(t *testing.T) {
	ios, _, _, errOut := TestStreams()
	clk := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	v := newFleetView(ios, false, viewTargets(1))
	v.mu.Lock()
	v.now = clk.now
	v.mu.Unlock()
	v.event(fleet.Event{Event: update.Event{Phase: update.PhaseInstall, Msg: "installing agent", Time: clk.now()}})
	clk.add(time.Minute)
	// The ticker fires each second; wait for its line by polling (no
	// deadline of our own: the test's timeout bounds a broken ticker).
	for !strings.Contains(syncString(v, errOut.String), "so far") {
		time.Sleep(50 * time.Millisecond)
	}
	v.close()
}

// syncString reads the view's output under its lock (the ticker writes).
func syncString(v *fleetView, f func() string) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return f()
}
