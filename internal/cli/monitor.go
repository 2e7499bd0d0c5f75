package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
)

type monitorOptions struct {
	*GlobalOptions
	port portArg
	JSON bool
	Raw  bool
	Wait time.Duration
}

func newMonitorCmd(g *GlobalOptions) *cobra.Command {
	o := &monitorOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "monitor [--port P|auto]",
		Short: "Show what a board prints, across resets, without interrupting it",
		Long: `Show what the board's app prints, as it prints it, until Ctrl-C. otapush
sends the board nothing: the app is never interrupted or reset. When the board
resets (machine.reset(), the watchdog, a power cycle) its USB port goes away;
monitor says so on stderr, finds the board again by its path or USB serial
number (the port name can change) and goes on. What the board prints while its
port is away, and on a real board also until otapush has reopened it, is lost.
A board that is not there when monitor starts (caught mid-reset) is waited for
up to --wait. A board sitting at its raw REPL prints nothing: 'otapush reset'
starts its app.

Control characters in the output are shown escaped (\x1b) so the board cannot
drive your terminal; --raw passes the bytes through untouched. Ctrl-C quits with
exit code 0.`,
		Example: `  otapush monitor --port auto
  otapush monitor --port id:E66164084373532B --json > board.log`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.JSON && o.Raw {
				return usageErrorf("--json and --raw do not go together: JSON text is always escaped")
			}
			if o.Wait < 0 {
				return usageErrorf("--wait must be 0 or more")
			}
			return runMonitor(cmd.Context(), o)
		},
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print one JSON line per event: output, gone, back (see docs/json.md)")
	cmd.Flags().BoolVar(&o.Raw, "raw", false, "write the board's bytes to stdout exactly as they come (no \\r\\n to \\n, no escaping)")
	cmd.Flags().DurationVar(&o.Wait, "wait", 5*time.Second, "how long to wait for a board that is not there at the start (one caught mid-reset comes back); 0 fails at once")
	return cmd
}

// monitorEvent is one line of `monitor --json`.
type monitorEvent struct {
	Version   int    `json:"version"`
	Event     string `json:"event"`          // output, gone, back
	Text      string `json:"text,omitempty"` // output: what the board printed, \r\n as \n
	Port      string `json:"port,omitempty"` // gone: where it was; back: where it is now
	Serial    string `json:"serial,omitempty"`
	ElapsedMS int64  `json:"elapsed_ms"` // since monitor attached
}

func runMonitor(ctx context.Context, o *monitorOptions) error {
	conn, unlock, err := o.attach(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	// Close sends nothing to a board that was never taken over.
	defer conn.Close()
	fmt.Fprintf(o.IO.ErrOut, "otapush: monitoring %s; Ctrl-C quits (the board is not interrupted)\n", termsafe.String(conn.Port().Path))

	start := time.Now()
	var text boardText
	enc := json.NewEncoder(o.IO.Out) // one line per event, read as they come
	var werr error
	emit := func(ev monitorEvent) {
		if werr == nil {
			ev.Version, ev.ElapsedMS = jsonVersion, time.Since(start).Milliseconds()
			werr = enc.Encode(ev)
		}
	}
	output := func(s string) {
		switch {
		case s == "" || werr != nil:
		case o.JSON:
			emit(monitorEvent{Event: "output", Text: s})
		default:
			_, werr = io.WriteString(o.IO.Out, termsafe.Text(s))
		}
	}
	where := conn.Port()
	err = conn.Follow(ctx, func(ev rawrepl.FollowEvent) bool {
		switch ev.Kind {
		case rawrepl.FollowOutput:
			if o.Raw {
				_, werr = o.IO.Out.Write(ev.Data)
				break
			}
			output(text.next(ev.Data))
		case rawrepl.FollowGone:
			output(text.flush())
			if o.JSON {
				emit(monitorEvent{Event: "gone", Port: where.Path, Serial: where.SerialNumber})
			}
			fmt.Fprintln(o.IO.ErrOut, "otapush: board reset; waiting for it… (Ctrl-C quits)")
		case rawrepl.FollowBack:
			where = ev.Port
			if o.JSON {
				emit(monitorEvent{Event: "back", Port: where.Path, Serial: where.SerialNumber})
			}
			fmt.Fprintf(o.IO.ErrOut, "otapush: reattached on %s\n", termsafe.String(where.Path))
		}
		return werr != nil
	})
	if !o.Raw {
		output(text.flush())
	}
	switch {
	case werr != nil:
		return fmt.Errorf("writing the board's output: %w", werr)
	case errors.Is(err, context.Canceled):
		// Ctrl-C is how monitor ends (as mpremote's and arduino-cli's
		// monitors): the user got what was asked for.
		return nil
	}
	return boardErr(err)
}

// attach opens the port, waiting up to --wait for a board that is not
// there: a board caught in the moment its port is away (it resets every
// few seconds, say) is the one people want to watch.
func (o *monitorOptions) attach(ctx context.Context) (*rawrepl.Conn, func(), error) {
	end := time.Now().Add(o.Wait)
	backoff := 50 * time.Millisecond
	said := false
	for {
		conn, unlock, err := o.port.attach(ctx, o.GlobalOptions, "monitor", o.port.Spec, rawrepl.Options{})
		if err == nil || ctx.Err() != nil || !boardAway(o.port.Spec, err) || time.Now().After(end) {
			return conn, unlock, err
		}
		if !said {
			fmt.Fprintf(o.IO.ErrOut, "otapush: no board at %s yet; waiting up to %v for it…\n", termsafe.String(o.port.Spec), o.Wait)
			said = true
		}
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, ctx.Err()
		case <-t.C:
		}
		backoff = min(2*backoff, 500*time.Millisecond)
	}
}

// boardAway tells "the board is not there" (which a reset explains) from
// every other reason not to reach it: a busy port, two boards for auto.
func boardAway(spec string, err error) bool {
	var se *ports.SelectError
	switch {
	case strings.EqualFold(spec, "auto"):
		if !errors.As(err, &se) {
			return false
		}
		for _, p := range se.Candidates {
			if p.MicroPython {
				return false // several boards, not none
			}
		}
		return true
	case strings.HasPrefix(spec, "id:"):
		return errors.As(err, &se)
	}
	_, serr := os.Stat(spec)
	return errors.Is(serr, fs.ErrNotExist)
}

// boardText turns the board's output, in the pieces it was read in, into
// text: \r\n becomes \n, and a piece that ends inside a UTF-8 sequence or
// on a \r keeps that tail for the next one, so a split never garbles a
// character or a line end.
type boardText struct{ held []byte }

func (b *boardText) next(p []byte) string {
	buf := append(b.held, p...)
	cut := len(buf)
	if cut > 0 && buf[cut-1] == '\r' {
		cut--
	} else {
		for i := cut - 1; i >= 0 && i >= cut-utf8.UTFMax; i-- {
			if utf8.RuneStart(buf[i]) {
				if !utf8.FullRune(buf[i:]) {
					cut = i
				}
				break
			}
		}
	}
	s := strings.ReplaceAll(string(buf[:cut]), "\r\n", "\n")
	b.held = append([]byte(nil), buf[cut:]...)
	return s
}

// flush gives up what is held: the output ended there.
func (b *boardText) flush() string {
	s := string(b.held)
	b.held = nil
	return s
}
