// Package rawrepl speaks MicroPython's raw REPL (shared/runtime/pyexec.c)
// over a serial port: entering it from whatever the board is doing,
// executing code with raw-paste flow control or the classic paced fallback,
// soft and hard resets, and finding the board again after it re-enumerates.
//
// Every wait has a deadline and every call takes a context; cancelling the
// context closes the port, which is the only portable way to stop a read
// that is already blocked. A Conn is not safe for concurrent use.
package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// Options tune a connection. The zero value is the production default.
type Options struct {
	// ReplyTimeout bounds each protocol exchange the board answers at once
	// (banner, raw-paste header, flow-control credit, end-of-code ack).
	// Default 5 s.
	ReplyTimeout time.Duration
	// ExecTimeout is how long running code may stay silent before the host
	// gives up on it. Default 30 s; negative waits forever (only the
	// context stops it), for interactive use.
	ExecTimeout time.Duration
	// EnterAttempts bounds the interrupt-and-Ctrl-A cycles used to reach
	// the raw REPL. Default 5.
	EnterAttempts int
	// NoRawPaste forces classic raw REPL even on boards that offer
	// raw-paste.
	NoRawPaste bool
	// ClassicChunk and ClassicPause pace classic raw REPL writes, which
	// have no flow control: a UART board drops what overflows its buffer.
	// Defaults 256 B and 10 ms, the figures pyboard.py and mpremote use.
	ClassicChunk int
	ClassicPause time.Duration
	// ReconnectTimeout bounds finding the board again after a hard reset.
	// Default 20 s.
	ReconnectTimeout time.Duration
	// Trace, when set, receives an escaped wire trace with timings.
	Trace io.Writer
	// Redact lists strings (tokens) the trace must never show.
	Redact []string
	// Lister finds the board again by USB serial number after a reset.
	// Default ports.System().
	Lister *ports.Lister
	// OpenTransport opens a port; default OpenSerial. A seam for tests.
	OpenTransport func(path string, kind ports.Kind) (Transport, error)
	// PortExists reports whether a port path is present; default os.Stat.
	PortExists func(path string) bool
	// Limits bound every exec on this connection unless the call gives its
	// own (ExecStreamLimits). The zero value is the agent's defaults.
	Limits Limits
}

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

func (o Options) withDefaults() Options {
	if o.ReplyTimeout <= 0 {
		o.ReplyTimeout = 5 * time.Second
	}
	if o.ExecTimeout == 0 {
		o.ExecTimeout = 30 * time.Second
	}
	if o.EnterAttempts <= 0 {
		o.EnterAttempts = 5
	}
	if o.ClassicChunk <= 0 {
		o.ClassicChunk = 256
	}
	if o.ClassicPause == 0 {
		o.ClassicPause = 10 * time.Millisecond
	}
	if o.ReconnectTimeout <= 0 {
		o.ReconnectTimeout = 20 * time.Second
	}
	if o.OpenTransport == nil {
		o.OpenTransport = OpenSerial
	}
	if o.PortExists == nil {
		o.PortExists = func(path string) bool { _, err := os.Stat(path); return err == nil }
	}
	o.Limits = o.Limits.or(Limits{})
	return o
}

// Stats counts what crossed the wire. RoundTrips counts the times the host
// had nothing left to send and had to wait for the board's answer (the
// handshake, each raw-paste request, each end of code); FlowWaits counts
// the raw-paste stalls waiting for window credit, which a big exec pays.
type Stats struct {
	BytesOut     int64 `json:"bytes_out"`
	BytesIn      int64 `json:"bytes_in"`
	RoundTrips   int64 `json:"round_trips"`
	FlowWaits    int64 `json:"flow_waits"`
	Execs        int64 `json:"execs"`
	PasteExecs   int64 `json:"paste_execs"`
	ClassicExecs int64 `json:"classic_execs"`
	Reconnects   int64 `json:"reconnects"`
}

// Sub returns s - o, for measuring one step of a longer session.
func (s Stats) Sub(o Stats) Stats {
	return Stats{
		BytesOut: s.BytesOut - o.BytesOut, BytesIn: s.BytesIn - o.BytesIn,
		RoundTrips: s.RoundTrips - o.RoundTrips, FlowWaits: s.FlowWaits - o.FlowWaits,
		Execs: s.Execs - o.Execs, PasteExecs: s.PasteExecs - o.PasteExecs,
		ClassicExecs: s.ClassicExecs - o.ClassicExecs, Reconnects: s.Reconnects - o.Reconnects,
	}
}

type pasteSupport uint8

const (
	pasteUnknown pasteSupport = iota
	pasteYes
	pasteNo
)

// Conn is one connection to a board.
type Conn struct {
	t      Transport
	opts   Options
	port   ports.Port
	buf    []byte // received, not yet consumed
	rbuf   []byte
	inRaw  bool
	closed bool
	paste  pasteSupport
	window int
	stats  Stats
	trace  *wireTrace
	budget *execBudget // the running exec's limits; nil between execs
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

// NewConn wraps an open transport without talking to the board; call
// EnterRaw next. Open does both.
func NewConn(t Transport, port ports.Port, opts Options) *Conn {
	opts = opts.withDefaults()
	c := &Conn{t: t, opts: opts, port: port, rbuf: make([]byte, 4096)}
	if opts.Trace != nil {
		c.trace = newWireTrace(opts.Trace, opts.Redact)
	}
	if opts.NoRawPaste {
		c.paste = pasteNo
	}
	return c
}

// Open opens the port and enters the raw REPL.
func Open(ctx context.Context, port ports.Port, opts Options) (*Conn, error) {
	opts = opts.withDefaults()
	t, err := opts.OpenTransport(port.Path, port.Kind)
	if err != nil {
		return nil, err
	}
	c := NewConn(t, port, opts)
	c.trace.note("opened %s (%s)", port.Path, port.Kind)
	if err := c.EnterRaw(ctx); err != nil {
		c.shut()
		return nil, err
	}
	return c, nil
}

// Dial resolves a --port value (a path, "id:SERIAL" or "auto") with
// opts.Lister (default ports.System()) and opens it.
func Dial(ctx context.Context, spec string, opts Options) (*Conn, error) {
	if opts.Lister == nil {
		opts.Lister = ports.System()
	}
	p, err := opts.Lister.Resolve(ctx, spec)
	if err != nil {
		return nil, err
	}
	return Open(ctx, p, opts)
}

// Port is the port this connection talks to (updated by Reconnect).
func (c *Conn) Port() ports.Port { return c.port }

// Stats returns the counters so far.
func (c *Conn) Stats() Stats { return c.stats }

// RawPaste reports whether execs use raw-paste: true once the board
// granted it, false when refused or disabled, and false before the first
// exec has asked.
func (c *Conn) RawPaste() bool { return c.paste == pasteYes }

// Window is the raw-paste window the board announced (0 before).
func (c *Conn) Window() int { return c.window }

// Close leaves the raw REPL (so the board's friendly REPL and main.py
// tools work as usual) and closes the port.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	if c.inRaw {
		// Best effort: nobody waits for the friendly banner on close.
		_, _ = c.t.Write([]byte{ctrlB})
		c.stats.BytesOut++
		c.trace.add(dirOut, []byte{ctrlB})
	}
	return c.shut()
}

func (c *Conn) shut() error {
	c.trace.flush()
	if c.closed {
		return nil
	}
	c.closed = true
	c.inRaw = false
	return c.t.Close()
}

// begin arms context cancellation for one call: if ctx ends, the port is
// closed, which makes the blocked Read return. finish maps the resulting
// error back to the context's.
func (c *Conn) begin(ctx context.Context) (finish func(error) error, err error) {
	if c.closed {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := c.t
	stop := context.AfterFunc(ctx, func() { _ = t.Close() })
	return func(err error) error {
		if !stop() {
			c.closed, c.inRaw = true, false
			c.trace.note("cancelled: %v; port closed", ctx.Err())
			c.trace.flush()
			return fmt.Errorf("%w (port closed)", ctx.Err())
		}
		if errors.Is(err, ErrDisconnected) {
			c.closed, c.inRaw = true, false
			_ = c.t.Close()
		}
		c.trace.flush()
		return err
	}, nil
}

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
	deadline := time.Now().Add(timeout)
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
		wait := time.Until(deadline)
		if wait <= 0 {
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
	timer := time.NewTimer(c.opts.ReplyTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("writing to %s: %w (%v)", c.port.Path, ErrDisconnected, err)
		}
		return nil
	case <-ctx.Done():
		_ = t.Close()
		return ctx.Err()
	case <-timer.C:
		_ = t.Close()
		c.closed = true
		return &TimeoutError{Op: "write", After: c.opts.ReplyTimeout}
	}
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
		for {
			n, err := c.fill(0)
			if err != nil {
				return err
			}
			if n == 0 || len(c.buf) > 64<<10 {
				break
			}
		}
		seen = append(seen, c.buf...)
		seen = tail(seen, 200)
		c.buf = c.buf[:0]
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
		seen = tail(append(seen, c.buf...), 200)
		c.buf = c.buf[:0]
		if err := c.write(ctx, []byte{ctrlA}); err != nil {
			return err
		}
		err = c.waitFor("raw REPL banner", time.Duration(a)*250*time.Millisecond, indexRawBanner)
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
		if !errors.As(err, &te) {
			return err
		}
		c.trace.note("attempt %d: no raw REPL banner", a)
	}
	seen = tail(append(seen, c.buf...), 200)
	c.buf = c.buf[:0]
	return &HandshakeError{Attempts: c.opts.EnterAttempts, Received: seen, Err: ErrNotMicroPython}
}

// drainQuiet discards input until the board has been quiet for quiet, or
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
	// 1.9-era firmware prints "soft reboot", newer "MPY: soft reboot".
	if err := c.waitFor("soft reset", c.opts.ReplyTimeout, func(b []byte) int {
		if i := bytes.Index(b, []byte("soft reboot")); i >= 0 {
			return i + len("soft reboot")
		}
		return -1
	}); err != nil {
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
		err = c.waitFor("soft reboot", c.opts.ReplyTimeout, func(b []byte) int {
			if i := bytes.Index(b, []byte("soft reboot")); i >= 0 {
				return i + len("soft reboot")
			}
			return -1
		})
	}
	err = finish(err)
	if serr := c.shut(); err == nil {
		err = serr
	}
	return err
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
	paste, err := c.requestPaste(ctx)
	if err != nil {
		c.inRaw = false
		return err
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

// requestPaste asks for raw-paste once per exec and learns, once per
// connection, whether the board supports it.
func (c *Conn) requestPaste(ctx context.Context) (bool, error) {
	if c.paste == pasteNo {
		return false, nil
	}
	c.stats.RoundTrips++
	if err := c.write(ctx, []byte{ctrlE, 'A', ctrlA}); err != nil {
		return false, err
	}
	for {
		if err := c.waitFor("raw-paste reply", c.opts.ReplyTimeout, func(b []byte) int {
			if len(b) >= 2 {
				return 0
			}
			return -1
		}); err != nil {
			return false, err
		}
		switch {
		case c.buf[0] == 'R' && c.buf[1] == 0x01:
			return c.grantPaste()
		case c.buf[0] == 'R' && c.buf[1] == 0x00:
			c.consume(2)
			c.paste = pasteNo
			c.trace.note("raw-paste refused (R\\x00); classic raw REPL for this connection")
			return false, nil
		}
		// Firmware older than 1.14 treats the request as a line and
		// Ctrl-A as "reprint the banner". A late banner from the
		// handshake's own Ctrl-A looks the same, so the banner alone
		// proves nothing: a board that knows raw-paste answers right
		// after it, old firmware goes quiet.
		if err := c.waitFor("raw REPL banner after raw-paste request", c.opts.ReplyTimeout, indexRawBanner); err != nil {
			return false, err
		}
		if len(c.buf) == 0 {
			if _, err := c.fill(c.bannerGrace()); err != nil {
				return false, err
			}
		}
		if len(c.buf) > 0 {
			continue
		}
		c.paste = pasteNo
		c.trace.note("raw-paste unknown to this firmware; classic raw REPL for this connection")
		return false, nil
	}
}

// bannerGrace is how long a banner may stand alone before the firmware is
// taken not to know raw-paste. Old firmware pays it once per connection.
func (c *Conn) bannerGrace() time.Duration {
	return min(max(c.opts.ReplyTimeout/10, 100*time.Millisecond), time.Second)
}

// grantPaste reads the rest of an R\x01 answer: the window as u16 LE.
func (c *Conn) grantPaste() (bool, error) {
	if err := c.waitFor("raw-paste window", c.opts.ReplyTimeout, func(b []byte) int {
		if len(b) >= 4 {
			return 0
		}
		return -1
	}); err != nil {
		return false, err
	}
	w := int(c.buf[2]) | int(c.buf[3])<<8
	if w == 0 {
		return false, &ProtocolError{Op: "raw-paste", Want: "a non-zero window", Got: tail(c.buf, 16)}
	}
	c.consume(4)
	if c.paste != pasteYes {
		c.trace.note("raw-paste granted, window %d", w)
	}
	c.paste, c.window = pasteYes, w
	return true, nil
}

// pasteAbort records that the board ended a raw-paste stream early; its
// reply (with the reason) is still to be read.
type pasteAbort struct{}

func (e *pasteAbort) Error() string { return "raw-paste aborted by the board" }

// hasControl reports whether b holds a byte the raw REPL would act on.
func hasControl(b []byte) bool {
	for _, x := range b {
		if x >= ctrlA && x <= ctrlD {
			return true
		}
	}
	return false
}

// pasteSend streams src under raw-paste flow control: the header grants
// one window, and each \x01 from the board (the first comes at once) one
// more. The host never has more bytes in flight than it was granted, so
// the board's 2-window stdin buffer cannot overflow.
func (c *Conn) pasteSend(ctx context.Context, src io.Reader) error {
	credit := c.window
	chunk := make([]byte, 4096)
	var pending []byte
	eof := false
	aborted := false
	// absorb consumes flow-control bytes already received.
	absorb := func() error {
		for len(c.buf) > 0 {
			switch c.buf[0] {
			case ctrlA:
				credit += c.window
			case ctrlD:
				aborted = true
				c.consume(1)
				return nil
			default:
				return &ProtocolError{Op: "raw-paste", Want: `\x01 or \x04`, Got: tail(c.buf, 32)}
			}
			c.consume(1)
		}
		return nil
	}
	for {
		if _, err := c.fill(0); err != nil {
			return err
		}
		if err := absorb(); err != nil {
			return err
		}
		if aborted {
			c.trace.note("board aborted raw-paste")
			if err := c.write(ctx, []byte{ctrlD}); err != nil {
				return err
			}
			return &pasteAbort{}
		}
		if len(pending) == 0 && !eof {
			n, err := src.Read(chunk)
			if hasControl(chunk[:n]) {
				return c.cancelPaste(ctx, ErrControlByte)
			}
			pending = chunk[:n]
			if errors.Is(err, io.EOF) {
				eof = true
			} else if err != nil {
				return c.cancelPaste(ctx, fmt.Errorf("reading code: %w", err))
			}
		}
		if len(pending) == 0 {
			if eof {
				break
			}
			continue
		}
		if credit == 0 {
			c.stats.FlowWaits++
			if err := c.waitFor("raw-paste window credit", c.opts.ReplyTimeout, func(b []byte) int {
				if len(b) > 0 {
					return 0
				}
				return -1
			}); err != nil {
				return err
			}
			continue
		}
		n := min(credit, len(pending))
		if err := c.write(ctx, pending[:n]); err != nil {
			return err
		}
		credit -= n
		pending = pending[n:]
	}
	c.stats.RoundTrips++
	if err := c.write(ctx, []byte{ctrlD}); err != nil {
		return err
	}
	// The board acknowledges end of data with \x04; \x01s for windows it
	// finished consuming may still come first. An abort \x04 racing our
	// end-of-data looks the same and is followed by the same reply.
	return c.waitFor("raw-paste end-of-data ack", c.opts.ReplyTimeout, func(b []byte) int {
		for i, x := range b {
			switch x {
			case ctrlA:
				continue
			case ctrlD:
				return i + 1
			default:
				return -2 - i
			}
		}
		return -1
	})
}

// cancelPaste stops a raw-paste stream from the host side. Ctrl-C makes
// the board's reader raise KeyboardInterrupt, which it reports with the
// usual \x04...\x04> reply; draining it leaves the board at the prompt.
func (c *Conn) cancelPaste(ctx context.Context, cause error) error {
	if err := c.write(ctx, []byte{ctrlC}); err != nil {
		return err
	}
	if err := c.waitFor("raw-paste cancel ack", c.opts.ReplyTimeout, func(b []byte) int {
		for i, x := range b {
			if x == ctrlD {
				return i + 1
			}
		}
		return -1
	}); err != nil {
		c.inRaw = false
		return err
	}
	if err := c.follow(&replyParser{}); err != nil {
		c.inRaw = false
		return err
	}
	return cause
}

// classicSend writes src paced in chunks, then \x04, and waits for "OK".
func (c *Conn) classicSend(ctx context.Context, src io.Reader) error {
	chunk := make([]byte, c.opts.ClassicChunk)
	first := true
	for {
		n, err := io.ReadFull(src, chunk)
		if n > 0 {
			if hasControl(chunk[:n]) {
				// Ctrl-C clears the raw REPL's line buffer silently.
				if werr := c.write(ctx, []byte{ctrlC}); werr != nil {
					return werr
				}
				return ErrControlByte
			}
			if !first {
				if err := sleepCtx(ctx, c.opts.ClassicPause); err != nil {
					return err
				}
			}
			first = false
			if werr := c.write(ctx, chunk[:n]); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			_ = c.write(ctx, []byte{ctrlC})
			return fmt.Errorf("reading code: %w", err)
		}
	}
	c.stats.RoundTrips++
	if err := c.write(ctx, []byte{ctrlD}); err != nil {
		return err
	}
	return c.waitFor("OK after code", c.opts.ReplyTimeout, func(b []byte) int {
		// A '>' may precede OK when the board re-prompted after refusing
		// raw-paste; nothing else may.
		i := 0
		for i < len(b) && b[i] == '>' {
			i++
		}
		if len(b)-i < 2 {
			return -1
		}
		if b[i] == 'O' && b[i+1] == 'K' {
			return i + 2
		}
		return -2 - i
	})
}

// follow feeds the board's reply into p until the prompt. ExecTimeout is
// on silence: code may run long if it keeps talking, but never past the
// exec's total deadline, and never printing more than its MaxOutput.
func (c *Conn) follow(p *replyParser) error {
	idle := c.opts.ExecTimeout
	last := time.Now()
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
			last = time.Now()
		}
		wait := time.Hour
		if idle >= 0 {
			wait = idle - time.Since(last)
			if wait <= 0 {
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
