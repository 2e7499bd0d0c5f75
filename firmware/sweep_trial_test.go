package firmware_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// What the host writes while a version is on trial (issue 12): `otapush
// update --no-wait` resets the board, takes it back while the new version
// runs its first trial boot, reads the outcome and hands the board back
// (update.Relaunch: the agent's relaunch() gives the cut-short trial boot
// back in /.ota/state.json, then a soft reset runs main.py, which counts
// the boot again); with `--confirm host` the host also confirms the trial
// (commit point 2 and the cleanup) before it hands the board back. Both
// are swept here, a cut before every flash op of the whole command.
//
// Where the host's Ctrl-C lands decides what the relaunch writes (a boot
// main.py already counted is given back; one it had not is not), so a
// host that takes the board as soon as it is back races main.py and the
// op numbering is not stable. The sweep's host therefore takes the board
// back only once the board reported its trial (trialGate), and the new
// app waits on its trial for input: every run writes the same ops.

// sweepWait's app runs its trial until someone ends it: a Ctrl-C (a
// host's) stops it without a verdict, and its policy (app, or host) leaves
// the confirm to the app's own judgment or to the host; once confirmed it
// returns. It says that it runs until then, so a console opened late still
// sees it.
var sweepWait = version{name: "s2-wait", files: withFiles(sweepNew.files, map[string][]byte{
	"app.py": []byte("import time\n\ndef trial():\n    try:\n        open('/.ota/state.json').close()\n        return True\n    except OSError:\n        return False\n\n" +
		"print('APP s2 runs')\nwhile trial():\n    print('APP s2 runs')\n    time.sleep_ms(100)\n"),
})}

// trialSeen matches what the board prints once its trial boot is counted:
// the agent's trial event, or the app's line after it.
var trialSeen = regexp.MustCompile(agent.EventPrefix + ` \S+ trial |APP s2 runs`)

// settleWake wakes a board whose app runs until interrupted: Ctrl-C stops
// it, Ctrl-B leaves a raw REPL a host left open.
const settleWake = "\x03\x02"

// trialGate opens the host's port. After the host's own reset (the board's
// reset count moved past resets) and until it has seen the board's trial,
// it opens the port first for itself and reads the console until the
// board reports its trial (or the board stops making progress: no trial
// is coming), then hands the port to the host, which takes the board with
// its Ctrl-C. Output the gate read is gone, as with any other program
// that had the port open before.
type trialGate struct {
	b      *simboard.Board
	resets int
	seen   bool
}

func (g *trialGate) open(path string, kind ports.Kind) (rawrepl.Transport, error) {
	t, err := rawrepl.OpenSerial(path, kind)
	if err != nil || g.seen || g.b.Resets() <= g.resets {
		return t, err
	}
	if err := awaitTrialOn(t, g.b); err != nil {
		t.Close()
		return nil, err
	}
	g.seen = true
	return t, nil
}

// awaitTrialOn reads the board's console on t until it reports its trial
// or makes no more progress; a read error (the port went away) is
// returned.
func awaitTrialOn(t rawrepl.Transport, b *simboard.Board) error {
	wait := b.Patience(20 * time.Second)
	var got []byte
	buf := make([]byte, 512)
	for !trialSeen.Match(got) && wait.Over() == nil {
		n, err := t.Read(buf, 20*time.Millisecond)
		if err != nil {
			return err
		}
		got = append(got, buf[:n]...)
		if len(got) > 4096 {
			got = got[len(got)-4096:]
		}
	}
	return nil
}

// awaitTrial waits until the board runs its trial's app after the host
// handed it back (the app says so every 100 ms), with the port opened
// anew.
func awaitTrial(ctx context.Context, b *simboard.Board) error {
	if err := b.WaitPort(ctx); err != nil {
		return err
	}
	t, err := rawrepl.OpenSerial(b.Port(), ports.KindSimulated)
	if err != nil {
		return err
	}
	defer t.Close()
	return awaitTrialOn(t, b)
}

// noWaitOptions is `otapush update --no-wait` (with --confirm host when
// host is set). The board's own trial deadline is off: the sweep's app
// waits for input, and a deadline on the board's wall clock would reset it
// at a time load decides.
func (v version) noWaitOptions(host bool) update.Options {
	o := v.options()
	o.NoWait, o.Deadline, o.Confirm = true, -1, agent.PolicyApp
	if host {
		o.Confirm, o.HostConfirm = agent.PolicyHost, true
	}
	return o
}

// TestPowerCutSweepTrial cuts `otapush update --no-wait` (policy app,
// and --confirm host) before every flash op up to the end of the host's
// work (the relaunch write of state.json, the soft reset's count of the
// trial boot, and with --confirm host the host's confirm and cleanup),
// with the other sweeps' invariants. A board left on trial is then
// confirmed the way its policy says (the app's own confirm, or the
// host's): from the commit point on it must end on the new version.
func TestPowerCutSweepTrial(t *testing.T) {
	t.Parallel()
	sweeps := []struct {
		sweep
		from func(clean) int
	}{
		{sweep{name: "--no-wait, relaunch during the trial", from: sweepOld, to: sweepWait, healthy: true, noWait: true}, fromCommit},
		{sweep{name: "--no-wait --confirm host", from: sweepOld, to: sweepWait, healthy: true, noWait: true, hostConfirm: true}, fromCommit},
	}
	if !exhaustive() {
		// The host-confirm run shares the relaunch path with the first;
		// make test keeps to that one, make faults runs both.
		sweeps = sweeps[:1]
	}
	installed := install(t, sweeps[0].sweep)
	sweepEach(t, len(sweeps), func(i int) string { return sweeps[i].name }, func(t *testing.T, i int) result {
		sw := sweeps[i]
		bs := prepareOn(t, sw.sweep, installed)
		if bs.commit == 0 || bs.lfs.host <= bs.commit {
			t.Fatalf("%s: clean run has %d ops, commit point %d, host's last op %d", sw.name, bs.ops, bs.commit, bs.lfs.host)
		}
		return runSweep(t, sw.sweep, bs, sample(t, bs, allPoints(bs, sw.from)), false)
	})
}

// confirmTrial ends a trial the sweep's app runs: the confirm its policy
// leaves to the app's judgment (policy app) or to the host (policy host),
// through the agent's API. A board not on trial is left as it is.
func confirmTrial(ctx context.Context, d *dev) error {
	var r struct {
		R agent.Result `json:"r"`
	}
	return d.call(ctx, &r, "confirm")
}
