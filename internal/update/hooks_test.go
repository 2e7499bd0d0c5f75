package update_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// Hook bodies that must never brick the board nor leave the failed
// version live (docs/agent.md, "Hooks").
const (
	hookLoops   = "import time\nwhile True:\n    time.sleep_ms(20)\n" // waits for Wi-Fi for ever
	hookExit    = "import sys\nsys.exit(1)\n"
	hookCtrlC   = "raise KeyboardInterrupt\n"
	hookResets  = "import machine\nmachine.reset()\n"
	hookChatter = "while True:\n    print('hook output ' * 8)\n"
	// maxHookOutput is what the host may see of a hook's output: the
	// agent's bound (1 KiB) and its log lines, far below what a hook
	// printing for ever sends in its deadline.
	maxHookOutput = 8 << 10
)

// hooked is an app bundle with its hooks under hooks/.
func hooked(a app, post, rollback string) app {
	out := app{}
	for p, c := range a {
		out[p] = c
	}
	if post != "" {
		out["hooks/post.py"] = post
	}
	if rollback != "" {
		out["hooks/rb.py"] = rollback
	}
	return out
}

// pushHooked runs an update of a with its hooks; it returns the result,
// the error and how many bytes of board output the watch handed on.
func pushHooked(t *testing.T, ctx context.Context, c *rawrepl.Conn, a app, o update.Options) (update.Result, error, int64) {
	t.Helper()
	p, s := plan(t, a)
	if _, ok := a["hooks/post.py"]; ok {
		p.Hooks.PostUpdate = "hooks/post.py"
	}
	if _, ok := a["hooks/rb.py"]; ok {
		p.Hooks.Rollback = "hooks/rb.py"
	}
	var out atomic.Int64
	r, err := update.Run(ctx, p, s, c, o, func(e update.Event) {
		if e.Phase == update.PhaseTrial {
			out.Add(int64(len(e.Msg)))
		}
	})
	return r, err, out.Load()
}

// onV1Rolled checks that the board is back on v1, idle, reachable, with
// the outcome rolled_back recorded and no transaction left.
func onV1Rolled(t *testing.T, ctx context.Context, b *simboard.Board, why string) {
	t.Helper()
	idle(t, ctx, b)
	c := dial(t, ctx, b)
	defer c.Close()
	s, err := agent.New(c, agent.Options{}).Status(ctx)
	if err != nil || s.State != agent.StateIdle || s.Last == nil || s.Last.Result != agent.ResultRolledBack {
		t.Fatalf("board after the hook: %+v %v", s, err)
	}
	if !strings.Contains(s.Last.Why, why) {
		t.Errorf("rollback reason %q, want it to say %q", s.Last.Why, why)
	}
	sameApp(t, appFiles(t, b), v1)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("transaction leftovers: %v", left)
	}
}

// TestFailingPostUpdateHookRollsBack: a post_update hook that loops, exits,
// is interrupted, or resets the board every time ends with the old version
// live and the board reachable, never in SAFE on the new one.
func TestFailingPostUpdateHookRollsBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, hook, why string
	}{
		{"loops past its deadline", hookLoops, "post_update hook still running after its 2s deadline"},
		{"prints for ever", hookChatter, "post_update hook still running after its 2s deadline"},
		{"sys.exit", hookExit, "SystemExit"},
		{"KeyboardInterrupt", hookCtrlC, "KeyboardInterrupt"},
		{"machine.reset every time", hookResets, "post_update hook did not finish in 3 starts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			r, err, out := pushHooked(t, ctx, c, hooked(v2, tt.hook, ""), update.Options{Confirm: "return", HookTimeout: 2 * time.Second})
			var rb *update.RolledBackError
			if !errors.As(err, &rb) || r.Outcome != update.RolledBack || !strings.Contains(r.Why, tt.why) {
				t.Fatalf("update: %+v %v", r, err)
			}
			if out > maxHookOutput {
				t.Errorf("the host was handed %d bytes of hook output, more than %d", out, maxHookOutput)
			}
			c.Close()
			onV1Rolled(t, ctx, b, tt.why)
		})
	}
}

// TestFailingRollbackHookStillRestores: the new version fails on trial and
// its rollback hook prints for ever, exits or resets the board every time:
// the hook's failure is only logged and the old version comes back.
func TestFailingRollbackHookStillRestores(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, hook string }{
		{"prints for ever", hookChatter},
		{"sys.exit", hookExit},
		{"machine.reset every time", hookResets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			r, err, out := pushHooked(t, ctx, c, hooked(v3raise, "", tt.hook), update.Options{Confirm: "return", HookTimeout: 2 * time.Second})
			var rb *update.RolledBackError
			if !errors.As(err, &rb) || r.Outcome != update.RolledBack || !strings.Contains(r.Why, "v3 is broken") {
				t.Fatalf("update: %+v %v", r, err)
			}
			if out > maxHookOutput {
				t.Errorf("the host was handed %d bytes of hook output, more than %d", out, maxHookOutput)
			}
			c.Close()
			onV1Rolled(t, ctx, b, "v3 is broken")
		})
	}
}

// TestHostRollbackWithFailingHook: `otapush rollback` of a version on trial
// whose rollback hook prints for ever, loops or resets the board: the
// host's call ends, the board is back on the old version and idle.
func TestHostRollbackWithFailingHook(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, hook string }{
		{"prints for ever", hookChatter},
		{"loops", hookLoops},
		{"machine.reset every time", hookResets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			// app policy, no wait: v2 stays on trial.
			r, err, _ := pushHooked(t, ctx, c, hooked(v2, "", tt.hook), update.Options{Confirm: "app", NoWait: true, HookTimeout: 2 * time.Second})
			if err != nil || r.Outcome != update.OnTrial {
				t.Fatalf("v2: %+v %v", r, err)
			}
			rr, err := update.Rollback(ctx, c, update.Options{}, nil)
			if err != nil || rr.Outcome != update.Reverted {
				t.Fatalf("rollback: %+v %v", rr, err)
			}
			c.Close()
			onV1Rolled(t, ctx, b, "requested by host")
		})
	}
}

// TestSlowPostUpdateHookIsLeftAlone: a hook that takes longer than the
// host's usual wait for the board (it waits for Wi-Fi) but ends within its
// deadline is not interrupted by the host taking the raw REPL (which would
// fail it): watched, the update commits; with --no-wait it is on trial.
func TestSlowPostUpdateHookIsLeftAlone(t *testing.T) {
	t.Parallel()
	slow := "import time\nprint('waiting for wifi')\ntime.sleep(4)\nprint('wifi up')\n"
	tests := []struct {
		name string
		o    update.Options
		want update.Outcome
	}{
		{"watched", update.Options{Confirm: "return", HookTimeout: 20 * time.Second}, update.Committed},
		{"no wait", update.Options{Confirm: "app", NoWait: true, HookTimeout: 20 * time.Second}, update.OnTrial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			r, err, _ := pushHooked(t, ctx, c, hooked(v2, slow, ""), tt.o)
			if err != nil || r.Outcome != tt.want {
				t.Fatalf("update: %+v %v", r, err)
			}
			c.Close()
			idle(t, ctx, b)
			sameApp(t, appFiles(t, b), hooked(v2, slow, ""))
		})
	}
}

// TestHostCtrlCEndsAHook: a host's Ctrl-C reaches a post_update hook that
// would otherwise wait long (Ctrl-C is on while it runs) and fails it: the
// update is rolled back at that boot and the board answers at once.
func TestHostCtrlCEndsAHook(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	wait := "import time\nwhile True:\n    print('hook waits for wifi')\n    time.sleep_ms(200)\n"
	r, err, _ := pushHooked(t, ctx, c, hooked(v2, wait, ""), update.Options{Confirm: "return", ResetMode: update.ResetNone, HookTimeout: time.Hour})
	if err != nil || r.Outcome != update.Armed {
		t.Fatalf("update: %+v %v", r, err)
	}
	// Reset, let the board run until its hook speaks, then take the raw
	// REPL (Ctrl-C), as any host tool would.
	_, err = c.HardResetWait(ctx, rawrepl.BootWait{Max: 20 * time.Second, Until: func(out []byte) bool {
		return strings.Contains(string(out), "hook waits for wifi")
	}})
	if err != nil {
		t.Fatalf("taking the board while its hook runs: %v", err)
	}
	c.Close()
	onV1Rolled(t, ctx, b, "post_update hook failed: KeyboardInterrupt")
}
