package fleet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/update"
)

func TestTally(t *testing.T) {
	b := func(outcome string) BoardReport { return BoardReport{Outcome: outcome} }
	tests := []struct {
		name      string
		boards    []BoardReport
		cancelled bool
		want      string
		sum       Summary
	}{
		{"none", nil, false, NoneStarted, Summary{}},
		{"all ok", []BoardReport{b(Committed), b(Unchanged), b(OnTrial)}, false, AllOK,
			Summary{Boards: 3, Succeeded: 3, Committed: 1, Unchanged: 1}},
		{"partial", []BoardReport{b(Committed), b(Failed)}, false, Partial,
			Summary{Boards: 2, Succeeded: 1, Committed: 1, Failed: 1}},
		{"a rollback is a failure", []BoardReport{b(Unchanged), b(RolledBack)}, false, Partial,
			Summary{Boards: 2, Succeeded: 1, Unchanged: 1, Failed: 1, RolledBack: 1}},
		{"all failed", []BoardReport{b(Failed), b(RolledBack)}, false, AllFailed,
			Summary{Boards: 2, Failed: 2, RolledBack: 1}},
		{"interrupted wins", []BoardReport{b(Committed), b(Interrupted)}, true, Stopped,
			Summary{Boards: 2, Succeeded: 1, Committed: 1, Interrupted: 1}},
		{"cancelled after every board finished", []BoardReport{b(Committed)}, true, Stopped,
			Summary{Boards: 1, Succeeded: 1, Committed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, out := Tally(tt.boards, tt.cancelled)
			if out != tt.want || sum != tt.sum {
				t.Errorf("got %s %+v, want %s %+v", out, sum, tt.want, tt.sum)
			}
		})
	}
}

// TestRunBoundsJobsAndFailsAlone runs boards whose connection fails
// without any hardware: at most Jobs dial at once, a target that could not
// be resolved and a Dial that panics each fail alone, and every board gets
// its done event.
func TestRunBoundsJobsAndFailsAlone(t *testing.T) {
	var cur, peak atomic.Int32
	dial := func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error) {
		n := cur.Add(1)
		defer cur.Add(-1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		if p.Path == "/dev/bug" {
			panic("a bug in one board's run")
		}
		time.Sleep(20 * time.Millisecond) // long enough for the others to pile up
		return nil, fmt.Errorf("%s: no such port", p.Path)
	}
	targets := []Target{{Spec: "id:GONE", Err: errors.New("no board with serial number GONE")}, {Port: ports.Port{Path: "/dev/bug"}}}
	for i := range 6 {
		targets = append(targets, Target{Port: ports.Port{Path: fmt.Sprintf("/dev/ttyACM%d", i), SerialNumber: fmt.Sprint("S", i)}})
	}
	var mu sync.Mutex
	done := map[int]string{}
	rep := Run(context.Background(), &manifest.Plan{Version: "1"}, nil, targets, Options{Jobs: 2, Dial: dial}, func(e Event) {
		if e.Phase == PhaseDone {
			mu.Lock()
			done[e.Board] = e.Msg
			mu.Unlock()
		}
	})
	if p := peak.Load(); p != 2 {
		t.Errorf("%d boards dialled at once, want 2 (--jobs)", p)
	}
	if rep.Outcome != AllFailed || rep.Summary.Failed != len(targets) || len(done) != len(targets) || rep.Jobs != 2 {
		t.Errorf("report %+v, done events %v", rep, done)
	}
	for i, b := range rep.Boards {
		if b.Outcome != Failed || b.StoppedAt != string(PhaseConnect) || b.Err == nil || b.Error == "" {
			t.Errorf("board %d: %+v", i, b)
		}
	}
	if rep.Boards[0].Port != "id:GONE" || rep.Boards[2].Serial != "S0" {
		t.Errorf("names: %+v %+v", rep.Boards[0], rep.Boards[2])
	}
}

// TestRunCancelledLeavesQueuedBoardsAlone: boards still waiting for a job
// slot when the run is cancelled are never opened.
func TestRunCancelledLeavesQueuedBoardsAlone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var dialled atomic.Int32
	dial := func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error) {
		dialled.Add(1)
		cancel() // Ctrl-C while the first board connects
		<-ctx.Done()
		return nil, ctx.Err()
	}
	targets := []Target{{Port: ports.Port{Path: "/dev/a"}}, {Port: ports.Port{Path: "/dev/b"}}, {Port: ports.Port{Path: "/dev/c"}}}
	rep := Run(ctx, &manifest.Plan{Version: "1"}, nil, targets, Options{Jobs: 1, Dial: dial}, nil)
	if dialled.Load() != 1 || rep.Outcome != Stopped || rep.Summary.Interrupted != 3 {
		t.Fatalf("dialled %d, report %+v", dialled.Load(), rep)
	}
	stops := map[string]int{}
	for _, b := range rep.Boards {
		stops[b.StoppedAt]++
		if b.Outcome != Interrupted || !errors.Is(b.Err, context.Canceled) {
			t.Errorf("%+v", b)
		}
	}
	if stops[string(PhaseQueued)] != 2 || stops[string(PhaseConnect)] != 1 {
		t.Errorf("stopped at %v", stops)
	}
}

func TestFromResultCallsNothingToDoUnchanged(t *testing.T) {
	br := fromResult(BoardReport{Port: "/dev/x"}, update.Result{Outcome: update.UpToDate, FilesSkipped: 3})
	if br.Outcome != Unchanged || !br.OK() || br.FilesSkipped != 3 || br.Port != "/dev/x" {
		t.Errorf("%+v", br)
	}
}

// TestFromResultCarriesTheTrial: the board's record has update.Result's
// trial fields, in the report's units (milliseconds).
func TestFromResultCarriesTheTrial(t *testing.T) {
	r := update.Result{Outcome: update.NoVerdict, Why: "", Output: []string{"tick 1", "tick 2"}, TrialTime: 2500 * time.Millisecond, Execs: 7}
	br := fromResult(BoardReport{Port: "/dev/x"}, r)
	if br.Outcome != NoVerdict || br.OK() || br.TrialMS != 2500 || br.Execs != 7 || strings.Join(br.Output, "|") != "tick 1|tick 2" {
		t.Errorf("%+v", br)
	}
	if !failed(br) {
		t.Error("no verdict does not count against --max-failures")
	}
}

// TestRunGatedRollout: a canary that does not commit, or MaxFailures
// reached, stops the rollout; the boards after it are never dialled and
// are reported not_started, in the order the targets were given. Boards
// already running finish. Dialling fails (no hardware), so every board
// that starts fails.
func TestRunGatedRollout(t *testing.T) {
	tests := []struct {
		name        string
		boards      int
		jobs        int
		canary      int
		maxFailures int
		dialled     int // boards opened, the first ones
		reason      string
	}{
		{"no gate: every board runs", 4, 2, 0, 0, 4, ""},
		{"canary 1 fails: the rest untouched", 4, 4, 1, 0, 1, "canary /dev/b0 ended failed"},
		{"canary 2 run together, then stop", 4, 4, 2, 0, 2, "canary /dev/b0 ended failed"},
		{"max failures 1, one at a time", 4, 1, 0, 1, 1, "1 of 4 boards failed (--max-failures 1)"},
		{"max failures 2, one at a time", 4, 1, 0, 2, 2, "2 of 4 boards failed (--max-failures 2)"},
		{"max failures 1: running boards finish", 4, 2, 0, 1, 2, "(--max-failures 1)"},
		{"max failures above the failures: no stop", 3, 1, 0, 4, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var order []string
			// Boards that start together hold their dial until all of
			// them started: a board must not fail before its running
			// neighbours are under way, or "running boards finish"
			// tests nothing.
			together := min(tt.jobs, tt.boards)
			if tt.canary > 0 {
				together = min(together, tt.canary)
			}
			var started sync.WaitGroup
			started.Add(together)
			dial := func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error) {
				mu.Lock()
				order = append(order, p.Path)
				n := len(order)
				mu.Unlock()
				if n <= together {
					started.Done()
					started.Wait()
				}
				return nil, fmt.Errorf("%s: no such port", p.Path)
			}
			var targets []Target
			for i := range tt.boards {
				targets = append(targets, Target{Port: ports.Port{Path: fmt.Sprintf("/dev/b%d", i)}})
			}
			done := map[int]string{}
			rep := Run(context.Background(), &manifest.Plan{Version: "1"}, nil, targets,
				Options{Jobs: tt.jobs, Canary: tt.canary, MaxFailures: tt.maxFailures, Dial: dial}, func(e Event) {
					if e.Phase == PhaseDone {
						mu.Lock()
						done[e.Board] = e.Msg
						mu.Unlock()
					}
				})
			if len(order) != tt.dialled {
				t.Fatalf("dialled %v, want the first %d", order, tt.dialled)
			}
			sortedOK := true
			for i, p := range order {
				if tt.jobs == 1 && p != targets[i].Port.Path {
					sortedOK = false
				}
			}
			if !sortedOK {
				t.Errorf("one at a time, boards started in the order %v", order)
			}
			if rep.Canary != tt.canary || rep.MaxFailures != tt.maxFailures || len(done) != tt.boards {
				t.Errorf("report head %+v, done events %v", rep, done)
			}
			for i, b := range rep.Boards {
				switch {
				case i < tt.dialled && (b.Outcome != Failed || b.StoppedAt != string(PhaseConnect)):
					t.Errorf("board %d started: %+v", i, b)
				case i >= tt.dialled && (b.Outcome != NotStarted || b.Port != targets[i].Port.Path || !strings.Contains(b.Error, tt.reason) || b.StoppedAt != ""):
					t.Errorf("board %d not started: %+v", i, b)
				}
			}
			wantOutcome := AllFailed
			if tt.reason != "" {
				wantOutcome = Halted
			}
			if rep.Outcome != wantOutcome || !strings.Contains(rep.StopReason, tt.reason) || rep.Summary.NotStarted != tt.boards-tt.dialled || rep.Summary.Failed != tt.dialled {
				t.Errorf("outcome %s, stop reason %q, summary %+v", rep.Outcome, rep.StopReason, rep.Summary)
			}
		})
	}
}

func TestTallyStopped(t *testing.T) {
	bs := []BoardReport{{Outcome: Committed}, {Outcome: NoVerdict}, {Outcome: NotStarted}}
	sum, out := Tally(bs, false)
	want := Summary{Boards: 3, Succeeded: 1, Committed: 1, Failed: 1, NoVerdict: 1, NotStarted: 1}
	if out != Halted || sum != want {
		t.Errorf("got %s %+v, want %s %+v", out, sum, Halted, want)
	}
	if _, out := Tally(bs, true); out != Stopped {
		t.Errorf("cancelled: %s, want %s", out, Stopped)
	}
}
