package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

// fleetView shows an update on stderr, one board or many: on a terminal
// a live mpb display with one line per board, the app's output printed
// above it during the trial; otherwise plain timestamped lines prefixed
// with the board (CI logs); nothing at all with --json. Everything a
// board sent goes through termsafe. Events come from the boards'
// goroutines at once.
type fleetView struct {
	mu      sync.Mutex
	w       io.Writer
	quiet   bool
	several bool // name the board on the app's lines on a terminal
	live    *mpb.Progress
	rows    []*boardRow
	now     func() time.Time
}

// boardRow is what one board's line shows.
type boardRow struct {
	port       string
	label      string // what the live display calls it
	phase      update.Phase
	verdict    string // the agent's last transaction event
	outcome    string
	filesDone  int
	filesTotal int
	bytesDone  int64
	bytesTotal int64
	first      time.Time // first chunk sent, for the rate
	last       time.Time
	bar        *mpb.Bar
}

func newFleetView(ios *IOStreams, quiet bool, targets []fleet.Target) *fleetView {
	v := &fleetView{w: ios.ErrOut, quiet: quiet, several: len(targets) > 1, now: time.Now}
	v.rows = make([]*boardRow, len(targets))
	width := 0
	for i, t := range targets {
		name := t.Port.Path
		if name == "" {
			name = t.Spec
		}
		v.rows[i] = &boardRow{port: name, label: termsafe.String(shortLabel(name, t.Port.SerialNumber)), phase: fleet.PhaseQueued}
		width = max(width, len(v.rows[i].label))
	}
	// mpb draws nothing on a terminal that reports no size (some CI
	// containers allocate one); plain lines are better than silence.
	if quiet || !ios.IsStderrTTY() || !hasSize(ios.ErrOut) {
		return v
	}
	v.live = mpb.New(mpb.WithOutput(ios.ErrOut), mpb.WithWidth(24), mpb.WithRefreshRate(150*time.Millisecond))
	for _, r := range v.rows {
		r.bar = v.live.AddBar(0,
			mpb.PrependDecorators(
				decor.Name(r.label, decor.WC{W: width + 1, C: decor.DindentRight}),
				decor.Any(v.text(r, (*boardRow).phaseText), decor.WC{W: 12, C: decor.DindentRight}),
				decor.Any(v.text(r, (*boardRow).filesText), decor.WC{W: 8, C: decor.DindentRight}),
			),
			mpb.AppendDecorators(
				decor.Any(v.text(r, (*boardRow).bytesText), decor.WC{W: 22, C: decor.DindentRight}),
				decor.Any(v.text(r, (*boardRow).rateText)),
			),
		)
	}
	return v
}

// text reads a row under the view's lock (decorators run on mpb's
// goroutine).
func (v *fleetView) text(r *boardRow, f func(*boardRow) string) decor.DecorFunc {
	return func(decor.Statistics) string {
		v.mu.Lock()
		defer v.mu.Unlock()
		return f(r)
	}
}

func (r *boardRow) phaseText() string {
	switch r.phase {
	case fleet.PhaseDone:
		return r.outcome
	case update.PhaseVerdict:
		return r.verdict
	}
	return string(r.phase)
}

func (r *boardRow) filesText() string {
	if r.filesTotal == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", r.filesDone, r.filesTotal)
}

func (r *boardRow) bytesText() string {
	if r.bytesTotal == 0 {
		return ""
	}
	return humanSize(r.bytesDone) + " / " + humanSize(r.bytesTotal)
}

func (r *boardRow) rateText() string {
	el := r.last.Sub(r.first).Seconds()
	if r.first.IsZero() || el <= 0 {
		return ""
	}
	return fmt.Sprintf("%.1f KB/s", float64(r.bytesDone)/1000/el)
}

func (v *fleetView) event(e fleet.Event) {
	if v.quiet {
		return
	}
	v.mu.Lock()
	r := v.rows[e.Board]
	if e.Phase == update.PhaseTrial && v.live != nil {
		line := v.appLine(r, e.Msg)
		r.phase = e.Phase
		// mpb prints it above the bars at its next frame; it waits for
		// mpb's goroutine, which takes v.mu for the decorators.
		v.mu.Unlock()
		_, _ = v.live.Write([]byte(line + "\n"))
		return
	}
	r.phase = e.Phase
	if e.Phase == update.PhaseVerdict {
		r.verdict = termsafe.String(e.Msg)
	}
	if e.Phase == update.PhaseUpload || e.Phase == update.PhaseVerified {
		if r.first.IsZero() {
			r.first = e.Time
		}
		r.last = e.Time
	}
	if e.FilesTotal > 0 || e.BytesTotal > 0 {
		r.filesDone, r.filesTotal = e.FilesDone, e.FilesTotal
		r.bytesDone, r.bytesTotal = e.BytesDone, e.BytesTotal
	}
	if e.Phase == fleet.PhaseDone {
		r.outcome = e.Msg
	}
	if v.live == nil {
		v.line(r, e)
		v.mu.Unlock()
		return
	}
	done, total := r.bytesDone, r.bytesTotal
	// mpb runs the decorators, which take v.mu, on the goroutine that bar
	// calls wait for: call it unlocked.
	v.mu.Unlock()
	draw(r.bar, done, total, e)
}

// draw moves the board's bar; mpb redraws on its own tick.
func draw(bar *mpb.Bar, done, total int64, e fleet.Event) {
	if total > 0 {
		bar.SetTotal(total, false)
		bar.SetCurrent(done)
	}
	if e.Phase != fleet.PhaseDone {
		return
	}
	switch e.Msg {
	case fleet.Failed, fleet.Interrupted, fleet.RolledBack, fleet.NoVerdict, fleet.NotStarted:
		bar.Abort(false) // keep the line: it says where the board stopped
	default:
		bar.SetTotal(-1, true)
	}
}

// appLine is one line the app printed, as a terminal shows it: named by
// the board when several share the screen.
func (v *fleetView) appLine(r *boardRow, msg string) string {
	line := termsafe.String(strings.TrimRight(msg, "\r\n"))
	if v.several {
		return r.label + " | " + line
	}
	return line
}

// line prints one timestamped line per step worth a log line; chunks are
// left out (a CI log is read after the fact). The app's own output is
// set apart by "|" where otapush's steps have ":".
func (v *fleetView) line(r *boardRow, e fleet.Event) {
	var msg string
	switch e.Phase {
	case update.PhaseTrial:
		fmt.Fprintf(v.w, "%s %s | %s\n", v.now().Format("15:04:05.000"), termsafe.String(r.port), termsafe.String(strings.TrimRight(e.Msg, "\r\n")))
		return
	case update.PhaseVerdict:
		msg = "agent: " + e.Msg
	case fleet.PhaseConnect:
		if !v.several {
			// A board's start and end delimit its lines among the
			// others'; alone, its first step says it started and the
			// result line that follows says how it ended.
			return
		}
		msg = "connecting"
	case update.PhaseInstall, update.PhaseDelta:
		msg = e.Msg
	case update.PhaseVerified:
		msg = fmt.Sprintf("[%d/%d] %s verified (%s of %s%s)", e.FilesDone, e.FilesTotal, e.Path, humanSize(e.BytesDone), humanSize(e.BytesTotal), withComma(r.rateText()))
	case update.PhaseArm:
		msg = "arming the swap"
	case update.PhaseReset:
		msg = fmt.Sprintf("reset (%s): the board swaps and trial-boots", e.Msg)
	case fleet.PhaseDone:
		if !v.several {
			return
		}
		msg = "done: " + e.Msg
	default:
		return
	}
	fmt.Fprintf(v.w, "%s %s: %s\n", v.now().Format("15:04:05.000"), termsafe.String(r.port), termsafe.String(msg))
}

func withComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}

// close waits for the live display's last frame, so the summary that
// follows on stdout is not drawn over.
func (v *fleetView) close() {
	if v.live != nil {
		v.live.Wait()
	}
}

func hasSize(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	return err == nil && cols > 0
}

// shortLabel keeps a live line readable: by-id paths run past 80
// columns, and the serial number is what --port id:SERIAL takes anyway.
func shortLabel(path, serial string) string {
	if len(path) <= 28 || serial == "" {
		return path
	}
	return "id:" + serial
}
