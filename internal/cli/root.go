// Package cli holds otapush's commands. Each command has an options struct
// filled from flags and config, and a run function that calls the lower
// packages and renders their results through IOStreams. Nothing below this
// package prints.
package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/termsafe"
)

// Version is otapush's own version, overridden at link time by the Makefile.
var Version = "dev"

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	IO         *IOStreams
	ConfigPath string // --config; empty means ota_config.json in the working dir if present
	Debug      bool   // --debug: verbose trace on stderr (never shows the token)

	// cfg is the config applyConfig read for this run of a command, so
	// the command does not read and parse the file again.
	cfg *config.Config
}

// config is the config of this run: the one applyConfig read, else (a
// command run without it) the file read now.
func (g *GlobalOptions) config() (config.Config, error) {
	if g.cfg != nil {
		return *g.cfg, nil
	}
	return config.Load(g.ConfigPath)
}

// NewRootCmd builds the whole command tree around the given streams.
func NewRootCmd(ios *IOStreams) *cobra.Command {
	g := &GlobalOptions{IO: ios}
	root := &cobra.Command{
		Use:   "otapush",
		Short: "Push verified MicroPython app bundles onto boards, atomically",
		Long: `otapush takes an application bundle from a GitHub release, a branch tip or a
local folder, verifies every file on the host, and pushes it over USB serial
onto MicroPython boards through the raw REPL: staged, swapped atomically, and
trial-booted with automatic rollback.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v (see '%s --help')", err, c.CommandPath())
	})
	root.PersistentPreRunE = g.applyConfig
	root.PersistentFlags().StringVar(&g.ConfigPath, "config", "", "config file (.json, .yaml/.yml or .toml); default ./ota_config.json when present")
	root.PersistentFlags().BoolVar(&g.Debug, "debug", false, "verbose trace on stderr (tokens are never shown) (config: debug)")

	root.AddCommand(newExitCodesHelp())
	addCommands(root, g)
	alignHelpTopics(root)
	return root
}

// alignHelpTopics sets the help topics ("otapush exit-codes") in a column
// with two spaces before their text: cobra pads them to the longest
// runnable command's path, which is shorter, and they ran into their text.
func alignHelpTopics(root *cobra.Command) {
	width := 0
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() && c.IsAdditionalHelpTopicCommand() {
			width = max(width, len(c.CommandPath()))
		}
	}
	if width == 0 {
		return
	}
	root.SetUsageTemplate(strings.Replace(root.UsageTemplate(),
		"{{rpad .CommandPath .CommandPathPadding}} {{.Short}}",
		fmt.Sprintf("{{rpad .CommandPath %d}}{{.Short}}", width+2), 1))
}

// addCommands registers every command. One line per command keeps merges
// between parallel work trivial.
func addCommands(root *cobra.Command, g *GlobalOptions) {
	root.AddCommand(newPlanCmd(g))
	root.AddCommand(newManifestCmd(g))
	root.AddCommand(newDevicesCmd(g))
	root.AddCommand(newExecCmd(g))
	root.AddCommand(newSimCmd(g))
	root.AddCommand(newUpdateCmd(g))
	root.AddCommand(newStatusCmd(g))
	root.AddCommand(newRollbackCmd(g))
	root.AddCommand(newMonitorCmd(g))
	root.AddCommand(newResetCmd(g))
	root.AddCommand(newFSCmd(g))
	root.AddCommand(newUninstallCmd(g))
	root.AddCommand(newVersionCmd(g))
}

// applyConfig reads the config file before any command runs, so every
// command honours --config the same way: a missing or broken file is a
// usage error everywhere (not only where a source is read), "debug" turns
// on --debug, and "port" is the default of --port.
func (g *GlobalOptions) applyConfig(cmd *cobra.Command, _ []string) error {
	g.cfg = nil
	switch cmd.Name() {
	case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		return nil
	}
	cfg, err := config.Load(g.ConfigPath)
	if err != nil {
		return WithExit(ExitUsage, err)
	}
	g.cfg = &cfg
	g.Debug = g.Debug || cfg.Debug
	if f := cmd.Flags().Lookup("port"); f != nil && cfg.Port != "" && !f.Changed {
		// Value.Set, not Flags().Set: the flag stays "not given", so the
		// checks that tell a typed --port from the default still do.
		if err := f.Value.Set(cfg.Port); err != nil {
			return WithExit(ExitUsage, fmt.Errorf("config %s: key \"port\": %v", cfg.Path, err))
		}
	}
	return nil
}

func newExitCodesHelp() *cobra.Command {
	var b strings.Builder
	b.WriteString("otapush exits with one of these codes:\n\n")
	for _, e := range exitCodeDocs {
		fmt.Fprintf(&b, "  %3d  %s\n", e.Code, e.Text)
	}
	// A command without Run is a help topic: `otapush help exit-codes`.
	return &cobra.Command{Use: "exit-codes", Short: "Exit codes and what they mean", Long: b.String()}
}

// Main runs otapush with args and returns the process exit code. Errors are
// printed once, here, to ErrOut; with --json also as an error document on
// stdout, unless the command printed its own document already.
func Main(ctx context.Context, args []string, ios *IOStreams) int {
	out := &countingWriter{w: ios.Out}
	counted := *ios
	counted.Out = out
	root := NewRootCmd(&counted)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	// Cobra reports unknown commands and bad positional args as plain errors.
	var ee *ExitError
	if !errors.As(err, &ee) && isCobraUsageError(err) {
		err = WithExit(ExitUsage, err)
	}
	code := exitCodeFor(err)
	var se *silentError
	if errors.As(err, &se) {
		return code
	}
	msg := "interrupted"
	if code != ExitInterrupted {
		// The layers below keep tokens out of their errors; this is the
		// last line of defence before stdout and stderr.
		msg = err.Error()
		for _, s := range secretsToRedact(configFlag(cmd)) {
			msg = strings.ReplaceAll(msg, s, "[REDACTED]")
		}
	}
	if out.n == 0 && wantsJSON(args, jsonFlag(cmd)) {
		_ = writeJSON(ios.Out, errorDoc{Version: jsonVersion, Error: errorJSON{Message: msg, ExitCode: code, Kind: exitKind(code)}})
	}
	// Errors quote file names, versions and board output.
	fmt.Fprintf(ios.ErrOut, "otapush: %s\n", termsafe.Text(msg))
	return code
}

// configFlag is --config as cobra parsed it ("" when it did not get to it).
func configFlag(cmd *cobra.Command) string {
	if cmd == nil {
		return ""
	}
	if f := cmd.Flags().Lookup("config"); f != nil {
		return f.Value.String()
	}
	return ""
}

// jsonFlag reads cmd's --json once cobra parsed it: (value, true), or
// (false, false) when cmd has no --json or the parse stopped before it.
func jsonFlag(cmd *cobra.Command) func() (bool, bool) {
	return func() (bool, bool) {
		if cmd == nil {
			return false, false
		}
		f := cmd.Flags().Lookup("json")
		if f == nil || !f.Changed {
			return false, false
		}
		return f.Value.String() == "true", true
	}
}

func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "unknown flag", "unknown shorthand"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
