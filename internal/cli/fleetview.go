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
	// every is how long a board may go without a line off a terminal
	// before tick prints where it is (a large file on USB, the agent's
	// install, a long trial would otherwise look hung in a CI log).
	every time.Duration
	stop  chan struct{} // ends the ticker (plain lines only)
	done  chan struct{}
}

// progressEvery is the longest silence per board in plain lines.
const progressEvery = 5 * time.Second

// minRateBytes and minRateTime: a rate over fewer bytes or less time
// says more about the first chunk's timing than about the link.
const (
	minRateBytes = 16 << 10
	minRateTime  = 500 * time.Millisecond
)

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
	path       string // the file being sent
	fileBytes  int64
	fileSize   int64
	msg        string    // the install or delta step's own words
	since      time.Time // the phase began
	first      time.Time // the upload began (the delta before it), for the rate
	last       time.Time
	printed    time.Time // the board's last plain line
	bar        *mpb.Bar
}

func newFleetView(ios *IOStreams, quiet bool, targets []fleet.Target) *fleetView {
	v := &fleetView{w: ios.ErrOut, quiet: quiet, several: len(targets) > 1, now: time.Now, every: progressEvery}
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
	if quiet {
		return v
	}
	if !ios.IsStderrTTY() || !hasSize(ios.ErrOut) {
		v.stop, v.done = make(chan struct{}), make(chan struct{})
		go v.ticker()
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
	case update.PhaseInstall:
		return r.msg
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

// rateText is the upload's rate in KiB/s (the unit family of the
// sizes), "" until enough bytes over enough time make it mean something.
func (r *boardRow) rateText() string {
	el := r.last.Sub(r.first)
	if r.first.IsZero() || r.bytesDone < minRateBytes || el < minRateTime {
		return ""
	}
	return fmt.Sprintf("%.1f KiB/s", float64(r.bytesDone)/1024/el.Seconds())
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
	if e.Phase != r.phase || r.since.IsZero() {
		r.since = v.now()
	}
	r.phase = e.Phase
	switch e.Phase {
	case update.PhaseVerdict:
		r.verdict = termsafe.String(e.Msg)
	case update.PhaseInstall, update.PhaseReset:
		r.msg = e.Msg
	case update.PhaseDelta:
		// The first chunk's bytes leave right after the delta: the
		// rate's clock starts here, not at the first chunk's answer.
		r.first = e.Time
	case update.PhaseUpload, update.PhaseVerified:
		if r.first.IsZero() {
			r.first = e.Time
		}
		r.last = e.Time
		r.path, r.fileBytes, r.fileSize = e.Path, e.FileBytes, e.FileSize
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
// left out (a CI log is read after the fact) but tick reports a board
// that stays silent. The app's own output is set apart by "|" where
// otapush's steps have ":".
func (v *fleetView) line(r *boardRow, e fleet.Event) {
	var msg string
	switch e.Phase {
	case update.PhaseTrial:
		r.printed = v.now()
		fmt.Fprintf(v.w, "%s %s | %s\n", v.now().Format("15:04:05.000"), r.label, termsafe.String(strings.TrimRight(e.Msg, "\r\n")))
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
		if e.FilesTotal == 1 {
			// One file: its count and the total would repeat its size.
			msg = fmt.Sprintf("%s verified (%s%s)", e.Path, humanSize(e.FileSize), withComma(r.rateText()))
		} else {
			msg = fmt.Sprintf("[%d/%d] %s verified (%s of %s%s)", e.FilesDone, e.FilesTotal, e.Path, humanSize(e.BytesDone), humanSize(e.BytesTotal), withComma(r.rateText()))
		}
	case update.PhaseArm:
		msg = "arming the swap"
	case update.PhaseReset:
		msg = resetLine(e.Msg)
	case fleet.PhaseDone:
		if !v.several {
			return
		}
		msg = "done: " + e.Msg
	default:
		return
	}
	v.print(r, msg)
}

// resetLine says what the board does after the reset the mode names.
func resetLine(mode string) string {
	if mode == update.ResetNone {
		return "armed, not reset (--reset-mode none): the board swaps at its next boot"
	}
	return fmt.Sprintf("reset (%s): the board swaps and trial-boots", mode)
}

func (v *fleetView) print(r *boardRow, msg string) {
	r.printed = v.now()
	fmt.Fprintf(v.w, "%s %s: %s\n", r.printed.Format("15:04:05.000"), r.label, termsafe.String(msg))
}

// ticker calls tick until close.
func (v *fleetView) ticker() {
	defer close(v.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-v.stop:
			return
		case <-t.C:
			v.tick()
		}
	}
}

// tick prints, for each board silent for v.every in a step that can
// take long, where it is: the bytes of the file being sent, or the step
// and how long it has run.
func (v *fleetView) tick() {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	for _, r := range v.rows {
		ref := r.printed
		if ref.IsZero() {
			ref = r.since // a board alone prints nothing when it connects
		}
		if ref.IsZero() || now.Sub(ref) < v.every {
			continue
		}
		if msg := r.stillText(now); msg != "" {
			v.print(r, msg)
		}
	}
}

// stillText is a silent board's progress line ("" for a board that is
// not in a step worth one).
func (r *boardRow) stillText(now time.Time) string {
	took := now.Sub(r.since).Round(time.Second)
	switch r.phase {
	case update.PhaseUpload, update.PhaseVerified, update.PhaseDelta:
		if r.bytesTotal == 0 {
			return ""
		}
		msg := fmt.Sprintf("sending: %s of %s", humanSize(r.bytesDone), humanSize(r.bytesTotal))
		if r.path != "" && r.fileSize > 0 && r.fileBytes < r.fileSize {
			msg = fmt.Sprintf("sending %s: %s of %s", r.path, humanSize(r.fileBytes), humanSize(r.fileSize))
			if r.bytesTotal-r.fileSize >= 1<<10 {
				// Other files weigh too: the whole run's bytes.
				msg += fmt.Sprintf(" (%s of %s in all)", humanSize(r.bytesDone), humanSize(r.bytesTotal))
			}
		}
		return msg + withComma(r.rateText())
	case update.PhaseInstall:
		return fmt.Sprintf("%s: %s so far", r.msg, took)
	case fleet.PhaseConnect:
		return fmt.Sprintf("still connecting: %s so far", took)
	case update.PhasePreflight:
		return fmt.Sprintf("still checking the board: %s so far", took)
	case update.PhaseArm:
		return fmt.Sprintf("still arming: %s so far", took)
	case update.PhaseReset, update.PhaseVerdict, update.PhaseTrial, update.PhaseOutcome:
		if r.phase == update.PhaseReset && r.msg == update.ResetNone {
			return "" // nothing to wait for: the swap waits for the next boot
		}
		return fmt.Sprintf("waiting for the board's verdict: %s so far", took)
	}
	return ""
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
	if v.stop != nil {
		close(v.stop)
		<-v.done
		v.stop = nil
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

// shortLabel keeps a line readable: by-id paths run past 80 columns, and
// the serial number is what --port id:SERIAL takes anyway (--json keeps
// the full path).
func shortLabel(path, serial string) string {
	if len(path) <= 28 || serial == "" {
		return path
	}
	return "id:" + serial
}
