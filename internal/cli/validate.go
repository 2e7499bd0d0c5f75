package cli

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/source"
	"github.com/otapush/otapush/internal/update"
)

// Every command checks all of its flags in one Validate method, called
// first in its run function: before a download, before a port is opened,
// before the first byte goes to a board. A bad value is a usage error
// (exit 2) that names the flag and, for a choice, the values it takes.
// Config values are checked where the config is loaded (internal/config),
// also before any board is touched.

// badFlag is a usage error about one flag.
func badFlag(flag, format string, args ...any) error {
	return usageErrorf("--%s: %s", flag, fmt.Sprintf(format, args...))
}

// oneOf checks an enum flag when it was given (or always, when its default
// is one of the values).
func oneOf(flag, v string, valid ...string) error {
	for _, ok := range valid {
		if v == ok {
			return nil
		}
	}
	return badFlag(flag, "%q is not one of %s", v, strings.Join(valid, ", "))
}

// validate checks the source flags plan and update share.
func (f *sourceFlags) validate(cmd *cobra.Command) error {
	changed := cmd.Flags().Changed
	if changed("channel") {
		if err := oneOf("channel", f.channel, source.ChannelStable, source.ChannelDeveloper); err != nil {
			return err
		}
	}
	// A malformed rule would otherwise come back from the source as a
	// refused path (exit 4), after the config was read.
	for _, r := range []struct {
		flag  string
		rules []string
	}{{"allow", f.allow}, {"ignore", f.ignore}} {
		if !changed(r.flag) {
			continue
		}
		for _, rule := range r.rules {
			if err := manifest.CheckPath(strings.TrimSuffix(rule, "/"), ""); err != nil {
				return badFlag(r.flag, "%q: %s (rules are files or folders relative to the app root, e.g. lib or lib/)", rule, reason(err))
			}
		}
	}
	// The source's own choices (--ref without --source, --tag with the
	// developer channel, ...) are decided by source.Select, also before
	// any board.
	return nil
}

// reason is a PathError's reason without the path (the caller quotes it).
func reason(err error) string {
	if pe, ok := err.(*manifest.PathError); ok {
		return pe.Reason
	}
	return err.Error()
}

// validatePort checks --port values: each names a port, id:SERIAL or auto.
func validatePort(specs ...string) error {
	for _, s := range specs {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return badFlag("port", "an empty value; give a serial port path, id:SERIAL or auto")
		case s == "id:":
			return badFlag("port", "id: needs the board's USB serial number (see 'otapush devices')")
		}
	}
	return nil
}

// Validate checks every flag of `otapush update`; the trial flags
// (--confirm, --uptime, --trial-boots, --trial-deadline, --verdict-timeout,
// --no-wait) last, in checkTrialFlags (trial.go).
func (o *updateOptions) Validate(cmd *cobra.Command) error {
	changed := cmd.Flags().Changed
	if o.Resume && o.Abort {
		return usageErrorf("--resume and --abort exclude each other")
	}
	if o.All && changed("port") {
		return usageErrorf("--all updates every MicroPython board found; drop --port, or drop --all and list the ports")
	}
	if !o.All && len(o.port.Specs) == 0 {
		return validatePort("") // --port "" parses as an empty list
	}
	if err := validatePort(o.port.Specs...); err != nil {
		return err
	}
	if changed("jobs") && o.Jobs < 1 {
		return badFlag("jobs", "must be 1 or more, got %d (leave it out to update every board at once, at most 8)", o.Jobs)
	}
	if changed("reset-mode") {
		if err := oneOf("reset-mode", o.ResetMode, update.ResetHard, update.ResetSoft, update.ResetNone); err != nil {
			return err
		}
	}
	switch {
	case o.Canary < 0:
		return usageErrorf("--canary must be 0 (no canary) or the number of boards to update first, got %d", o.Canary)
	case o.MaxFail < 0:
		return usageErrorf("--max-failures must be 0 (no limit) or the number of failed boards that stops the rollout, got %d", o.MaxFail)
	case o.Abort && (o.Canary > 0 || o.MaxFail > 0):
		return usageErrorf("--abort only cleans up each board; --canary and --max-failures gate a rollout of a version: drop them")
	}
	// --abort reads no source: its source flags would be ignored.
	if !o.Abort {
		if err := o.src.validate(cmd); err != nil {
			return err
		}
	}
	return checkTrialFlags(cmd, o)
}

// Validate checks every flag of `otapush plan`.
func (o *planOptions) Validate(cmd *cobra.Command) error {
	return o.src.validate(cmd)
}

// Validate checks --port of the commands that talk to one board's agent.
func (o *boardCmdOptions) Validate() error {
	return validatePort(o.port.Spec)
}

// Validate checks every flag of `otapush exec`.
func (o *execOptions) Validate(cmd *cobra.Command) error {
	switch {
	case o.Code == "" && o.File == "":
		return usageErrorf("no code to run: give it as one argument ('otapush exec \"print(1)\"'), or a file with -f FILE (-f - reads stdin)")
	case o.Code != "" && o.File != "":
		return usageErrorf("both code and -f %s: give the code as one argument or with -f FILE, not both", o.File)
	}
	if err := validatePort(o.port.Spec); err != nil {
		return err
	}
	for _, d := range []struct {
		flag string
		v    time.Duration
	}{{"timeout", o.Timeout}, {"deadline", o.Deadline}} {
		if d.v < 0 {
			return badFlag(d.flag, "must be 0 (no limit) or more, got %s", d.v)
		}
	}
	if o.MaxOutput < 0 {
		return badFlag("max-output", "must be 0 (no limit) or more bytes, got %d", o.MaxOutput)
	}
	return nil
}

// simSerial is what the simulator takes as a USB serial number: the hex
// of machine.unique_id(), whole bytes.
var simSerial = regexp.MustCompile(`^([0-9A-Fa-f]{2}){1,32}$`)

// Validate checks every flag of `otapush sim`.
func (o *simOptions) Validate(cmd *cobra.Command) error {
	b := o.board
	if _, err := simboard.LinkProfile(b.Link); err != nil {
		return oneOf("link", b.Link, "none", "usb-fs", "uart-115200")
	}
	if err := oneOf("fs-model", b.FSModel, "littlefs", "posix"); err != nil {
		return err
	}
	switch {
	case b.FlashKB < 16:
		return badFlag("flash-kb", "must be at least 16 (KiB), got %d", b.FlashKB)
	case b.Window < 1 || b.Window > 65535:
		return badFlag("window", "must be 1..65535 bytes (the raw-paste protocol sends it in 16 bits), got %d", b.Window)
	case b.CutAt < 0:
		return badFlag("cut-at", "must be 0 (no cut) or more, got %d", b.CutAt)
	case b.Torn && b.CutAt == 0:
		return badFlag("torn", "needs --cut-at")
	case b.ResetDelay < 0:
		return badFlag("reset-delay", "must be 0 or more, got %s", b.ResetDelay)
	case cmd.Flags().Changed("serial") && !simSerial.MatchString(b.Serial):
		return badFlag("serial", "%q is not an even number of hex digits (at most 64), e.g. E66164084373532B", b.Serial)
	}
	return nil
}
