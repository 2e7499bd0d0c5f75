package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// hardResetCode lets the end-of-code ack leave the board before USB goes
// down (mpremote waits 100 ms for the same reason).
const hardResetCode = "import machine, time\ntime.sleep_ms(50)\nmachine.reset()\n"

// HardReset resets the board with machine.reset() and reconnects. On
// native USB the port disappears and comes back (maybe under another
// name); behind a UART bridge it stays and the boot banner shows instead.
// Either way the call returns with the board in the raw REPL, main.py
// interrupted if it had started.
func (c *Conn) HardReset(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	err = c.exec(ctx, bytes.NewReader([]byte(hardResetCode)), nil, false)
	if err != nil {
		return finish(err)
	}
	sameLink, err := c.awaitReset()
	if err = finish(err); err != nil {
		return err
	}
	if sameLink {
		return c.EnterRaw(ctx)
	}
	_ = c.shut()
	return c.Reconnect(ctx)
}

// awaitReset watches the old port after machine.reset(): it reports true
// when the board rebooted on the same link (boot banner seen), false when
// the port went away or stayed silent (the caller then reopens it).
func (c *Conn) awaitReset() (bool, error) {
	err := c.waitFor("reset", 3*time.Second, func(b []byte) int {
		if i := bytes.Index(b, []byte("MicroPython ")); i >= 0 {
			return i
		}
		return -1
	})
	switch {
	case err == nil:
		c.trace.note("board rebooted on the same link")
		c.inRaw = false
		return true, nil
	case errors.Is(err, ErrDisconnected), errors.Is(err, ErrTimeout):
		c.trace.note("port gone after reset: %v", err)
		return false, nil
	}
	return false, err
}

// Reconnect finds the board again after its port went away, by the same
// path or by its USB serial number (the name can change when it
// re-enumerates), with backoff until ReconnectTimeout, then enters the raw
// REPL. It works on a closed Conn: that is its purpose.
func (c *Conn) Reconnect(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !c.closed {
		_ = c.shut()
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.ReconnectTimeout)
	defer cancel()
	lister := c.opts.Lister
	if lister == nil {
		lister = ports.System()
	}
	backoff := 50 * time.Millisecond
	var lastErr error
	for {
		if p, ok := c.findAgain(ctx, lister); ok {
			t, err := c.opts.OpenTransport(p.Path, p.Kind)
			if err == nil {
				c.t, c.port, c.closed, c.inRaw = t, p, false, false
				c.buf = c.buf[:0]
				c.stats.Reconnects++
				c.trace.note("reopened %s", p.Path)
				err = c.EnterRaw(ctx)
				if err == nil {
					return nil
				}
				_ = c.shut()
			}
			lastErr = err
		}
		if err := sleepCtx(ctx, backoff); err != nil {
			if lastErr == nil {
				lastErr = fmt.Errorf("%s did not come back", c.port.Path)
				if c.port.SerialNumber != "" {
					lastErr = fmt.Errorf("no port at %s and no board with serial number %s", c.port.Path, c.port.SerialNumber)
				}
			}
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("reconnecting after %v: %w: %v", c.opts.ReconnectTimeout, ErrTimeout, lastErr)
			}
			return err
		}
		backoff = min(backoff*2, time.Second)
	}
}

// findAgain prefers the USB serial number (stable across re-enumeration)
// and falls back to the old path when it exists.
func (c *Conn) findAgain(ctx context.Context, lister *ports.Lister) (ports.Port, bool) {
	if c.port.SerialNumber != "" {
		if all, err := lister.List(ctx); err == nil {
			if p, ok := ports.FindSerial(all, c.port.SerialNumber); ok {
				if c.opts.PortExists(p.Path) {
					return p, true
				}
			}
		}
	}
	if c.opts.PortExists(c.port.Path) {
		return c.port, true
	}
	return ports.Port{}, false
}
