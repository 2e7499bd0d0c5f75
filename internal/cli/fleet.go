package cli

import (
	"context"
	"encoding/json"
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
)

// runFleet is `otapush update` with several --port values or --all: one
// plan, built and verified once, pushed to every board in parallel.
func runFleet(cmd *cobra.Command, o *updateOptions) error {
	ctx := cmd.Context()
	if o.All && cmd.Flags().Changed("port") {
		return o.fleetFailed(nil, usageErrorf("--all updates every MicroPython board found; drop --port, or drop --all and list the ports"))
	}
	if o.Jobs < 0 {
		return o.fleetFailed(nil, usageErrorf("--jobs must be 1 or more (0 or unset: the number of boards, at most %d), got %d", fleet.DefaultJobs, o.Jobs))
	}
	l := o.lister
	if l == nil {
		l = ports.System()
	}
	// Boards first: a typo in a port list should not cost a download.
	targets, err := fleetTargets(ctx, o, l)
	if err != nil {
		return o.fleetFailed(nil, err)
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
	g := *o.GlobalOptions
	g.Debug = g.Debug || cfg.Debug
	var traceMu sync.Mutex
	fo := fleet.Options{
		Jobs:    o.Jobs,
		Update:  updateOpts(cmd, o, cfg, p),
		Restart: !o.NoRestart,
		Dial: func(ctx context.Context, port ports.Port) (*rawrepl.Conn, error) {
			gb := g
			if g.Debug {
				// Several boards trace at once: name the board on each line.
				ios := *g.IO
				ios.ErrOut = &prefixWriter{w: g.IO.ErrOut, mu: &traceMu, prefix: port.Path + ": "}
				gb.IO = &ios
			}
			return openBoard(ctx, &gb, port, l)
		},
	}

	view := newFleetView(o.IO, o.JSON, targets)
	rep := fleet.Run(ctx, p, bs, targets, fo, view.event)
	view.close()
	if o.Abort {
		rep.Plan = fleet.PlanSummary{}
	}

	if o.JSON {
		if err := writeJSON(o.IO.Out, rep); err != nil {
			return err
		}
	} else {
		printFleet(o.IO.Out, p, rep)
	}
	code := fleetExit(ctx, rep)
	switch {
	case code == ExitOK:
		return nil
	case code == ExitInterrupted:
		return context.Canceled
	}
	// Each board's error is in the report already; say it once more only
	// as the one-line reason for the exit code.
	if o.JSON {
		return &silentError{code: code}
	}
	return WithExit(code, fmt.Errorf("%d of %d boards failed", rep.Summary.Failed, rep.Summary.Boards))
}

// fleetFailed ends a fleet run that failed before any board was touched
// (usage, discovery, source). With --json the report still comes out, so
// a CI step that parses stdout always finds a document.
func (o *updateOptions) fleetFailed(p *manifest.Plan, err error) error {
	if !o.JSON || errors.Is(err, context.Canceled) {
		return err
	}
	rep := fleet.Report{Version: fleet.SchemaVersion, Outcome: fleet.NoneStarted, Plan: fleet.Summarize(p), Boards: []fleet.BoardReport{}, Error: err.Error()}
	if jerr := writeJSON(o.IO.Out, rep); jerr != nil {
		return jerr
	}
	return &silentError{code: exitCodeFor(err)}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// fleetTargets turns --port values (or --all) into boards. A port that
// cannot be resolved (id:SERIAL of an unplugged board) becomes a target
// that fails alone; naming one board twice is a usage error, since two
// connections to one board would fight over its raw REPL.
func fleetTargets(ctx context.Context, o *updateOptions, l *ports.Lister) ([]fleet.Target, error) {
	var targets []fleet.Target
	if o.All {
		list, err := l.List(ctx)
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
	for _, spec := range o.Ports {
		spec = strings.TrimSpace(spec)
		switch {
		case spec == "":
			return nil, usageErrorf("an empty --port value in the list %q", strings.Join(o.Ports, ","))
		case strings.EqualFold(spec, "auto"):
			return nil, usageErrorf("--port auto picks a single board; with several boards name each port, or use --all")
		}
		p, err := l.Resolve(ctx, spec)
		if err != nil {
			if errors.Is(err, context.Canceled) {
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

// fleetExit is the documented exit code of a fleet run: 0 when every
// board succeeded, 6 when some failed and some succeeded, 130 when it was
// interrupted; when every board failed, the class they share (5 board,
// 4 verification, 7 rolled back), or 5 when they differ. A fleet of one
// board thus exits as a single-board run does.
func fleetExit(ctx context.Context, rep fleet.Report) int {
	switch rep.Outcome {
	case fleet.AllOK:
		return ExitOK
	case fleet.Stopped:
		return ExitInterrupted
	case fleet.Partial:
		return ExitPartial
	}
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	code := 0
	for _, b := range rep.Boards {
		c := ExitBoard
		if b.Err != nil {
			c = updateExit(b.Err)
		}
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

// printFleet writes one line per board and a summary on stdout.
func printFleet(w io.Writer, p *manifest.Plan, rep fleet.Report) {
	for _, b := range rep.Boards {
		fmt.Fprintln(w, termsafe.String(boardLine(p, b)))
	}
	s := rep.Summary
	parts := []string{fmt.Sprintf("%d committed", s.Committed)}
	if n := s.Succeeded - s.Committed - s.Unchanged; n > 0 {
		parts = append(parts, fmt.Sprintf("%d other success (trial, armed, aborted)", n))
	}
	parts = append(parts, fmt.Sprintf("%d unchanged", s.Unchanged), fmt.Sprintf("%d failed", s.Failed))
	if s.RolledBack > 0 {
		parts[len(parts)-1] += fmt.Sprintf(" (%d rolled back)", s.RolledBack)
	}
	if s.Interrupted > 0 {
		parts = append(parts, fmt.Sprintf("%d interrupted", s.Interrupted))
	}
	fmt.Fprintf(w, "%d boards: %s (%s, %d at a time)\n", s.Boards, strings.Join(parts, ", "),
		(time.Duration(rep.DurationMS) * time.Millisecond).Round(time.Millisecond), rep.Jobs)
}

func boardLine(p *manifest.Plan, b fleet.BoardReport) string {
	name := b.Port
	if b.Serial != "" {
		name += " (" + b.Serial + ")"
	}
	dur := (time.Duration(b.DurationMS) * time.Millisecond).Round(time.Millisecond)
	stats := fmt.Sprintf("sent %d, unchanged %d, resumed %d, deleted %d; %s of files, %s on the wire, %s",
		b.FilesSent, b.FilesSkipped, b.FilesResumed, b.FilesDeleted, humanSize(b.FileBytes), humanSize(b.WireBytesOut), dur)
	switch b.Outcome {
	case fleet.Unchanged:
		return fmt.Sprintf("%s: unchanged (%s)", name, orNone(b.After.Version))
	case fleet.Committed, fleet.OnTrial, fleet.Armed:
		return fmt.Sprintf("%s: %s  %s -> %s  (%s)", name, b.Outcome, orNone(b.Before.Version), orNone(b.After.Version), stats)
	case fleet.Aborted:
		return fmt.Sprintf("%s: transaction aborted; the board stays on %s", name, orNone(b.Before.Version))
	case fleet.RolledBack:
		return fmt.Sprintf("%s: ROLLED BACK (%s): %s failed, the board runs %s  (%s)", name, b.Why, p.Version, orNone(b.After.Version), stats)
	}
	where := "; the board stays on its version"
	switch {
	case b.Armed:
		where = "; armed: it swaps to " + p.Version + " at its next boot"
	case b.Before.Version != "":
		where = "; the board stays on " + b.Before.Version
	}
	what := "FAILED"
	if b.Outcome == fleet.Interrupted {
		what = "interrupted"
	}
	return fmt.Sprintf("%s: %s at %s: %s%s", name, what, b.StoppedAt, b.Error, where)
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
