package update

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
)

// Slack the watcher gives the board beyond the policy's own times before it
// looks for itself (a status read): a boot, a busy machine. Never a wait on
// its own: each is a bound on silence, cut short by what the board does.
const (
	// checkSlack is added to the window of a trial boot (uptime N, or the
	// board's deadline) before the host reads the status.
	checkSlack = 5 * time.Second
	// missGrace: the board came back, or the app printed, before this
	// transaction's trial event: the event is taken as missed (printed
	// while the port was away) if it does not follow within this.
	missGrace = 2 * time.Second
	// bootSlack is what DefaultVerdictTimeout gives each trial boot beyond
	// its window: reset, re-enumeration, recovery, the app's own boot.py.
	bootSlack = 20 * time.Second
)

// DefaultVerdictTimeout is how long the host watches a trial for its verdict
// when Options.VerdictTimeout is 0: every trial boot's window (uptime N for
// uptime and host, the board's deadline for return and app) plus
// bootSlack, for boots trial boots: long enough for a version that keeps
// failing to be rolled back by the board.
func DefaultVerdictTimeout(p agent.Policy, boots int, uptime, deadline time.Duration) time.Duration {
	if boots <= 0 {
		boots = agent.DefaultTrialBoots
	}
	return time.Duration(boots) * (window(p, uptime, deadline) + bootSlack)
}

// window is how long one trial boot runs before the board decides.
func window(p agent.Policy, uptime, deadline time.Duration) time.Duration {
	if uptime <= 0 {
		uptime = agent.DefaultUptime
	}
	if deadline == 0 {
		deadline = agent.DefaultDeadline
	}
	switch p {
	case agent.PolicyUptime, "":
		return uptime
	case agent.PolicyHost:
		if deadline > 0 {
			return min(uptime, deadline)
		}
		return uptime
	}
	if deadline < 0 {
		return agent.DefaultDeadline
	}
	return deadline
}

// watcher follows one transaction's trial to its verdict.
type watcher struct {
	r      *run
	nonce  string
	policy agent.Policy
	uptime time.Duration // host policy: how long the trial must run healthy
	win    time.Duration // one trial boot's window
	sc     agent.Scanner

	trialSeen bool      // this attachment saw the trial event
	trialAt   time.Time // when
	checked   int       // status reads so far
	checkAt   time.Time // next status read unless the board speaks first
	confirmAt time.Time // host policy: when to confirm
	backAt    time.Time // rolled back: read the status once the board is back
	goneAt    time.Time // the port went away and is not back yet
	closed    bool      // the port is closed (gone, or a cut-off Follow)
	rolled    *agent.Event
	failure   *agent.Event
	want      string // the version on trial, for an agent without nonces
	fin       bool   // the verdict is in (committed seen)
	acting    bool   // in act: the app may be interrupted
	// nudge: the board is back without this boot's trial event, so ask
	// it for a prompt (rawrepl.Nudge): one that finished its program
	// while the port was away (its events lost with it) shows it at once.
	nudge bool

	// hooks is what the plan's hooks may take at most (their deadlines):
	// a status read takes the raw REPL with Ctrl-C, which ends a hook
	// still running (a failure), so the host never looks while one may.
	hooks time.Duration
}

// errTick ends one Follow at the watcher's next time point.
var errTick = errors.New("watch tick")

// verdict watches the trial of transaction nonce after the board was
// reset (or handed back) until the board's verdict or the deadline. It
// sets the Result (Outcome, After, Why, Output, TrialTime) and returns a
// *RolledBackError for a rollback, nil for a commit or no verdict (the
// Outcome says which; the caller maps NoVerdict), else the failure.
func (r *run) verdict(ctx context.Context, nonce string, pol agent.Policy) error {
	return r.watch(ctx, nonce, pol, r.p.Version)
}

// watch is verdict for the trial of version want (which an agent without
// nonces names in its outcome).
func (r *run) watch(ctx context.Context, nonce string, pol agent.Policy, want string) error {
	start := time.Now()
	defer func() { r.res.TrialTime = time.Since(start) }()
	d := r.o.VerdictTimeout
	if d <= 0 {
		d = DefaultVerdictTimeout(pol, r.o.TrialBoots, r.o.Uptime, r.o.Deadline) + r.hookTime()
	}
	vctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	w := &watcher{r: r, nonce: nonce, policy: pol, uptime: r.o.Uptime, sc: agent.Scanner{Nonce: nonce}, want: want}
	if w.uptime <= 0 {
		w.uptime = agent.DefaultUptime
	}
	w.win = window(pol, r.o.Uptime, r.o.Deadline)
	w.hooks = r.hookTime()
	w.checkAt = time.Now().Add(w.win + checkSlack + bootSlack + w.hooks)
	err := w.run(vctx)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		// The deadline: no verdict. The board goes on deciding alone; the
		// app is left running as it is.
		r.res.Outcome = NoVerdict
		// Unless it came in the middle of a status read, the app was
		// never interrupted: it runs (the cut Follow closed only the port).
		r.res.AppRunning = !w.acting
		r.send(Event{Phase: PhaseOutcome, Msg: string(NoVerdict)})
		return &NoVerdictError{Timeout: d}
	}
	return err
}

// NoVerdictError: the trial was watched until the deadline and the board
// reported neither commit nor rollback. The board is left as it is and
// still decides on its own (Outcome NoVerdict).
type NoVerdictError struct{ Timeout time.Duration }

func (e *NoVerdictError) Error() string {
	return fmt.Sprintf("no verdict from the board within %v: it neither committed nor rolled back the version on trial; it was left as it is and still decides on its own (`otapush status` shows it; raise --verdict-timeout to wait longer)", e.Timeout.Round(time.Second))
}

// txnNonce is the nonce of the board's transaction, "-" for one armed
// without (the agent prints that in its events).
func txnNonce(s agent.Status) string {
	if s.Nonce == "" {
		return "-"
	}
	return s.Nonce
}

// awaitTrial: the board runs a version still on trial (an earlier update,
// perhaps by another host). It is handed back to that trial and watched to
// its verdict, bounded by the same deadline; then the update goes on from a
// fresh survey. A rollback of that version is the board's business, not
// this update's failure.
func (r *run) awaitTrial(ctx context.Context, s agent.Status) (agent.Survey, error) {
	r.send(Event{Phase: PhasePreflight, Msg: fmt.Sprintf("version %s is on trial: watching it to its verdict first", orNone(s.App.Version))})
	if r.o.NoWait {
		return agent.Survey{}, &PreflightError{Reason: "a version is on trial: wait for its verdict (without --no-wait otapush update waits for it), or `otapush rollback`", Err: agent.ErrBusy}
	}
	sub := &run{p: &manifest.Plan{Version: s.App.Version, Commit: s.App.Commit}, c: r.c, b: r.b, o: r.o, emit: r.emit}
	pol := s.Policy
	if pol == "" {
		pol = agent.PolicyUptime
	}
	sub.o.Confirm = pol
	// The trial runs by its own arm spec's times, not this update's.
	if s.After > 0 {
		sub.o.Uptime = secs(s.After)
	}
	switch {
	case s.Deadline > 0:
		sub.o.Deadline = secs(s.Deadline)
	case s.Agent != "" && !agent.NeedsInstall(s.Agent):
		sub.o.Deadline = -1 // none
	}
	if _, err := r.b.Relaunch(ctx); err != nil {
		return agent.Survey{}, err
	}
	if err := r.c.RunApp(ctx); err != nil {
		return agent.Survey{}, fmt.Errorf("handing the board back to its trial: %w", err)
	}
	err := sub.watch(ctx, txnNonce(s), pol, s.App.Version)
	var rb *RolledBackError
	var nv *NoVerdictError
	switch {
	case errors.As(err, &nv):
		r.res.Outcome = NoVerdict
		r.res.Output = sub.res.Output
		return agent.Survey{}, err
	case errors.As(err, &rb):
		r.send(Event{Phase: PhasePreflight, Msg: "the version on trial was rolled back: " + rb.Why})
	case err != nil:
		return agent.Survey{}, err
	}
	sv, err := r.b.Survey(ctx, r.paths())
	if err != nil {
		return sv, classifyPreflight(err)
	}
	r.res.Before = Version{sv.Status.App.Version, sv.Status.App.Commit}
	r.res.After = r.res.Before
	return sv, nil
}

func (w *watcher) run(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		next := w.next()
		fctx, cancel := context.WithDeadlineCause(ctx, next, errTick)
		var done bool
		var herr error
		err := w.r.c.Follow(fctx, func(ev rawrepl.FollowEvent) bool {
			done, herr = w.handle(ev)
			// An earlier time point than this Follow's deadline starts a
			// new one.
			return done || herr != nil || w.nudge || w.due() || w.next().Before(next)
		})
		tick := err != nil && context.Cause(fctx) == errTick && ctx.Err() == nil
		cancel()
		if herr != nil {
			return herr
		}
		if done {
			return nil
		}
		if err != nil && !tick {
			return err
		}
		if w.nudge && !tick {
			w.nudge = false
			// A port that fails here went away again: the next Follow
			// finds the board and says so.
			if err := w.r.c.Nudge(ctx); err != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			if !w.due() {
				continue
			}
		}
		w.nudge = false
		if tick {
			w.closed = true // a cancelled Follow closes the port
		}
		if !w.due() {
			// A new time point: follow on until it. After a tick, the
			// point that Follow was bounded by has moved later or gone
			// (the board came back before it was looked for): looking now
			// would interrupt a trial the policy says to leave alone.
			continue
		}
		if fin, err := w.act(ctx); fin || err != nil {
			return err
		}
	}
}

// next is the earliest time point the watcher acts on by itself.
func (w *watcher) next() time.Time {
	t := w.checkAt
	lost := time.Time{}
	if !w.goneAt.IsZero() {
		// A board away this long is looked for the way a reconnect does
		// (bounded by the connection's ReconnectTimeout): lost, or back
		// without the port showing up where Follow looks.
		lost = w.goneAt.Add(bootSlack)
	}
	for _, u := range []time.Time{w.confirmAt, w.backAt, lost} {
		if !u.IsZero() && u.Before(t) {
			t = u
		}
	}
	return t
}

func (w *watcher) due() bool { return !time.Now().Before(w.next()) }

// handle takes one Follow event; done ends the watch with the Result set.
func (w *watcher) handle(ev rawrepl.FollowEvent) (done bool, err error) {
	switch ev.Kind {
	case rawrepl.FollowGone:
		w.closed, w.goneAt = true, time.Now()
		w.lines(w.sc.Flush())
		w.trialSeen = false // the next boot announces itself again
		return false, nil
	case rawrepl.FollowBack:
		w.closed, w.goneAt = false, time.Time{}
		if w.rolled != nil {
			w.backAt = time.Now() // back after the rollback's reset: look now
		} else {
			w.missed()
			w.nudge = !w.trialSeen && w.checked == 0
		}
		return false, nil
	}
	err = w.lines(w.sc.Feed(ev.Data))
	if err == nil && !w.fin && w.sc.AtPrompt() {
		w.idle()
	}
	return w.fin, err
}

// idle: the board waits at its friendly prompt, so main.py has ended.
// Under return and uptime that is the verdict (the agent confirms a
// main.py that returns, and a failed trial resets the board instead), and
// if its event did not come (printed while the port was away, which native
// USB always loses when the app ends before the host reopens the port) the
// host looks now rather than after missGrace or the uptime. The look
// interrupts nothing: no program runs. App and host policies decide later
// (the app's confirm, the deadline; the host's confirm) whatever main.py
// did.
func (w *watcher) idle() {
	if w.checked > 0 || w.rolled != nil || w.failure != nil {
		return
	}
	if w.policy == agent.PolicyReturn || w.policy == agent.PolicyUptime {
		w.checkAt = time.Now()
	}
}

func (w *watcher) lines(ls []agent.Line) error {
	for _, l := range ls {
		if l.Event == nil {
			w.r.output(l.Text)
			if w.rolled != nil && strings.HasPrefix(l.Text, "MicroPython ") {
				// Rebooted on the same link (a UART bridge keeps the
				// port): its banner says it is back.
				w.backAt = time.Now()
			}
			if appLine(l.Text) {
				w.missed()
			}
			continue
		}
		e := *l.Event
		w.r.send(Event{Phase: PhaseVerdict, Msg: string(e.Kind)})
		switch e.Kind {
		case agent.EventTrial:
			w.trialSeen, w.trialAt = true, time.Now()
			if e.Policy != "" {
				w.policy = e.Policy
			}
			// The board's own times rule this trial.
			if e.After > 0 {
				w.uptime = secs(e.After)
			}
			dl := time.Duration(-1)
			if e.Deadline > 0 {
				dl = secs(e.Deadline)
			}
			w.win = window(w.policy, w.uptime, dl)
			w.checkAt = time.Now().Add(w.win + checkSlack)
			if w.policy == agent.PolicyHost {
				w.confirmAt = time.Now().Add(w.uptime)
			}
		case agent.EventCommitted:
			w.r.res.Outcome = Committed
			w.r.res.After = Version{Version: e.Version}
			if e.Version == w.r.p.Version {
				w.r.res.After.Commit = w.r.p.Commit
			}
			// The app goes on running, the host never interrupted it.
			w.r.res.AppRunning = true
			w.r.send(Event{Phase: PhaseOutcome, Msg: string(Committed)})
			w.fin = true
			return nil
		case agent.EventRollback:
			w.failure = &e
			w.confirmAt = time.Time{}
		case agent.EventRolledBack, agent.EventAborted:
			w.rolled = &e
			w.confirmAt = time.Time{}
			// The board resets into the old version next; once it is
			// back, the status read confirms it. A board that reboots on
			// the same link shows its banner instead of going away.
			w.checkAt = time.Now().Add(checkSlack + bootSlack)
		case agent.EventSafe:
			return fmt.Errorf("the board's agent stopped in state safe: %s (the board needs `otapush update --abort`)", e.Why)
		case agent.EventDeadline:
			w.trialSeen = false
		case agent.EventHook:
			// The board ends it by this deadline itself.
			if t := time.Now().Add(secs(e.Deadline) + checkSlack); t.After(w.checkAt) {
				w.checkAt = t
			}
		}
	}
	return nil
}

// missed: the board is back after a reset, or the app prints, and this
// boot's trial event has not come: it may have been printed while the port
// was away (native USB drops it). Unless it follows soon, the host looks
// (once: after that it is attached from the start of every boot).
//
// Under uptime and host the trial goes on for N after it started, and the
// board is watched from now on: the committed event will be seen, so the
// look is put off until N has passed too; host confirms at N as if the
// trial started now.
func (w *watcher) missed() {
	if w.trialSeen || w.checked > 0 || w.rolled != nil {
		return
	}
	wait := missGrace + w.hooks // a hook may still be running at boot
	switch w.policy {
	case agent.PolicyUptime:
		wait += w.uptime
	case agent.PolicyHost:
		wait += w.uptime
		if w.confirmAt.IsZero() {
			w.confirmAt = time.Now().Add(w.uptime)
		}
	}
	if t := time.Now().Add(wait); t.Before(w.checkAt) {
		w.checkAt = t
	}
}

// appLine: a line the app printed, not the agent's log or the REPL's.
func appLine(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && !strings.HasPrefix(s, "OTA:") && !strings.HasPrefix(s, agent.EventPrefix+" ") &&
		!strings.HasPrefix(s, "MicroPython ") && !strings.HasPrefix(s, ">>>")
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// hookTime is the longest the plan's hooks may run on the board: each
// one's deadline (a hook the host interrupts fails).
func (r *run) hookTime() time.Duration {
	var d time.Duration
	for _, h := range []string{r.p.Hooks.PostUpdate, r.p.Hooks.Rollback} {
		if h != "" {
			d += r.hookTimeout()
		}
	}
	return d
}

// act runs at a time point: the host policy's confirm, or a status read
// (the board came back from a rollback, or it stayed silent past its
// window, or its trial event was missed). fin ends the watch.
func (w *watcher) act(ctx context.Context) (fin bool, err error) {
	r := w.r
	now := time.Now()
	w.backAt, w.goneAt = time.Time{}, time.Time{}
	w.acting = true
	defer func() { w.acting = err != nil }()
	if w.closed {
		if err := r.c.Reconnect(ctx); err != nil {
			return false, fmt.Errorf("finding the board during its trial: %w", err)
		}
		w.closed = false
	}
	if !w.confirmAt.IsZero() && !now.Before(w.confirmAt) && w.failure == nil {
		// Host policy: the trial ran healthy for N; confirm it.
		w.confirmAt = time.Time{}
		got, err := r.b.Confirm(ctx)
		if err != nil {
			return false, err
		}
		if got == agent.ResultCommitted {
			return true, w.committed(ctx, r.b)
		}
	}
	w.checked++
	s, err := r.status(ctx)
	if err != nil {
		return false, fmt.Errorf("reading the trial's state: %w", err)
	}
	r.res.After = Version{s.App.Version, s.App.Commit}
	r.res.Agent = s.Agent
	if s.State == agent.StateIdle && s.Last != nil && (s.Last.Nonce == w.nonce || w.nonce == "-" && s.Last.To.Version == w.want) {
		switch s.Last.Result {
		case agent.ResultCommitted:
			r.res.Outcome = Committed
			r.send(Event{Phase: PhaseOutcome, Msg: string(Committed)})
			return true, nil
		case agent.ResultRolledBack, agent.ResultAborted:
			return true, w.rolledBack(s.Last.Why, s.Last.Trace)
		}
	}
	switch s.State {
	case agent.StateSafe:
		why := ""
		if s.Txn != nil {
			why = s.Txn.Why
		}
		return true, fmt.Errorf("the board's agent stopped in state safe: %s (the board needs `otapush update --abort`)", why)
	case agent.StateIdle:
		return true, fmt.Errorf("the board is idle on version %s and has no record of this update's verdict", orNone(s.App.Version))
	}
	// Still on trial (or finishing a recovery at its next boot): hand it
	// back and keep watching, attached from the start this time. The
	// first time a trial boot the host cut short is given back; after
	// that the cut boot counts, so a board whose events never reach the
	// host still comes to its verdict within its trial boots.
	if w.checked == 1 {
		if _, err := r.b.Relaunch(ctx); err != nil {
			return false, err
		}
	}
	if err := r.c.RunApp(ctx); err != nil {
		return false, fmt.Errorf("handing the board back to its trial: %w", err)
	}
	w.closed = true
	w.trialSeen = false
	w.checkAt = time.Now().Add(w.win + checkSlack + bootSlack)
	return false, nil
}

// committed ends a host-policy confirm: the app is handed back.
func (w *watcher) committed(ctx context.Context, b *agent.Client) error {
	r := w.r
	r.res.Outcome = Committed
	r.send(Event{Phase: PhaseOutcome, Msg: string(Committed)})
	if s, err := b.Status(ctx); err == nil {
		r.res.After = Version{s.App.Version, s.App.Commit}
	}
	if err := r.c.RunApp(ctx); err != nil {
		return fmt.Errorf("restarting the app: %w", err)
	}
	r.res.AppRunning = true
	return nil
}

// rolledBack records the board's verdict "rolled back", confirmed by its
// status: the old version whole and booted.
func (w *watcher) rolledBack(why, trace string) error {
	r := w.r
	if w.failure != nil {
		if why == "" {
			why = w.failure.Why
		}
		if trace == "" {
			trace = w.failure.Trace
		}
	}
	if trace != "" && !strings.Contains(why, strings.TrimSpace(trace)) {
		why += "\n" + strings.TrimRight(trace, "\r\n")
	}
	r.res.Outcome, r.res.Why = RolledBack, why
	r.send(Event{Phase: PhaseOutcome, Msg: string(RolledBack)})
	return &RolledBackError{Why: why}
}

// output keeps a line of the app's output in the Result's tail and hands
// it to the caller.
func (r *run) output(line string) {
	r.res.Output = append(r.res.Output, line)
	if n := len(r.res.Output) - OutputTailLines; n > 0 {
		r.res.Output = append(r.res.Output[:0], r.res.Output[n:]...)
	}
	r.send(Event{Phase: PhaseTrial, Msg: line})
}

func orNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}
