// Package update orchestrates one update of one board: a verified plan
// from the source side × a board running the agent → preflight, delta,
// transfer, arm, reset and the outcome the board reports. It prints
// nothing: progress goes out as Events, the answer is a Result. A fleet
// runs one Run per board, each on its own connection.
package update

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
)

// Reset modes (the config's reset_mode).
const (
	ResetHard = "hard" // machine.reset(), then watch the trial to its verdict
	ResetSoft = "soft" // soft reset: boot.py swaps, main.py (the trial) runs at the next real boot
	ResetNone = "none" // stage and arm only; the swap runs at the next boot
)

// Outcome is how a run ended for the board.
type Outcome string

const (
	Committed  Outcome = "committed"   // the new version runs and is confirmed
	RolledBack Outcome = "rolled_back" // the board reverted to the old version (Result.Why says why)
	OnTrial    Outcome = "trial"       // the new version runs, not confirmed yet
	Armed      Outcome = "armed"       // staged and armed; the swap runs at the next boot
	UpToDate   Outcome = "up_to_date"  // nothing to do
	Aborted    Outcome = "aborted"     // --abort cleaned up a transaction
	Failed     Outcome = "failed"      // an error; the board stays on its old version
	// Interrupted: the context was cancelled at a safe point; the board
	// stays on its old version (or, once armed, applies the new one at
	// its next boot, Result.Armed says which).
	Interrupted Outcome = "interrupted"
	// NoVerdict: the host watched the trial until its deadline and the
	// board reported neither commit nor rollback; it is left as it is (the
	// board still decides on its own).
	NoVerdict Outcome = "no_verdict"
)

// Options tune a run. The zero value is a hard-reset update with the
// defaults of docs/agent.md.
type Options struct {
	Force      bool          // send and arm even when the board is up to date
	ResetMode  string        // ResetHard (default), ResetSoft, ResetNone
	Chunk      int           // payload bytes per exec (agent.Options.Chunk)
	WBits      int           // deflate window (agent.Options.WBits)
	NoCompress bool          // plain base64
	Retries    int           // re-sends of a file the board hashed differently (default 2)
	Backoff    time.Duration // pause before such a re-send
	// Resume applies an update found armed but not yet booted (state
	// "apply"). Verified files left in the stage by an interrupted upload
	// are always reused: they are checked again at arm.
	Resume bool
	// NoSource: the run has no plan of its own (Run's plan is ignored):
	// with Resume it applies the update armed on the board, whatever its
	// version, and reports that version. Only Resume and Abort take it.
	NoSource bool
	// Abort cleans up whatever transaction the board holds (an upload, an
	// armed update) and stops: no push.
	Abort bool
	// Confirm is the trial policy written into the arm spec (validated
	// with agent.ParsePolicy; "" = the board's config, default uptime).
	Confirm    agent.Policy
	TrialBoots int // 0 = the board's default (3)
	// Uptime is the uptime policy's N (a trial boot that runs this long
	// without an exception or a reset is confirmed) and the host policy's
	// healthy time before the host confirms; 0 = agent.DefaultUptime.
	Uptime time.Duration
	// Deadline is the board's deadline per trial boot: an unconfirmed trial
	// is reset after it (0 = the board's default: 60 s for return, app and
	// host, none for uptime; negative = none).
	Deadline time.Duration
	// VerdictTimeout bounds the watch of the trial after a hard reset (0 =
	// DefaultVerdictTimeout). When it passes the Outcome is NoVerdict and
	// the board is left as it is.
	VerdictTimeout time.Duration
	// NoWait returns right after the reset instead of watching the trial:
	// the host takes the raw REPL as soon as the board is back and reports
	// what the agent says then (normally OnTrial).
	// KeepPrevious keeps the replaced version on the board at commit
	// (/.ota/prev) so a confirmed version can be rolled back; it costs the
	// flash of the files the update replaces or deletes.
	KeepPrevious bool
	NoWait       bool
	// HostConfirm confirms a version the board reports on trial right
	// after a soft reset or with NoWait (the host's health check: it
	// booted and the agent answers). A watched hard reset confirms the
	// host policy itself, once the trial ran Uptime.
	HostConfirm bool
	// HookTimeout is the board's deadline for each bundle hook when the
	// plan (its manifest) gives none (0: agent.DefaultHookTimeout). The
	// arm spec always carries the deadline, so host and board agree on it.
	HookTimeout time.Duration
	// MarginBlocks is the free space kept beyond the staged copy (default 4).
	MarginBlocks int64
	// AgentConfig is /.ota/config.json written when otapush installs or
	// upgrades the agent, and merged into the board's before staging when
	// it differs (syncConfig) (JSON text; "" = leave the board's).
	AgentConfig string
	// NoInstall refuses to install the agent on a board that lacks it.
	NoInstall bool
	// Source is recorded in version.json (e.g. the plan's Source).
	Source string
	// Prune lets the update delete files of the board's current version
	// that the plan's allow/ignore rules left out (Plan.Filtered); without
	// it such an update is refused before anything is written.
	Prune bool
}

// Phase names a step of a run, for progress displays.
type Phase string

const (
	PhasePreflight Phase = "preflight"
	PhaseInstall   Phase = "install" // installing or upgrading the agent
	PhaseDelta     Phase = "delta"
	PhaseUpload    Phase = "upload" // one Event per chunk
	PhaseVerified  Phase = "verified"
	PhaseArm       Phase = "arm"
	PhaseReset     Phase = "reset"
	PhaseOutcome   Phase = "outcome"
	// PhaseTrial carries one line of the app's own output (Msg, raw: the
	// renderer makes it terminal-safe) while the host watches the trial.
	PhaseTrial Phase = "trial"
	// PhaseVerdict: the agent announced a transaction event (Msg names it:
	// "trial", "committed", "rollback", "rolled_back", ...).
	PhaseVerdict Phase = "verdict"
)

// Event is one progress report. Counters are cumulative for the run.
type Event struct {
	Phase      Phase
	Path       string // file being sent (PhaseUpload, PhaseVerified)
	FileBytes  int64  // bytes of Path sent so far
	FileSize   int64
	FilesDone  int // files verified on the board so far
	FilesTotal int // files to send
	BytesDone  int64
	BytesTotal int64
	Msg        string
	Time       time.Time
}

// Version is an app version as version.json records it.
type Version struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
}

// Result says exactly what happened on the board.
type Result struct {
	Port         string  `json:"port"`
	Serial       string  `json:"serial,omitempty"`
	Agent        string  `json:"agent,omitempty"`           // agent version after the run
	AgentInstall bool    `json:"agent_installed,omitempty"` // otapush installed or upgraded it
	Before       Version `json:"before"`
	After        Version `json:"after"`
	// Target is the version the run pushes: the plan's, or with NoSource
	// the one armed on the board (empty for Abort, or when unknown).
	Target       Version `json:"target"`
	Outcome      Outcome `json:"outcome"`
	Why          string  `json:"why,omitempty"` // rollback reason
	Armed        bool    `json:"armed"`         // commit point 1 was reached
	FilesSent    int     `json:"files_sent"`
	FilesSkipped int     `json:"files_skipped"` // already on the board
	FilesResumed int     `json:"files_resumed"` // already verified in the stage
	FilesDeleted int     `json:"files_deleted"`
	// Deletes are the files the board deletes at the swap: those of its
	// current version the new one drops, and the manifest's delete list.
	Deletes      []string      `json:"deletes,omitempty"`
	FileBytes    int64         `json:"file_bytes"` // payload bytes sent
	WireBytesOut int64         `json:"wire_bytes_out"`
	WireBytesIn  int64         `json:"wire_bytes_in"`
	RoundTrips   int64         `json:"round_trips"`
	Execs        int64         `json:"execs"`
	Duration     time.Duration `json:"duration_ns"`
	Error        string        `json:"error,omitempty"`
	// AppRunning: after the run the board was handed back to its app
	// (Relaunch), so it runs the version it reports.
	AppRunning bool `json:"app_running"`
	// Output is a bounded tail of the app's output seen during the trial
	// (at most OutputTailLines lines).
	Output []string `json:"output,omitempty"`
	// TrialTime is the time from the reset to the board's verdict.
	TrialTime time.Duration `json:"trial_ns,omitempty"`
	// Notes are things the user should know that are not errors (the
	// board's own boot.py kept running beside the agent).
	Notes []string `json:"notes,omitempty"`
}

// OutputTailLines bounds Result.Output.
const OutputTailLines = 40

// PreflightError is a refusal before anything was written to the board.
type PreflightError struct {
	Reason string
	Err    error // the board's typed error when there is one (agent.ErrBusy, ErrFull, ErrFAT, ...)
}

func (e *PreflightError) Error() string { return "preflight: " + e.Reason }
func (e *PreflightError) Unwrap() error { return e.Err }

// validate refuses a plan the board must never see, before any I/O: the
// same rules `otapush plan` applies (manifest.Plan.Validate), checked again
// here because a Plan can come from anywhere.
func validate(p *manifest.Plan) error {
	return p.Validate()
}

type run struct {
	p     *manifest.Plan
	store manifest.BlobStore
	c     *rawrepl.Conn
	b     *agent.Client
	o     Options
	emit  func(Event)
	res   Result
	ev    Event
	nonce string // the transaction's, in its arm spec and events
}

// Run updates the board on c to plan p, reading file bytes from store,
// and reports progress to emit (nil: none). It returns the Result in every
// case; err is nil for Committed, OnTrial, Armed, UpToDate and Aborted,
// and for RolledBack it is a *RolledBackError. The connection stays open
// (it may have been re-established after a reset); the caller closes it.
func Run(ctx context.Context, p *manifest.Plan, store manifest.BlobStore, c *rawrepl.Conn, o Options, emit func(Event)) (Result, error) {
	if p == nil {
		p = &manifest.Plan{}
	}
	if o.NoSource && !o.Resume && !o.Abort {
		err := errors.New("update: no plan to push (NoSource without Resume or Abort)")
		return Result{Outcome: Failed, Error: err.Error()}, err
	}
	if o.NoSource {
		p = &manifest.Plan{}
	}
	if !o.Abort && !o.NoSource {
		// Before any I/O: a hostile path must never reach the board.
		if err := validate(p); err != nil {
			return Result{Outcome: Failed, Error: err.Error()}, err
		}
	}
	start := time.Now()
	st0 := c.Stats()
	r := &run{p: p, store: store, c: c, o: o, emit: emit, nonce: agent.NewNonce()}
	r.b = agent.New(c, agent.Options{Chunk: o.Chunk, WBits: o.WBits, NoCompress: o.NoCompress})
	r.res.Port = c.Port().Path
	r.res.Serial = c.Port().SerialNumber
	if !o.Abort {
		r.res.Target = Version{p.Version, p.Commit}
	}
	err := r.run(ctx)
	st := c.Stats().Sub(st0)
	r.res.WireBytesOut, r.res.WireBytesIn = st.BytesOut, st.BytesIn
	r.res.RoundTrips, r.res.Execs = st.RoundTrips, st.Execs
	r.res.Duration = time.Since(start)
	if c.Port().Path != "" {
		r.res.Port = c.Port().Path
	}
	if err != nil {
		if r.res.Outcome == "" || r.res.Outcome == Armed {
			r.res.Outcome = Failed
			if ctx.Err() != nil {
				r.res.Outcome = Interrupted
			}
		}
		r.res.Error = err.Error()
	}
	return r.res, err
}

// Relaunch hands the board back to its app after Run: every session
// interrupts main.py to take the raw REPL (and reads a trial boot's outcome
// the same way), so without this the board would sit at its prompt until
// it is next powered on. A trial boot the host cut short is given back
// (the app gets all its trial boots), then a soft reset from the friendly
// REPL runs boot.py and main.py as at power-on, and the connection is
// closed. An armed swap, an interrupted run or a transaction in any other
// state is left for the board's next real boot. It sets res.AppRunning.
func Relaunch(ctx context.Context, c *rawrepl.Conn, res *Result) error {
	if res.AppRunning {
		return nil // the watch left the app running: nothing to hand back
	}
	if ctx.Err() != nil || res.Outcome == Armed || res.Outcome == Interrupted {
		return nil
	}
	st, err := agent.New(c, agent.Options{}).Relaunch(ctx)
	var be *rawrepl.BoardError
	switch {
	case errors.Is(err, agent.ErrNoAgent) || errors.As(err, &be):
		// No agent, or one too old to ask (a failed preflight may leave
		// one): at worst a trial boot is counted, as by a power cycle.
	case err != nil:
		return err
	case st != agent.StateIdle && st != agent.StateTrial:
		return nil
	}
	if err := c.RunApp(ctx); err != nil {
		return fmt.Errorf("restarting the app: %w", err)
	}
	res.AppRunning = true
	return nil
}

// PruneError refuses an update that would delete files of the board's
// current version which the plan's allow/ignore rules left out: a filter
// that is too narrow (a typo) must not delete half an app. Nothing was
// written to the board.
type PruneError struct {
	Paths []string // the board's files the filters left out, sorted
}

func (e *PruneError) Error() string {
	const show = 10
	list := strings.Join(e.Paths, ", ")
	if len(e.Paths) > show {
		list = strings.Join(e.Paths[:show], ", ") + fmt.Sprintf(", ... (%d in all)", len(e.Paths))
	}
	return fmt.Sprintf("refused: the board's current version has %s that this update leaves out (--allow/--ignore, or skipped by the local source's ignore rules), and the swap would delete them: %s. Widen the filters or the ignore rules to keep them, or pass --prune to delete them", nFiles(len(e.Paths)), list)
}

// ResumeError refuses a --resume that does not fit what the board holds:
// a source naming another version than the armed one, or no source and
// nothing armed. Nothing was written to the board.
type ResumeError struct {
	State agent.State // the board's transaction state
	Armed Version     // the version armed on the board (State apply)
	Given Version     // the source's version; empty without a source
	// Unknown: the board's agent does not say which version is armed.
	Unknown bool
}

func (e *ResumeError) Error() string {
	v := func(v Version) string {
		s := v.Version
		if s == "" {
			s = "(no version)"
		}
		if v.Commit != "" {
			c := v.Commit
			if len(c) > 12 {
				c = c[:12]
			}
			s += " (commit " + c + ")"
		}
		return s
	}
	switch {
	case e.State != agent.StateApply:
		return fmt.Sprintf("refused: --resume without a source applies an update armed on the board, and this board has none (its transaction state is %s); nothing was changed. Give the source of the version to push (--source DIR or --repo OWNER/NAME), or run `otapush status` to see what the board holds", e.State)
	case e.Unknown:
		return "refused: the board's agent does not say which version is armed, so --resume needs the source of that version (--source or --repo); or `otapush update --abort` drops the armed update. Nothing was changed"
	}
	return fmt.Sprintf("refused: the board has %s armed (staged, waiting for a reset to swap), but the source names %s; nothing was changed. `otapush update --resume` without a source applies %s; to push %s instead, run `otapush update --abort`, then update again", v(e.Armed), v(e.Given), v(e.Armed), v(e.Given))
}

// RolledBackError is the error of a run whose new version the board
// reverted.
type RolledBackError struct{ Why string }

func (e *RolledBackError) Error() string {
	return "the board rolled the update back: " + e.Why
}

func (r *run) send(e Event) {
	if r.emit == nil {
		return
	}
	e.FilesDone, e.FilesTotal = r.ev.FilesDone, r.ev.FilesTotal
	e.BytesDone, e.BytesTotal = r.ev.BytesDone, r.ev.BytesTotal
	e.Time = time.Now()
	r.emit(e)
}

// run takes one board through the phases of an update: survey (installing
// or upgrading the agent on the way), the state checks, the delta against
// what the board has, the space check, upload, arm, then reset and watch
// the trial (reset.go).
func (r *run) run(ctx context.Context) error {
	r.send(Event{Phase: PhasePreflight})
	sv, err := r.survey(ctx)
	if err != nil {
		return err
	}
	s := sv.Status
	r.res.Agent = s.Agent
	r.res.Before = Version{s.App.Version, s.App.Commit}
	r.res.After = r.res.Before
	if r.o.Abort {
		return r.abort(ctx)
	}
	if r.o.NoSource {
		// Only the armed update can be applied; nothing is written (no
		// upgrade, no deletions) before ready() takes the resume path.
		if s.State != agent.StateApply {
			return &ResumeError{State: s.State}
		}
		if s.To == nil {
			return &ResumeError{State: s.State, Unknown: true}
		}
		r.p.Version, r.p.Commit = s.To.Version, s.To.Commit
		r.res.Target = Version{s.To.Version, s.To.Commit}
	}
	if s.State == agent.StateIdle && !r.runsPlan(sv) {
		// Before the agent upgrade: a refusal here writes nothing. A
		// board that already runs the plan swaps nothing (and a no-op
		// stays one round trip).
		if err := r.deletions(ctx); err != nil {
			return err
		}
	}
	if sv, err = r.upgrade(ctx, sv); err != nil {
		return err
	}
	if sv.Status.Agent != "" {
		r.res.Agent = sv.Status.Agent // upgraded: a verdict event alone does not say
	}
	r.b.Afford(sv.Status.Mem)
	if sv.Status.State == agent.StateTrial {
		if sv, err = r.awaitTrial(ctx, sv.Status); err != nil {
			return err
		}
		if sv, err = r.upgrade(ctx, sv); err != nil {
			return err
		}
	}
	if sv, err = r.syncConfig(ctx, sv); err != nil {
		return err
	}
	resume, err := r.ready(sv.Status)
	if err != nil {
		return err
	}
	if resume {
		if to := sv.Status.To; to != nil && (to.Version != r.p.Version || to.Commit != r.p.Commit) {
			// Applying it would install a version the user did not name
			// and then judge the verdict against the one they did.
			return &ResumeError{State: sv.Status.State, Armed: Version{to.Version, to.Commit}, Given: Version{r.p.Version, r.p.Commit}}
		}
		r.res.Armed = true
		// The armed transaction is an earlier run's: its nonce and policy.
		r.nonce = txnNonce(sv.Status)
		if sv.Status.Policy != "" {
			r.o.Confirm = sv.Status.Policy
		}
		return r.reset(ctx)
	}

	todo := r.delta(sv)
	if r.upToDate(sv.Status, todo) && !r.o.Force {
		r.res.Outcome = UpToDate
		r.send(Event{Phase: PhaseOutcome, Msg: "up to date"})
		return nil
	}
	if err := r.reserve(sv, todo); err != nil {
		return err
	}
	r.send(Event{Phase: PhaseDelta, Msg: fmt.Sprintf("%d to send, %d unchanged, %d already staged", len(todo), r.res.FilesSkipped, r.res.FilesResumed)})

	if err := r.stage(ctx, todo); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // not armed: the old version stays
	}
	if err := r.arm(ctx); err != nil {
		return err
	}
	return r.reset(ctx)
}

// survey asks the agent what the board has, installing the agent first
// when there is none (unless this run only aborts). Agent errors come back
// as *PreflightError.
func (r *run) survey(ctx context.Context) (agent.Survey, error) {
	paths := r.paths()
	sv, err := r.b.Survey(ctx, paths)
	if rawrepl.IsException(err, "KeyboardInterrupt") {
		// The Ctrl-C that took the raw REPL from a booting board can land
		// in the first exec; nothing ran, ask again.
		sv, err = r.b.Survey(ctx, paths)
	}
	if errors.Is(err, agent.ErrNoAgent) && r.o.Abort && sv.Status.Agent != "" {
		// An agent older than survey(): the abort needs only its status.
		err = nil
	}
	if errors.Is(err, agent.ErrNoAgent) && !r.o.Abort {
		if sv.Status.Agent != "" && sv.Status.State != agent.StateIdle {
			return sv, &PreflightError{Reason: "the board's agent is busy and too old to drive; finish or abort its transaction with the otapush that started it", Err: err}
		}
		if err := r.install(ctx); err != nil {
			return sv, err
		}
		if sv.Status.Agent == "" {
			r.noteAppBoot(ctx)
		}
		sv, err = r.b.Survey(ctx, paths)
	}
	if err != nil {
		return sv, classifyPreflight(err)
	}
	return sv, nil
}

// runsPlan reports whether the survey shows the board running the plan
// already, so that the run will end up to date without a swap (delta and
// upToDate decide the same, later).
func (r *run) runsPlan(sv agent.Survey) bool {
	s := sv.Status
	if r.o.Force || s.App.Version != r.p.Version || s.App.Commit != r.p.Commit {
		return false
	}
	for _, f := range r.p.Files {
		if h := sv.Live[f.Path]; h == nil || h.SHA256 != f.SHA256 {
			return false
		}
	}
	return true
}

// deletions works out what the swap will delete (Result.Deletes) and
// refuses, with a *PruneError, to delete what the plan's filters left out
// unless Options.Prune. The agent deletes the files its version.json lists
// that the new version lacks, plus the delete list (firmware/ota_agent.py
// arm()); the host reads the same record.
func (r *run) deletions(ctx context.Context) error {
	old, err := r.b.Installed(ctx)
	if err != nil {
		return classifyPreflight(err)
	}
	keep := make(map[string]bool, len(r.p.Files))
	for _, f := range r.p.Files {
		keep[f.Path] = true
	}
	gone := map[string]bool{}
	for _, p := range old {
		if !keep[p] {
			gone[p] = true
		}
	}
	for _, p := range r.p.Deletes {
		if !keep[p] {
			gone[p] = true
		}
	}
	r.res.Deletes = r.res.Deletes[:0]
	for p := range gone {
		r.res.Deletes = append(r.res.Deletes, p)
	}
	sort.Strings(r.res.Deletes)
	var filtered []string
	for p := range gone {
		if r.p.LeftOut(p) {
			filtered = append(filtered, p)
		}
	}
	if len(filtered) > 0 && !r.o.Prune {
		sort.Strings(filtered)
		return &PruneError{Paths: filtered}
	}
	if n := len(r.res.Deletes); n > 0 {
		const show = 10
		list := r.res.Deletes
		more := ""
		if n > show {
			list, more = list[:show], fmt.Sprintf(", ... (%d in all)", n)
		}
		r.send(Event{Phase: PhaseDelta, Msg: fmt.Sprintf("the swap deletes %s this version drops: %s%s", nFiles(n), strings.Join(list, ", "), more)})
	}
	return nil
}

// upgrade replaces an idle agent older than this otapush's and surveys
// again; a busy one keeps its transaction.
func (r *run) upgrade(ctx context.Context, sv agent.Survey) (agent.Survey, error) {
	if !agent.NeedsInstall(sv.Status.Agent) || sv.Status.State != agent.StateIdle {
		return sv, nil
	}
	if err := r.install(ctx); err != nil {
		return sv, err
	}
	sv, err := r.b.Survey(ctx, r.paths())
	if err != nil {
		return sv, classifyPreflight(err)
	}
	// The report names the agent the board runs now: a watch that sees
	// the verdict on the console reads no status that would correct it.
	r.res.Agent = sv.Status.Agent
	return sv, nil
}

// paths are the plan's files, for the survey.
func (r *run) paths() []string {
	paths := make([]string, len(r.p.Files))
	for i, f := range r.p.Files {
		paths[i] = f.Path
	}
	return paths
}

// abort drops whatever transaction the board has.
func (r *run) abort(ctx context.Context) error {
	st, err := r.b.Abort(ctx)
	if err != nil {
		return err
	}
	if st != agent.StateIdle {
		return fmt.Errorf("abort left the board in state %s", st)
	}
	r.res.Outcome = Aborted
	return nil
}

// ready checks that the board can take a new version: an idle agent on a
// filesystem with atomic rename. resume is true when --resume found an
// armed update to apply instead.
func (r *run) ready(s agent.Status) (resume bool, err error) {
	switch s.State {
	case agent.StateIdle:
	case agent.StateApply:
		if !r.o.Resume {
			what := "an update"
			if s.To != nil && s.To.Version != "" {
				what = "version " + s.To.Version
			}
			return false, &PreflightError{Reason: what + " is armed on the board but not applied yet: `otapush update --resume` (no source needed) applies it, `otapush update --abort` drops it", Err: agent.ErrBusy}
		}
		return true, nil
	case agent.StateTrial:
		// awaitTrial ran first; still on trial means it could not wait.
		return false, &PreflightError{Reason: "a version is on trial: wait for its verdict (otapush update waits for it unless --no-wait), or `otapush rollback`", Err: agent.ErrBusy}
	default:
		return false, &PreflightError{Reason: fmt.Sprintf("the board's transaction is in state %q: `otapush update --abort` cleans it up", s.State), Err: agent.ErrBusy}
	}
	if !s.Atomic {
		return false, &PreflightError{Reason: fmt.Sprintf("filesystem %s has no atomic rename; otapush refuses the atomic mode there (see docs/agent.md, FAT mode)", s.FS), Err: agent.ErrFAT}
	}
	return false, nil
}

// delta is what must be sent: live matches are skipped (unless --force),
// verified stage copies resumed.
func (r *run) delta(sv agent.Survey) []manifest.File {
	var todo []manifest.File
	for _, f := range r.p.Files {
		if h := sv.Live[f.Path]; h != nil && h.SHA256 == f.SHA256 && !r.o.Force {
			r.res.FilesSkipped++
			continue
		}
		if h := sv.Staged[f.Path]; h != nil && h.SHA256 == f.SHA256 {
			r.res.FilesResumed++
			continue
		}
		todo = append(todo, f)
	}
	return todo
}

// upToDate reports whether the board already runs the plan: nothing to
// send or resume, and the same version and commit. Deletions need no check
// of their own: the agent derives them from version.json, which matches
// when the version and every file's hash do.
func (r *run) upToDate(s agent.Status, todo []manifest.File) bool {
	return len(todo) == 0 && r.res.FilesResumed == 0 && s.App.Version == r.p.Version && s.App.Commit == r.p.Commit
}

// reserve sets the transfer's totals and refuses a board without room for
// todo (its blocks, the transaction's folders and a margin). What an
// interrupted run left in the stage is credited: its verified files are
// not in todo, the stage folder exists already, and a half-written file's
// blocks are freed by the agent before it writes again (Survey.Parts).
func (r *run) reserve(sv agent.Survey, todo []manifest.File) error {
	s := sv.Status
	var need, credit int64
	for _, f := range todo {
		r.ev.BytesTotal += f.Size
		need += blocks(f.Size, s.BSize)
	}
	if len(todo) > 0 {
		need += folderBlocks(r.p.Files, sv.Live, r.o.KeepPrevious)
		for _, n := range sv.Parts {
			credit += blocks(n, s.BSize)
		}
		if s.Staged > 0 {
			credit += 2 // the stage folder's metadata pair is paid for
		}
	}
	r.ev.FilesTotal = len(todo)
	margin := r.o.MarginBlocks
	if margin <= 0 {
		margin = 4
	}
	free := s.BFree + credit
	if s.BSize > 0 && need+margin > free {
		return &PreflightError{Reason: spaceReason(s, need+margin, free, r.res.FilesResumed, r.o.KeepPrevious), Err: agent.ErrFull}
	}
	return nil
}

// spaceReason says how much is missing and what frees it.
func spaceReason(s agent.Status, need, free int64, resumed int, keep bool) string {
	kib := func(n int64) string { return fmt.Sprintf("%d KiB", (n*s.BSize+1023)/1024) }
	msg := fmt.Sprintf("not enough space on the board: this update needs %s (%d blocks of %d bytes, with a safety margin), the board has %s free, %s short",
		kib(need), need, s.BSize, kib(free), kib(need-free))
	if resumed > 0 {
		msg += fmt.Sprintf(" (the %s already staged counted)", nFiles(resumed))
	}
	var ways []string
	if s.Staged > 0 {
		ways = append(ways, "`otapush update --abort` drops the update staged on the board (an interrupted or other version's files; its space is free again, and this update sends its files again)")
	} else {
		ways = append(ways, "`otapush update --abort` drops an update staged on the board, if an earlier run left one")
	}
	if keep {
		ways = append(ways, "without --keep-previous (keep_previous) the replaced version is not kept")
	}
	ways = append(ways, "delete files the board does not need (`otapush exec`), or leave files out of the bundle (--ignore)")
	return msg + ". To make room: " + strings.Join(ways, "; ")
}

// stage uploads todo. A refusal (full, hash, path) drops the stage so the
// board is left exactly as it was; a lost link keeps it for resume.
func (r *run) stage(ctx context.Context, todo []manifest.File) error {
	err := r.upload(ctx, todo)
	if err != nil && ctx.Err() == nil && !isLinkError(err) {
		err = r.dropStage(ctx, err)
	}
	return err
}

// arm hands the board the new version's spec. A refusal (a folder on the
// board where the version has a file, a staged file gone, a bad hook)
// drops the stage, as for an upload refusal.
func (r *run) arm(ctx context.Context) error {
	r.send(Event{Phase: PhaseArm})
	ar, err := r.b.Arm(ctx, r.spec())
	if err != nil {
		if errors.Is(err, agent.ErrPath) || errors.Is(err, agent.ErrMissing) || errors.Is(err, agent.ErrHook) {
			err = r.dropStage(ctx, err)
		}
		return err
	}
	r.res.Armed = true
	r.res.FilesDeleted = ar.Dels
	return nil
}

// dropStage aborts the transaction after err, even when ctx has ended.
func (r *run) dropStage(ctx context.Context, err error) error {
	if _, aerr := r.b.Abort(context.WithoutCancel(ctx)); aerr != nil {
		return fmt.Errorf("%w (cleaning up the stage failed too: %v)", err, aerr)
	}
	return err
}

// folderBlocks is what the transaction's folders cost on littlefs, a
// metadata pair (2 blocks) each: the stage and the backup (and the kept
// previous version), and every folder of the new version in which the
// board has none of the plan's files yet. That may count a folder the
// board already has (holding only run-time files): an over-count only
// asks for a little more room, an under-count rolls the swap back for
// want of space.
func folderBlocks(files []manifest.File, live agent.Hashes, keep bool) int64 {
	n := int64(2)
	if keep {
		n++
	}
	has := map[string]bool{}
	for _, f := range files {
		if live[f.Path] != nil {
			for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
				has[d] = true
			}
		}
	}
	for _, f := range files {
		for d := path.Dir(f.Path); d != "." && !has[d]; d = path.Dir(d) {
			has[d] = true
			n++
		}
	}
	return 2 * n
}

func blocks(size, bsize int64) int64 {
	if bsize <= 0 {
		return 0
	}
	return (size + bsize - 1) / bsize
}

func (r *run) install(ctx context.Context) error {
	if r.o.NoInstall {
		return &PreflightError{Reason: "the board has no otapush agent (install refused by --no-install)", Err: agent.ErrNoAgent}
	}
	r.send(Event{Phase: PhaseInstall, Msg: "installing agent " + agent.Version})
	// The agent travels deflated: 8 KiB on the wire is about 24 KiB of it,
	// and what one exec holds in the board's RAM.
	chunk := r.o.Chunk
	if chunk <= 0 || chunk > 8192 {
		chunk = 8192
	}
	if err := r.b.InstallAgent(ctx, chunk, r.o.AgentConfig); err != nil {
		return err
	}
	r.res.AgentInstall = true
	return nil
}

func classifyPreflight(err error) error {
	var be *agent.Error
	if errors.As(err, &be) {
		return &PreflightError{Reason: be.Error(), Err: err}
	}
	return err
}

func isLinkError(err error) bool {
	return errors.Is(err, rawrepl.ErrDisconnected) || errors.Is(err, rawrepl.ErrTimeout) ||
		errors.Is(err, rawrepl.ErrClosed) || errors.Is(err, rawrepl.ErrPortUnavailable) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// upload stages todo through the agent client's one upload path. A file
// the board hashed differently (a corrupted transfer) is sent again, on its
// own, up to Retries times; once that happened the rest go one by one
// too, so a bad file always fails alone. The stage only ever holds
// verified copies.
func (r *run) upload(ctx context.Context, todo []manifest.File) error {
	retries := r.o.Retries
	if retries <= 0 {
		retries = 2
	}
	files := make([]agent.File, len(todo))
	byPath := make(map[string]manifest.File, len(todo))
	for i, f := range todo {
		files[i] = agent.File{Path: f.Path, Size: f.Size, SHA256: f.SHA256, BlobSHA1: f.BlobSHA1}
		byPath[f.Path] = f
	}
	open := func(f agent.File) (io.ReadCloser, error) { return r.store.Open(ctx, byPath[f.Path]) }
	base := r.ev.BytesDone // bytes of the files verified so far
	progress := func(p agent.Progress) {
		f := p.File
		if !p.Verified {
			r.ev.BytesDone = base + p.Sent
			r.send(Event{Phase: PhaseUpload, Path: f.Path, FileBytes: p.Sent, FileSize: f.Size})
			return
		}
		base += f.Size
		r.ev.BytesDone = base
		r.res.FilesSent++
		r.ev.FilesDone++
		r.send(Event{Phase: PhaseVerified, Path: f.Path, FileBytes: f.Size, FileSize: f.Size})
	}
	alone, tries := false, 0
	for len(files) > 0 {
		if tries > 0 && r.o.Backoff > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(r.o.Backoff):
			}
		}
		r.ev.BytesDone = base
		next := files
		if alone {
			next = files[:1]
		}
		n, st, err := r.b.Upload(ctx, next, open, progress)
		r.res.FileBytes += st.Payload
		files = files[n:]
		if n > 0 {
			tries = 0
		}
		if err == nil {
			continue
		}
		if !errors.Is(err, agent.ErrHash) || tries == retries {
			return err
		}
		alone = true
		tries++
	}
	return nil
}

// hookTimeout is the board's deadline for each of the plan's hooks: the
// bundle's, else the settings', else the agent's default.
func (r *run) hookTimeout() time.Duration {
	switch {
	case r.p.Hooks.TimeoutSec > 0:
		return time.Duration(r.p.Hooks.TimeoutSec) * time.Second
	case r.o.HookTimeout > 0:
		return r.o.HookTimeout
	}
	return agent.DefaultHookTimeout
}

func (r *run) spec() agent.ArmSpec {
	s := agent.ArmSpec{
		Version: r.p.Version, Commit: r.p.Commit, Source: r.o.Source,
		Files:      make(map[string]string, len(r.p.Files)),
		Delete:     append([]string(nil), r.p.Deletes...),
		PostUpdate: r.p.Hooks.PostUpdate, Rollback: r.p.Hooks.Rollback,
		Confirm: r.o.Confirm, TrialBoots: r.o.TrialBoots,
		KeepPrevious: r.o.KeepPrevious, Nonce: r.nonce,
		ConfirmAfterS: r.o.Uptime.Seconds(),
	}
	switch {
	case r.o.Deadline > 0:
		s.DeadlineS = r.o.Deadline.Seconds()
	case r.o.Deadline < 0:
		s.DeadlineS = -1
	}
	if r.p.Hooks.PostUpdate != "" || r.p.Hooks.Rollback != "" {
		s.HookS = r.hookTimeout().Seconds()
	}
	if s.Source == "" {
		s.Source = r.p.BoardSource()
	}
	for _, f := range r.p.Files {
		s.Files[f.Path] = f.SHA256
	}
	sort.Strings(s.Delete)
	return s
}

// nFiles is "1 file" or "N files".
func nFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
