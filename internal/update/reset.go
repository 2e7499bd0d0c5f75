package update

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/rawrepl"
)

// resetCode resets at once: the board acknowledges the end of the code
// (raw-paste's \x04, classic's OK) before it compiles it, so the ack is on
// the wire before machine.reset() runs, and a port lost before the ack
// reached the host is the reset itself (reset below). No pause on the way
// to the swap.
const resetCode = "import machine\nmachine.reset()\n"

// reset runs the armed swap per the reset mode and reads the outcome: after
// a hard reset, by default, the trial is watched to the board's verdict.
func (r *run) reset(ctx context.Context) error {
	mode := r.o.ResetMode
	if mode == "" {
		mode = ResetHard
	}
	if ctx.Err() != nil {
		// Armed already: the next boot applies it; nothing to undo.
		r.res.Outcome = Armed
		return ctx.Err()
	}
	r.send(Event{Phase: PhaseReset, Msg: mode})
	switch mode {
	case ResetNone:
		r.res.Outcome = Armed
		return nil
	case ResetSoft:
		// boot.py runs the swap; main.py (the trial) waits for a real boot.
		if err := r.c.SoftReset(ctx); err != nil {
			return fmt.Errorf("soft reset: %w", err)
		}
	case ResetHard:
		if !r.o.NoWait {
			// A port lost before the end-of-code ack is the reset itself.
			if err := r.c.ExecNoFollow(ctx, resetCode); err != nil && !errors.Is(err, rawrepl.ErrDisconnected) {
				return fmt.Errorf("resetting the board: %w", err)
			}
			return r.verdict(ctx, r.nonce, r.policy())
		}
		if err := r.hardReset(ctx); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown reset mode %q", mode)
	}
	return r.outcome(ctx)
}

// policy is the trial policy the arm spec names (the default uptime).
func (r *run) policy() agent.Policy {
	if r.o.Confirm == "" {
		return agent.PolicyUptime
	}
	return r.o.Confirm
}

// hardReset resets the board and takes the raw REPL back as soon as it is
// there (--no-wait, a rollback): the agent's recovery in boot.py cannot be
// interrupted, and a trial boot the host cuts short is given back by
// Relaunch. The board may reset itself again (a rollback does); the port
// then goes away once more and we find it again.
func (r *run) hardReset(ctx context.Context) error {
	if r.p.Hooks.PostUpdate != "" {
		return r.hardResetPastHook(ctx)
	}
	_, err := r.c.HardResetWait(ctx, rawrepl.BootWait{})
	for try := 0; err != nil && try < 3 && ctx.Err() == nil && lostBoard(err); try++ {
		_, err = r.c.ReconnectWait(ctx, rawrepl.BootWait{})
	}
	if err != nil {
		return fmt.Errorf("reconnecting after the reset: %w", err)
	}
	return nil
}

// hookEnded says whether boot output shows the post_update hook over:
// the agent's line after it, or what the boot prints only after it.
func hookEnded(out []byte, nonce string) bool {
	for _, m := range []string{"OTA: post_update hook ", "OTA: TRIAL", "OTA: SAFE", "OTA: ROLLED_BACK",
		agent.EventPrefix + " " + nonce + " trial "} {
		if bytes.Contains(out, []byte(m)) {
			return true
		}
	}
	return false
}

// hardResetPastHook is hardReset for a swap whose boot runs a post_update
// hook: taking the raw REPL (Ctrl-C) would end the hook and fail the
// update, so the board runs, watched, until its output shows the hook over
// or for the hook's deadline (+ bootSlack: output printed while the port
// was away is lost), and only then is taken.
func (r *run) hardResetPastHook(ctx context.Context) error {
	if err := r.c.ExecNoFollow(ctx, resetCode); err != nil && !errors.Is(err, rawrepl.ErrDisconnected) {
		return fmt.Errorf("resetting the board: %w", err)
	}
	wctx, cancel := context.WithTimeout(ctx, r.hookTimeout()+bootSlack)
	defer cancel()
	var seen []byte
	err := r.c.Follow(wctx, func(ev rawrepl.FollowEvent) bool {
		seen = append(seen, ev.Data...)
		if len(seen) > 4096 {
			seen = seen[len(seen)-4096:]
		}
		return hookEnded(seen, r.nonce)
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("watching the board's boot: %w", err)
	}
	if err := r.c.Reconnect(ctx); err != nil {
		return fmt.Errorf("reconnecting after the reset: %w", err)
	}
	return nil
}

func lostBoard(err error) bool {
	var he *rawrepl.HandshakeError
	return errors.Is(err, rawrepl.ErrDisconnected) || errors.Is(err, rawrepl.ErrTimeout) ||
		errors.Is(err, rawrepl.ErrPortUnavailable) || errors.As(err, &he)
}

// status reads the agent's status, finding the board again (up to three
// times) when its port went away meanwhile: after a reset, or during a
// trial that resets the board.
func (r *run) status(ctx context.Context) (agent.Status, error) {
	s, err := r.b.Status(ctx)
	for try := 0; err != nil && try < 3 && ctx.Err() == nil && lostBoard(err); try++ {
		if err = r.c.Reconnect(ctx); err == nil {
			s, err = r.b.Status(ctx)
		}
	}
	return s, err
}

// outcome reads what the agent reports after the reset.
func (r *run) outcome(ctx context.Context) error {
	s, err := r.status(ctx)
	// A board interrupted while it was rolling back on its own finishes
	// that at its next boot.py; a soft reset runs it without a trial boot.
	// So does one still armed after the reset: the host's Ctrl-C came
	// before boot.py's recovery (a port back before boot.py ran, or one
	// that never went away), and boot.py is all the swap needs.
	for try := 0; err == nil && try < 2 && (s.State.Recovering() || s.State == agent.StateApply); try++ {
		if err = r.c.SoftReset(ctx); err == nil {
			s, err = r.b.Status(ctx)
		}
	}
	if err != nil {
		return fmt.Errorf("reading the outcome: %w", err)
	}
	r.res.After = Version{s.App.Version, s.App.Commit}
	r.res.Agent = s.Agent
	res, why := classify(s, r.p.Version)
	r.res.Outcome, r.res.Why = res, why
	if res == OnTrial && r.o.HostConfirm {
		got, err := r.b.Confirm(ctx)
		if err != nil {
			return err
		}
		if got == agent.ResultCommitted {
			r.res.Outcome = Committed
		}
	}
	r.send(Event{Phase: PhaseOutcome, Msg: string(r.res.Outcome)})
	switch r.res.Outcome {
	case RolledBack:
		return &RolledBackError{Why: why}
	case Committed, OnTrial, Armed:
		return nil
	}
	return fmt.Errorf("the board reports state %q after the reset (%s)", s.State, why)
}

// classify turns the agent's status into an outcome for version want.
func classify(s agent.Status, want string) (Outcome, string) {
	switch s.State {
	case agent.StateTrial:
		return OnTrial, ""
	case agent.StateApply:
		return Armed, ""
	case agent.StateIdle:
		if s.Last != nil && s.Last.To.Version == want {
			switch s.Last.Result {
			case agent.ResultCommitted:
				return Committed, ""
			case agent.ResultRolledBack, agent.ResultAborted:
				return RolledBack, s.Last.Why
			}
		}
		if s.App.Version == want {
			return Committed, ""
		}
		return Failed, "the board is idle on version " + s.App.Version
	}
	why := ""
	if s.Txn != nil {
		why = s.Txn.Why
	}
	return Failed, why
}
