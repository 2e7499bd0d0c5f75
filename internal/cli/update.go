package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
	"github.com/otapush/otapush/internal/verify"
)

type updateOptions struct {
	*GlobalOptions
	src        sourceFlags
	port       portArg // --port, repeatable: more than one is a fleet
	All        bool    // --all: every MicroPython board discovery finds
	Jobs       int     // --jobs: boards updated at once (0: up to fleet.DefaultJobs)
	Force      bool
	ResetMode  string
	Resume     bool
	Abort      bool
	Confirm    string
	JSON       bool
	TrialWait  time.Duration
	NoCompress bool
	NoRestart  bool
	// KeepPrevious: keep the replaced version at commit (for rollback).
	KeepPrevious bool
	// Prune: delete board files the allow/ignore filters leave out.
	Prune bool
}

func newUpdateCmd(g *GlobalOptions) *cobra.Command {
	return updateCommand(&updateOptions{GlobalOptions: g})
}

// updateCommand builds the command around o (tests pass one with a lister).
func updateCommand(o *updateOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update --port P|auto [--port P2 ...|--all] [--repo OWNER/NAME | --source DIR]",
		Short: "Push an app version onto boards: verified, staged, swapped whole, trial-booted",
		Long: `Push an app version onto a board. otapush checks the board first (agent,
transaction state, free space, filesystem) and changes nothing if that fails;
sends only the files whose content differs, verified on the board before they
are staged; arms the swap, resets the board and reports what the board says:
committed, rolled back (exit 7), or still on trial. An interrupted push leaves
the old version booting; the next run resumes, or --abort cleans up.

With several --port values (or a comma-separated list), or --all, the same
plan goes to every board in parallel (--jobs at a time); each blob is
downloaded and verified once. A board that fails fails alone; exit 6 when
some boards failed and others succeeded (see 'otapush help exit-codes' and
docs/ci.md for the --json report).`,
		Example: `  otapush update --port auto --source ./app
  otapush update --port /dev/ttyACM0 --repo me/blinky --json
  otapush update --port auto --source ./app --reset-mode none
  otapush update --port /dev/ttyACM0 --port /dev/ttyACM1 --repo me/blinky
  otapush update --all --jobs 4 --repo me/blinky --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Validate(cmd); err != nil {
				if o.All || len(o.port.Specs) > 1 {
					return o.fleetFailed(nil, err)
				}
				return err
			}
			if o.All || len(o.port.Specs) > 1 {
				return runFleet(cmd, o)
			}
			o.port.Spec = ""
			if len(o.port.Specs) == 1 {
				o.port.Spec = o.port.Specs[0]
			}
			return runUpdate(cmd, o)
		},
	}
	o.src.register(cmd)
	f := cmd.Flags()
	o.port.registerList(cmd)
	f.BoolVar(&o.All, "all", false, "update every MicroPython board found (see 'otapush devices')")
	f.IntVar(&o.Jobs, "jobs", 0, fmt.Sprintf("with several boards: how many to update at once (default: the number of boards, at most %d)", fleet.DefaultJobs))
	f.BoolVar(&o.Force, "force", false, "send and swap every file even when the board is up to date (config: force)")
	f.StringVar(&o.ResetMode, "reset-mode", "", "after arming: hard (reset and read the outcome), soft, or none (swap at the next boot) (config: reset_mode)")
	f.BoolVar(&o.Resume, "resume", false, "apply an update that is armed on the board but was never booted")
	f.BoolVar(&o.Abort, "abort", false, "clean up an interrupted or armed transaction on the board and stop")
	f.StringVar(&o.Confirm, "confirm", "", "trial policy: auto, return, app (ota_agent.confirm() only) or host (otapush confirms once the board is back)")
	f.BoolVar(&o.JSON, "json", false, "print a JSON report on stdout")
	f.DurationVar(&o.TrialWait, "trial-wait", 0, "let the board run this long after the reset before reading the outcome (default 3s)")
	f.BoolVar(&o.NoCompress, "no-compress", false, "send file bytes as plain base64")
	f.BoolVar(&o.NoRestart, "no-restart", false, "leave the board at its REPL afterwards instead of restarting its app (a soft reset that runs boot.py and main.py)")
	f.BoolVar(&o.Prune, "prune", false, "let the swap delete files of the board's current version that --allow/--ignore (or the config's allow/ignore) leave out; without it such an update is refused before anything is written")
	f.BoolVar(&o.KeepPrevious, "keep-previous", false, "keep the replaced version on the board at commit, so `otapush rollback` can return to it after it was confirmed (costs the flash of the replaced files) (config: keep_previous)")
	// After the flags they complete: cobra refuses a completion for a flag
	// it does not know yet.
	registerValueCompletion(cmd, "reset-mode", update.ResetHard, update.ResetSoft, update.ResetNone)
	registerValueCompletion(cmd, "confirm", "auto", "return", "app", "host")
	return cmd
}

// updateReport is the --json document.
type updateReport struct {
	Version  int            `json:"version"`
	Plan     planSummary    `json:"plan"`
	Result   *update.Result `json:"result,omitempty"`
	Outcome  string         `json:"outcome"`
	Error    string         `json:"error,omitempty"`
	ExitCode int            `json:"exit_code"` // what otapush exits with
}

type planSummary struct {
	Source  string `json:"source"`
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Files   int    `json:"files"`
	Bytes   int64  `json:"bytes"`
	// Warnings: see manifest.Plan.Warnings (a bundle without main.py).
	Warnings []string `json:"warnings,omitempty"`
}

// plan is what an update pushes, with the config it was read with: the
// source's plan and blob store, or for --abort only the config (nothing is
// pushed, so no source is read).
func (o *updateOptions) plan(cmd *cobra.Command) (*manifest.Plan, config.Config, manifest.BlobStore, error) {
	if o.Abort {
		c, err := config.Load(o.ConfigPath)
		if err != nil {
			return nil, c, nil, WithExit(ExitUsage, err)
		}
		return &manifest.Plan{}, c, nil, nil
	}
	pl, s, _, err := o.src.resolvePlan(cmd.Context(), cmd, o.GlobalOptions)
	if err != nil {
		return nil, config.Config{}, nil, err
	}
	return pl, s.cfg, s.cache, nil
}

func runUpdate(cmd *cobra.Command, o *updateOptions) error {
	ctx := cmd.Context()
	p, cfg, bs, err := o.plan(cmd)
	if err != nil {
		return err
	}
	uo := updateOpts(cmd, o, cfg, p)
	g := *o.GlobalOptions
	g.Debug = g.Debug || cfg.Debug
	conn, unlock, err := o.port.dial(ctx, &g, "update", o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()

	progress := newProgress(o.IO.ErrOut, o.JSON, o.IO.IsStderrTTY())
	res, err := update.Run(ctx, p, bs, conn, uo, progress.event)
	if !o.NoRestart {
		if rerr := update.Relaunch(ctx, conn, &res); rerr != nil && !o.JSON {
			fmt.Fprintf(o.IO.ErrOut, "otapush: warning: the board stays at its prompt: %s\n", termsafe.Text(rerr.Error()))
		}
	}
	if o.JSON {
		rep := updateReport{Version: jsonVersion, Result: &res, Outcome: string(res.Outcome), Error: res.Error}
		if err != nil {
			rep.ExitCode = updateExit(err)
		}
		if !o.Abort {
			rep.Plan = planSummary{Source: p.Source, Version: p.Version, Commit: p.Commit, Files: len(p.Files), Bytes: p.TotalSize(), Warnings: p.Warnings()}
		}
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(rep); jerr != nil {
			return jerr
		}
	} else {
		printResult(o.IO.Out, p, res)
	}
	if err == nil {
		return nil
	}
	code := updateExit(err)
	if o.JSON && code != ExitInterrupted {
		return &silentError{code: code}
	}
	return WithExit(code, err)
}

// updateOpts merges config and flags (flags win).
func updateOpts(cmd *cobra.Command, o *updateOptions, cfg config.Config, p *manifest.Plan) update.Options {
	changed := cmd.Flags().Changed
	uo := update.Options{
		Force: cfg.Force, ResetMode: cfg.ResetMode, Retries: cfg.Retries,
		Backoff: time.Duration(cfg.BackoffSec) * time.Second,
		Resume:  o.Resume, Abort: o.Abort, Confirm: o.Confirm,
		HostConfirm: o.Confirm == "host", TrialWait: o.TrialWait, NoCompress: o.NoCompress,
		Source: p.Source, Prune: o.Prune,
	}
	// The seed's chunk (512) sized HTTP reads; an exec per 512 bytes would
	// make the raw REPL's per-exec cost dominate, so only an explicit
	// choice sets the transfer chunk.
	if cfg.Set["chunk"] {
		uo.Chunk = cfg.Chunk
	}
	if changed("force") {
		uo.Force = o.Force
	}
	if changed("reset-mode") {
		uo.ResetMode = o.ResetMode
	}
	uo.KeepPrevious = cfg.KeepPrevious
	if changed("keep-previous") {
		uo.KeepPrevious = o.KeepPrevious
	}
	agentCfg := map[string]any{}
	if cfg.StageDir != "" {
		agentCfg["stage_dir"] = cfg.StageDir
	}
	if cfg.BackupDir != "" {
		agentCfg["backup_dir"] = cfg.BackupDir
	}
	if b, err := json.Marshal(agentCfg); err == nil && len(agentCfg) > 0 {
		uo.AgentConfig = string(b)
	}
	return uo
}

// updateExit classes an update error into an exit code.
func updateExit(err error) int {
	var rb *update.RolledBackError
	var pe *manifest.PathError
	var me *verify.MismatchError
	var pre *update.PruneError
	switch {
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &pre):
		return ExitUsage
	case errors.As(err, &rb):
		return ExitRolledBack
	case errors.As(err, &pe), errors.As(err, &me), errors.Is(err, agent.ErrHash), errors.Is(err, agent.ErrPath):
		return ExitVerify
	}
	return ExitBoard
}

func printResult(w io.Writer, p *manifest.Plan, r update.Result) {
	// Versions, the port and the board's reasons are foreign text.
	fmt.Fprintln(w, termsafe.String(resultLine(p, r)))
}

func resultLine(p *manifest.Plan, r update.Result) string {
	var b strings.Builder
	w := &b
	switch r.Outcome {
	case update.UpToDate:
		fmt.Fprintf(w, "%s: up to date (%s)", r.Port, r.After.Version)
		return b.String()
	case update.Aborted:
		fmt.Fprintf(w, "%s: transaction aborted; the board stays on %s", r.Port, orNone(r.Before.Version))
		return b.String()
	}
	// After a rollback the board runs the old version again; showing
	// "old -> old" would hide which version failed.
	to := orNone(r.After.Version)
	if r.Outcome == update.RolledBack {
		to = p.Version + " (rolled back; the board runs " + orNone(r.After.Version) + ")"
	}
	fmt.Fprintf(w, "%s: %s  %s -> %s  (sent %d, unchanged %d, resumed %d, deleted %d; %s of files, %s on the wire, %d round trips, %s)",
		r.Port, outcomeText(r), orNone(r.Before.Version), to,
		r.FilesSent, r.FilesSkipped, r.FilesResumed, r.FilesDeleted, humanSize(r.FileBytes), humanSize(r.WireBytesOut), r.RoundTrips, r.Duration.Round(time.Millisecond))
	return b.String()
}

func outcomeText(r update.Result) string {
	switch r.Outcome {
	case update.RolledBack:
		return "ROLLED BACK (" + r.Why + ")"
	case update.OnTrial:
		if r.AppRunning {
			return "installed, on trial (the app runs again and confirms per its policy)"
		}
		return "installed, on trial (it confirms per its policy from its next boot)"
	case update.Armed:
		return "armed (the swap runs at the next boot)"
	}
	return string(r.Outcome)
}

func orNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// progress renders update events on stderr: a line per phase and per
// verified file; on a terminal also a live line for the file in flight
// (a fleet display is a later issue).
type progress struct {
	w     io.Writer
	quiet bool
	tty   bool
	start time.Time // first byte sent, for the rate
	live  bool      // a live line is on screen
}

func newProgress(w io.Writer, quiet, tty bool) *progress {
	return &progress{w: w, quiet: quiet, tty: tty}
}

func (p *progress) rate(e update.Event) string {
	if p.start.IsZero() {
		return ""
	}
	el := e.Time.Sub(p.start).Seconds()
	if el <= 0 {
		return ""
	}
	return fmt.Sprintf(", %.1f KB/s", float64(e.BytesDone)/1000/el)
}

func (p *progress) event(e update.Event) {
	if p.quiet {
		return
	}
	if p.live && e.Phase != update.PhaseUpload {
		fmt.Fprint(p.w, "\r\033[K")
		p.live = false
	}
	e.Path, e.Msg = termsafe.String(e.Path), termsafe.String(e.Msg)
	switch e.Phase {
	case update.PhaseInstall, update.PhaseDelta:
		fmt.Fprintf(p.w, "otapush: %s\n", e.Msg)
	case update.PhaseArm:
		fmt.Fprintln(p.w, "otapush: arming the swap")
	case update.PhaseReset:
		fmt.Fprintf(p.w, "otapush: reset (%s): the board swaps and trial-boots\n", e.Msg)
	case update.PhaseUpload:
		if p.start.IsZero() {
			p.start = e.Time
		}
		if p.tty {
			fmt.Fprintf(p.w, "\r\033[K  [%d/%d] %s %s/%s (%s of %s%s)", e.FilesDone+1, e.FilesTotal, e.Path,
				humanSize(e.FileBytes), humanSize(e.FileSize), humanSize(e.BytesDone), humanSize(e.BytesTotal), p.rate(e))
			p.live = true
		}
	case update.PhaseVerified:
		fmt.Fprintf(p.w, "otapush: [%d/%d] %s verified (%s of %s%s)\n", e.FilesDone, e.FilesTotal, e.Path, humanSize(e.BytesDone), humanSize(e.BytesTotal), p.rate(e))
	}
}
