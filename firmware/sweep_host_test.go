package firmware_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simreg"
	"github.com/otapush/otapush/internal/update"
)

// The power-cut sweep's host is the product's own (issue 12, item 8):
// `otapush update --source DIR` is fleet.Run over one board, which runs
// update.Run (the survey, the delta, agent.Client.Upload's batched putn
// with deflate and a digest, the arm by digest, the hard reset and the
// watch of the trial to its verdict) and then update.Relaunch (the agent's
// relaunch write of state.json when the host cut a trial boot short, and
// the soft reset into the app); `otapush rollback` is update.Rollback.
// The only differences from the CLI: the plan's hooks are set on the
// folder's plan (a local folder has no manifest to name them; a GitHub
// release's manifest fills the same two fields), and the raw REPL's
// silence timeouts are generous, since many boards share a busy machine.

// host holds what `otapush update` would have planned for each version
// of a sweep: a plan from a folder, its blobs in a content-addressed cache.
type host struct {
	plans map[string]*manifest.Plan // by version name
	store manifest.BlobStore
}

func newHost(t testing.TB, vs ...version) *host {
	t.Helper()
	c, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := &host{plans: map[string]*manifest.Plan{}, store: c}
	for _, v := range vs {
		dir := t.TempDir()
		for p, data := range v.files {
			fp := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fp, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := local.PlanDir(context.Background(), c, dir, manifest.Rules{})
		if err != nil {
			t.Fatalf("planning %s: %v", v.name, err)
		}
		// The sweep's names for its versions, as a manifest would give
		// them (a folder's own is a digest of its content).
		p.Version = v.name
		spec := v.spec()
		p.Hooks = manifest.Hooks{PostUpdate: spec.PostUpdate, Rollback: spec.Rollback}
		if err := p.Validate(); err != nil {
			t.Fatalf("plan of %s: %v", v.name, err)
		}
		h.plans[v.name] = p
	}
	return h
}

// options are update's options as `otapush update` builds them from its
// flag defaults (uptime, trial boots, deadline), with the version's trial
// policy and keep_previous.
func (v version) options() update.Options {
	spec := v.spec()
	return update.Options{
		Confirm: spec.Confirm, KeepPrevious: spec.KeepPrevious,
		Uptime: agent.DefaultUptime, TrialBoots: agent.DefaultTrialBoots, Deadline: agent.DefaultDeadline,
	}
}

// hostConnOpts: the CLI's connection (a lister that finds the board again
// after a reset or a power cut), with silence timeouts a busy machine
// cannot break.
func hostConnOpts(b *simboard.Board) rawrepl.Options {
	o := connOpts(b)
	o.ReconnectTimeout = 30 * time.Second
	o.Lister = &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
	return o
}

// hostReport is what the host told the user: the outcome (fleet's words,
// as in `otapush update --json`), whether it said the update was armed,
// the version it said the board runs, and the error.
type hostReport struct {
	outcome string
	armed   bool
	after   string
	err     error
}

func (r hostReport) String() string {
	s := fmt.Sprintf("host said %s (armed %v, after %q)", r.outcome, r.armed, r.after)
	if r.err != nil {
		s += ": " + r.err.Error()
	}
	return s
}

// update is `otapush update` to v on board b, with options o.
func (h *host) update(ctx context.Context, b *simboard.Board, v version, uo update.Options) hostReport {
	return h.updateVia(ctx, b, v, uo, nil)
}

// updateVia is update with open opening the port (nil: as the CLI does).
func (h *host) updateVia(ctx context.Context, b *simboard.Board, v version, uo update.Options, open func(string, ports.Kind) (rawrepl.Transport, error)) hostReport {
	o := hostConnOpts(b)
	o.OpenTransport = open
	port, err := o.Lister.Resolve(ctx, b.Port())
	if err != nil {
		return hostReport{outcome: fleet.Failed, err: err}
	}
	fo := fleet.Options{
		Update:  uo,
		Restart: true, // the CLI's default (no --no-restart)
		Dial: func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error) {
			return rawrepl.Open(ctx, p, o)
		},
	}
	rep := fleet.Run(ctx, h.plans[v.name], h.store, []fleet.Target{{Spec: b.Port(), Port: port}}, fo, func(fleet.Event) {})
	if len(rep.Boards) != 1 {
		return hostReport{outcome: rep.Outcome, err: fmt.Errorf("fleet report with %d boards: %s", len(rep.Boards), rep.Error)}
	}
	br := rep.Boards[0]
	return hostReport{outcome: br.Outcome, armed: br.Armed, after: br.After.Version, err: br.Err}
}

// rollback is `otapush rollback` on board b.
func (h *host) rollback(ctx context.Context, b *simboard.Board) hostReport {
	o := hostConnOpts(b)
	port, err := o.Lister.Resolve(ctx, b.Port())
	if err != nil {
		return hostReport{outcome: fleet.Failed, err: err}
	}
	c, err := rawrepl.Open(ctx, port, o)
	if err != nil {
		return hostReport{outcome: fleet.Failed, err: err}
	}
	defer c.Close()
	res, err := update.Rollback(ctx, c, update.Options{}, nil)
	return hostReport{outcome: string(res.Outcome), armed: res.Armed, after: res.After.Version, err: err}
}

// version names the plan's version (the folder's content version).
func (h *host) version(v version) string { return h.plans[v.name].Version }

// truthful checks what the host reported against where the board ended
// once it settled: the old version (isOld), the new one (isNew), or
// neither (the invariants report that). A power cut may leave the host
// without a verdict, or with a failure; it must never have claimed what
// is not so. newV is the version the host pushed.
func (r hostReport) truthful(isOld, isNew bool, newV string) []string {
	var bad []string
	lie := func(f string, a ...any) { bad = append(bad, fmt.Sprintf("%v; but ", r)+fmt.Sprintf(f, a...)) }
	switch update.Outcome(r.outcome) {
	case update.Committed:
		if !isNew {
			lie("the board ended on the old version")
		}
		if r.after != newV {
			lie("the pushed version is %q", newV)
		}
	case update.RolledBack:
		if !isOld {
			lie("the board ended on the new version")
		}
	case update.Reverted:
		if !isNew {
			lie("the board ended on the version it left")
		}
	case fleet.Unchanged:
		if !isNew {
			lie("the board did not run the pushed version")
		}
	case update.Failed, update.Interrupted:
		// The report's armed says which version boots next (fleet's
		// BoardReport.Armed): not armed keeps the old one.
		if !r.armed && !isOld {
			lie("the board applied the new version")
		}
		if r.err == nil {
			lie("no error")
		}
	case update.OnTrial, update.Armed, update.NoVerdict:
		// The board decides on its own after this; either version.
	default:
		lie("an outcome the sweep does not know")
	}
	return bad
}

// clean checks the host's report of a clean run (no cut): the verdict
// the scenario is about.
func (r hostReport) clean(sw sweep, newV string) error {
	want := update.Committed
	switch {
	case !sw.healthy:
		want = update.RolledBack
	case sw.noWait && !sw.hostConfirm:
		want = update.OnTrial // and the app, handed back, runs its trial
	}
	if update.Outcome(r.outcome) != want {
		return fmt.Errorf("%v, want %s", r, want)
	}
	var rb *update.RolledBackError
	if want == update.RolledBack && !errors.As(r.err, &rb) {
		return fmt.Errorf("%v: not a RolledBackError", r)
	}
	if want != update.RolledBack && (r.err != nil || r.after != newV) {
		return fmt.Errorf("%v, want %s committed", r, newV)
	}
	return nil
}

// hostThroughCut runs the swept lifecycle through the product's host on
// a board that loses power before its op n. At the cut the board is
// powered on again at once, as when the power comes back: the host sees
// the board vanish and return, and goes on or gives up as it would with
// a user's board. With second > 0 that first power-on is cut again at its
// second-th op (a recovery boot cut short), then powered on for good. It
// returns what the host reported once the host is done and the board sits
// idle at its prompt; boots counts the power-ons after the cut.

func hostThroughCut(ctx context.Context, sw sweep, bs *base, d *dev, n, second int, opsDone func() int) (rep hostReport, boots int, cut2 bool, uncut bool, viol []string) {
	b := d.b
	done := make(chan hostReport, 1)
	go func() {
		r, _, _ := sw.run(ctx, d, bs.host)
		done <- r
	}()
	// powerOn follows a power loss: the board comes back, cut once more
	// on its first power-on when the run asks for a second cut.
	powerOn := func() error {
		if werr := b.Wait(ctx); !isPowerLoss(werr) {
			return fmt.Errorf("board ended with %v, not a power cut", werr)
		}
		boots++
		if boots == 2 && second > 0 {
			cut2 = true
		}
		if boots == 1 && second > 0 {
			err := b.RestartCutAt(ctx, second, false)
			if !isPowerLoss(err) {
				return err
			}
			cut2, boots = true, boots+1 // cut before its port came up
		}
		return b.Restart(ctx)
	}
	var lost error // the board could not be powered on again
	for running := true; running; {
		exited := b.Exited()
		if lost != nil {
			exited = nil
		}
		select {
		case rep = <-done:
			running = false
		case <-exited:
			lost = powerOn()
		}
	}
	if lost != nil {
		return rep, boots, cut2, false, []string{fmt.Sprintf("power-on after the cut: %v (%v)", lost, rep)}
	}
	if boots == 0 {
		// The host is done before op n: the board goes on alone (its
		// trial, say) until the cut.
		if over := awaitCut(b); over != nil {
			// This run took a shorter path than the clean run (the host
			// caught the trial boot at another moment, say) and is over
			// before op n: an uncut run, whose end the invariants below
			// check all the same.
			var st *simboard.StalledError
			if errors.As(over, &st) && opsDone() < n {
				return rep, boots, cut2, true, nil
			}
			return rep, boots, cut2, false, []string{fmt.Sprintf("no power cut at op %d (%v; %v)", n, rep, over)}
		}
		if err := powerOn(); err != nil {
			return rep, boots, cut2, false, []string{fmt.Sprintf("power-on after the cut: %v", err)}
		}
	}
	// The board is on; it may still be cut again in its recovery boot.
	for {
		err := d.quiet(ctx)
		if err == nil {
			return rep, boots, cut2, false, nil
		}
		if !isPowerLoss(err) {
			return rep, boots, cut2, false, []string{fmt.Sprintf("boot %d does not reach the REPL: %v", boots, err)}
		}
		if err := powerOn(); err != nil {
			return rep, boots, cut2, false, []string{fmt.Sprintf("power-on after the cut: %v", err)}
		}
	}
}

// legacyCut runs a test-only lifecycle on a board that loses power before
// its op n: the host stops at the cut (its calls fail once the board is
// off), and the board stays off; with second > 0 its first recovery boot
// is cut again at its second-th op.
func legacyCut(ctx context.Context, sw sweep, bs *base, d *dev, n, second int) (cut2 bool, viol []string) {
	b := d.b
	lctx, lcancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-b.Exited():
		case <-lctx.Done():
		}
		lcancel()
	}()
	err := d.idle(lctx)
	if err == nil {
		_, _, err = sw.run(lctx, d, bs.host)
	}
	lcancel()
	d.drop()
	if over := awaitCut(b); over != nil {
		return false, []string{fmt.Sprintf("no power cut at op %d (lifecycle: %v; %v)", n, err, over)}
	}
	if werr := b.Wait(ctx); !isPowerLoss(werr) {
		return false, []string{fmt.Sprintf("board ended with %v, not a power cut", werr)}
	}
	// Double cut: the first recovery boot loses power again at its
	// second-th op. A recovery boot shorter than that just finishes.
	if second > 0 {
		err := b.RestartCutAt(ctx, second, false)
		if err == nil {
			// Powered on: the boot may still be running; the cut comes
			// before it goes idle, or never.
			err = d.idle(ctx)
		}
		if err != nil && !isPowerLoss(err) {
			return false, []string{fmt.Sprintf("recovery boot (second cut at %d): %v", second, err)}
		}
		cut2 = isPowerLoss(err)
	}
	return cut2, nil
}

// TestHostReportMustBeTrue: the sweep's check of what the host reported
// flags every claim the board's end state contradicts, and only those.
func TestHostReportMustBeTrue(t *testing.T) {
	t.Parallel()
	fail := errors.New("link lost")
	cases := []struct {
		name         string
		rep          hostReport
		isOld, isNew bool
		lie          bool
	}{
		{"committed on new", hostReport{outcome: fleet.Committed, armed: true, after: "s2"}, false, true, false},
		{"committed on old", hostReport{outcome: fleet.Committed, armed: true, after: "s2"}, true, false, true},
		{"committed naming another version", hostReport{outcome: fleet.Committed, armed: true, after: "s1"}, false, true, true},
		{"rolled back on old", hostReport{outcome: fleet.RolledBack, armed: true, err: fail}, true, false, false},
		{"rolled back on new", hostReport{outcome: fleet.RolledBack, armed: true, err: fail}, false, true, true},
		{"failed, not armed, on old", hostReport{outcome: fleet.Failed, err: fail}, true, false, false},
		{"failed, not armed, on new", hostReport{outcome: fleet.Failed, err: fail}, false, true, true},
		{"failed, armed, on new", hostReport{outcome: fleet.Failed, armed: true, err: fail}, false, true, false},
		{"interrupted, not armed, on new", hostReport{outcome: fleet.Interrupted, err: fail}, false, true, true},
		{"failed without an error", hostReport{outcome: fleet.Failed}, true, false, true},
		{"no verdict, either", hostReport{outcome: fleet.NoVerdict, armed: true, err: fail}, true, false, false},
		{"on trial, then rolled back", hostReport{outcome: fleet.OnTrial, armed: true}, true, false, false},
		{"unchanged on old", hostReport{outcome: fleet.Unchanged}, true, false, true},
		{"reverted, back on the kept one", hostReport{outcome: string(update.Reverted)}, false, true, false},
		{"unknown outcome", hostReport{outcome: "maybe"}, true, false, true},
	}
	for _, c := range cases {
		got := c.rep.truthful(c.isOld, c.isNew, "s2")
		if (len(got) > 0) != c.lie {
			t.Errorf("%s: %q, want a lie: %v", c.name, got, c.lie)
		}
	}
}

// awaitCut waits for the board to lose its power: the cut comes within 5 s
// of the board's CPU time, or the board sits idle (no CPU) and it never
// comes; then it says why it gave up.
func awaitCut(b *simboard.Board) error {
	wait := b.Patience(5 * time.Second).WithStall(10 * time.Second)
	for {
		select {
		case <-b.Exited():
			return nil
		case <-time.After(20 * time.Millisecond):
			if over := wait.Over(); over != nil {
				return over
			}
		}
	}
}
