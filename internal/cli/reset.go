package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
)

type resetOptions struct {
	*GlobalOptions
	port portArg
	JSON bool
	Soft bool
}

func newResetCmd(g *GlobalOptions) *cobra.Command {
	o := &resetOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "reset [--port P|auto] [--soft]",
		Short: "Restart a board and its app: hard (machine.reset()) or soft (Ctrl-D)",
		Long: `Restart the board so that boot.py and main.py run again, as at power-on.

The default is a hard reset (machine.reset()): the chip restarts, its USB port
goes away and comes back, possibly under another name; otapush waits until the
board is back (found by its USB serial number) and says where. --soft restarts
only the interpreter (Ctrl-D at the friendly REPL): quicker, the port stays,
but hardware state (pins, timers, a watchdog) survives it.

Whatever the board was doing is interrupted first. The board is never left in
the raw REPL: its app runs afterwards ('otapush monitor' shows what it prints).`,
		Example: `  otapush reset --port auto
  otapush reset --port /dev/ttyACM0 --soft`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReset(cmd.Context(), o) },
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.Soft, "soft", false, "soft reset (restart the interpreter; the port stays) instead of machine.reset()")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the result as one JSON document (see docs/json.md)")
	return cmd
}

// resetDoc is `reset --json`.
type resetDoc struct {
	Version    int    `json:"version"`
	Port       string `json:"port"` // where the board is after the reset
	Serial     string `json:"serial,omitempty"`
	Mode       string `json:"mode"` // hard or soft
	DurationMS int64  `json:"duration_ms"`
}

func runReset(ctx context.Context, o *resetOptions) error {
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, "reset", o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	before := conn.Port()
	start := time.Now()
	mode := "hard"
	if o.Soft {
		mode = "soft"
		// From the friendly REPL, where (unlike the raw one) main.py runs
		// after the soft reboot; the port is closed after.
		err = conn.RunApp(ctx)
	} else {
		// Waits until the board is back, and sends nothing after: the
		// app's boot is not cut short.
		err = conn.HardResetRun(ctx)
	}
	if err != nil {
		return boardErr(fmt.Errorf("%s reset of %s: %w", mode, before.Path, err))
	}
	after := conn.Port()
	if o.JSON {
		return writeJSON(o.IO.Out, resetDoc{Version: jsonVersion, Port: after.Path, Serial: after.SerialNumber,
			Mode: mode, DurationMS: time.Since(start).Milliseconds()})
	}
	switch {
	case o.Soft:
		fmt.Fprintf(o.IO.Out, "soft-reset %s: boot.py and main.py run again\n", termsafe.String(after.Path))
	case after.Path != before.Path:
		fmt.Fprintf(o.IO.Out, "reset %s: the board is back on %s and runs its app\n", termsafe.String(before.Path), termsafe.String(after.Path))
	default:
		fmt.Fprintf(o.IO.Out, "reset %s: the board is back and runs its app\n", termsafe.String(after.Path))
	}
	return nil
}
