package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

// runFleet is `otapush update`, whatever the number of boards: one plan,
// built and verified once, pushed through internal/fleet (a single board
// is a fleet of one), one display, one report, one exit code rule.
func runFleet(cmd *cobra.Command, o *updateOptions) error {
	ctx := cmd.Context()
	// Boards first: a typo in a port list should not cost a download.
	targets, err := fleetTargets(ctx, o)
	if err != nil {
		return o.fleetFailed(nil, err)
	}
	if o.Canary > len(targets) {
		return o.fleetFailed(nil, usageErrorf("--canary %d: the run has %d boards; the canaries are the first boards of the run, so give at most %d", o.Canary, len(targets), len(targets)))
	}
	// Each board is held for the whole run; one that another otapush is
	// using fails alone, like a board that is not there.
	for i := range targets {
		if targets[i].Err != nil {
			continue
		}
		unlock, err := lockPort(targets[i].Port, "update")
		if err != nil {
			targets[i].Err = err
			continue
		}
		defer unlock()
	}

	p, cfg, bs, err := o.plan(cmd)
	if err != nil {
		return o.fleetFailed(nil, err)
	}
	uo := updateOpts(cmd, o, cfg, p)
	if err := checkCanaryReset(o, uo); err != nil {
		return o.fleetFailed(p, err)
	}
	g := *o.GlobalOptions
	g.Debug = g.Debug || cfg.Debug
	several := len(targets) > 1
	var traceMu sync.Mutex
	fo := fleet.Options{
		Jobs:        o.Jobs,
		Canary:      o.Canary,
		MaxFailures: o.MaxFail,
		Update:      uo,
		Restart:     !o.NoRestart,
		Dial: func(ctx context.Context, port ports.Port) (*rawrepl.Conn, error) {
			gb := g
			if g.Debug && several {
				// Several boards trace at once: name the board on each line.
				ios := *g.IO
				ios.ErrOut = &prefixWriter{w: g.IO.ErrOut, mu: &traceMu, prefix: port.Path + ": "}
				gb.IO = &ios
			}
			return o.port.open(ctx, &gb, port, rawrepl.Options{})
		},
	}

	view := newFleetView(o.IO, o.JSON, targets)
	rep := fleet.Run(ctx, p, bs, targets, fo, view.event)
	view.close()
	if o.Abort {
		rep.Plan = fleet.PlanSummary{}
	}

	code := fleetExit(ctx, rep)
	if o.JSON {
		rep.ExitCode = code
		if err := writeJSON(o.IO.Out, rep); err != nil {
			return err
		}
	} else {
		printFleet(o.IO.Out, rep)
	}
	switch {
	case code == ExitOK:
		return nil
	case code == ExitInterrupted:
		return context.Canceled
	case o.JSON:
		// Each board's error is in the report already.
		return &silentError{code: code}
	}
	return WithExit(code, fleetError(rep))
}

// fleetError is the one-line reason for a failed run's exit code. A
// single board's own error says it best; several boards are counted
// (each board's error is on its result line already).
func fleetError(rep fleet.Report) error {
	if len(rep.Boards) == 1 {
		b := rep.Boards[0]
		switch {
		case b.Err != nil:
			return b.Err
		case b.Error != "":
			return errors.New(b.Error)
		}
		return fmt.Errorf("%s: %s", b.Port, b.Outcome)
	}
	s := rep.Summary
	msg := fmt.Sprintf("%d of %d boards failed", s.Failed, s.Boards)
	if rep.Outcome == fleet.Halted {
		msg += fmt.Sprintf("; the rollout stopped (%s): %d not started", rep.StopReason, s.NotStarted)
	}
	return errors.New(msg)
}

// checkCanaryReset: a canary passes only by committing, which needs the
// board to boot the new version while otapush watches (a hard reset).
// With soft or none it could never pass and the rollout would stop at the
// first board: say so before any board is touched.
func checkCanaryReset(o *updateOptions, uo update.Options) error {
	if o.Canary == 0 || uo.ResetMode == "" || uo.ResetMode == update.ResetHard {
		return nil
	}
	return usageErrorf("--canary needs --reset-mode hard (got %s): a canary passes only by committing, and only a hard reset boots the new version while otapush watches", uo.ResetMode)
}

// fleetFailed ends a run that failed before any board was touched (usage,
// discovery, source). With --json the report still comes out, so a CI
// step that parses stdout always finds a document.
func (o *updateOptions) fleetFailed(p *manifest.Plan, err error) error {
	if !o.JSON || errors.Is(err, context.Canceled) {
		return err
	}
	if jerr := writeJSON(o.IO.Out, failedReport(o, p, err)); jerr != nil {
		return jerr
	}
	return &silentError{code: exitCodeFor(err)}
}

// failedReport is the report of a run no board took part in.
func failedReport(o *updateOptions, p *manifest.Plan, err error) fleet.Report {
	return fleet.Report{Version: fleet.SchemaVersion, Outcome: fleet.NoneStarted, Plan: fleet.Summarize(p), Canary: o.Canary, MaxFailures: o.MaxFail,
		Boards: []fleet.BoardReport{}, Error: err.Error(), ExitCode: exitCodeFor(err)}
}

// fleetTargets turns --port values (or --all) into boards. A port that
// cannot be resolved (id:SERIAL of an unplugged board) becomes a target
// that fails alone; naming one board twice is a usage error, since two
// connections to one board would fight over its raw REPL.
func fleetTargets(ctx context.Context, o *updateOptions) ([]fleet.Target, error) {
	var targets []fleet.Target
	if o.All {
		list, err := o.port.Lister().List(ctx)
		if err != nil {
			return nil, WithExit(ExitBoard, err)
		}
		for _, p := range list {
			if p.MicroPython {
				targets = append(targets, fleet.Target{Spec: p.Path, Port: p})
			}
		}
		if len(targets) == 0 {
			return nil, WithExit(ExitBoard, errors.New("--all: no MicroPython board found; 'otapush devices' lists what is connected"))
		}
		return targets, nil
	}
	seen := map[string]string{}
	specs := o.port.Specs
	if len(specs) == 0 {
		specs = []string{"auto"}
	}
	for _, spec := range specs {
		spec = strings.TrimSpace(spec)
		switch {
		case spec == "":
			return nil, usageErrorf("an empty --port value in the list %q", strings.Join(o.port.Specs, ","))
		case strings.EqualFold(spec, "auto") && len(specs) > 1:
			return nil, usageErrorf("--port auto picks a single board; with several boards name each port, or use --all")
		}
		p, err := o.port.resolve(ctx, spec)
		if err != nil {
			if errors.Is(err, context.Canceled) || exitCodeFor(err) == ExitUsage {
				return nil, err
			}
			targets = append(targets, fleet.Target{Spec: spec, Err: err})
			continue
		}
		key := sameBoardKey(p)
		if prev, ok := seen[key]; ok {
			return nil, usageErrorf("--port %s and --port %s are the same board; name each board once", prev, spec)
		}
		seen[key] = spec
		targets = append(targets, fleet.Target{Spec: spec, Port: p})
	}
	return targets, nil
}

// sameBoardKey identifies the device behind a port: a by-id link and the
// tty it points at are one board.
func sameBoardKey(p ports.Port) string {
	path := p.Path
	if p.Device != "" {
		path = p.Device
	}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		path = r
	}
	return path
}

// fleetExit is the documented exit code of an update, one board or many:
// 0 when every board succeeded, 6 when some failed and some succeeded
// (a stopped rollout with a board that succeeded included), 130 when it
// was interrupted; when every board that ran failed, the class they
// share (5 board, 4 verification, 7 rolled back, 8 no verdict), or 5 when
// they differ. A single board thus exits with its own class.
func fleetExit(ctx context.Context, rep fleet.Report) int {
	switch rep.Outcome {
	case fleet.AllOK:
		return ExitOK
	case fleet.Stopped:
		return ExitInterrupted
	case fleet.Partial:
		return ExitPartial
	case fleet.Halted:
		if rep.Summary.Succeeded > 0 {
			return ExitPartial
		}
	}
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	code := 0
	for _, b := range rep.Boards {
		if b.Outcome == fleet.NotStarted {
			continue
		}
		c := boardExit(b)
		if code != 0 && c != code {
			return ExitBoard
		}
		code = c
	}
	if code == 0 {
		return ExitBoard
	}
	return code
}

// boardExit is the class of one board's end: what a run on that board
// alone exits with.
func boardExit(b fleet.BoardReport) int {
	switch {
	case b.Outcome == fleet.NoVerdict:
		return ExitNoVerdict
	case b.Err != nil:
		return updateExit(b.Err)
	case b.OK():
		return ExitOK
	}
	return ExitBoard
}

// printFleet writes the result: one line per board (a rollback's reason
// indented under it), then, with several boards, a summary.
func printFleet(w io.Writer, rep fleet.Report) {
	for _, b := range rep.Boards {
		fmt.Fprintln(w, termsafe.String(boardLine(b)))
		if strings.Contains(strings.TrimSpace(b.Why), "\n") {
			// A traceback: its lines as the board printed them.
			fmt.Fprintln(w, "    reason:")
			for _, l := range strings.Split(strings.TrimRight(b.Why, "\r\n"), "\n") {
				fmt.Fprintln(w, "      "+termsafe.String(strings.TrimRight(l, "\r")))
			}
		}
		for _, n := range b.Notes {
			fmt.Fprintln(w, "    note: "+termsafe.String(n))
		}
		if b.RestartError != "" {
			fmt.Fprintln(w, "    warning: "+termsafe.String(restartWarning(b.RestartErr, b.RestartError)))
		}
	}
	if len(rep.Boards) < 2 {
		return
	}
	s := rep.Summary
	parts := []string{fmt.Sprintf("%d committed", s.Committed)}
	if n := s.Succeeded - s.Committed - s.Unchanged; n > 0 {
		parts = append(parts, fmt.Sprintf("%d other success (trial, armed, aborted)", n))
	}
	parts = append(parts, fmt.Sprintf("%d unchanged", s.Unchanged), fmt.Sprintf("%d failed", s.Failed))
	var why []string
	if s.RolledBack > 0 {
		why = append(why, fmt.Sprintf("%d rolled back", s.RolledBack))
	}
	if s.NoVerdict > 0 {
		why = append(why, fmt.Sprintf("%d no verdict", s.NoVerdict))
	}
	if len(why) > 0 {
		parts[len(parts)-1] += " (" + strings.Join(why, ", ") + ")"
	}
	if s.Interrupted > 0 {
		parts = append(parts, fmt.Sprintf("%d interrupted", s.Interrupted))
	}
	if s.NotStarted > 0 {
		parts = append(parts, fmt.Sprintf("%d not started", s.NotStarted))
	}
	fmt.Fprintf(w, "%d boards: %s (%s, %d at a time)\n", s.Boards, strings.Join(parts, ", "),
		(time.Duration(rep.DurationMS) * time.Millisecond).Round(time.Millisecond), rep.Jobs)
	if rep.Outcome == fleet.Halted {
		fmt.Fprintf(w, "rollout stopped: %s; %s not started, left untouched\n", termsafe.String(rep.StopReason), count(s.NotStarted, "board"))
	}
}

// boardLine is a board's result: its name, the outcome, and the version
// it ran -> the version this run pushed (the target; with --resume, the
// one armed on it), never the board's version twice.
func boardLine(b fleet.BoardReport) string {
	name := shortLabel(b.Port, b.Serial)
	switch {
	case name == "":
		name = "(unnamed port)"
	case name == b.Port && b.Serial != "":
		name += " (" + b.Serial + ")"
	}
	dur := (time.Duration(b.DurationMS) * time.Millisecond).Round(time.Millisecond)
	stats := fmt.Sprintf("sent %d, unchanged %d, resumed %d, deleted %d; %s of files, %s on the wire, %d round trips, %s",
		b.FilesSent, b.FilesSkipped, b.FilesResumed, b.FilesDeleted, humanSize(b.FileBytes), humanSize(b.WireBytesOut), b.RoundTrips, dur)
	if b.TrialMS > 0 {
		stats += fmt.Sprintf(", verdict %s after the reset", (time.Duration(b.TrialMS) * time.Millisecond).Round(time.Millisecond))
	}
	from, to := orNone(b.Before.Version), orNone(b.Target.Version)
	switch b.Outcome {
	case fleet.Unchanged:
		return fmt.Sprintf("%s: unchanged, already on %s", name, orNone(b.After.Version))
	case fleet.Committed:
		return fmt.Sprintf("%s: committed  %s -> %s  (%s)", name, from, orNone(b.After.Version), stats)
	case fleet.OnTrial:
		return fmt.Sprintf("%s: installed, on trial (it confirms per its policy)  %s -> %s  (%s)", name, from, orNone(b.After.Version), stats)
	case fleet.Armed:
		return fmt.Sprintf("%s: armed (the swap runs at the next boot)  %s -> %s  (%s)", name, from, to, stats)
	case fleet.Aborted:
		if b.Before.Version == "" {
			return fmt.Sprintf("%s: transaction aborted; the board keeps its files (it has no app version yet)", name)
		}
		return fmt.Sprintf("%s: transaction aborted; the board stays on %s", name, from)
	case fleet.RolledBack:
		why := ""
		if w := strings.TrimSpace(b.Why); w != "" && !strings.Contains(w, "\n") {
			why = " (" + w + ")"
		}
		// After a rollback the board runs the old version again; "old ->
		// old" would hide which version failed.
		return fmt.Sprintf("%s: ROLLED BACK%s: %s failed, the board runs %s  (%s)", name, why, to, orNone(b.After.Version), stats)
	case fleet.NoVerdict:
		return fmt.Sprintf("%s: NO VERDICT: %s neither committed nor rolled back before the deadline; the board was left as it is and decides on its own  (%s)", name, to, stats)
	case fleet.NotStarted:
		return fmt.Sprintf("%s: %s; the board was not opened", name, b.Error)
	}
	unread := b.StoppedAt == string(fleet.PhaseQueued) || b.StoppedAt == string(fleet.PhaseConnect)
	versions := ""
	switch {
	case b.Target.Version == "":
		// --abort, or --resume before the board said what is armed.
	case unread:
		versions = " (pushing " + to + ")"
	default:
		versions = " (" + from + " -> " + to + ")"
	}
	var where string
	switch {
	case b.Armed:
		where = "armed: it swaps to " + to + " at its next boot"
	case unread:
		where = "the board was not changed"
	case b.Before.Version != "":
		where = "the board stays on " + b.Before.Version
	default:
		where = "the board keeps its files (it has no app version yet)"
	}
	what := "FAILED"
	if b.Outcome == fleet.Interrupted {
		what = "interrupted"
	}
	return fmt.Sprintf("%s: %s at %s%s: %s; %s", name, what, b.StoppedAt, versions, b.Error, where)
}

// prefixWriter starts every line with prefix; the wire trace writes whole
// lines, and mu keeps the boards' lines from interleaving.
type prefixWriter struct {
	w      io.Writer
	mu     *sync.Mutex
	prefix string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	lines := strings.SplitAfter(string(b), "\n")
	var out strings.Builder
	for _, l := range lines {
		if l != "" {
			out.WriteString(p.prefix + l)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := io.WriteString(p.w, out.String()); err != nil {
		return 0, err
	}
	return len(b), nil
}

// restartWarning says why the board was not handed back to its app: a
// board that is gone (unplugged, its port vanished) is not "at its
// prompt", and boots its app by itself when it is powered again.
func restartWarning(err error, msg string) string {
	if errors.Is(err, rawrepl.ErrDisconnected) || errors.Is(err, rawrepl.ErrClosed) || errors.Is(err, rawrepl.ErrPortUnavailable) {
		return "the board is gone (unplugged, or its port vanished) before its app was restarted: " + msg + "; it boots its app when it is powered again"
	}
	return "the board stays at its prompt: " + msg + "; 'otapush reset' restarts its app"
}
