package rawrepl

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// fill does one read of at most timeout and appends what came.
func (c *Conn) fill(timeout time.Duration) (int, error) {
	n, err := c.t.Read(c.rbuf, timeout)
	if n > 0 {
		c.buf = append(c.buf, c.rbuf[:n]...)
		c.stats.BytesIn += int64(n)
		c.trace.add(dirIn, c.rbuf[:n])
	}
	if err != nil {
		if errors.Is(err, ErrDisconnected) {
			return n, ErrDisconnected
		}
		return n, fmt.Errorf("reading from %s: %w (%v)", c.port.Path, ErrDisconnected, err)
	}
	return n, nil
}

func (c *Conn) consume(n int) {
	c.buf = append(c.buf[:0], c.buf[n:]...)
}

// waitFor reads until match(c.buf) returns an end offset >= 0, then
// consumes up to it. match returns -1 for "not yet" and <= -2 when the
// bytes can never match, which is a protocol error. A busy board printing
// without end cannot grow the buffer: only the tail that could still hold
// a match is kept.
func (c *Conn) waitFor(op string, timeout time.Duration, match func([]byte) int) error {
	silent := c.startSilence(timeout)
	for {
		end := match(c.buf)
		if end >= 0 {
			c.consume(end)
			return nil
		}
		if end <= -2 {
			got := tail(c.buf, 64)
			c.buf = c.buf[:0]
			return &ProtocolError{Op: op, Want: "the raw REPL's answer", Got: got}
		}
		if len(c.buf) > 64<<10 {
			c.consume(len(c.buf) - 256)
		}
		wait, ok := silent.left()
		if !ok {
			return &TimeoutError{Op: op, After: timeout, Received: tail(c.buf, 200)}
		}
		// A board that answers each wait just in time must still not
		// stretch an exec past its total deadline.
		if left, ok := c.budget.left(c.stats.BytesOut); ok && left < wait {
			if left <= 0 {
				return c.overDeadline(op, c.buf)
			}
			wait = left
		}
		if _, err := c.fill(wait); err != nil {
			return err
		}
	}
}

// write sends b in full. A tty write can block forever when the board
// stops reading, and closing the fd does not wake it, so the write runs in
// a goroutine the caller stops waiting for at the deadline.
func (c *Conn) write(ctx context.Context, b []byte) error {
	c.stats.BytesOut += int64(len(b))
	c.trace.add(dirOut, b)
	t := c.t
	done := make(chan error, 1)
	go func() {
		for len(b) > 0 {
			n, err := t.Write(b)
			if err != nil {
				done <- err
				return
			}
			b = b[n:]
		}
		done <- nil
	}()
	silent := c.startSilence(c.opts.ReplyTimeout)
	for {
		wait, ok := silent.left()
		if !ok {
			_ = t.Close()
			c.closed = true
			return &TimeoutError{Op: "write", After: c.opts.ReplyTimeout}
		}
		timer := time.NewTimer(wait)
		select {
		case err := <-done:
			timer.Stop()
			if err != nil {
				return fmt.Errorf("writing to %s: %w (%v)", c.port.Path, ErrDisconnected, err)
			}
			return nil
		case <-ctx.Done():
			timer.Stop()
			_ = t.Close()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// silence is one wait on the board, on the wall clock or on
// Options.Silence's.
type silence struct {
	deadline time.Time
	over     func() bool
}

// silencePoll is how often a wait measured by Options.Silence asks it.
const silencePoll = 50 * time.Millisecond

func (c *Conn) startSilence(d time.Duration) silence {
	if c.opts.Silence != nil {
		return silence{over: c.opts.Silence(d)}
	}
	return silence{deadline: time.Now().Add(d)}
}

// left is how long the next read may block, and false once the wait ran
// out.
func (s silence) left() (time.Duration, bool) {
	if s.over != nil {
		return silencePoll, !s.over()
	}
	d := time.Until(s.deadline)
	return d, d > 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// at most limit.
func (c *Conn) drainQuiet(quiet, limit time.Duration) error {
	end := time.Now().Add(limit)
	for time.Now().Before(end) {
		n, err := c.fill(min(quiet, time.Until(end)))
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	if len(c.buf) > 0 {
		c.trace.note("discarding %d late bytes", len(c.buf))
		c.buf = c.buf[:0]
	}
	return nil
}
