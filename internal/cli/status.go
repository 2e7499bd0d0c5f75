package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

// boardCmdOptions are the options of the commands that talk to one board
// through its agent (status, rollback).
type boardCmdOptions struct {
	*GlobalOptions
	Port      string
	JSON      bool
	NoRestart bool
	lister    *ports.Lister // nil = the system's; tests inject one
}

func newStatusCmd(g *GlobalOptions) *cobra.Command {
	o := &boardCmdOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "status --port P|auto",
		Short: "Show a board's agent, app version, transaction state, last outcome and free space",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runStatus(cmd.Context(), o) },
	}
	cmd.Flags().StringVarP(&o.Port, "port", "p", "auto", "serial port path, id:SERIAL, or auto")
	registerPortCompletion(cmd, "port", &o.lister)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the agent's status as JSON")
	cmd.Flags().BoolVar(&o.NoRestart, "no-restart", false, "leave the board at its REPL afterwards instead of restarting its app")
	return cmd
}

func runStatus(ctx context.Context, o *boardCmdOptions) error {
	conn, unlock, err := dialBoard(ctx, o.GlobalOptions, "status", o.Port, o.lister)
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	s, err := agent.New(conn, agent.Options{}).Status(ctx)
	if errors.Is(err, agent.ErrNoAgent) {
		return WithExit(ExitBoard, fmt.Errorf("%s has no otapush agent (otapush update installs it): %w", conn.Port().Path, err))
	}
	if err != nil {
		return boardErr(err)
	}
	if !o.NoRestart {
		// Reading the status stopped the app (and, on trial, cut its boot
		// short): hand the board back so looking changes nothing.
		if rerr := update.Relaunch(ctx, conn, &update.Result{}); rerr != nil {
			fmt.Fprintf(o.IO.ErrOut, "otapush: warning: the board stays at its prompt: %s\n", termsafe.Text(rerr.Error()))
		}
	}
	if o.JSON {
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Port   string       `json:"port"`
			Serial string       `json:"serial,omitempty"`
			Status agent.Status `json:"status"`
		}{conn.Port().Path, conn.Port().SerialNumber, s})
	}
	writeStatusText(o.IO.Out, conn.Port().Path, s)
	return nil
}

// writeStatusText renders a board's status for people.
func writeStatusText(w io.Writer, port string, s agent.Status) {
	// Everything below but the numbers is what the board said.
	safe := termsafe.String
	fmt.Fprintf(w, "port:        %s\n", safe(port))
	fmt.Fprintf(w, "agent:       %s (api %d)\n", safe(s.Agent), s.API)
	fmt.Fprintf(w, "app:         %s", safe(orNone(s.App.Version)))
	if s.App.Commit != "" {
		fmt.Fprintf(w, " (commit %s)", safe(s.App.Commit))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "transaction: %s", safe(string(s.State)))
	if s.State == agent.StateTrial && s.Txn != nil {
		fmt.Fprintf(w, " (boot %d)", s.Txn.Boots)
	}
	if s.Staged > 0 {
		fmt.Fprintf(w, ", %d files staged", s.Staged)
	}
	fmt.Fprintln(w)
	if s.Last != nil {
		fmt.Fprintf(w, "last:        %s %s -> %s", safe(string(s.Last.Result)), safe(orNone(s.Last.From.Version)), safe(orNone(s.Last.To.Version)))
		if s.Last.Why != "" {
			fmt.Fprintf(w, " (%s)", safe(s.Last.Why))
		}
		fmt.Fprintln(w)
	}
	if s.Prev != nil {
		fmt.Fprintf(w, "kept:        %s", safe(orNone(s.Prev.Version)))
		if s.Prev.Commit != "" {
			fmt.Fprintf(w, " (commit %s)", safe(s.Prev.Commit))
		}
		fmt.Fprintln(w, ", `otapush rollback` returns to it")
	}
	fmt.Fprintf(w, "filesystem:  %s, %s free of %s\n", safe(s.FS), humanSize(s.BFree*s.BSize), humanSize(s.Blocks*s.BSize))
}

func newRollbackCmd(g *GlobalOptions) *cobra.Command {
	o := &boardCmdOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "rollback --port P|auto",
		Short: "Return the board to its previous version, then reset it",
		Long: `Return the board to its previous version, then reset it.

A version still on trial is reverted at once. A confirmed version is
reverted only when the update that installed it kept the previous version
(otapush update --keep-previous): the board swaps the kept version back in
at the next boot, as an update, with a trial boot of its own.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRollback(cmd.Context(), o) },
	}
	cmd.Flags().StringVarP(&o.Port, "port", "p", "auto", "serial port path, id:SERIAL, or auto")
	registerPortCompletion(cmd, "port", &o.lister)
	return cmd
}

func runRollback(ctx context.Context, o *boardCmdOptions) error {
	conn, unlock, err := dialBoard(ctx, o.GlobalOptions, "rollback", o.Port, o.lister)
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	res, err := update.Rollback(ctx, conn, update.Options{}, nil)
	var np *update.NoPreviousError
	var rb *update.RolledBackError
	switch {
	case errors.As(err, &np):
		return WithExit(ExitBoard, fmt.Errorf("%s: no previous version kept: update with --keep-previous to be able to roll back a confirmed version", res.Port))
	case errors.As(err, &rb):
		return WithExit(ExitRolledBack, fmt.Errorf("%s: the revert to %s was rolled back by the board (%s); it runs %s",
			res.Port, orNone(res.After.Version), rb.Why, orNone(res.Before.Version)))
	case errors.Is(err, agent.ErrNoAgent):
		return WithExit(ExitBoard, fmt.Errorf("%s has no otapush agent (otapush update installs it): %w", res.Port, err))
	case err != nil:
		return boardErr(err)
	}
	var line strings.Builder
	w := &line
	defer func() { fmt.Fprintln(o.IO.Out, termsafe.String(line.String())) }()
	switch res.Outcome {
	case update.Reverted:
		fmt.Fprintf(w, "%s: rolled back; the board runs %s", res.Port, orNone(res.After.Version))
	case update.Committed:
		fmt.Fprintf(w, "%s: rolled back %s -> %s, committed; the board runs %s", res.Port,
			orNone(res.Before.Version), orNone(res.After.Version), orNone(res.After.Version))
	case update.OnTrial:
		fmt.Fprintf(w, "%s: rolled back %s -> %s, on trial (it confirms per its policy)", res.Port,
			orNone(res.Before.Version), orNone(res.After.Version))
	default:
		fmt.Fprintf(w, "%s: rollback %s", res.Port, res.Outcome)
	}
	return nil
}
