package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/firmware"
	"github.com/otapush/otapush/internal/board"
	"github.com/otapush/otapush/internal/ports"
)

// boardCmdOptions are the options of the commands that talk to one board
// through its agent (status, rollback).
type boardCmdOptions struct {
	*GlobalOptions
	Port   string
	JSON   bool
	lister *ports.Lister // nil = the system's; tests inject one
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
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the agent's status as JSON")
	return cmd
}

func runStatus(ctx context.Context, o *boardCmdOptions) error {
	conn, err := dialBoard(ctx, o.GlobalOptions, o.Port, o.lister)
	if err != nil {
		return err
	}
	defer conn.Close()
	s, err := board.New(conn, board.Options{}).Status(ctx)
	if errors.Is(err, board.ErrNoAgent) {
		return WithExit(ExitBoard, fmt.Errorf("%s has no otapush agent (otapush update installs it): %w", conn.Port().Path, err))
	}
	if err != nil {
		return boardErr(err)
	}
	if o.JSON {
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Port   string          `json:"port"`
			Serial string          `json:"serial,omitempty"`
			Status firmware.Status `json:"status"`
		}{conn.Port().Path, conn.Port().SerialNumber, s})
	}
	w := o.IO.Out
	fmt.Fprintf(w, "port:        %s\n", conn.Port().Path)
	fmt.Fprintf(w, "agent:       %s (api %d)\n", s.Agent, s.API)
	fmt.Fprintf(w, "app:         %s", orNone(s.App.Version))
	if s.App.Commit != "" {
		fmt.Fprintf(w, " (commit %s)", s.App.Commit)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "transaction: %s", s.State)
	if s.State == "trial" {
		fmt.Fprintf(w, " (boot %v)", s.Txn["b"])
	}
	if s.Staged > 0 {
		fmt.Fprintf(w, ", %d files staged", s.Staged)
	}
	fmt.Fprintln(w)
	if s.Last != nil {
		fmt.Fprintf(w, "last:        %s %s -> %s", s.Last.Result, orNone(s.Last.From.Version), orNone(s.Last.To.Version))
		if s.Last.Why != "" {
			fmt.Fprintf(w, " (%s)", s.Last.Why)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "filesystem:  %s, %s free of %s\n", s.FS, humanSize(s.BFree*s.BSize), humanSize(s.Blocks*s.BSize))
	return nil
}

func newRollbackCmd(g *GlobalOptions) *cobra.Command {
	o := &boardCmdOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "rollback --port P|auto",
		Short: "Revert a version still on trial to the previous one, then reset the board",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runRollback(cmd.Context(), o) },
	}
	cmd.Flags().StringVarP(&o.Port, "port", "p", "auto", "serial port path, id:SERIAL, or auto")
	return cmd
}

func runRollback(ctx context.Context, o *boardCmdOptions) error {
	conn, err := dialBoard(ctx, o.GlobalOptions, o.Port, o.lister)
	if err != nil {
		return err
	}
	defer conn.Close()
	b := board.New(conn, board.Options{})
	if err := b.Rollback(ctx, "requested by host (otapush rollback)"); err != nil {
		return boardErr(err)
	}
	if err := conn.HardReset(ctx); err != nil {
		return boardErr(fmt.Errorf("rolled back; resetting the board failed: %w", err))
	}
	s, err := b.Status(ctx)
	if err != nil {
		return boardErr(err)
	}
	fmt.Fprintf(o.IO.Out, "%s: rolled back; the board runs %s\n", conn.Port().Path, orNone(s.App.Version))
	return nil
}
