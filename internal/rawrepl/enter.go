package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"time"
)

// EnterRaw brings the board to an idle raw REPL prompt from any state:
// friendly REPL, half-typed input, running or sleeping code, already raw,
// or still booting. Each attempt interrupts (Ctrl-C), lets the program
// unwind, then asks for the raw REPL (Ctrl-A) and waits for its banner;
// waits grow with each attempt for boards that are slow to come up.
func (c *Conn) EnterRaw(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	return finish(c.enterRaw(ctx))
}

func (c *Conn) enterRaw(ctx context.Context) error {
	var seen []byte
	c.stats.RoundTrips++
	for a := 1; a <= c.opts.EnterAttempts; a++ {
		// Output already waiting (an old prompt, a banner) says nothing
		// about how the board answers this interrupt.
		if err := c.fillWaiting(); err != nil {
			return err
		}
		seen = tail(append(seen, c.buf...), 200)
		c.buf = c.buf[:0]
		if err := c.interrupt(ctx, a); err != nil {
			return err
		}
		seen = tail(append(seen, c.buf...), 200)
		c.buf = c.buf[:0]
		if err := c.write(ctx, []byte{ctrlA}); err != nil {
			return err
		}
		err := c.waitFor("raw REPL banner", time.Duration(a)*250*time.Millisecond, indexRawBanner)
		if err == nil {
			if a > 1 {
				// A Ctrl-A from an earlier attempt may have sat in the
				// stdin of the code that was running and be answered
				// only now; its banner must not be taken for the reply
				// to the next request.
				if err := c.drainQuiet(30*time.Millisecond, 300*time.Millisecond); err != nil {
					return err
				}
			}
			c.inRaw = true
			c.trace.note("in raw REPL after %d attempt(s)", a)
			return nil
		}
		var te *TimeoutError
		if !errors.As(err, &te) {
			return err
		}
		c.trace.note("attempt %d: no raw REPL banner", a)
	}
	seen = tail(append(seen, c.buf...), 200)
	c.buf = c.buf[:0]
	return &HandshakeError{Attempts: c.opts.EnterAttempts, Received: seen, Err: ErrNotMicroPython}
}

// fillWaiting reads what the board has sent already, without waiting
// (and without growing past 64 KiB).
func (c *Conn) fillWaiting() error {
	for {
		n, err := c.fill(0)
		if err != nil {
			return err
		}
		if n == 0 || len(c.buf) > 64<<10 {
			return nil
		}
	}
}

// interrupt stops running code for attempt a of entering the raw REPL and
// lets it unwind; the board's answer, if any, stays in c.buf.
func (c *Conn) interrupt(ctx context.Context, a int) error {
	// Ctrl-C alone, never followed in the same write by Ctrl-A: TinyUSB
	// empties its receive buffer when it sees Ctrl-C during execution,
	// and a Ctrl-A that reaches running code disarms later Ctrl-Cs
	// (micropython#7867). A second Ctrl-C on retries stops code that
	// catches the first KeyboardInterrupt and carries on.
	intr := []byte{ctrlC}
	if a > 1 {
		intr = []byte{ctrlC, ctrlC}
	}
	if err := c.write(ctx, intr); err != nil {
		return err
	}
	// Long enough for code to unwind on a real board (a few ms) before
	// Ctrl-A follows; an idle raw REPL answers nothing and costs the
	// whole wait, so it stays short.
	settle := time.Duration(a) * 100 * time.Millisecond
	err := c.waitFor("interrupt", settle, func(b []byte) int {
		if bytes.HasSuffix(b, []byte(">>> ")) {
			return len(b)
		}
		return -1
	})
	var te *TimeoutError
	if err != nil && !errors.As(err, &te) {
		return err
	}
	return nil
}

// drainQuiet discards input until the board has been quiet for quiet, or
// ensureRaw re-enters the raw REPL when a previous call left the board in
// an unknown state, and drops stale input that would confuse the reply.
func (c *Conn) ensureRaw(ctx context.Context) error {
	if !c.inRaw {
		return c.enterRaw(ctx)
	}
	if len(c.buf) > 0 {
		c.trace.note("discarding %d stale bytes", len(c.buf))
		c.buf = c.buf[:0]
	}
	return nil
}

// LeaveRaw returns the board to the friendly REPL (Ctrl-B).
func (c *Conn) LeaveRaw(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	return finish(c.leaveRaw(ctx))
}

func (c *Conn) leaveRaw(ctx context.Context) error {
	if !c.inRaw {
		return nil
	}
	c.buf = c.buf[:0]
	c.stats.RoundTrips++
	if err := c.write(ctx, []byte{ctrlB}); err != nil {
		return err
	}
	c.inRaw = false
	return c.waitFor("friendly REPL prompt", c.opts.ReplyTimeout, func(b []byte) int {
		if i := bytes.Index(b, []byte(">>> ")); i >= 0 {
			return i + 4
		}
		return -1
	})
}
