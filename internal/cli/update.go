package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/update"
	"github.com/otapush/otapush/internal/verify"
)

type updateOptions struct {
	*GlobalOptions
	src        sourceFlags
	port       portArg // --port, repeatable: more than one is a fleet
	All        bool    // --all: every MicroPython board discovery finds
	Jobs       int     // --jobs: boards updated at once (0: up to fleet.DefaultJobs)
	Canary     int     // --canary: the first N boards must commit before the others are touched
	MaxFail    int     // --max-failures: stop the rollout after K failed boards (0: no limit)
	Force      bool
	ResetMode  string
	Resume     bool
	Abort      bool
	Confirm    string
	JSON       bool
	NoCompress bool
	// The trial (see trialOpts): --uptime, --trial-boots, --trial-deadline,
	// --verdict-timeout, --no-wait.
	Uptime         time.Duration
	TrialBoots     int
	TrialDeadline  time.Duration
	VerdictTimeout time.Duration
	NoWait         bool
	NoRestart      bool
	// KeepPrevious: keep the replaced version at commit (for rollback).
	KeepPrevious bool
	// Prune: delete board files the allow/ignore filters leave out.
	Prune bool
	// Watch: push again at every change of the local source (watch.go);
	// Debounce is how long its files must stay unchanged first.
	Watch    bool
	Debounce time.Duration
}

func newUpdateCmd(g *GlobalOptions) *cobra.Command {
	return updateCommand(&updateOptions{GlobalOptions: g})
}

// updateCommand builds the command around o (tests pass one with a lister).
func updateCommand(o *updateOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update [--port P|auto [--port P2 ...] | --all] [--repo OWNER/NAME | --source DIR]",
		Short: "Push an app version onto boards: verified, staged, swapped whole, trial-booted",
		Long: `Push an app version onto boards. otapush checks each board first (agent,
transaction state, free space, filesystem) and changes nothing if that fails;
sends only the files whose content differs, verified on the board before they
are staged; arms the swap, resets the board and reports what the board says:
committed, rolled back (exit 7), or still on trial. An interrupted push leaves
the old version booting; the next run resumes, or --abort cleans up. An
update armed but never booted is applied by --resume, which needs no source
(with one, it must name the armed version; the config's source is not read).

One board or many, the run is the same: with several --port values (or a
comma-separated list), or --all, the plan goes to every board in parallel
(--jobs at a time, started in the order given); each blob is downloaded and
verified once. A board that fails fails alone; exit 6 when some boards failed
and others succeeded. --canary N updates the first N boards first and touches
no other board unless they all commit; --max-failures K stops the rollout
after K failed boards. Boards a stopped rollout never reached are reported
not_started, untouched. See 'otapush help exit-codes' and docs/ci.md for the
--json report, the same document for one board or many.

--watch keeps running on one board and a local --source: each change to the
folder (once it stayed unchanged for --debounce) is pushed as a whole update
with its own report (--json: one line each), and the app's output is shown
between pushes, each line after "app | ". A failed push is reported and the
watch goes on. Ctrl-C leaves the board on a whole version and exits 130 if it
stopped a push, else with the last push's exit code.`,
		Example: `  otapush update --port auto --source ./app
  otapush update --port /dev/ttyACM0 --repo me/blinky --json
  otapush update --port auto --source ./app --reset-mode none
  otapush update --port /dev/ttyACM0 --port /dev/ttyACM1 --repo me/blinky
  otapush update --all --jobs 4 --repo me/blinky --json
  otapush update --all --canary 1 --max-failures 2 --repo me/blinky
  otapush update --watch --port auto --source ./app`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Validate(cmd); err != nil {
				if o.Watch {
					return o.watchFailed(nil, err)
				}
				return o.fleetFailed(nil, err)
			}
			if err := o.checkWatch(cmd); err != nil {
				return o.watchFailed(nil, err)
			}
			if o.Watch {
				return runWatch(cmd, o)
			}
			return runFleet(cmd, o)
		},
	}
	o.src.register(cmd)
	f := cmd.Flags()
	o.port.registerList(cmd)
	f.BoolVar(&o.All, "all", false, "update every MicroPython board found (see 'otapush devices')")
	f.IntVar(&o.Jobs, "jobs", 0, fmt.Sprintf("with several boards: how many to update at once (default: the number of boards, at most %d)", fleet.DefaultJobs))
	f.IntVar(&o.Canary, "canary", 0, "update the first N boards first; the others are touched only if all N commit (needs --reset-mode hard)")
	f.IntVar(&o.MaxFail, "max-failures", 0, "stop the rollout after K failed boards; boards not started yet are left untouched (0: no limit)")
	f.BoolVar(&o.Force, "force", false, "send and swap every file even when the board is up to date (config: force)")
	f.StringVar(&o.ResetMode, "reset-mode", "", "after arming: hard (reset and read the outcome), soft, or none (swap at the next boot) (config: reset_mode)")
	f.BoolVar(&o.Resume, "resume", false, "apply the update that is armed on the board but was never booted; needs no source (with one, it must name the armed version)")
	f.BoolVar(&o.Abort, "abort", false, "clean up an interrupted or armed transaction on the board and stop")
	f.StringVar(&o.Confirm, "confirm", "", "trial policy: uptime (default: healthy after --uptime without an exception or a reset, or when main.py returns), return (main.py returns), app (the app calls ota_agent.confirm()) or host (otapush confirms once the trial ran --uptime) (config: confirm)")
	f.BoolVar(&o.JSON, "json", false, "print the report as one JSON document, on failure too (see docs/ci.md)")
	f.DurationVar(&o.Uptime, "uptime", agent.DefaultUptime, "uptime and host policies: how long a trial boot must run without an exception or a reset to be confirmed (config: uptime_sec)")
	f.IntVar(&o.TrialBoots, "trial-boots", agent.DefaultTrialBoots, "boots a new version gets to prove itself before the board rolls it back (config: trial_boots)")
	f.DurationVar(&o.TrialDeadline, "trial-deadline", agent.DefaultDeadline, "return, app and host policies: the board resets a trial boot still unconfirmed after this; 0 = never (config: trial_deadline_sec)")
	f.DurationVar(&o.VerdictTimeout, "verdict-timeout", 0, "how long to watch the trial for the board's verdict before giving up with exit 8, the board left as it is (default: trial boots x (the policy's window + 20s), 75s for the default uptime policy) (config: verdict_timeout_sec)")
	f.BoolVar(&o.NoWait, "no-wait", false, "do not watch the trial: report what the board says as soon as it is back from the reset (normally \"on trial\"; exit 0), and let it decide on its own")
	f.BoolVar(&o.NoCompress, "no-compress", false, "send file bytes as plain base64")
	f.BoolVar(&o.NoRestart, "no-restart", false, "leave the board at its REPL afterwards instead of restarting its app (a soft reset that runs boot.py and main.py)")
	f.BoolVar(&o.Prune, "prune", false, "let the swap delete files of the board's current version that --allow/--ignore (or the config's allow/ignore) leave out; without it such an update is refused before anything is written")
	f.BoolVar(&o.KeepPrevious, "keep-previous", false, "keep the replaced version on the board at commit, so 'otapush rollback' can return to it after it was confirmed (costs the flash of the replaced files) (config: keep_previous)")
	f.BoolVar(&o.Watch, "watch", false, "keep running: push the local --source again whenever its files change, each push a whole update with its report (--json: one line each), and show the app's output in between; Ctrl-C stops")
	f.DurationVar(&o.Debounce, "debounce", watchDebounce, "with --watch: how long the files must stay unchanged after a change before it is pushed")
	// After the flags they complete: cobra refuses a completion for a flag
	// it does not know yet.
	registerValueCompletion(cmd, "reset-mode", update.ResetHard, update.ResetSoft, update.ResetNone)
	registerValueCompletion(cmd, "confirm", "uptime", "return", "app", "host")
	return cmd
}

// plan is what an update pushes, with the config it was read with: the
// source's plan and blob store, or for --abort only the config (nothing is
// pushed, so no source is read).
func (o *updateOptions) plan(cmd *cobra.Command) (*manifest.Plan, config.Config, manifest.BlobStore, error) {
	if o.Abort || o.resumeArmed(cmd) {
		c, err := o.config()
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

// resumeArmed: --resume with no source on the command line applies the
// update armed on the board, whichever version it is, so no source is
// read (not even the config's: it may name a newer version than the
// armed one). update.Run refuses when nothing is armed.
func (o *updateOptions) resumeArmed(cmd *cobra.Command) bool {
	if !o.Resume {
		return false
	}
	for _, f := range []string{"repo", "source", "channel", "tag", "branch", "ref"} {
		if cmd.Flags().Changed(f) {
			return false
		}
	}
	return true
}

// updateOpts merges config and flags (flags win).
func updateOpts(cmd *cobra.Command, o *updateOptions, cfg config.Config, p *manifest.Plan) update.Options {
	changed := cmd.Flags().Changed
	uo := update.Options{
		Force: cfg.Force, ResetMode: cfg.ResetMode, Retries: cfg.Retries,
		Backoff: time.Duration(cfg.BackoffSec) * time.Second,
		Resume:  o.Resume, Abort: o.Abort, NoCompress: o.NoCompress,
		Source: p.BoardSource(), Prune: o.Prune,
		NoSource: o.resumeArmed(cmd),
	}
	trialOpts(cmd, o, cfg, &uo)
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
	if cfg.HookTimeoutSec > 0 {
		// The board's default for hooks it runs without a host's spec
		// (a revert); an update's spec carries it too.
		agentCfg["hook_s"] = cfg.HookTimeoutSec
		uo.HookTimeout = time.Duration(cfg.HookTimeoutSec) * time.Second
	}
	if b, err := json.Marshal(agentCfg); err == nil && len(agentCfg) > 0 {
		uo.AgentConfig = string(b)
	}
	return uo
}

// updateExit classes an update error into an exit code.
func updateExit(err error) int {
	var rb *update.RolledBackError
	var nv *update.NoVerdictError
	var pe *manifest.PathError
	var me *verify.MismatchError
	var pre *update.PruneError
	var re *update.ResumeError
	switch {
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &pre), errors.As(err, &re):
		return ExitUsage
	case errors.As(err, &rb):
		return ExitRolledBack
	case errors.As(err, &nv):
		return ExitNoVerdict
	case errors.As(err, &pe), errors.As(err, &me), errors.Is(err, agent.ErrHash), errors.Is(err, agent.ErrPath):
		return ExitVerify
	}
	return ExitBoard
}

func orNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}
