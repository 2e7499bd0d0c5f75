package update

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
)

// Reverted is the outcome of a rollback of a version still on trial: the
// board reverted it at once and runs the version before it.
const Reverted Outcome = "reverted"

// NoPreviousError is a rollback with nothing to return to: no version on
// trial and none kept with keep_previous.
type NoPreviousError struct{ Err error }

func (e *NoPreviousError) Error() string {
	return "nothing on trial and no previous version kept: update with --keep-previous to keep one"
}
func (e *NoPreviousError) Unwrap() error { return e.Err }

// Rollback returns the board on c to the version before the current one:
// a version still on trial is reverted at once (Outcome Reverted); a
// confirmed one is swapped back to the version kept with keep_previous,
// armed like any update and then reset per o.ResetMode, so the trial and
// its rules apply to the reverted version too (Outcome Committed, OnTrial,
// Armed, or RolledBack with a *RolledBackError when it fails its trial).
// Only o.ResetMode, the trial options (Confirm and the rest, for the
// watch) and o.HostConfirm are used; the revert's trial policy is the
// board's config.
func Rollback(ctx context.Context, c *rawrepl.Conn, o Options, emit func(Event)) (Result, error) {
	start := time.Now()
	r := &run{p: &manifest.Plan{}, c: c, o: o, emit: emit}
	r.b = agent.New(c, agent.Options{})
	r.res.Port, r.res.Serial = c.Port().Path, c.Port().SerialNumber
	err := r.rollback(ctx)
	r.res.Duration = time.Since(start)
	if err != nil {
		if r.res.Outcome == "" || r.res.Outcome == Armed && !r.res.Armed {
			r.res.Outcome = Failed
		}
		r.res.Error = err.Error()
	}
	return r.res, err
}

func (r *run) rollback(ctx context.Context) error {
	s, err := r.b.Status(ctx)
	if err != nil {
		return err
	}
	r.res.Before = Version{s.App.Version, s.App.Commit}
	r.res.Agent = s.Agent
	r.nonce = agent.NewNonce()
	rb, err := r.b.Rollback(ctx, "requested by host (otapush rollback)", r.nonce)
	if errors.Is(err, agent.ErrNoPrev) {
		return &NoPreviousError{Err: err}
	}
	var ae *agent.Error
	hook := err != nil && !errors.As(err, &ae) && ctx.Err() == nil && s.State == agent.StateTrial
	if err != nil && !hook {
		return err
	}
	if hook || rb.R != agent.ResultReverting {
		// Reverted on the board already; the reset boots the old version.
		// Or the call never answered: the version's rollback hook runs
		// inside it and its deadline resets the board (or it went silent
		// and reconnecting interrupts it, which fails it): the journal
		// says rollback, and the board's recovery finishes the restore
		// at boot either way.
		if hook {
			err = r.c.Reconnect(ctx)
		}
		if err == nil {
			err = r.hardReset(ctx)
		}
		if err != nil {
			return err
		}
		if s, err = r.b.Status(ctx); err != nil {
			return err
		}
		r.res.After = Version{s.App.Version, s.App.Commit}
		if s.State != agent.StateIdle {
			return fmt.Errorf("after the rollback the board is in state %s, not idle: `otapush status` shows it", s.State)
		}
		r.res.Outcome = Reverted
		return nil
	}
	// A revert is an update to the kept version: commit point 1 passed.
	r.p.Version = rb.Version
	r.res.Armed = true
	return r.reset(ctx)
}
