package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// hardResetCode lets the end-of-code ack leave the board before USB goes
// down (mpremote waits 100 ms for the same reason).
const hardResetCode = "import machine, time\ntime.sleep_ms(50)\nmachine.reset()\n"

// BootWait lets a freshly reset board run before the host takes control:
// an OTA agent's recovery in boot.py, or an app's trial boot, must not be
// cut short by the Ctrl-C that entering the raw REPL sends.
type BootWait struct {
	// Max bounds the wait; 0 takes control at once.
	Max time.Duration
	// Until ends the wait early once the output seen so far satisfies it
	// (e.g. it holds the agent's status line). Output a native-USB board
	// printed before the host reopened the port is lost, as on hardware.
	Until func(output []byte) bool
}

// maxBootOutput bounds what a BootWait keeps of a chatty boot.
const maxBootOutput = 64 << 10

// HardResetWait resets the board with machine.reset() and reconnects. On
// native USB the port disappears and comes back (maybe under another
// name); behind a UART bridge it stays and the boot banner shows instead.
// The board may boot for up to w.Max (or until w.Until; the zero BootWait
// takes control at once); the call returns the boot output seen, with the
// board in the raw REPL and main.py interrupted if it had started.
func (c *Conn) HardResetWait(ctx context.Context, w BootWait) ([]byte, error) {
	sameLink, err := c.machineReset(ctx)
	if err != nil {
		return nil, err
	}
	if sameLink {
		boot, err := c.watchBoot(ctx, w)
		if err != nil {
			return boot, err
		}
		return boot, c.EnterRaw(ctx)
	}
	_ = c.shut()
	return c.ReconnectWait(ctx, w)
}

// HardResetRun resets the board with machine.reset() and lets it run, as
// at power-on: it returns once the board is back (its boot banner seen on
// a link that stays, or its port found again within ReconnectTimeout as
// Reconnect does) with the port open and nothing sent since, so boot.py
// and main.py run uninterrupted. Close (which then sends nothing) or
// Follow next.
func (c *Conn) HardResetRun(ctx context.Context) error {
	sameLink, err := c.machineReset(ctx)
	if err != nil || sameLink {
		return err
	}
	_ = c.shut()
	return c.reconnect(ctx, nil)
}

// machineReset runs machine.reset() and watches the old port: true when
// the board rebooted on the same link.
func (c *Conn) machineReset(ctx context.Context) (sameLink bool, err error) {
	finish, err := c.begin(ctx)
	if err != nil {
		return false, err
	}
	err = c.exec(ctx, bytes.NewReader([]byte(hardResetCode)), nil, false)
	if err != nil {
		return false, finish(err)
	}
	sameLink, err = c.awaitReset()
	return sameLink, finish(err)
}

// watchBoot collects what the board prints while it boots, for at most
// w.Max. A port that goes away meanwhile (the app reset the board again)
// is reported as ErrDisconnected.
func (c *Conn) watchBoot(ctx context.Context, w BootWait) ([]byte, error) {
	if w.Max <= 0 {
		return nil, nil
	}
	finish, err := c.begin(ctx)
	if err != nil {
		return nil, err
	}
	var boot []byte
	end := time.Now().Add(w.Max)
	for {
		boot = append(boot, c.buf...)
		if len(boot) > maxBootOutput {
			boot = boot[len(boot)-maxBootOutput:]
		}
		c.buf = c.buf[:0]
		if w.Until != nil && w.Until(boot) {
			break
		}
		left := time.Until(end)
		if left <= 0 {
			break
		}
		if _, err := c.fill(left); err != nil {
			return boot, finish(err)
		}
	}
	c.trace.note("watched the boot for %d bytes", len(boot))
	return boot, finish(nil)
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
	_, err := c.ReconnectWait(ctx, BootWait{})
	return err
}

// ReconnectWait is Reconnect letting the board run for up to w.Max (or
// until w.Until) once the port is back, before interrupting it; it returns
// the output seen meanwhile.
func (c *Conn) ReconnectWait(ctx context.Context, w BootWait) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !c.closed {
		_ = c.shut()
	}
	var boot []byte
	err := c.reconnect(ctx, func(ctx context.Context) error {
		var err error
		boot, err = c.watchBoot(ctx, w)
		if err == nil {
			err = c.EnterRaw(ctx)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return boot, nil
}

// reconnect is reopen bounded by ReconnectTimeout, with an error that
// says what was looked for.
func (c *Conn) reconnect(ctx context.Context, ready func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.ReconnectTimeout)
	defer cancel()
	lastErr, err := c.reopen(ctx, ready)
	if err == nil {
		return nil
	}
	if lastErr == nil {
		lastErr = c.notBack()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("reconnecting after %v: %w: %v", c.opts.ReconnectTimeout, ErrTimeout, lastErr)
	}
	return err
}

// reopen looks for the board (findAgain) with backoff until ctx ends,
// opens its port and runs ready (if any) on it; a failure there closes
// the port and the search goes on. It returns nil once the port is open
// and ready succeeded, else ctx's error and the last failure seen, for
// the caller to explain.
func (c *Conn) reopen(ctx context.Context, ready func(context.Context) error) (lastErr, err error) {
	lister := c.opts.Lister
	if lister == nil {
		lister = ports.System()
	}
	backoff := 50 * time.Millisecond
	start := time.Now()
	for {
		if p, ok := c.findAgain(ctx, lister, time.Since(start)); ok {
			t, err := c.opts.OpenTransport(p.Path, p.Kind)
			if err == nil {
				c.t, c.port, c.closed, c.inRaw = t, p, false, false
				c.buf = c.buf[:0]
				c.stats.Reconnects++
				c.trace.note("reopened %s", p.Path)
				if ready == nil {
					return nil, nil
				}
				if err = ready(ctx); err == nil {
					return nil, nil
				}
				_ = c.shut()
			}
			lastErr = err
		}
		if err := sleepCtx(ctx, backoff); err != nil {
			return lastErr, err
		}
		// A board back from a reset is noticed within 100 ms: the search
		// is a listing of ports, cheap enough to repeat that often.
		backoff = min(backoff*2, 100*time.Millisecond)
	}
}

// notBack says what was looked for when nothing came back.
func (c *Conn) notBack() error {
	if c.port.SerialNumber != "" {
		return fmt.Errorf("no port at %s and no board with serial number %s", c.port.Path, c.port.SerialNumber)
	}
	return fmt.Errorf("%s did not come back", c.port.Path)
}

// findAgain prefers the USB serial number, which is stable across
// re-enumeration, while a path may come back pointing at another device
// (ptys and ttyACM numbers are reused). The old path is used when nothing
// listed claims it for another serial number, and, when the board has a
// serial number, only after the serial lookup had a fair chance: the
// device node can appear before its identity is readable.
func (c *Conn) findAgain(ctx context.Context, lister *ports.Lister, since time.Duration) (ports.Port, bool) {
	serial := c.port.SerialNumber
	var all []ports.Port
	if serial != "" {
		all, _ = lister.List(ctx)
		if p, ok := ports.FindSerial(all, serial); ok && c.opts.PortExists(p.Path) {
			return p, true
		}
		if since < time.Second {
			return ports.Port{}, false
		}
		for _, q := range all {
			if (q.Path == c.port.Path || q.Device == c.port.Path) && q.SerialNumber != "" && !strings.EqualFold(q.SerialNumber, serial) {
				return ports.Port{}, false
			}
		}
	}
	if c.opts.PortExists(c.port.Path) {
		return c.port, true
	}
	return ports.Port{}, false
}

// SoftReset restarts the interpreter from the raw REPL: boot.py runs,
// main.py does not (pyexec only runs it in friendly mode), and the board
// comes back to the raw prompt with a clean heap.
func (c *Conn) SoftReset(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	return finish(c.softReset(ctx))
}

func (c *Conn) softReset(ctx context.Context) error {
	if err := c.ensureRaw(ctx); err != nil {
		return err
	}
	c.stats.RoundTrips++
	if err := c.write(ctx, []byte{ctrlD}); err != nil {
		return err
	}
	if err := c.waitFor("soft reset", c.opts.ReplyTimeout, indexSoftReboot); err != nil {
		c.inRaw = false
		return err
	}
	bootWait := c.opts.ExecTimeout
	if bootWait < 0 {
		bootWait = 10 * c.opts.ReplyTimeout
	}
	err := c.waitFor("raw REPL banner after soft reset", bootWait, indexRawBanner)
	var te *TimeoutError
	if errors.As(err, &te) {
		// boot.py never finished: interrupt it like any running code.
		c.trace.note("boot.py still running after soft reset; interrupting")
		c.inRaw = false
		return c.enterRaw(ctx)
	}
	return err
}

// RunApp hands the board back to its program and lets the port go: it
// leaves the raw REPL and soft-resets from the friendly REPL, where
// (unlike in the raw REPL) boot.py and main.py run as at power-on, and
// returns once the board has started over. The port stays (no USB
// re-enumeration, unlike machine.reset()). Every session interrupted
// main.py to take the raw REPL, so without this a board sits at its
// prompt until it is next powered on. The connection is closed after.
func (c *Conn) RunApp(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	err = c.leaveRaw(ctx)
	if err == nil {
		c.stats.RoundTrips++
		err = c.write(ctx, []byte{ctrlD})
	}
	if err == nil {
		err = c.waitFor("soft reboot", c.opts.ReplyTimeout, indexSoftReboot)
	}
	err = finish(err)
	if serr := c.shut(); err == nil {
		err = serr
	}
	return err
}

// indexSoftReboot matches past the interpreter's restart line: 1.9-era
// firmware prints "soft reboot", newer "MPY: soft reboot".
func indexSoftReboot(b []byte) int {
	if i := bytes.Index(b, []byte("soft reboot")); i >= 0 {
		return i + len("soft reboot")
	}
	return -1
}
