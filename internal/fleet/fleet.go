// Package fleet pushes one verified plan to one or many boards: one
// update.Run per board, each on its own connection, at most Jobs at a
// time, started in the order the targets are given. A single board is a
// fleet of one, so every `otapush update` has one report and one exit
// code rule. The plan's blobs are already in the store (downloaded and
// verified once); every board only reads them. A board that fails,
// disconnects or hangs fails alone; the others finish, unless the rollout
// is gated: a canary that does not commit, or MaxFailures reached, stops
// it and the boards not started yet are left untouched. Like update, it
// prints nothing: progress goes out as Events tagged with the board, the
// answer is a Report whose JSON form is a documented, versioned schema
// (docs/ci.md).
package fleet

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/update"
)

// SchemaVersion is the Report's "version". Adding fields keeps it;
// renaming or removing one, or changing a meaning, bumps it.
const SchemaVersion = 1

// DefaultJobs bounds concurrency when Options.Jobs is 0. Each board costs
// a serial port and a little CPU on the host; a USB hub rarely carries
// more than four full-speed transfers without slowing all of them.
const DefaultJobs = 4

// Phases a fleet adds around update's own.
const (
	PhaseQueued  update.Phase = "queued"  // waiting for a free job slot
	PhaseConnect update.Phase = "connect" // opening the port, entering the raw REPL
	PhaseDone    update.Phase = "done"    // the board's run ended; Event.Msg is its outcome
)

// Board outcomes in the report. They are update's outcomes, except that
// "nothing to do" is called unchanged, as CI users read it.
const (
	Committed   = string(update.Committed)
	RolledBack  = string(update.RolledBack)
	OnTrial     = string(update.OnTrial)
	Armed       = string(update.Armed)
	Unchanged   = "unchanged"
	Aborted     = string(update.Aborted)
	Failed      = string(update.Failed)
	Interrupted = string(update.Interrupted)
	NoVerdict   = string(update.NoVerdict)
	// NotStarted: the rollout stopped (a canary that did not commit,
	// MaxFailures reached) before this board's turn; it was never opened.
	NotStarted = "not_started"
)

// Fleet outcomes (Report.Outcome).
const (
	AllOK       = "ok"          // every board succeeded (or was already up to date)
	Partial     = "partial"     // some boards failed, some succeeded
	AllFailed   = "failed"      // every board failed
	Stopped     = "interrupted" // cancelled (Ctrl-C / SIGTERM); see each board's stopped_at
	Halted      = "stopped"     // the rollout stopped itself (Report.StopReason); some boards not started
	NoneStarted = "none"        // no board was given
)

// Target is one board to update: a resolved port, or the reason it could
// not be resolved (that board then fails alone, the others still run).
type Target struct {
	Spec string // what the user named (--port value), for messages
	Port ports.Port
	Err  error
}

// Options tune a fleet run.
type Options struct {
	// Jobs is how many boards are updated at the same time (0: up to
	// DefaultJobs).
	Jobs int
	// Canary gates the rollout: the first Canary boards are updated (Jobs
	// at a time) and must all end committed (or already run the version)
	// before any other board is opened. 0: no canary.
	Canary int
	// MaxFailures stops the rollout once this many boards failed (a
	// rollback and no verdict count as failures): boards not started by
	// then are left untouched, running ones finish. 0: no limit.
	MaxFailures int
	// Update is passed to every board's update.Run.
	Update update.Options
	// Restart hands each board back to its app after its run
	// (update.Relaunch), so it runs the version the report names.
	Restart bool
	// Dial opens a board and enters its raw REPL. Each board gets its own
	// connection; the caller decides timeouts and tracing.
	Dial func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error)
}

// Event is a progress report of one board.
type Event struct {
	Board int    // index into the targets
	Port  string // the board's port path
	update.Event
}

// PlanSummary says what was pushed.
type PlanSummary struct {
	Source  string `json:"source,omitempty"`
	Version string `json:"version,omitempty"`
	Commit  string `json:"commit,omitempty"`
	Files   int    `json:"files"`
	Bytes   int64  `json:"bytes"`
	// Warnings: a valid plan that is probably not what was meant (see
	// manifest.Plan.Warnings: a bundle without main.py).
	Warnings []string `json:"warnings,omitempty"`
}

// BoardReport is what happened on one board.
type BoardReport struct {
	Port   string         `json:"port"`
	Serial string         `json:"serial,omitempty"` // USB serial number
	Before update.Version `json:"before"`
	After  update.Version `json:"after"`
	// Target is the version this run pushes to the board (with --resume
	// and no source, the one armed on it); empty for --abort.
	Target  update.Version `json:"target"`
	Outcome string         `json:"outcome"`
	// StoppedAt is the last phase the board reached when it failed or was
	// interrupted (queued, connect, preflight, install, delta, upload,
	// verified, arm, reset, trial, outcome); empty when it finished.
	StoppedAt string `json:"stopped_at,omitempty"`
	// Armed: commit point 1 was reached. An interrupted or failed board
	// that is armed swaps to the new version at its next boot; one that
	// is not keeps the old version.
	Armed          bool   `json:"armed"`
	Why            string `json:"why,omitempty"` // the board's rollback reason (may span lines: a traceback)
	Agent          string `json:"agent,omitempty"`
	AgentInstalled bool   `json:"agent_installed,omitempty"`
	FilesSent      int    `json:"files_sent"`
	FilesSkipped   int    `json:"files_skipped"`
	FilesResumed   int    `json:"files_resumed"`
	FilesDeleted   int    `json:"files_deleted"`
	// Deletes names the files the swap deletes (update.Result.Deletes).
	Deletes      []string `json:"deletes,omitempty"`
	FileBytes    int64    `json:"file_bytes"`
	WireBytesOut int64    `json:"wire_bytes_out"`
	WireBytesIn  int64    `json:"wire_bytes_in"`
	RoundTrips   int64    `json:"round_trips"`
	Execs        int64    `json:"execs"`
	DurationMS   int64    `json:"duration_ms"`
	// TrialMS is the time from the reset to the board's verdict (0 when
	// the host did not watch a trial).
	TrialMS int64 `json:"trial_ms,omitempty"`
	// Verdict is the last transaction event the agent announced while
	// the host watched (trial, committed, rollback, rolled_back, ...).
	Verdict string `json:"verdict,omitempty"`
	// Output is the tail of what the app printed during its trial (at
	// most update.OutputTailLines lines, exact text).
	Output []string `json:"output,omitempty"`
	// Notes: what the user should know that is not an error
	// (update.Result.Notes).
	Notes []string `json:"notes,omitempty"`
	Error string   `json:"error,omitempty"`
	// AppRunning: the board was handed back to its app after the run.
	AppRunning bool `json:"app_running"`
	// RestartError says why handing the board back failed (it then sits
	// at its prompt until its next reset).
	RestartError string `json:"restart_error,omitempty"`
	// RestartErr is RestartError's typed error (a lost link, or a board
	// that refused), for the caller's wording.
	RestartErr error `json:"-"`
	// Err is the typed error, for the caller's exit-code classing.
	Err error `json:"-"`
}

// OK reports whether the board ended on what was asked for.
func (b BoardReport) OK() bool {
	switch b.Outcome {
	case Committed, OnTrial, Armed, Unchanged, Aborted:
		return true
	}
	return false
}

// Summary counts the boards by outcome.
type Summary struct {
	Boards      int `json:"boards"`
	Succeeded   int `json:"succeeded"`
	Committed   int `json:"committed"`
	Unchanged   int `json:"unchanged"`
	Failed      int `json:"failed"` // rolled back and no verdict included
	RolledBack  int `json:"rolled_back"`
	NoVerdict   int `json:"no_verdict"`
	Interrupted int `json:"interrupted"`
	NotStarted  int `json:"not_started"`
}

// Report is the whole run.
type Report struct {
	Version     int         `json:"version"`
	Outcome     string      `json:"outcome"`
	Plan        PlanSummary `json:"plan"`
	Jobs        int         `json:"jobs"`
	Canary      int         `json:"canary"`       // Options.Canary
	MaxFailures int         `json:"max_failures"` // Options.MaxFailures (0: no limit)
	// StopReason says why the rollout stopped itself (outcome stopped).
	StopReason string        `json:"stop_reason,omitempty"`
	DurationMS int64         `json:"duration_ms"`
	Summary    Summary       `json:"summary"`
	Boards     []BoardReport `json:"boards"`
	Error      string        `json:"error,omitempty"` // a failure before any board ran (source, usage)
	// ExitCode is the code otapush exits with; the CLI sets it (this
	// package knows outcomes, not exit codes).
	ExitCode int `json:"exit_code"`
}

// Summarize builds a PlanSummary.
func Summarize(p *manifest.Plan) PlanSummary {
	if p == nil {
		return PlanSummary{}
	}
	return PlanSummary{Source: p.Source, Version: p.Version, Commit: p.Commit, Files: len(p.Files), Bytes: p.TotalSize(), Warnings: p.Warnings()}
}

// Run updates every target to plan p and returns the report. Boards are
// started in the order of targets, at most Jobs at a time. One board's
// failure stops no other, unless the rollout is gated (Options.Canary,
// Options.MaxFailures): then the boards not started yet are reported
// not_started and never opened. Cancelling ctx stops every push at its
// next safe point (update's rules) and keeps queued boards untouched.
// emit (nil: none) is called from the boards' goroutines, concurrently.
func Run(ctx context.Context, p *manifest.Plan, store manifest.BlobStore, targets []Target, o Options, emit func(Event)) Report {
	start := time.Now()
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = min(len(targets), DefaultJobs)
	}
	jobs = max(1, min(jobs, len(targets)))
	if emit == nil {
		emit = func(Event) {}
	}
	rep := Report{Version: SchemaVersion, Plan: Summarize(p), Jobs: jobs, Canary: o.Canary, MaxFailures: o.MaxFailures,
		Boards: make([]BoardReport, len(targets))}
	for i, t := range targets {
		emit(Event{Board: i, Port: portName(t), Event: update.Event{Phase: PhaseQueued, Time: time.Now()}})
	}
	var (
		mu       sync.Mutex // guards failures, halt
		failures int
		halt     string // why the rollout stops ("": it goes on)
	)
	finish := func(i int, br BoardReport) {
		mu.Lock()
		rep.Boards[i] = br
		if failed(br) {
			failures++
			if o.MaxFailures > 0 && failures >= o.MaxFailures && halt == "" {
				halt = fmt.Sprintf("%d of %d boards failed (--max-failures %d)", failures, len(targets), o.MaxFailures)
			}
		}
		mu.Unlock()
		emit(Event{Board: i, Port: br.Port, Event: update.Event{Phase: PhaseDone, Msg: br.Outcome, Time: time.Now()}})
	}
	slots := make(chan struct{}, jobs)
	var all, canaries sync.WaitGroup
	for i, t := range targets {
		if i == o.Canary && o.Canary > 0 {
			// The gate: no other board is opened before every canary
			// ended, and ended committed.
			canaries.Wait()
			mu.Lock()
			if halt == "" {
				halt = canaryVerdict(rep.Boards[:o.Canary])
			}
			mu.Unlock()
		}
		// A free slot and a cancel can both be ready; select picks at
		// random, and a cancelled run must not start a board.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		mu.Lock()
		why := halt
		mu.Unlock()
		if ctx.Err() != nil || why != "" {
			// The slot, if taken, is not used: leave the rest alone.
			for j := i; j < len(targets); j++ {
				br := haltedBoard(targets[j], why)
				if ctx.Err() != nil {
					br = notStarted(targets[j], ctx.Err())
				}
				if p != nil {
					br.Target = update.Version{Version: p.Version, Commit: p.Commit}
				}
				finish(j, br)
			}
			break
		}
		if i < o.Canary {
			canaries.Add(1)
		}
		all.Go(func() {
			br := runBoard(ctx, p, store, i, t, o, emit)
			// Recorded before the slot is freed, so the next board's
			// start sees this board's failure.
			finish(i, br)
			if i < o.Canary {
				canaries.Done()
			}
			<-slots
		})
	}
	all.Wait()
	rep.DurationMS = time.Since(start).Milliseconds()
	rep.StopReason = halt
	rep.Summary, rep.Outcome = Tally(rep.Boards, ctx.Err() != nil)
	if rep.Outcome != Halted {
		rep.StopReason = ""
	}
	return rep
}

// failed says whether a board counts against MaxFailures.
func failed(b BoardReport) bool {
	return !b.OK() && b.Outcome != Interrupted && b.Outcome != NotStarted
}

// canaryVerdict is why the canaries stop the rollout, "" when they all
// committed. A canary that already ran the version counts as committed:
// the board runs it, confirmed.
func canaryVerdict(cs []BoardReport) string {
	for _, b := range cs {
		if b.Outcome != Committed && b.Outcome != Unchanged {
			return fmt.Sprintf("canary %s ended %s, not committed (--canary %d)", b.Port, b.Outcome, len(cs))
		}
	}
	return ""
}

func haltedBoard(t Target, why string) BoardReport {
	return BoardReport{Port: portName(t), Serial: t.Port.SerialNumber, Outcome: NotStarted, Error: "not started: " + why}
}

func notStarted(t Target, err error) BoardReport {
	return BoardReport{Port: portName(t), Serial: t.Port.SerialNumber, Outcome: Interrupted,
		StoppedAt: string(PhaseQueued), Error: "not started: " + err.Error(), Err: err}
}

func portName(t Target) string {
	if t.Port.Path != "" {
		return t.Port.Path
	}
	return t.Spec
}

// runBoard is one board's whole run. A panic in it (a bug) fails this
// board only, so the others still finish and the report is still written.
func runBoard(ctx context.Context, p *manifest.Plan, store manifest.BlobStore, i int, t Target, o Options, emit func(Event)) (br BoardReport) {
	start := time.Now()
	br = BoardReport{Port: portName(t), Serial: t.Port.SerialNumber}
	if p != nil {
		br.Target = update.Version{Version: p.Version, Commit: p.Commit}
	}
	var mu sync.Mutex // last and verdict are written by update's callbacks
	last := PhaseConnect
	verdict := ""
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if v := recover(); v != nil {
			br.Outcome, br.Err = Failed, fmt.Errorf("internal error on this board: %v", v)
			br.Error = br.Err.Error()
		}
		if !br.OK() && br.StoppedAt == "" {
			br.StoppedAt = string(last)
		}
		br.DurationMS = time.Since(start).Milliseconds()
	}()
	fail := func(err error) BoardReport {
		br.Outcome, br.Err, br.Error = Failed, err, err.Error()
		if ctx.Err() != nil {
			br.Outcome = Interrupted
		}
		return br
	}
	if t.Err != nil {
		return fail(t.Err)
	}
	emit(Event{Board: i, Port: br.Port, Event: update.Event{Phase: PhaseConnect, Time: time.Now()}})
	if o.Dial == nil {
		return fail(errors.New("fleet: no Dial function"))
	}
	c, err := o.Dial(ctx, t.Port)
	if err != nil {
		return fail(err)
	}
	defer c.Close()
	res, err := update.Run(ctx, p, store, c, o.Update, func(e update.Event) {
		mu.Lock()
		last = e.Phase
		if e.Phase == update.PhaseVerdict {
			// An agent event is a step of the trial, not one of its own.
			verdict, last = e.Msg, update.PhaseTrial
		}
		mu.Unlock()
		emit(Event{Board: i, Port: br.Port, Event: e})
	})
	var restartErr error
	if o.Restart {
		// app_running false in the report says it failed, restart_error why.
		restartErr = update.Relaunch(ctx, c, &res)
	}
	br = fromResult(br, res)
	br.Err = err
	if restartErr != nil {
		br.RestartError, br.RestartErr = restartErr.Error(), restartErr
	}
	mu.Lock()
	br.Verdict = verdict
	// Upload events follow each chunk the board took; a board lost in its
	// first chunk stopped in the upload, not in the delta before it.
	if last == update.PhaseDelta && res.FileBytes > 0 {
		last = update.PhaseUpload
	}
	mu.Unlock()
	if err != nil && br.Error == "" {
		br.Error = err.Error()
	}
	return br
}

func fromResult(br BoardReport, r update.Result) BoardReport {
	if r.Port != "" {
		br.Port = r.Port
	}
	if r.Serial != "" {
		br.Serial = r.Serial
	}
	br.Before, br.After = r.Before, r.After
	if r.Target != (update.Version{}) {
		br.Target = r.Target
	}
	br.Outcome = string(r.Outcome)
	if r.Outcome == update.UpToDate {
		br.Outcome = Unchanged
	}
	br.Armed, br.Why = r.Armed, r.Why
	br.Agent, br.AgentInstalled = r.Agent, r.AgentInstall
	br.FilesSent, br.FilesSkipped, br.FilesResumed, br.FilesDeleted = r.FilesSent, r.FilesSkipped, r.FilesResumed, r.FilesDeleted
	br.FileBytes, br.WireBytesOut, br.WireBytesIn, br.RoundTrips = r.FileBytes, r.WireBytesOut, r.WireBytesIn, r.RoundTrips
	br.Execs = r.Execs
	br.Deletes = r.Deletes
	br.TrialMS = r.TrialTime.Milliseconds()
	br.Output = r.Output
	br.Notes = r.Notes
	br.Error = r.Error
	br.AppRunning = r.AppRunning
	return br
}

// Tally counts the boards and names the fleet's outcome; cancelled says
// the run was interrupted.
func Tally(bs []BoardReport, cancelled bool) (Summary, string) {
	s := Summary{Boards: len(bs)}
	for _, b := range bs {
		switch {
		case b.OK():
			s.Succeeded++
		case b.Outcome == Interrupted:
			s.Interrupted++
		case b.Outcome == NotStarted:
			s.NotStarted++
		default:
			s.Failed++
		}
		switch b.Outcome {
		case Committed:
			s.Committed++
		case Unchanged:
			s.Unchanged++
		case RolledBack:
			s.RolledBack++
		case NoVerdict:
			s.NoVerdict++
		}
	}
	switch {
	case s.Boards == 0:
		return s, NoneStarted
	case cancelled || s.Interrupted > 0:
		return s, Stopped
	case s.NotStarted > 0:
		return s, Halted
	case s.Failed == 0:
		return s, AllOK
	case s.Succeeded == 0:
		return s, AllFailed
	}
	return s, Partial
}
