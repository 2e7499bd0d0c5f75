package update_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

var (
	v1 = app{
		"main.py":      "import lib.util\nprint('v1 up', lib.util.N)\n",
		"lib/util.py":  "N = 1\n",
		"lib/old.py":   "gone in v2\n",
		"data/cfg.txt": "keep\n",
	}
	v2 = app{
		"main.py":             "import lib.util, lib.deep.more\nprint('v2 up', lib.util.N, lib.deep.more.M)\n",
		"lib/util.py":         "N = 2\n",
		"lib/deep/more.py":    "M = 'nested'\n",
		"data/cfg.txt":        "keep\n",
		"assets/logo.bin":     "\x00\x01\x02\x03\x04\xff\xfe\r\n\x1b" + strings.Repeat("\x00\x07", 300),
		"lib/deep/big_src.py": strings.Repeat("def f(x):\n    return x * 2  # python compresses\n", 400),
	}
	// v3raise fails at import: the board rolls it back alone.
	v3raise = app{"main.py": "import lib.util\nraise RuntimeError('v3 is broken')\n", "lib/util.py": "N = 3\n"}
)

func TestFreshV1V2NoopStatus(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"log.txt": []byte("app-created\n")}})
	c := dial(t, ctx, b)

	r, err := push(t, ctx, c, v1, update.Options{Confirm: "return"})
	if err != nil || r.Outcome != update.Committed || !r.AgentInstall || r.FilesSent != len(v1) {
		t.Fatalf("v1: %+v %v", r, err)
	}
	want := app{"log.txt": "app-created\n"}
	for p, s := range v1 {
		want[p] = s
	}
	sameApp(t, appFiles(t, b), want)

	var events []update.Event
	p2, s2 := plan(t, v2)
	r, err = update.Run(ctx, p2, s2, c, update.Options{Confirm: "return"}, func(e update.Event) { events = append(events, e) })
	if err != nil || r.Outcome != update.Committed || r.FilesDeleted != 1 || r.FilesSkipped != 1 || r.FilesSent != len(v2)-1 {
		t.Fatalf("v2: %+v %v", r, err)
	}
	if r.Before.Version != "" && r.Before.Version == r.After.Version {
		t.Errorf("versions before/after: %+v", r)
	}
	if r.WireBytesOut > r.FileBytes {
		t.Errorf("v2: %d wire bytes for %d file bytes: compression not used", r.WireBytesOut, r.FileBytes)
	}
	if len(events) == 0 || events[len(events)-1].Phase != update.PhaseOutcome {
		t.Errorf("events: %+v", events)
	}
	want = app{"log.txt": "app-created\n"}
	for p, s := range v2 {
		want[p] = s
	}
	sameApp(t, appFiles(t, b), want)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("transaction leftovers: %v", left)
	}

	// The same version again: one survey, zero file bytes.
	r, err = push(t, ctx, c, v2, update.Options{Confirm: "return"})
	if err != nil || r.Outcome != update.UpToDate || r.FileBytes != 0 || r.FilesSent != 0 || r.Execs != 1 {
		t.Fatalf("no-op: %+v %v", r, err)
	}
	// --force sends everything again and commits.
	r, err = push(t, ctx, c, v2, update.Options{Confirm: "return", Force: true})
	if err != nil || r.Outcome != update.Committed || r.FilesSent != len(v2) {
		t.Fatalf("force: %+v %v", r, err)
	}
}

func TestBoardRollsBackAlone(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	c := dial(t, ctx, b)
	if r, err := push(t, ctx, c, v1, update.Options{Confirm: "return"}); err != nil {
		t.Fatalf("v1: %+v %v", r, err)
	}
	r, err := push(t, ctx, c, v3raise, update.Options{Confirm: "return"})
	var rb *update.RolledBackError
	if !errors.As(err, &rb) || r.Outcome != update.RolledBack || !strings.Contains(r.Why, "v3 is broken") {
		t.Fatalf("v3: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v1)
}

func TestHostilePlanNeverReachesBoard(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"../etc/passwd", "/main.py", `lib\x.py`, "a//b.py", "ota_agent.py", ".ota/state.json", "version.json", "lib/./x.py"} {
		p := &manifest.Plan{Version: "evil", Files: []manifest.File{{Path: bad, Size: 1, SHA256: "00"}}}
		// A nil connection: any board I/O would panic, so passing proves
		// the refusal came first.
		func() {
			defer func() {
				if e := recover(); e != nil {
					t.Errorf("%q reached the board: %v", bad, e)
				}
			}()
			_, err := update.Run(context.Background(), p, nil, nil, update.Options{}, nil)
			var pe *manifest.PathError
			if !errors.As(err, &pe) {
				t.Errorf("%q: %v, want a PathError", bad, err)
			}
		}()
	}
	_ = agent.ErrPath
}
