// Package rawrepl speaks MicroPython's raw REPL (shared/runtime/pyexec.c)
// over a serial port: entering it from whatever the board is doing,
// executing code with raw-paste flow control or the classic paced fallback,
// soft and hard resets, finding the board again after it re-enumerates,
// and following what it prints across resets without interrupting it.
//
// Every wait has a deadline and every call takes a context; cancelling the
// context closes the port, which is the only portable way to stop a read
// that is already blocked. A Conn is not safe for concurrent use.
package rawrepl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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
	// Silence, when set, measures how long the board has kept the host
	// waiting (ReplyTimeout, ExecTimeout) instead of the wall clock: it
	// starts a wait of d and returns a function that reports whether the
	// wait ran out. A simulated board's harness measures in the board's
	// own progress, so that a loaded host makes the board slow, not dead.
	// Nil: the wall clock, what a real board needs.
	Silence func(d time.Duration) (over func() bool)
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
	bulk   bool        // the running exec goes classic and unpaced (ExecBulk)
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
