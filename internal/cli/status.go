package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/boardfs"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

// boardCmdOptions are the options of the commands that talk to one board
// through its agent (status, rollback).
type boardCmdOptions struct {
	*GlobalOptions
	port      portArg
	JSON      bool
	NoRestart bool
}

func newStatusCmd(g *GlobalOptions) *cobra.Command {
	o := &boardCmdOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "status [--port P|auto]",
		Short: "Show a board's agent, app version, transaction state, last outcome and free space",
		Long: `Show what a board says about itself: its agent's version, the app version
it runs, the transaction in progress (idle, armed, on trial, ...), how the last
one ended, the version kept for 'otapush rollback', and its free flash. A
board without the agent shows its MicroPython version and board (os.uname()),
its free flash and free heap.

Reading the status stops the app for a moment; otapush restarts it afterwards
(--no-restart leaves the board at its REPL).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return runStatus(cmd.Context(), o)
		},
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the status as one JSON document (see docs/json.md)")
	cmd.Flags().BoolVar(&o.NoRestart, "no-restart", false, "leave the board at its REPL afterwards instead of restarting its app")
	return cmd
}

func runStatus(ctx context.Context, o *boardCmdOptions) error {
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, "status", o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	s, err := agent.New(conn, agent.Options{}).Status(ctx)
	noAgent := errors.Is(err, agent.ErrNoAgent)
	if err != nil && !noAgent {
		return boardErr(err)
	}
	// What any MicroPython board tells; with the agent, its status says
	// more, so a board too old to answer this loses only this part.
	info, ierr := boardfs.New(conn).Probe(ctx)
	if ierr != nil && noAgent {
		return boardErr(fmt.Errorf("%s has no otapush agent, and reading its os.uname() and free space failed: %w", conn.Port().Path, ierr))
	}
	board := &info
	if ierr != nil {
		board = nil
	}
	if !o.NoRestart {
		// Reading the status stopped the app (and, on trial, cut its boot
		// short): hand the board back so looking changes nothing.
		if rerr := update.Relaunch(ctx, conn, &update.Result{}); rerr != nil {
			fmt.Fprintf(o.IO.ErrOut, "otapush: warning: %s\n", termsafe.Text(restartWarning(rerr, rerr.Error())))
		}
	}
	if noAgent {
		if o.JSON {
			return writeJSON(o.IO.Out, bareStatusDoc(conn.Port().Path, conn.Port().SerialNumber, info))
		}
		writeBareStatus(o.IO.Out, conn.Port().Path, info)
		return nil
	}
	if o.JSON {
		d := statusDocFor(conn.Port().Path, conn.Port().SerialNumber, s)
		d.Board = statusBoardFor(board)
		return writeJSON(o.IO.Out, d)
	}
	writeStatusText(o.IO.Out, conn.Port().Path, s)
	return nil
}

// statusBoard is what any MicroPython board says about itself (os.uname()).
type statusBoard struct {
	MicroPython string `json:"micropython"` // release, e.g. 1.27.0
	Port        string `json:"port"`        // sysname, e.g. rp2
	Machine     string `json:"machine"`     // e.g. Raspberry Pi Pico W with RP2040
	Build       string `json:"build"`       // the full version string
}

func statusBoardFor(in *boardfs.Info) *statusBoard {
	if in == nil {
		return nil
	}
	return &statusBoard{MicroPython: in.Release, Port: in.Sysname, Machine: in.Machine, Build: in.Build}
}

// bareStatusDoc is the status of a board without the agent: no app
// version, no transaction (state idle), no outcome; its board, flash and
// heap.
func bareStatusDoc(port, serial string, in boardfs.Info) statusDoc {
	return statusDoc{Version: jsonVersion, Port: port, Serial: serial,
		Agent:       statusAgent{Installed: false},
		Transaction: statusTxn{State: string(agent.StateIdle)},
		Filesystem:  statusFS{Type: "unknown", FreeBytes: in.FreeBytes, TotalBytes: in.Total, BlockBytes: in.Block},
		MemoryFree:  in.MemFree,
		Board:       statusBoardFor(&in),
	}
}

// writeBareStatus renders the status of a board without the agent.
func writeBareStatus(w io.Writer, port string, in boardfs.Info) {
	safe := termsafe.String
	fmt.Fprintf(w, "port:        %s\n", safe(port))
	if len(in.AgentModule) > 0 {
		fmt.Fprintf(w, "agent:       %s is there but does not answer; 'otapush update' installs a working one\n", safe(strings.Join(in.AgentModule, ", ")))
	} else {
		fmt.Fprintln(w, "agent:       not installed ('otapush update' installs it with the first update)")
	}
	fmt.Fprintf(w, "micropython: %s (%s)\n", safe(in.Release), safe(in.Sysname))
	fmt.Fprintf(w, "board:       %s\n", safe(in.Machine))
	fmt.Fprintf(w, "filesystem:  %s free of %s\n", humanSize(in.FreeBytes), humanSize(in.Total))
	if in.MemFree >= 0 {
		fmt.Fprintf(w, "memory:      %s free\n", humanSize(in.MemFree))
	}
}

// statusDoc is `status --json`: the board's state in otapush's own names
// and units. It is mapped from agent.Status field by field, so the agent's
// wire keys (its journal's "s", "b", ...) never become part of otapush's
// interface.
type statusDoc struct {
	Version     int             `json:"version"`
	Port        string          `json:"port"`
	Serial      string          `json:"serial,omitempty"`
	Agent       statusAgent     `json:"agent"`
	App         update.Version  `json:"app"`
	Transaction statusTxn       `json:"transaction"`
	Last        *statusLast     `json:"last"` // null: no transaction finished yet
	Kept        *update.Version `json:"kept"` // null: no previous version kept
	Filesystem  statusFS        `json:"filesystem"`
	MemoryFree  int64           `json:"memory_free_bytes"`
	Board       *statusBoard    `json:"board,omitempty"` // os.uname(); absent when the board did not say
}

type statusAgent struct {
	Installed bool   `json:"installed"`
	Version   string `json:"version"` // "" when not installed
	API       int    `json:"api"`     // 0 when not installed
}

// statusTxn is the transaction in progress; state idle when there is none.
type statusTxn struct {
	State       string `json:"state"`
	StagedFiles int    `json:"staged_files"`
	// Boots and BootAborts count the trial boots so far, and those whose
	// boot.py did not return.
	Boots      int `json:"boots"`
	BootAborts int `json:"boot_aborts"`
	// RecoveryFailures are the recoveries at boot that failed in this
	// state (too many end in state safe); RecoveryError is the last one's.
	RecoveryFailures int    `json:"recovery_failures"`
	RecoveryError    string `json:"recovery_error,omitempty"`
	Reason           string `json:"reason,omitempty"`
	Result           string `json:"result,omitempty"` // what it ends as (state end)
}

type statusLast struct {
	Result string         `json:"result"` // committed, rolled_back, aborted
	From   update.Version `json:"from"`
	To     update.Version `json:"to"`
	Reason string         `json:"reason,omitempty"`
}

type statusFS struct {
	Type         string `json:"type"` // lfs2, lfs1, fat, posix (simulated board), unknown
	AtomicRename bool   `json:"atomic_rename"`
	FreeBytes    int64  `json:"free_bytes"`
	TotalBytes   int64  `json:"total_bytes"`
	BlockBytes   int64  `json:"block_bytes"`
}

func statusDocFor(port, serial string, s agent.Status) statusDoc {
	d := statusDoc{
		Version: jsonVersion, Port: port, Serial: serial,
		Agent:       statusAgent{Installed: true, Version: s.Agent, API: s.API},
		App:         update.Version{Version: s.App.Version, Commit: s.App.Commit},
		Transaction: statusTxn{State: string(s.State), StagedFiles: s.Staged},
		Filesystem: statusFS{Type: s.FS, AtomicRename: s.Atomic,
			FreeBytes: s.BFree * s.BSize, TotalBytes: s.Blocks * s.BSize, BlockBytes: s.BSize},
		MemoryFree: s.Mem,
	}
	if d.Transaction.State == "" {
		d.Transaction.State = string(agent.StateIdle)
	}
	if t := s.Txn; t != nil {
		d.Transaction.Boots, d.Transaction.BootAborts = t.Boots, t.BootAborts
		d.Transaction.RecoveryFailures, d.Transaction.RecoveryError = t.Tries, t.Err
		d.Transaction.Reason, d.Transaction.Result = t.Why, string(t.Result)
	}
	if l := s.Last; l != nil {
		d.Last = &statusLast{Result: string(l.Result), Reason: l.Why,
			From: update.Version{Version: l.From.Version, Commit: l.From.Commit},
			To:   update.Version{Version: l.To.Version, Commit: l.To.Commit}}
	}
	if p := s.Prev; p != nil {
		d.Kept = &update.Version{Version: p.Version, Commit: p.Commit}
	}
	return d
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
		fmt.Fprintf(w, ", %s staged", count(s.Staged, "file"))
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
		Use:   "rollback [--port P|auto]",
		Short: "Return the board to its previous version, then reset it",
		Long: `Return the board to its previous version, then reset it.

A version still on trial is reverted at once. A confirmed version is
reverted only when the update that installed it kept the previous version
(otapush update --keep-previous): the board swaps the kept version back in
at the next boot, as an update, with a trial boot of its own.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return runRollback(cmd.Context(), o)
		},
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the result as one JSON document (see docs/json.md)")
	return cmd
}

// rollbackDoc is `rollback --json`. A rollback that fails (no previous
// version, rolled back by the board) prints the error document instead.
type rollbackDoc struct {
	Version    int            `json:"version"`
	Port       string         `json:"port"`
	Serial     string         `json:"serial,omitempty"`
	Outcome    string         `json:"outcome"` // reverted (from trial), committed, trial
	Before     update.Version `json:"before"`
	After      update.Version `json:"after"`
	DurationMS int64          `json:"duration_ms"`
}

func runRollback(ctx context.Context, o *boardCmdOptions) error {
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, "rollback", o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	res, err := update.Rollback(ctx, conn, update.Options{}, nil)
	if err == nil && o.JSON {
		return writeJSON(o.IO.Out, rollbackDoc{Version: jsonVersion, Port: res.Port, Serial: res.Serial,
			Outcome: string(res.Outcome), Before: res.Before, After: res.After, DurationMS: res.Duration.Milliseconds()})
	}
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
	name := shortLabel(res.Port, res.Serial)
	var line strings.Builder
	w := &line
	defer func() { fmt.Fprintln(o.IO.Out, termsafe.String(line.String())) }()
	switch res.Outcome {
	case update.Reverted:
		fmt.Fprintf(w, "%s: rolled back; the board runs %s", name, orNone(res.After.Version))
	case update.Committed:
		fmt.Fprintf(w, "%s: rolled back %s -> %s, committed; the board runs %s", name,
			orNone(res.Before.Version), orNone(res.After.Version), orNone(res.After.Version))
	case update.OnTrial:
		fmt.Fprintf(w, "%s: rolled back %s -> %s, on trial (it confirms per its policy)", name,
			orNone(res.Before.Version), orNone(res.After.Version))
	default:
		fmt.Fprintf(w, "%s: rollback %s", name, res.Outcome)
	}
	return nil
}
