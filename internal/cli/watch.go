package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
	"github.com/otapush/otapush/internal/watch"
)

// appPrefix sets the app's own output apart from otapush's lines, as
// the update's progress does with "|".
const appPrefix = "app | "

// checkWatch refuses what --watch cannot do, before a board or the
// source is touched: the loop follows one board's app, and pushes a
// folder as it is on disk.
func (o *updateOptions) checkWatch(cmd *cobra.Command) error {
	changed := cmd.Flags().Changed
	if !o.Watch {
		if changed("debounce") {
			return usageErrorf("--debounce is how long --watch waits for the files to settle; add --watch, or drop --debounce")
		}
		return nil
	}
	switch {
	case o.Debounce < 0:
		return badFlag("debounce", "must be 0 or more, got %v", o.Debounce)
	case o.Resume || o.Abort:
		return usageErrorf("--watch pushes the source at every change; --resume and --abort act on an interrupted transaction once: run them without --watch")
	case o.All || len(o.port.Specs) > 1:
		return usageErrorf("--watch pushes to one board and shows what its app prints: give one --port (or auto); to update several boards, run 'otapush update' without --watch")
	case o.NoRestart:
		return usageErrorf("--watch restarts the app after each push to show what it prints; drop --no-restart")
	}
	return nil
}

// watchRun is one `otapush update --watch` session.
type watchRun struct {
	o      *updateOptions
	cmd    *cobra.Command
	dir    string
	target fleet.Target
	app    *appStream
	// lastOK is the plan the board took whole (committed, or already on
	// it); a change that leaves the plan the same pushes nothing.
	lastOK   *planKey
	lastCode int // the exit code of the last push
}

// planKey is what a push puts on the board.
type planKey struct {
	Version string
	Files   []manifest.File
	Deletes []string
	Hooks   manifest.Hooks
}

func keyOf(p *manifest.Plan) *planKey {
	return &planKey{Version: p.Version, Files: p.Files, Deletes: p.Deletes, Hooks: p.Hooks}
}

// runWatch is `otapush update --watch`: push the local source, then push
// it again whenever its files change, each push the same transaction and
// report as a plain update, and show the app's output in between. Only
// Ctrl-C ends it: exit 130 when that stops a push (the board keeps a whole
// version, as for any interrupted update), else the exit code of the last
// push (0 when the board runs the last edit).
func runWatch(cmd *cobra.Command, o *updateOptions) error {
	ctx := cmd.Context()
	s, err := o.src.setup(cmd, o.GlobalOptions)
	if err != nil {
		return o.watchFailed(nil, classifySourceError(err, ""))
	}
	switch {
	case s.gh != nil:
		return o.watchFailed(nil, usageErrorf("--watch needs a local folder (--source DIR, or the config's source): a GitHub repository changes by commits, not by edits on this machine"))
	case s.opts.Ref != "":
		return o.watchFailed(nil, usageErrorf("--watch pushes the folder as it is on disk; --ref %s plans a commit, which edits do not change: drop --ref", s.opts.Ref))
	}
	reset := s.cfg.ResetMode
	if cmd.Flags().Changed("reset-mode") {
		reset = o.ResetMode
	}
	if reset == update.ResetNone {
		return o.watchFailed(nil, usageErrorf("--watch needs each push to boot: reset mode none leaves it armed until the next boot; use --reset-mode hard or soft"))
	}
	targets, err := fleetTargets(ctx, o)
	if err != nil {
		return o.watchFailed(nil, err)
	}
	if len(targets) != 1 {
		return o.watchFailed(nil, usageErrorf("--watch pushes to one board; %d were found", len(targets)))
	}
	t := targets[0]
	if t.Err != nil {
		return o.watchFailed(nil, t.Err)
	}
	// The board is ours for the whole session, idle times included: a
	// second otapush would interleave its bytes with the next push's.
	unlock, err := lockPort(t.Port, "update --watch")
	if err != nil {
		return o.watchFailed(nil, err)
	}
	defer unlock()
	tree, err := watch.New(s.opts.Dir, watch.Options{Quiet: o.Debounce, SkipDir: func(rel string) bool {
		// git's own files change under every git command (the source
		// may run some); what is committed is not what is pushed.
		return rel == ".git"
	}})
	if err != nil {
		return o.watchFailed(nil, WithExit(ExitSource, fmt.Errorf("watching %s: %w", s.opts.Dir, err)))
	}
	w := &watchRun{o: o, cmd: cmd, dir: s.opts.Dir, target: t, app: &appStream{w: o.IO.Out}}
	if o.JSON {
		// stdout is the push reports, one JSON document a line.
		w.app.w = o.IO.ErrOut
	}
	fmt.Fprintf(o.IO.ErrOut, "otapush: watching %s: it is pushed to %s now and again after every change; the app's output follows %q (Ctrl-C stops)\n",
		termsafe.String(w.dir), termsafe.String(t.Port.Path), strings.TrimSpace(appPrefix))
	for first := true; ; first = false {
		rep, stopped := w.push()
		if stopped {
			return context.Canceled
		}
		if first && unreachable(rep) {
			// A typo in --port, a board not plugged in: say so now
			// rather than watch for edits no board will get.
			fmt.Fprintln(o.IO.ErrOut, "otapush: not watching: the board could not be opened")
			return &silentError{code: w.lastCode}
		}
		if rep != nil && w.lastCode != ExitOK && !o.JSON {
			fmt.Fprintf(o.IO.ErrOut, "otapush: push failed (exit %d); still watching: the next change pushes again\n", w.lastCode)
		}
		w.idle(ctx, tree)
		if ctx.Err() != nil {
			return w.end()
		}
		fmt.Fprintf(o.IO.ErrOut, "otapush: files changed under %s: pushing\n", termsafe.String(w.dir))
	}
}

// end is the session's result after Ctrl-C between pushes: the last
// push's exit code, so a script knows what the board was left on.
func (w *watchRun) end() error {
	if w.lastCode == ExitOK {
		fmt.Fprintln(w.o.IO.ErrOut, "otapush: stopped watching; the board runs the last version pushed")
		return nil
	}
	fmt.Fprintf(w.o.IO.ErrOut, "otapush: stopped watching; the last push failed (exit %d, see its report above)\n", w.lastCode)
	return &silentError{code: w.lastCode}
}

// push builds the plan from the folder again and runs it through the
// same path as a plain update: one transaction, one report (nil when
// nothing was pushed). It reports true when Ctrl-C stopped a push that
// had reached the board.
func (w *watchRun) push() (*fleet.Report, bool) {
	o, ctx := w.o, w.cmd.Context()
	p, cfg, bs, err := o.plan(w.cmd)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false
		}
		w.lastCode = exitCodeFor(err)
		if o.JSON {
			w.report(failedReport(o, nil, err))
		} else {
			fmt.Fprintf(o.IO.ErrOut, "otapush: not pushed: %s; still watching: the next change pushes again\n", termsafe.Text(err.Error()))
		}
		return nil, false
	}
	if w.lastOK != nil && reflect.DeepEqual(*w.lastOK, *keyOf(p)) {
		fmt.Fprintln(o.IO.ErrOut, "otapush: nothing to push: the change leaves the plan as the board already has it (a file the source leaves out)")
		return nil, false
	}
	uo := updateOpts(w.cmd, o, cfg, p)
	g := *o.GlobalOptions
	g.Debug = g.Debug || cfg.Debug
	fo := fleet.Options{
		Update:  uo,
		Restart: true,
		Dial: func(ctx context.Context, port ports.Port) (*rawrepl.Conn, error) {
			return o.port.open(ctx, &g, port, rawrepl.Options{})
		},
	}
	// Plain progress lines, never the live bars: the app's lines share
	// the terminal and would be drawn over.
	ios := *o.IO
	ios.SetStderrTTY(false)
	targets := []fleet.Target{w.target}
	view := newFleetView(&ios, o.JSON, targets)
	r := fleet.Run(ctx, p, bs, targets, fo, func(e fleet.Event) {
		if e.Phase == update.PhaseTrial {
			w.app.line(e.Msg)
			return
		}
		view.event(e)
	})
	view.close()
	code := fleetExit(ctx, r)
	w.lastCode = code
	if o.JSON {
		r.ExitCode = code
		w.report(r)
	} else {
		printFleet(o.IO.Out, r)
	}
	w.lastOK = nil
	if b := r.Boards[0]; b.Outcome == fleet.Committed || b.Outcome == fleet.Unchanged {
		w.lastOK = keyOf(p)
	}
	if code == ExitInterrupted {
		return &r, true
	}
	return &r, false
}

// unreachable: the push never got hold of the board.
func unreachable(rep *fleet.Report) bool {
	if rep == nil || len(rep.Boards) != 1 {
		return false
	}
	b := rep.Boards[0]
	return b.Outcome == fleet.Failed && (b.StoppedAt == string(fleet.PhaseConnect) || b.StoppedAt == string(fleet.PhaseQueued))
}

// report writes one push's document as one line (JSON lines).
func (w *watchRun) report(rep fleet.Report) {
	if err := json.NewEncoder(w.o.IO.Out).Encode(rep); err != nil {
		fmt.Fprintf(w.o.IO.ErrOut, "otapush: writing the report: %v\n", err)
	}
}

// idle shows the app's output until the files change (nil) or ctx ends.
func (w *watchRun) idle(ctx context.Context, tree *watch.Tree) {
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	changed := make(chan struct{})
	go func() {
		defer close(changed)
		if tree.Next(sctx) == nil {
			stop() // ends the stream: the board is needed for the push
		}
	}()
	w.follow(sctx)
	<-changed
}

// follow streams what the app prints, sending the board nothing (the
// next push interrupts the app as any update does), until ctx ends.
func (w *watchRun) follow(ctx context.Context) {
	o := w.o
	defer w.app.flush()
	conn, err := rawrepl.Attach(w.target.Port, o.port.connOptions(o.GlobalOptions, rawrepl.Options{}))
	if err != nil {
		fmt.Fprintf(o.IO.ErrOut, "otapush: not showing the app's output: %s; still watching\n", termsafe.Text(boardErr(missingPort(w.target.Port, err)).Error()))
		return
	}
	defer conn.Close()
	var text boardText
	err = conn.Follow(ctx, func(ev rawrepl.FollowEvent) bool {
		switch ev.Kind {
		case rawrepl.FollowOutput:
			w.app.text(text.next(ev.Data))
		case rawrepl.FollowGone:
			w.app.text(text.flush())
			w.app.flush()
			fmt.Fprintln(o.IO.ErrOut, "otapush: board reset; waiting for it… (still watching)")
		case rawrepl.FollowBack:
			fmt.Fprintf(o.IO.ErrOut, "otapush: reattached on %s\n", termsafe.String(ev.Port.Path))
		}
		return false
	})
	w.app.text(text.flush())
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(o.IO.ErrOut, "otapush: the app's output stopped: %s; still watching\n", termsafe.Text(err.Error()))
	}
}

// watchFailed ends a session that could not start; with --json as one
// line, like each push's report.
func (o *updateOptions) watchFailed(p *manifest.Plan, err error) error {
	if !o.JSON || errors.Is(err, context.Canceled) {
		return err
	}
	rep := failedReport(o, p, err)
	if jerr := json.NewEncoder(o.IO.Out).Encode(rep); jerr != nil {
		return jerr
	}
	return &silentError{code: rep.ExitCode}
}

// appStream writes the app's output a line at a time, each line set
// apart by appPrefix and made safe for a terminal.
type appStream struct {
	mu      sync.Mutex
	w       io.Writer
	partial string
}

// line writes one whole line the app printed.
func (a *appStream) line(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.flushLocked()
	fmt.Fprintln(a.w, appPrefix+termsafe.String(strings.TrimRight(s, "\r\n")))
}

// text writes output as it came (\n line ends); a line not ended yet is
// held until its end or flush.
func (a *appStream) text(s string) {
	if s == "" {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	lines := strings.Split(a.partial+s, "\n")
	a.partial = lines[len(lines)-1]
	var b strings.Builder
	for _, l := range lines[:len(lines)-1] {
		b.WriteString(appPrefix + termsafe.String(l) + "\n")
	}
	_, _ = io.WriteString(a.w, b.String())
}

func (a *appStream) flush() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.flushLocked()
}

func (a *appStream) flushLocked() {
	if a.partial != "" {
		fmt.Fprintln(a.w, appPrefix+termsafe.String(a.partial))
		a.partial = ""
	}
}

// watchDebounce is --debounce's default.
const watchDebounce = watch.DefaultQuiet
