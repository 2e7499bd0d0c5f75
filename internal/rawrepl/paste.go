package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

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
		// after it, old firmware goes quiet. Banner and leftovers alike
		// end in the raw prompt, their start maybe taken by an earlier
		// match (seen on a loaded machine): skip to the prompt and look
		// again.
		if err := c.waitFor("raw REPL banner after raw-paste request", c.opts.ReplyTimeout, func(b []byte) int {
			if i := bytes.IndexByte(b, '>'); i >= 0 {
				return i + 1
			}
			return -1
		}); err != nil {
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
	for {
		if _, err := c.fill(0); err != nil {
			return err
		}
		aborted, err := c.absorbCredit(&credit)
		if err != nil {
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
	return c.waitFor("raw-paste end-of-data ack", c.opts.ReplyTimeout, indexPasteEnd)
}

// absorbCredit consumes the flow-control bytes already received: each
// \x01 grants one more window, a \x04 is the board ending the stream early.
func (c *Conn) absorbCredit(credit *int) (aborted bool, err error) {
	for len(c.buf) > 0 {
		switch c.buf[0] {
		case ctrlA:
			*credit += c.window
		case ctrlD:
			c.consume(1)
			return true, nil
		default:
			return false, &ProtocolError{Op: "raw-paste", Want: `\x01 or \x04`, Got: tail(c.buf, 32)}
		}
		c.consume(1)
	}
	return false, nil
}

// indexPasteEnd matches the board's acknowledgement of end of data, \x04;
// \x01s for windows it finished consuming may still come first. An abort
// \x04 racing our end-of-data looks the same and is followed by the same
// reply.
func indexPasteEnd(b []byte) int {
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
