package rawrepl

import (
	"context"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// FollowKind says what a FollowEvent reports.
type FollowKind int

const (
	// FollowOutput carries bytes the board printed, as read (not split
	// into lines, possibly cut inside a UTF-8 sequence or an escape).
	FollowOutput FollowKind = iota
	// FollowGone: the port went away (reset, unplug). The Conn is closed
	// until FollowBack.
	FollowGone
	// FollowBack: the board is back; Port is where it was found, and the
	// port is open (the friendly REPL, not the raw one).
	FollowBack
)

func (k FollowKind) String() string {
	switch k {
	case FollowOutput:
		return "output"
	case FollowGone:
		return "gone"
	case FollowBack:
		return "back"
	}
	return "unknown"
}

// FollowEvent is one thing Follow saw.
type FollowEvent struct {
	Kind FollowKind
	// Data is the output (FollowOutput only); fn may keep it.
	Data []byte
	// Port is where the board was found again (FollowBack only).
	Port ports.Port
}

// Attach opens the port without sending anything: unlike Open it leaves
// the board as it is (its app running), for Follow. EnterRaw takes the
// board over later if needed.
func Attach(port ports.Port, opts Options) (*Conn, error) {
	opts = opts.withDefaults()
	t, err := opts.OpenTransport(port.Path, port.Kind)
	if err != nil {
		return nil, err
	}
	c := NewConn(t, port, opts)
	c.trace.note("attached to %s (%s)", port.Path, port.Kind)
	return c, nil
}

// followRead bounds one read while following. Nothing depends on it: a
// cancelled context closes the port, which ends the read at once.
const followRead = time.Second

// Follow reads what the board prints without sending anything: no Ctrl-C,
// nothing that interrupts the app. A board left in the raw REPL stays
// there (it prints nothing until it resets; LeaveRaw first to watch an
// app). Bytes the Conn had already read and not consumed come first.
//
// It follows the board across resets. When the port goes away Follow
// reports FollowGone, finds the board again by its path or USB serial
// number as Reconnect does, reopens it without entering the raw REPL and
// reports FollowBack. While the board is away Follow waits as long as ctx
// allows (no ReconnectTimeout). A board that reboots on the same link (a
// UART bridge) keeps its port: its boot banner is just output. A Conn
// that is closed on entry (e.g. shut after machine.reset() because the
// port re-enumerates) is reopened first, reported as FollowBack without a
// FollowGone before it.
//
// What a reset loses: output printed while the port is gone never
// arrives. On a real Pico (native USB) that is also everything printed
// before the host reopens the port, since TinyUSB drops output while no
// host holds DTR. The simulated board (internal/simboard, link usb-fs or
// any other) drops what the board prints during its re-enumeration delay
// (Options.ResetDelay; with the default 300 ms, measured: the first 3 or
// 4 lines of an app that prints every 100 ms from boot) but keeps what it
// prints after the new port appears and before the host opens it, as a
// UART bridge would: a test that passes on it may see boot output that
// hardware would lose.
//
// Follow ends when fn returns true (nil error; the Conn is as the last
// event left it: open and usable after FollowOutput or FollowBack, so the
// caller may EnterRaw or Close next; closed after FollowGone, ready for
// Reconnect or another Follow) or when ctx ends (ctx.Err(); the port is
// closed then, the only portable way to stop a blocked read). fn runs on
// the calling goroutine, between reads, and must not use the Conn: stop,
// then call it.
func (c *Conn) Follow(ctx context.Context, fn func(FollowEvent) (stop bool)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(c.buf) > 0 {
		data := append([]byte(nil), c.buf...)
		c.buf = c.buf[:0]
		c.inRaw = false
		if fn(FollowEvent{Kind: FollowOutput, Data: data}) {
			return nil
		}
	}
	for {
		if c.closed {
			if _, err := c.reopen(ctx, nil); err != nil {
				return ctx.Err()
			}
			if fn(FollowEvent{Kind: FollowBack, Port: c.port}) {
				return nil
			}
		}
		stop, err := c.followPort(ctx, fn)
		if err != nil {
			return err
		}
		if stop {
			return nil
		}
		c.trace.note("port gone while following")
		// No pause before looking: findAgain trusts only the serial
		// number at first, which a vanished board no longer lists.
		if fn(FollowEvent{Kind: FollowGone}) {
			return nil
		}
	}
}

// Nudge sends one carriage return to a board in its friendly REPL and
// reads nothing (Follow reads what comes). A board idle at its prompt
// answers at once with a new prompt ("\r\n>>> "); one that still runs
// boot.py or main.py keeps the byte in its input until the program ends
// (a program that reads its standard input gets an empty line), then the
// REPL answers the same way. It is how a watcher learns that a board back
// from a reset has finished its program when everything it printed on the
// way went with the port (native USB drops output while no host has it
// open).
func (c *Conn) Nudge(ctx context.Context) error {
	finish, err := c.begin(ctx)
	if err != nil {
		return err
	}
	c.inRaw = false
	return finish(c.write(ctx, []byte{'\r'}))
}

// followPort streams the open port to fn until fn stops (true), the port
// fails (false, nil; the Conn is closed) or ctx ends (its error).
func (c *Conn) followPort(ctx context.Context, fn func(FollowEvent) bool) (bool, error) {
	finish, err := c.begin(ctx)
	if err != nil {
		return false, err
	}
	for {
		n, err := c.fill(followRead)
		if n > 0 {
			data := append([]byte(nil), c.buf...)
			c.buf = c.buf[:0]
			// Whatever the board prints, it is not sitting at an idle raw
			// prompt any more (a raw REPL only answers the host).
			c.inRaw = false
			if fn(FollowEvent{Kind: FollowOutput, Data: data}) {
				// A read that failed with its last bytes leaves the
				// Conn closed, as after FollowGone.
				if finish(err); ctx.Err() != nil {
					return false, ctx.Err()
				}
				return true, nil
			}
		}
		if err != nil {
			if finish(err); ctx.Err() != nil {
				return false, ctx.Err()
			}
			_ = c.shut()
			return false, nil
		}
	}
}
