package update_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// v1Board is a board on v1 with a fresh connection, for a test's budget.
func v1Board(t *testing.T, o simboard.Options) (context.Context, *simboard.Board, *rawrepl.Conn) {
	t.Helper()
	ctx, cancel := simtest.ContextT(t)
	t.Cleanup(cancel)
	b := onV1(t, ctx, o)
	return ctx, b, dial(t, ctx, b)
}

// onV1 starts a board and commits v1 on it.
func onV1(t *testing.T, ctx context.Context, o simboard.Options) *simboard.Board {
	t.Helper()
	b := simtest.StartT(t, o)
	c := dial(t, ctx, b)
	if r, err := push(t, ctx, c, v1, update.Options{Confirm: "return"}); err != nil || r.Outcome != update.Committed {
		t.Fatalf("v1: %+v %v", r, err)
	}
	c.Close()
	return b
}

func TestResetModes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		mode        string
		hostConfirm bool
		want        update.Outcome
		// after a power cycle the board must run v2 committed
		powerCycle bool
	}{
		{update.ResetHard, false, update.Committed, false},
		{update.ResetSoft, false, update.OnTrial, true},
		{update.ResetSoft, true, update.Committed, false},
		{update.ResetNone, false, update.Armed, true},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			ctx, b, c := v1Board(t, simboard.Options{})
			r, err := push(t, ctx, c, v2, update.Options{Confirm: "return", ResetMode: tt.mode, HostConfirm: tt.hostConfirm})
			if err != nil || r.Outcome != tt.want {
				t.Fatalf("%+v %v", r, err)
			}
			c.Close()
			if tt.powerCycle {
				if err := b.Restart(ctx); err != nil {
					t.Fatal(err)
				}
				idle(t, ctx, b)
			}
			c = dial(t, ctx, b)
			s, err := agent.New(c, agent.Options{}).Status(ctx)
			if err != nil || s.State != "idle" || s.Last == nil || s.Last.Result != "committed" {
				t.Fatalf("after: %+v %v", s, err)
			}
			sameApp(t, appFiles(t, b), v2)
		})
	}
}

// lyingStore hands out corrupted bytes for the first bad opens: what a
// flaky link or a bad flash write looks like to the board's hash check.
type lyingStore struct {
	manifest.BlobStore
	bad atomic.Int32
}

func (s *lyingStore) Open(ctx context.Context, f manifest.File) (io.ReadCloser, error) {
	rc, err := s.BlobStore.Open(ctx, f)
	if err != nil || s.bad.Add(-1) < 0 {
		return rc, err
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return nil, err
	}
	b = append([]byte(nil), b...)
	b[len(b)/2] ^= 0x20
	return io.NopCloser(bytes.NewReader(b)), nil
}

func TestCorruptedWriteCaughtBeforePromotion(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	p, s := plan(t, app{"main.py": v1["main.py"], "lib/util.py": "N = 'fixed'\n", "lib/old.py": v1["lib/old.py"], "data/cfg.txt": v1["data/cfg.txt"]})

	// Every attempt corrupted: the update fails, nothing was promoted.
	ls := &lyingStore{BlobStore: s}
	ls.bad.Store(100)
	r, err := update.Run(ctx, p, ls, c, update.Options{Confirm: "return", Retries: 2}, nil)
	if !errors.Is(err, agent.ErrHash) || r.Armed || r.FilesSent != 0 {
		t.Fatalf("always corrupted: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v1)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("stage not cleaned: %v", left)
	}
	// One corrupted attempt: retried, then committed.
	ls.bad.Store(1)
	r, err = update.Run(ctx, p, ls, c, update.Options{Confirm: "return"}, nil)
	if err != nil || r.Outcome != update.Committed || r.FilesSent != 1 {
		t.Fatalf("one corruption: %+v %v", r, err)
	}
}

// TestCorruptedFileInBatch: small files go out together in one stream; a
// corrupted one is refused by the board alone, re-sent, and the update
// still commits exactly the planned files.
func TestCorruptedFileInBatch(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	want := app{"main.py": v1["main.py"], "data/cfg.txt": v1["data/cfg.txt"]}
	for i := range 6 {
		want[fmt.Sprintf("lib/m%d.py", i)] = strings.Repeat(fmt.Sprintf("V%d = %d  # small module\n", i, i), 40+i)
	}
	want["lib/util.py"] = "N = 'batched'\n"
	p, s := plan(t, want)
	ls := &lyingStore{BlobStore: s}
	ls.bad.Store(1) // the first file the batch reads
	r, err := update.Run(ctx, p, ls, c, update.Options{Confirm: "return"}, nil)
	if err != nil || r.Outcome != update.Committed {
		t.Fatalf("%+v %v", r, err)
	}
	if r.FilesSent != 7 {
		t.Errorf("%d files sent, want the 7 changed ones", r.FilesSent)
	}
	sameApp(t, appFiles(t, b), want)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("stage not cleaned: %v", left)
	}
}

func TestBoardFullFailsCleanly(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{FlashKB: 160})
	big := app{}
	for p, s := range v2 {
		big[p] = s
	}
	big["assets/huge.bin"] = strings.Repeat("0123456789abcdef", 10*1024) // 160 KiB: more than the free flash beside the agent
	r, err := push(t, ctx, c, big, update.Options{Confirm: "return"})
	var pe *update.PreflightError
	if !errors.Is(err, agent.ErrFull) || !errors.As(err, &pe) || r.FilesSent != 0 || r.Armed {
		t.Fatalf("%+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v1)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("board touched: %v", left)
	}
}

// TestLinkDropResumes kills the board in the middle of the upload: the
// old version boots, and the next run sends only what is missing.
func TestLinkDropResumes(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	p, s := plan(t, v2)
	var verified int
	r, err := update.Run(ctx, p, s, c, update.Options{Confirm: "return", Chunk: 1024}, func(e update.Event) {
		if e.Phase == update.PhaseVerified {
			verified++
		}
		// Mid-way through the big file, after a small one was verified.
		if e.Phase == update.PhaseUpload && verified >= 1 && e.FileBytes >= 4096 {
			b.Kill()
		}
	})
	if err == nil || r.Armed {
		t.Fatalf("killed mid-push: %+v %v", r, err)
	}
	c.Close()
	if err := b.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	idle(t, ctx, b)
	sameApp(t, appFiles(t, b), v1)

	c = dial(t, ctx, b)
	r, err = update.Run(ctx, p, s, c, update.Options{Confirm: "return"}, nil)
	if err != nil || r.Outcome != update.Committed || r.FilesResumed < 1 || r.FilesSent+r.FilesResumed+r.FilesSkipped != len(v2) {
		t.Fatalf("resume: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v2)
}

// TestInterruptThenAbort cancels the context mid-push (Ctrl-C): the old
// version stays; --abort then removes what the push left in the stage.
func TestInterruptThenAbort(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	p, s := plan(t, v2)
	ictx, stop := context.WithCancel(ctx)
	r, err := update.Run(ictx, p, s, c, update.Options{Confirm: "return", Chunk: 1024}, func(e update.Event) {
		if e.Phase == update.PhaseVerified {
			stop()
		}
	})
	if !errors.Is(err, context.Canceled) || r.Outcome != update.Interrupted || r.Armed {
		t.Fatalf("interrupted: %+v %v", r, err)
	}
	c.Close()
	sameApp(t, appFiles(t, b), v1)
	if len(stageLeft(t, b)) == 0 {
		t.Fatalf("nothing staged before the interrupt; the abort below proves nothing")
	}
	c = dial(t, ctx, b)
	r, err = update.Run(ctx, nil, nil, c, update.Options{Abort: true}, nil)
	if err != nil || r.Outcome != update.Aborted {
		t.Fatalf("abort: %+v %v", r, err)
	}
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("abort left %v", left)
	}
	sameApp(t, appFiles(t, b), v1)
}

// TestNeverConfirmedRollsBack: a version that comes up but never confirms
// is rolled back by the board after its trial boots, without the host.
func TestNeverConfirmedRollsBack(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	r, err := push(t, ctx, c, app{"main.py": "print('v3 up, never confirms')\n"}, update.Options{Confirm: "app", TrialBoots: 2, NoWait: true})
	if err != nil || r.Outcome != update.OnTrial {
		t.Fatalf("v3: %+v %v", r, err)
	}
	c.Close()
	for i := 0; i < 3; i++ {
		if err := b.Restart(ctx); err != nil {
			t.Fatal(err)
		}
		idle(t, ctx, b)
	}
	c = dial(t, ctx, b)
	s, err := agent.New(c, agent.Options{}).Status(ctx)
	if err != nil || s.State != "idle" || s.Last == nil || s.Last.Result != "rolled_back" || !strings.Contains(s.Last.Why, "not confirmed") {
		t.Fatalf("after trial boots: %+v %v", s, err)
	}
	sameApp(t, appFiles(t, b), v1)
}

// TestBoardFillsMidPush: the flash fills up after preflight passed
// (something else took the space, or the estimate was short): the upload
// fails with ErrFull, the stage is dropped and the old version is intact.
func TestBoardFillsMidPush(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	s, err := agent.New(c, agent.Options{}).Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	filled := false
	p, st := plan(t, v2)
	// 16 KiB chunks: v2 then goes in several execs, and the flash fills
	// between two of them.
	r, err := update.Run(ctx, p, st, c, update.Options{Confirm: "return", Chunk: 16384}, func(e update.Event) {
		if e.Phase != update.PhaseVerified || filled {
			return
		}
		filled = true
		// Between two execs of the push, on the same connection.
		code := fmt.Sprintf("f = open('filler.bin', 'wb')\nfor i in range(%d):\n    f.write(bytes(%d))\nf.close()\n", s.BFree-3, s.BSize)
		if _, err := c.Exec(ctx, code); err != nil {
			t.Errorf("filling the flash: %v", err)
		}
	})
	var pe *update.PreflightError
	if !errors.Is(err, agent.ErrFull) || errors.As(err, &pe) || r.Armed || !filled {
		t.Fatalf("%+v %v", r, err)
	}
	got := appFiles(t, b)
	delete(got, "filler.bin")
	sameApp(t, got, v1)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("stage not dropped: %v", left)
	}
}

// TestArmedUpdateNeedsResumeOrAbort: an update armed but never booted
// (reset_mode none, or a host killed after arm) is refused without
// --resume; --resume applies it.
func TestArmedUpdateNeedsResumeOrAbort(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	if r, err := push(t, ctx, c, v2, update.Options{Confirm: "return", ResetMode: update.ResetNone}); err != nil || r.Outcome != update.Armed {
		t.Fatalf("arm: %+v %v", r, err)
	}
	r, err := push(t, ctx, c, v2, update.Options{Confirm: "return"})
	var pe *update.PreflightError
	if !errors.As(err, &pe) || !errors.Is(err, agent.ErrBusy) || r.FileBytes != 0 {
		t.Fatalf("without --resume: %+v %v", r, err)
	}
	r, err = push(t, ctx, c, v2, update.Options{Confirm: "return", Resume: true})
	if err != nil || r.Outcome != update.Committed || r.FileBytes != 0 {
		t.Fatalf("--resume: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v2)
}

// TestFATRefusedAtPreflight: on a filesystem without atomic rename the
// update stops before anything of the app is written.
func TestFATRefusedAtPreflight(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte("print('own app')\n")}})
	c := dial(t, ctx, b)
	r, err := push(t, ctx, c, v1, update.Options{AgentConfig: `{"fs":"fat"}`})
	var pe *update.PreflightError
	if !errors.As(err, &pe) || !errors.Is(err, agent.ErrFAT) || r.FileBytes != 0 || r.Armed {
		t.Fatalf("%+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), app{"main.py": "print('own app')\n"})
}
