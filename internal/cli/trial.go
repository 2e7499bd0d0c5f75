package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/update"
)

// checkTrialFlags refuses bad trial flags before anything else runs (no
// source read, no board touched). Config values are checked by config.Load.
func checkTrialFlags(cmd *cobra.Command, o *updateOptions) error {
	changed := cmd.Flags().Changed
	if changed("confirm") {
		if _, err := agent.ParsePolicy(o.Confirm); err != nil {
			return usageErrorf("--confirm: %v", err)
		}
	}
	if o.Uptime < time.Second {
		return usageErrorf("--uptime must be at least 1s (got %v)", o.Uptime)
	}
	if o.TrialBoots < 1 {
		return usageErrorf("--trial-boots must be at least 1 (got %d)", o.TrialBoots)
	}
	if o.TrialDeadline < 0 || o.TrialDeadline > 0 && o.TrialDeadline < time.Second {
		return usageErrorf("--trial-deadline must be 0 (none) or at least 1s (got %v)", o.TrialDeadline)
	}
	if o.VerdictTimeout < 0 || changed("verdict-timeout") && o.VerdictTimeout < time.Second {
		return usageErrorf("--verdict-timeout must be at least 1s (got %v)", o.VerdictTimeout)
	}
	if o.NoWait && changed("verdict-timeout") {
		return usageErrorf("--no-wait and --verdict-timeout exclude each other")
	}
	return nil
}

// trialOpts merges the trial's config keys and flags (flags win) into uo.
func trialOpts(cmd *cobra.Command, o *updateOptions, cfg config.Config, uo *update.Options) {
	changed := cmd.Flags().Changed
	pol, _ := agent.ParsePolicy(cfg.Confirm) // checked by config.Load
	if changed("confirm") {
		pol, _ = agent.ParsePolicy(o.Confirm) // checked by checkTrialFlags
	}
	uo.Confirm = pol
	uo.HostConfirm = pol == agent.PolicyHost
	uo.Uptime = o.Uptime
	if cfg.Set["uptime_sec"] && !changed("uptime") {
		uo.Uptime = time.Duration(cfg.UptimeSec) * time.Second
	}
	uo.TrialBoots = o.TrialBoots
	if cfg.Set["trial_boots"] && !changed("trial-boots") {
		uo.TrialBoots = cfg.TrialBoots
	}
	dl := o.TrialDeadline
	if cfg.Set["trial_deadline_sec"] && !changed("trial-deadline") {
		dl = time.Duration(cfg.TrialDeadlineSec) * time.Second
	} else if !changed("trial-deadline") && pol == agent.PolicyUptime {
		dl = 0 // uptime decides by its own N; a deadline only when asked
	}
	uo.Deadline = dl
	if dl == 0 {
		uo.Deadline = -1 // none
	}
	uo.VerdictTimeout = o.VerdictTimeout
	if cfg.Set["verdict_timeout_sec"] && !changed("verdict-timeout") {
		uo.VerdictTimeout = time.Duration(cfg.VerdictTimeoutSec) * time.Second
	}
	uo.NoWait = o.NoWait
}
