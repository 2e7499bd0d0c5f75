package firmware_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/rawrepl"
)

// The updates the hook mutants are swept on (issue 12, item 2): each
// post_update hook fails in the way one of the hook guarantees is for,
// so every one must end on the old version.
var (
	// sweepHookExit's hook calls sys.exit(): SystemExit is no Exception.
	sweepHookExit = hookedNew("s2-hookexit", "import sys\nsys.exit(1)\n", 0)
	// sweepHookResets' hook resets the board every time it runs.
	sweepHookResets = hookedNew("s2-hookreset", "import machine\nmachine.reset()\n", 0)
	// sweepHookLoops' hook polls for ever (for Wi-Fi, say): its 1 s
	// deadline is all that ends it. It reads the clock, which is where the
	// simulator delivers the deadline's timer to a busy loop.
	sweepHookLoops = hookedNew("s2-hookloop", "import time\nwhile True:\n    time.ticks_ms()\n", 1)
	// sweepHookWaits' hook waits for ever too, saying so, with an hour's
	// deadline: only a host's Ctrl-C ends it soon.
	sweepHookWaits = hookedNew("s2-hookwait", "import time\nwhile True:\n    print('hook waits for wifi')\n    time.sleep_ms(200)\n", 3600)
)

// hookedNew is sweepNew with post_update hook src and deadline hookS
// seconds (0: the board's).
func hookedNew(name, src string, hookS float64) version {
	return version{name: name, files: withFiles(sweepNew.files, map[string][]byte{"hooks/post.py": []byte(src)}),
		extra: func(s *agent.ArmSpec) { s.PostUpdate, s.HookS = "hooks/post.py", hookS }}
}

// ctrlCDuringHook is the bare lifecycle with a host that steps in: push
// and arm, reset, and once the hook says it runs, take the board with the
// raw REPL's Ctrl-C, as any host tool does. The hook must end, failed,
// and the update roll back; a hook that ignores the Ctrl-C keeps the
// board from its raw REPL.
func ctrlCDuringHook(ctx context.Context, d *dev, v version) error {
	if err := d.push(ctx, v); err != nil {
		return err
	}
	d.drop()
	c, err := rawrepl.Open(ctx, d.port(), hostConnOpts(d.b))
	if err != nil {
		return err
	}
	d.c = c // d.drop closes it
	// Max only bounds a hook that never speaks; this one does at once.
	_, err = c.HardResetWait(ctx, rawrepl.BootWait{Max: 10 * time.Minute, Until: func(out []byte) bool {
		return strings.Contains(string(out), "hook waits for wifi")
	}})
	d.drop()
	return err
}

// TestPowerCutSweepHooks is the hook mutants' control: the same updates,
// the same lifecycles, with the real agent, each rolled back for the
// reason its hook gives (so a mutant's failure there is its bug, not the
// scenario's). make test runs each clean run once; make faults sweeps
// them (but the Ctrl-C one), a cut before every op from the commit point
// on.
func TestPowerCutSweepHooks(t *testing.T) {
	t.Parallel()
	why := map[string]string{
		"hook catches Exception only":  "post_update hook failed: SystemExit",
		"hook start not counted first": "post_update hook did not finish in 3 starts",
		"no hook deadline":             "post_update hook still running after its 1s deadline",
		"no Ctrl-C during hooks":       "post_update hook failed: KeyboardInterrupt",
	}
	installed := install(t, sweep{from: sweepOld, to: sweepNew})
	var hooked []string // in the mutants' order
	for _, m := range mutants {
		if _, ok := hookMutants[m.name]; ok {
			hooked = append(hooked, m.name)
		}
	}
	sweepEach(t, len(hooked), func(i int) string { return hooked[i] }, func(t *testing.T, i int) result {
		name := hooked[i]
		hm := hookMutants[name]
		sw := sweep{name: "hook control: " + name, from: sweepOld, to: *hm.to, lifecycle: hm.lifecycle, lastHas: why[name]}
		// The Ctrl-C update's hook holds a board no host steps in on
		// for its hour: after a cut only a host ends it, so it has
		// its clean run only.
		if !exhaustive() || name == "no Ctrl-C during hooks" {
			bs := *installed
			bs.host = newHost(t, sw.from, sw.to)
			cleanRun(t, sw, &bs, "littlefs")
			return result{}
		}
		bs := prepareOn(t, sw, installed)
		return runSweep(t, sw, bs, allPoints(bs, fromCommit), false)
	})
}
