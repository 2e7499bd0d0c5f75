package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// Limits bound one exec. ExecTimeout only bounds silence, so a board that
// prints without end, or a byte every few seconds, would otherwise hold the
// host (and its memory) for ever.
type Limits struct {
	// MaxOutput bounds what the board may send back for one exec: its
	// stdout, exception text and anything in place of the prompt. Default
	// 1 MiB (an agent reply is one line); negative: no bound, for output
	// that streams elsewhere (otapush exec --max-output 0).
	MaxOutput int64
	// Deadline bounds one exec in all, from its first byte sent to the
	// prompt, on top of the time its code takes to send at MinRate.
	// Default 2 min; negative: none (only ExecTimeout and the context).
	Deadline time.Duration
	// MinRate (bytes/s) is the slowest transfer the deadline allows for:
	// every MinRate bytes the host sends add one second, so a large upload
	// is never cut short by a deadline sized for a small call, while a
	// board cannot stretch it (only the host's own bytes count).
	// Default 1024, below a 115200-baud UART's worst measured rate.
	MinRate int
}

// DefaultMaxOutput, DefaultDeadline and DefaultMinRate are the zero
// Limits' values.
const (
	DefaultMaxOutput = 1 << 20
	DefaultDeadline  = 2 * time.Minute
	DefaultMinRate   = 1024
)

// or fills l's zero fields from d, then from the package defaults.
func (l Limits) or(d Limits) Limits {
	if l.MaxOutput == 0 {
		l.MaxOutput = d.MaxOutput
	}
	if l.MaxOutput == 0 {
		l.MaxOutput = DefaultMaxOutput
	}
	if l.Deadline == 0 {
		l.Deadline = d.Deadline
	}
	if l.Deadline == 0 {
		l.Deadline = DefaultDeadline
	}
	if l.MinRate <= 0 {
		l.MinRate = d.MinRate
	}
	if l.MinRate <= 0 {
		l.MinRate = DefaultMinRate
	}
	return l
}

// execBudget tracks one exec against its Limits.
type execBudget struct {
	lim   Limits
	start time.Time
	sent0 int64 // stats.BytesOut when the exec began
}

// left is the time the exec has before its deadline, given the bytes the
// host has sent so far; ok is false when there is no deadline.
func (b *execBudget) left(bytesOut int64) (d time.Duration, ok bool) {
	if b == nil || b.lim.Deadline < 0 {
		return 0, false
	}
	return b.allowed(bytesOut) - time.Since(b.start), true
}

func (b *execBudget) allowed(bytesOut int64) time.Duration {
	return b.lim.Deadline + time.Duration((bytesOut-b.sent0)*int64(time.Second)/int64(b.lim.MinRate))
}

// Exec runs code and returns what it printed. An exception on the board is
// returned as *BoardError (whose Stdout holds the output printed before it).
func (c *Conn) Exec(ctx context.Context, code string) ([]byte, error) {
	var out bytes.Buffer
	err := c.ExecStream(ctx, strings.NewReader(code), &out)
	var be *BoardError
	if errors.As(err, &be) {
		be.Stdout = out.Bytes()
	}
	return out.Bytes(), err
}

// ExecStream runs the code read from src, streaming it to the board as it
// is read (raw-paste compiles while it receives, so the source is never
// held whole on either side), and copies the board's stdout to stdout
// (nil discards). src must be text: bytes 0x01-0x04 are raw REPL controls
// and make the call fail with ErrControlByte, leaving the board idle.
func (c *Conn) ExecStream(ctx context.Context, src io.Reader, stdout io.Writer) error {
	return c.ExecStreamLimits(ctx, src, stdout, Limits{})
}

// ExecStreamLimits is ExecStream with its own limits; zero fields take the
// connection's (Options.Limits). Past a limit the code is interrupted and
// the call fails with *LimitError.
func (c *Conn) ExecStreamLimits(ctx context.Context, src io.Reader, stdout io.Writer, lim Limits) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	return finish(c.execLimits(ctx, src, stdout, true, lim))
}

// ExecBulk is Exec for code that is mostly data (a chunk of a file as a
// bytes literal). On a port whose input is lossless it goes through the
// classic raw REPL in unpaced writes, as mpytool does, instead of
// raw-paste: a native-USB MicroPython board (TinyUSB leaves what its
// input buffer cannot take in the USB FIFO, so the host's writes wait
// instead of bytes being lost) and a simulated board. Raw-paste's window
// (two of 128 bytes on rp2) costs a round trip every 256 bytes, which
// halves the rate of a full-speed USB link. Elsewhere (a UART bridge, an
// unknown port, a board without raw-paste) it is Exec. The board holds
// the whole code before it compiles it (raw-paste compiles as it
// streams), so the caller bounds its size by the board's free heap.
func (c *Conn) ExecBulk(ctx context.Context, code string) ([]byte, error) {
	c.bulk = c.losslessInput()
	defer func() { c.bulk = false }()
	return c.Exec(ctx, code)
}

// losslessInput: the port holds the host back when the board's input
// buffer is full (USB flow control) rather than dropping bytes.
func (c *Conn) losslessInput() bool {
	switch c.port.Kind {
	case ports.KindSimulated:
		return true
	case ports.KindNativeUSB:
		return c.port.MicroPython
	}
	return false
}

// bulkPiece is the size of one unpaced write of a bulk exec.
const bulkPiece = 4096

// ExecNoFollow sends code and returns once the board has accepted it,
// without waiting for it to finish: for code that never returns to the
// prompt, like machine.reset(). The board's state is unknown afterwards,
// so the next call re-enters the raw REPL.
func (c *Conn) ExecNoFollow(ctx context.Context, code string) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	return finish(c.exec(ctx, strings.NewReader(code), nil, false))
}

func (c *Conn) exec(ctx context.Context, src io.Reader, stdout io.Writer, follow bool) error {
	return c.execLimits(ctx, src, stdout, follow, Limits{})
}

func (c *Conn) execLimits(ctx context.Context, src io.Reader, stdout io.Writer, follow bool, lim Limits) error {
	if err := c.ensureRaw(ctx); err != nil {
		return err
	}
	c.budget = &execBudget{lim: lim.or(c.opts.Limits), start: time.Now(), sent0: c.stats.BytesOut}
	defer func() { c.budget = nil }()
	err := c.execRaw(ctx, src, stdout, follow)
	var le *LimitError
	if errors.As(err, &le) && !c.closed {
		// The code may still be printing or waiting: stop it, so it does
		// not keep running after the host has given up on it. Best effort;
		// the next call re-enters the raw REPL anyway.
		c.inRaw = false
		_ = c.write(ctx, []byte{ctrlC})
	}
	return err
}

func (c *Conn) execRaw(ctx context.Context, src io.Reader, stdout io.Writer, follow bool) error {
	c.stats.Execs++
	paste := false
	if !c.bulk {
		var err error
		if paste, err = c.requestPaste(ctx); err != nil {
			c.inRaw = false
			return err
		}
	}
	var sendErr error
	if paste {
		c.stats.PasteExecs++
		sendErr = c.pasteSend(ctx, src)
	} else {
		c.stats.ClassicExecs++
		sendErr = c.classicSend(ctx, src)
	}
	var abort *pasteAbort
	switch {
	case errors.As(sendErr, &abort):
		// The board stopped reading (a SyntaxError while compiling the
		// stream); its reply follows as usual and carries the exception.
	case sendErr != nil:
		return sendErr
	}
	if !follow {
		c.inRaw = false
		return nil
	}
	p := &replyParser{stdout: stdout}
	if err := c.follow(p); err != nil {
		c.inRaw = false
		return err
	}
	if p.softReboot {
		c.trace.note("code soft-rebooted the board (sys.exit or machine.soft_reset)")
	}
	if len(p.exception) > 0 {
		return ParseTraceback(string(p.exception))
	}
	if abort != nil {
		return ErrPasteAborted
	}
	if p.werr != nil {
		return fmt.Errorf("writing the board's output: %w", p.werr)
	}
	return nil
}

// exec's total deadline, and never printing more than its MaxOutput.
func (c *Conn) follow(p *replyParser) error {
	idle := c.opts.ExecTimeout
	silent := c.startSilence(idle)
	var got int64
	var recent []byte // the last bytes received, for the error
	for {
		if len(c.buf) > 0 {
			in := c.buf
			limit := c.budget.maxOutput()
			if limit >= 0 && int64(len(in)) > limit-got {
				in = in[:limit-got]
			}
			n, done := p.feed(in)
			got += int64(n)
			recent = tail(append(recent, in[:n]...), 200)
			c.consume(n)
			if done {
				return nil
			}
			if limit >= 0 && got >= limit && len(c.buf) > 0 {
				return &LimitError{Op: "running code", MaxOutput: limit, Received: recent}
			}
			silent = c.startSilence(idle)
		}
		wait := time.Hour
		if idle >= 0 {
			var ok bool
			if wait, ok = silent.left(); !ok {
				return &TimeoutError{Op: "running code", After: idle, Received: tail(append(append([]byte(nil), p.exception...), p.after...), 200)}
			}
		}
		if left, ok := c.budget.left(c.stats.BytesOut); ok {
			if left <= 0 {
				return c.overDeadline("running code", recent)
			}
			wait = min(wait, left)
		}
		if _, err := c.fill(wait); err != nil {
			return err
		}
	}
}

// maxOutput is the exec's output bound, -1 for none.
func (b *execBudget) maxOutput() int64 {
	if b == nil || b.lim.MaxOutput < 0 {
		return -1
	}
	return b.lim.MaxOutput
}

func (c *Conn) overDeadline(op string, received []byte) error {
	return &LimitError{Op: op, Deadline: c.budget.allowed(c.stats.BytesOut), Received: tail(received, 200)}
}
