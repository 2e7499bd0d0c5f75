package faults_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// linkCut loses the board after the host's after-th protocol step. A step
// is what the host sends up to a Ctrl-D: each exec (status, hashes, every
// upload chunk, verify, arm, machine.reset()) and each soft reset. The
// bytes of the step reach the board, which runs it; the host never sees
// the answer, and every later read, write or re-open fails, as when a
// cable is pulled or the host's USB stack drops the device.
type linkCut struct {
	after int
	// lose runs once the step went out: nothing (the board keeps its
	// power and runs on) or a power cut (the cable powered it).
	lose func()

	mu    sync.Mutex
	steps []string // every step sent, for the clean run's census
	cur   []byte
	lost  bool
}

func (lc *linkCut) isLost() bool {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.lost
}

func (lc *linkCut) open(path string, kind ports.Kind) (rawrepl.Transport, error) {
	if lc.isLost() {
		return nil, fmt.Errorf("%s: %w", path, rawrepl.ErrPortUnavailable)
	}
	t, err := rawrepl.OpenSerial(path, kind)
	if err != nil {
		return nil, err
	}
	return &cutTransport{t: t, lc: lc}, nil
}

type cutTransport struct {
	t    rawrepl.Transport
	lc   *linkCut
	once sync.Once
}

func (c *cutTransport) Read(p []byte, timeout time.Duration) (int, error) {
	if c.lc.isLost() {
		return 0, rawrepl.ErrDisconnected
	}
	return c.t.Read(p, timeout)
}

func (c *cutTransport) Write(p []byte) (int, error) {
	lc := c.lc
	if lc.isLost() {
		return 0, rawrepl.ErrDisconnected
	}
	n, err := c.t.Write(p)
	lc.mu.Lock()
	lose := false
	for _, b := range p[:n] {
		if b != 0x04 {
			lc.cur = append(lc.cur, b)
			continue
		}
		lc.steps = append(lc.steps, string(lc.cur))
		lc.cur = nil
		if len(lc.steps) == lc.after && !lc.lost {
			lc.lost, lose = true, true
		}
	}
	lc.mu.Unlock()
	if lose {
		// The pty keeps what was written; only the host's side goes.
		c.Close()
		if lc.lose != nil {
			lc.lose()
		}
	}
	return n, err
}

func (c *cutTransport) Close() error {
	var err error
	c.once.Do(func() { err = c.t.Close() })
	return err
}

var callRe = regexp.MustCompile(`ota_agent\.(\w+)\(|(machine\.reset)\(|(_oi_\w+)\(`)

// label names a step for reports: the agent call it makes.
func label(code string) string {
	if m := callRe.FindStringSubmatch(code); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				return g
			}
		}
	}
	if strings.Trim(code, "\x01\x02\x03\x05A\r\n ") == "" {
		return "soft reset"
	}
	return fmt.Sprintf("%.20q", code)
}

// TestLinkDropAtEveryStep: the host loses the board after each protocol
// step of an update, in two ways: the link alone goes (the board keeps
// running whatever it was sent) and the link takes the power with it.
// After each: the board boots a whole version — the old one if the drop
// came before the arm reached the board, the new one once it booted
// after the arm — and the next `otapush update` (with --resume, or after
// --abort) ends on the new version with nothing left in the journal.
func TestLinkDropAtEveryStep(t *testing.T) {
	t.Parallel()
	base := baseFlash(t)
	p, s := plan(t, v2)
	opts := update.Options{Confirm: "return", Chunk: 1024}

	// The clean run counts the steps and finds the arm.
	census := &linkCut{}
	func() {
		ctx, cancel := simtest.ContextT(t)
		defer cancel()
		b := boardOn(t, base, simboard.Options{})
		defer b.Close()
		o := connOpts(b)
		o.OpenTransport = census.open
		c, err := dial(ctx, b, o)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if r, err := update.Run(ctx, p, s, c, opts, nil); err != nil || r.Outcome != update.Committed {
			t.Fatalf("clean run: %+v %v", r, err)
		}
	}()
	steps := census.steps
	arm, chunks := 0, 0
	for i, st := range steps {
		switch label(st) {
		case "arm":
			arm = i + 1
		case "w", "putn", "put", "finish":
			chunks++
		}
	}
	// After the arm: the reset, then the host watches the board's output
	// (no step) and reads the status only when it missed the verdict.
	if arm == 0 || chunks < 6 || len(steps) < arm+1 {
		t.Fatalf("clean run: %d steps, arm at %d, %d upload steps: not the update this test is about", len(steps), arm, chunks)
	}

	var ls []string
	for _, st := range steps {
		ls = append(ls, label(st))
	}
	t.Logf("the update's %d protocol steps: %s", len(steps), strings.Join(ls, ", "))
	ta := newTally()
	t.Cleanup(func() { ta.log(t) })
	versions := map[string]app{"v1": v1, "v2": v2}
	modes := []struct {
		name   string
		unplug bool
	}{
		{"link lost, board runs on", false},
		{"link lost with the power", true},
	}
	// make test samples the upload steps (they differ only in how much of
	// the stage is written); from the step before the arm on, every step
	// runs. make faults runs them all.
	off := simtest.SampleOffset(t)
	for _, m := range modes {
		for _, i := range simtest.Sample(len(steps), sampledUploads, off, func(i int) bool { return i+1 >= arm-1 }) {
			k := i + 1
			name := fmt.Sprintf("%s/after %d %s", m.name, k, label(steps[k-1]))
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				begin := time.Now()
				viol := linkDropCase(t, base, k, arm, m.unplug, versions)
				ta.add("link drop: "+m.name, name, begin, viol)
				for _, v := range viol {
					t.Error(v)
				}
			})
		}
	}
}

func linkDropCase(t *testing.T, base string, k, arm int, unplug bool, versions map[string]app) (viol []string) {
	bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	// After the reset the host watches the board's output and sends the
	// later steps only when it missed the verdict (a slow, loaded machine
	// does): such a step may not come in this run.
	b, p, s, viol := dropLink(t, ctx, base, k, k > arm+1, unplug, update.Options{Confirm: "return", Chunk: 1024})
	defer b.Close()
	if len(viol) > 0 {
		return viol
	}
	// The board boots: a whole version, and the right one.
	got, err := whole(t, b.FlashDir(), versions)
	switch {
	case err != nil:
		bad("after the drop: %v", err)
	case k < arm && got != "v1":
		bad("dropped before the arm (step %d), the board runs %s", arm, got)
	case unplug && k > arm && got != "v2":
		// Armed, then powered on: the swap and the trial ran.
		bad("armed and power-cycled, the board runs %s", got)
	}

	// The next otapush: the link-only drop resumes (--resume applies an
	// armed update); the power drop first aborts whatever is left.
	c, err := dial(ctx, b, connOpts(b))
	if err != nil {
		bad("re-dial: %v", err)
		return
	}
	if unplug {
		r, err := update.Run(ctx, nil, nil, c, update.Options{Abort: true}, nil)
		if err != nil || r.Outcome != update.Aborted {
			bad("--abort: %+v %v", r, err)
			c.Close()
			return
		}
		if left := leftovers(t, b.FlashDir()); len(left) > 0 {
			bad("--abort left %v", left)
		}
		if now, err := whole(t, b.FlashDir(), versions); err != nil || now != got {
			bad("--abort changed the live version: %s -> %s (%v)", got, now, err)
		}
	}
	r, err := update.Run(ctx, p, s, c, update.Options{Confirm: "return", Resume: true}, nil)
	if err != nil || (r.Outcome != update.Committed && r.Outcome != update.UpToDate) {
		bad("next update: %+v %v", r, err)
	}
	c.Close()
	return append(viol, onV2(ctx, t, b, versions)...)
}

// dropLink updates a board made from the flash base to v2 with uo and
// loses the link after k Ctrl-Ds (the power too when unplug), then powers
// the board back on and lets it settle. It returns the board (the caller
// closes it), the plan it pushed, and what already went wrong: no
// violations means the board is ready to be checked. When mayEnd, a run
// that ends well before step k skips the case: it did not need that step.
func dropLink(t *testing.T, ctx context.Context, base string, k int, mayEnd, unplug bool, uo update.Options) (b *simboard.Board, p *manifest.Plan, s manifest.BlobStore, viol []string) {
	bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
	b = boardOn(t, base, simboard.Options{})
	lc := &linkCut{after: k}
	if unplug {
		lc.lose = b.Kill
	}
	o := connOpts(b)
	o.OpenTransport = lc.open
	// Only the runs that lose the link after the reset ever wait it out.
	o.ReconnectTimeout = reconnectTimeout
	c, err := dial(ctx, b, o)
	if err != nil {
		bad("dial: %v", err)
		return
	}
	p, s = plan(t, v2)
	r, err := update.Run(ctx, p, s, c, uo, nil)
	c.Close()
	if !lc.isLost() {
		if mayEnd && err == nil && r.Outcome == update.Committed {
			b.Close()
			t.Skipf("this run committed without step %d (it did not miss the verdict): nothing to drop", k)
		}
		bad("the run never reached step %d (%+v %v)", k, r, err)
		return
	}
	if err == nil {
		bad("the run lost the board and reports success: %+v", r)
	}
	if unplug {
		if err := b.Restart(ctx); err != nil {
			bad("power on: %v", err)
			return
		}
	}
	if err := quiet(ctx, b); err != nil {
		bad("after the drop: %v", err)
	}
	return
}

// onV2 checks a board after the run that follows a fault: it settles, runs
// v2 whole, and keeps no journal.
func onV2(ctx context.Context, t *testing.T, b *simboard.Board, versions map[string]app) (viol []string) {
	bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
	if err := quiet(ctx, b); err != nil {
		bad("after the next update: %v", err)
		return
	}
	if got, err := whole(t, b.FlashDir(), versions); err != nil || got != "v2" {
		bad("after the next update: %s %v", got, err)
	}
	if left := leftovers(t, b.FlashDir()); len(left) > 0 {
		bad("after the next update the journal keeps %v", left)
	}
	return viol
}
