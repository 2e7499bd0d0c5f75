package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

type uninstallOptions struct {
	*GlobalOptions
	port    portArg
	JSON    bool
	Force   bool
	NoReset bool
}

func newUninstallCmd(g *GlobalOptions) *cobra.Command {
	o := &uninstallOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "uninstall [--port P|auto] [--force] [--no-reset]",
		Short: "Remove the otapush agent and give the board back its app's own boot.py and main.py",
		Long: `Remove the otapush agent from a board: the app's own boot.py and main.py
(which the agent keeps as /_app_boot.py and /_app_main.py) take their places
again, and the agent's module, its /.ota folder and version.json go. The app's
files stay as they are. Then the board is reset, so it boots the app without
the agent (--no-reset leaves it at its REPL).

The steps are ordered so that a power cut at any moment leaves a board that
boots the app; running uninstall again finishes the job.

A board with an update armed or on trial is refused: finish or undo the update
first (the error says how), or give --force to remove the agent anyway.`,
		Example: `  otapush uninstall --port auto
  otapush uninstall --port /dev/ttyACM0 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runUninstall(cmd.Context(), o) },
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the result as one JSON document (see docs/json.md)")
	cmd.Flags().BoolVar(&o.Force, "force", false, "remove the agent even while an update is armed or on trial")
	cmd.Flags().BoolVar(&o.NoReset, "no-reset", false, "leave the board at its REPL instead of resetting it into its app")
	return cmd
}

// uninstallDoc is `uninstall --json`.
type uninstallDoc struct {
	Version    int      `json:"version"`
	Port       string   `json:"port"` // where the board is afterwards
	Serial     string   `json:"serial,omitempty"`
	Agent      string   `json:"agent"` // the version removed; "" when none answered
	State      string   `json:"state"` // the transaction state found (idle, or with --force any)
	Restored   []string `json:"restored"`
	Removed    []string `json:"removed"`
	Left       []string `json:"left"`
	Reset      bool     `json:"reset"`
	DurationMS int64    `json:"duration_ms"`
}

func runUninstall(ctx context.Context, o *uninstallOptions) error {
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, "uninstall", o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	start := time.Now()
	port := conn.Port().Path
	cl := agent.New(conn, agent.Options{})
	doc := uninstallDoc{Version: jsonVersion, State: string(agent.StateIdle)}
	s, err := cl.Status(ctx)
	switch {
	case errors.Is(err, agent.ErrNoAgent):
		// No importable agent: its files (if any are left) go all the same.
	case err != nil && !o.Force:
		return boardErr(fmt.Errorf("%s: the agent does not answer (%w), so whether an update is under way is unknown; give --force to remove it anyway", port, err))
	case err == nil:
		doc.Agent, doc.State = s.Agent, string(s.State)
		if s.State != agent.StateIdle && s.State != "" && !o.Force {
			// Reading the state stopped the app (on trial: cut its boot
			// short); hand the board back as status does.
			o.relaunch(ctx, conn)
			return WithExit(ExitBoard, busyUninstall(port, s))
		}
	}
	u, err := cl.Uninstall(ctx)
	if err != nil {
		return boardErr(fmt.Errorf("%s: %w; the board still boots its app: run otapush uninstall again to finish", port, err))
	}
	doc.Restored, doc.Removed, doc.Left = nonNil(u.Restored), nonNil(u.Removed), nonNil(u.Left)
	if u.Nothing() && !o.NoReset {
		o.relaunch(ctx, conn)
	}
	if !u.Nothing() && !o.NoReset {
		if err := conn.HardResetRun(ctx); err != nil {
			return boardErr(fmt.Errorf("%s: the agent is removed, but the reset failed: %w; 'otapush reset' restarts the board", port, err))
		}
		doc.Reset = true
	}
	doc.Port, doc.Serial = conn.Port().Path, conn.Port().SerialNumber
	doc.DurationMS = time.Since(start).Milliseconds()
	if o.JSON {
		return writeJSON(o.IO.Out, doc)
	}
	w, safe := o.IO.Out, termsafe.String
	if u.Nothing() {
		fmt.Fprintf(w, "%s: no otapush agent on the board; nothing to remove\n", safe(port))
		return nil
	}
	for _, p := range u.Restored {
		fmt.Fprintf(w, "restored your app's own %s\n", safe(p))
	}
	for _, p := range u.Removed {
		fmt.Fprintf(w, "removed %s\n", safe(p))
	}
	for _, p := range u.Left {
		fmt.Fprintf(w, "left %s: the file it would replace is no longer the agent's; remove it with 'otapush fs rm --force %s' if you do not need it\n", safe(p), safe(p))
	}
	ver := ""
	if doc.Agent != "" {
		ver = " " + doc.Agent
	}
	switch {
	case doc.Reset:
		fmt.Fprintf(w, "%s: agent%s removed; the board was reset and runs its app\n", safe(doc.Port), safe(ver))
	default:
		fmt.Fprintf(w, "%s: agent%s removed; 'otapush reset' starts the app\n", safe(doc.Port), safe(ver))
	}
	return nil
}

// relaunch restarts the app a look at the board stopped; a failure is a
// warning, the command's result stands.
func (o *uninstallOptions) relaunch(ctx context.Context, conn *rawrepl.Conn) {
	if err := update.Relaunch(ctx, conn, &update.Result{}); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "otapush: warning: %s\n", termsafe.Text(restartWarning(err, err.Error())))
	}
}

// busyUninstall says why a board in the middle of an update keeps its
// agent, and what to do.
func busyUninstall(port string, s agent.Status) error {
	switch s.State {
	case agent.StateApply:
		return fmt.Errorf("%s: an update is armed (it swaps in at the next boot); finish it with 'otapush update' or cancel it with 'otapush update --abort', then uninstall (--force removes the agent now and drops the armed update)", port)
	case agent.StateTrial:
		to := "a new version"
		if s.To != nil && s.To.Version != "" {
			to = s.To.Version
		}
		return fmt.Errorf("%s: %s is on trial; wait for its verdict ('otapush status' shows it) or return to the previous version with 'otapush rollback', then uninstall (--force removes the agent now and keeps the version on trial)", port, to)
	}
	return fmt.Errorf("%s: the agent is finishing a transaction (state %s); reset the board ('otapush reset') so it completes, then uninstall (--force removes the agent now)", port, s.State)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
