package update_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// TestInterruptedBigFileResumesOnAFullBoard: Ctrl-C in the middle of a
// big file leaves it half written in the stage. The board is filled so
// that the update fits only when those blocks count as free again (the
// agent deletes the half-written file before it writes anew): the rerun
// must pass the preflight, resume and commit.
func TestInterruptedBigFileResumesOnAFullBoard(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{FlashKB: 256})
	s, err := agent.New(c, agent.Options{}).Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The big file takes all the room the preflight allows but one block:
	// its own blocks, the stage and backup folders (4) and the margin (4).
	n := s.BFree - 4 - 4 - 1
	if n < 24 {
		t.Fatalf("the board has %d free blocks of %d bytes: too few for this test", s.BFree, s.BSize)
	}
	want := app{}
	for p, v := range v1 {
		want[p] = v
	}
	want["big.bin"] = strings.Repeat("resume me, block by block; ", int(n*s.BSize)/27+1)[:n*s.BSize]
	p, st := plan(t, want)

	// Cut half-way through the big file: its half-written copy then holds
	// far more blocks than the one block of slack (and than the margin,
	// so the board must free them before it writes the file again).
	ictx, stop := context.WithCancel(ctx)
	defer stop()
	r, err := update.Run(ictx, p, st, c, update.Options{Confirm: "return", Chunk: 4096}, func(e update.Event) {
		if e.Phase == update.PhaseUpload && e.Path == "big.bin" && e.FileBytes >= n/2*s.BSize {
			stop()
		}
	})
	if !errors.Is(err, context.Canceled) || r.Outcome != update.Interrupted || r.Armed {
		t.Fatalf("interrupted: %+v %v", r, err)
	}
	c.Close()
	sameApp(t, appFiles(t, b), v1)
	c = dial(t, ctx, b)
	sv, err := agent.New(c, agent.Options{}).Survey(ctx, []string{"big.bin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Parts) != 1 || sv.Parts[0] < n/2*s.BSize {
		t.Fatalf("the stage should hold the half-written big file: parts %v", sv.Parts)
	}

	r, err = update.Run(ctx, p, st, c, update.Options{Confirm: "return", Chunk: 4096}, nil)
	if err != nil || r.Outcome != update.Committed || r.FilesSent != 1 {
		t.Fatalf("rerun: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), want)
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("stage left: %v", left)
	}
}

// TestSpaceRefusalNamesTheWayOut: a board without room is refused with
// how much is missing, in KiB, and what frees space (--abort first).
func TestSpaceRefusalNamesTheWayOut(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{FlashKB: 160})
	big := app{}
	for p, v := range v1 {
		big[p] = v
	}
	big["huge.bin"] = strings.Repeat("0123456789abcdef", 10*1024)
	_, err := push(t, ctx, c, big, update.Options{Confirm: "return"})
	var pe *update.PreflightError
	if !errors.Is(err, agent.ErrFull) || !errors.As(err, &pe) {
		t.Fatalf("%v", err)
	}
	for _, w := range []string{"KiB free", "KiB short", "otapush update --abort", "--ignore"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the refusal lacks %q: %v", w, err)
		}
	}
	sameApp(t, appFiles(t, b), v1)
}

// TestResumeWithoutSource: --resume with no plan applies the update armed
// on the board and reports its version; a plan of another version is
// refused before anything changes; an idle board has nothing to resume.
func TestResumeWithoutSource(t *testing.T) {
	t.Parallel()
	ctx, b, c := v1Board(t, simboard.Options{})
	// Nothing armed: refused, nothing changed.
	r, err := update.Run(ctx, nil, nil, c, update.Options{Resume: true, NoSource: true}, nil)
	var re *update.ResumeError
	if !errors.As(err, &re) || r.Armed || !strings.Contains(err.Error(), "--source") {
		t.Fatalf("idle board: %+v %v", r, err)
	}
	p2, s2 := plan(t, v2)
	p2.Version = "v2"
	if r, err := update.Run(ctx, p2, s2, c, update.Options{Confirm: "return", ResetMode: update.ResetNone}, nil); err != nil || r.Outcome != update.Armed || r.Before.Version == "v2" || r.Target.Version != "v2" {
		t.Fatalf("arm v2: %+v %v", r, err)
	}
	// A plain update names both ways out.
	_, err = update.Run(ctx, p2, s2, c, update.Options{Confirm: "return"}, nil)
	if !errors.Is(err, agent.ErrBusy) || !strings.Contains(err.Error(), "v2 is armed") || !strings.Contains(err.Error(), "--resume") || !strings.Contains(err.Error(), "--abort") {
		t.Fatalf("without --resume: %v", err)
	}
	// Another version with --resume: refused, board unchanged.
	p3, s3 := plan(t, app{"main.py": "print('v3')\n"})
	p3.Version = "v3"
	r, err = update.Run(ctx, p3, s3, c, update.Options{Confirm: "return", Resume: true}, nil)
	if !errors.As(err, &re) || r.Armed || r.FileBytes != 0 {
		t.Fatalf("--resume with v3: %+v %v", r, err)
	}
	for _, w := range []string{"v2", "v3", "--resume` without a source", "--abort"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the refusal lacks %q: %v", w, err)
		}
	}
	s, err := agent.New(c, agent.Options{}).Status(ctx)
	if err != nil || s.State != agent.StateApply || s.To == nil || s.To.Version != "v2" {
		t.Fatalf("after the refusal: %+v %v", s, err)
	}
	// No source: applies v2 and reports it.
	r, err = update.Run(ctx, nil, nil, c, update.Options{Resume: true, NoSource: true}, nil)
	if err != nil || r.Outcome != update.Committed || r.After.Version != "v2" || r.Target.Version != "v2" || r.FileBytes != 0 {
		t.Fatalf("--resume: %+v %v", r, err)
	}
	sameApp(t, appFiles(t, b), v2)
}
