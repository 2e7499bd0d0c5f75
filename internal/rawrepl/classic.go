package rawrepl

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// classicSend writes src paced in chunks, then \x04, and waits for "OK".
// A bulk exec (ExecBulk) is not paced: its port's input is lossless.
func (c *Conn) classicSend(ctx context.Context, src io.Reader) error {
	size, pause := c.opts.ClassicChunk, c.opts.ClassicPause
	if c.bulk {
		// Each write is still bounded by ReplyTimeout: pieces keep that a
		// bound on a stalled board, not on the size of the code.
		size, pause = bulkPiece, 0
	}
	chunk := make([]byte, size)
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
				if err := sleepCtx(ctx, pause); err != nil {
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
