package update_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// corpus is a fixed bundle of real Python source from testdata/bench
// (issue #15), under corpus/ (never importable as a module the agent or
// the firmware uses), with a main.py that returns.
func corpus(t *testing.T, dir string) app {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "bench", dir, "*.py"))
	if err != nil || len(m) == 0 {
		t.Fatalf("corpus %s: %v (%d files)", dir, err, len(m))
	}
	a := app{"main.py": "print('up')\n"}
	for _, f := range m {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a["corpus/"+filepath.Base(f)] = string(b)
	}
	return a
}

// TestWireBytesPerPayloadByte: issue #15's bound, <= 0.45 bytes on the
// wire per file byte for Python source, both for a few big files and for
// many small ones (the small-file batches were the problem: 0.50 with
// base64). The count is deterministic: the same bundle onto the same
// board state (agent installed, nothing staged) sends the same bytes; the
// reset is left out (its reconnect depends on timing).
func TestWireBytesPerPayloadByte(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		dir   string
		files int
	}{{"big4", 4}, {"small50", 50}} {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{})
			c := dial(t, ctx, b)
			if err := agent.New(c, agent.Options{}).InstallAgent(ctx, 4096, ""); err != nil {
				t.Fatal(err)
			}
			a := corpus(t, tc.dir)
			r, err := push(t, ctx, c, a, update.Options{ResetMode: update.ResetNone})
			if err != nil || r.Outcome != update.Armed || r.FilesSent != tc.files+1 {
				t.Fatalf("%+v %v", r, err)
			}
			ratio := float64(r.WireBytesOut) / float64(r.FileBytes)
			t.Logf("%s: %d wire bytes for %d file bytes: %.3f", tc.dir, r.WireBytesOut, r.FileBytes, ratio)
			if ratio > 0.45 {
				t.Errorf("%s: %.3f wire bytes per payload byte, want <= 0.45", tc.dir, ratio)
			}
		})
	}
}

// TestNoOpRePushIsOneExchangeAndWritesNothing: pushing the version the
// board already runs costs at most 2 round trips (one survey) and not one
// flash write.
func TestNoOpRePushIsOneExchangeAndWritesNothing(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	trace := filepath.Join(t.TempDir(), "fs.jsonl")
	b := simtest.StartT(t, simboard.Options{TraceFS: trace})
	c := dial(t, ctx, b)
	a := app{"main.py": "print('up')\n", "lib/a.py": "A = 1\n", "lib/b.py": "B = 2\n"}
	if r, err := push(t, ctx, c, a, update.Options{Confirm: "return"}); err != nil || r.Outcome != update.Committed {
		t.Fatalf("first push: %+v %v", r, err)
	}
	writes := func() int {
		data, err := os.ReadFile(trace)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return bytes.Count(data, []byte("\n"))
	}
	// The first exchange of a session takes the raw REPL from the app;
	// the no-op is measured on its own.
	if _, err := c.Exec(ctx, "pass"); err != nil {
		t.Fatal(err)
	}
	before := writes()
	r, err := push(t, ctx, c, a, update.Options{Confirm: "return"})
	if err != nil || r.Outcome != update.UpToDate || r.FileBytes != 0 {
		t.Fatalf("no-op: %+v %v", r, err)
	}
	if r.RoundTrips > 2 {
		t.Errorf("no-op took %d round trips (%d execs), want <= 2", r.RoundTrips, r.Execs)
	}
	if n := writes() - before; n != 0 {
		t.Errorf("no-op wrote to flash %d time(s), want 0", n)
	}
}

// TestUpdateFitsABoundedHeap: issue #15, an update completes on a board
// with 64 KB of free heap: agent install, a bundle with a 50 KB file,
// reset, swap, trial, commit; and the 50 x 4 KB corpus, then a new
// version of all 50 over it (agent 1.7.0 ran out of heap in the survey of
// 50 paths, then in arm and in the boot's swap: the board answers in
// parts where one call would not fit, and a boot swap short of heap goes
// on after a reset); and an abort of a third one, armed. The simulator's --heap-kb bounds the heap
// (it never grows), and it collects only between execs, so this is the
// stricter case (tools/picosim/lib/heap.mjs). On a board too small for it
// the run fails with the board's own MemoryError in the error, not with a
// hang or a misread answer.
func TestUpdateFitsABoundedHeap(t *testing.T) {
	t.Parallel()
	big, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bench", "big4", "argparse.py"))
	if err != nil {
		t.Fatal(err)
	}
	one := app{"main.py": "print('up')\n", "lib/big.py": string(big[:50*1000])}
	small := corpus(t, "small50")
	for _, tc := range []struct {
		name   string
		a      app
		heapKB int
		fits   bool
		again  bool // then every file changed, over it
	}{
		{"a 50 KB file", one, 64, true, false},
		{"a 50 KB file", one, 24, false, false},
		{"50 x 4 KB", small, 64, true, true},
	} {
		a := tc.a
		t.Run(fmt.Sprintf("%s, %d KB", tc.name, tc.heapKB), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{ExtraArgs: []string{"--heap-kb", strconv.Itoa(tc.heapKB)}})
			c := dial(t, ctx, b)
			r, err := push(t, ctx, c, a, update.Options{Confirm: "return"})
			if tc.fits {
				if err != nil || r.Outcome != update.Committed || !r.AgentInstall {
					t.Fatalf("update on a %d KB heap: %+v %v", tc.heapKB, r, err)
				}
				sameApp(t, appFiles(t, b), a)
				if !tc.again {
					return
				}
				a2 := app{}
				for p, c := range a {
					a2[p] = c + "# v2\n"
				}
				r, err = push(t, ctx, c, a2, update.Options{Confirm: "return"})
				if err != nil || r.Outcome != update.Committed || r.FilesSent != len(a2) {
					t.Fatalf("second update on a %d KB heap: %+v %v", tc.heapKB, r, err)
				}
				sameApp(t, appFiles(t, b), a2)
				// A third version armed, then aborted: the undo of 50 staged
				// files (57 KB in one call with agent 1.8.0's first cut).
				a3 := app{}
				for p, c := range a2 {
					a3[p] = c + "# v3\n"
				}
				if r, err = push(t, ctx, c, a3, update.Options{ResetMode: update.ResetNone}); err != nil || r.Outcome != update.Armed {
					t.Fatalf("third version on a %d KB heap: %+v %v", tc.heapKB, r, err)
				}
				if st, err := agent.New(c, agent.Options{}).Abort(ctx); err != nil || st != agent.StateIdle {
					t.Fatalf("abort on a %d KB heap: %s %v", tc.heapKB, st, err)
				}
				sameApp(t, appFiles(t, b), a2)
				return
			}
			if err == nil || !strings.Contains(err.Error(), "MemoryError") {
				t.Fatalf("update on a %d KB heap: want a MemoryError, got %+v %v", tc.heapKB, r, err)
			}
			t.Logf("%d KB heap: %v", tc.heapKB, err)
		})
	}
}
