package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// ticker is an app that says which version runs, for ever.
func ticker(version string) string {
	return fmt.Sprintf("import time\ni = 0\nwhile True:\n    print('tick %s', i)\n    i += 1\n    time.sleep_ms(200)\n", version)
}

// watchSession is `otapush update --watch` running in the background.
type watchSession struct {
	t           *testing.T
	ctx         context.Context // the test's
	stop        context.CancelFunc
	out, errOut *syncBuffer
	done        chan int
	code        int
	ended       bool
}

func startWatch(t *testing.T, ctx context.Context, args ...string) *watchSession {
	t.Helper()
	run, stop := context.WithCancel(ctx)
	w := &watchSession{t: t, ctx: ctx, stop: stop, out: &syncBuffer{}, errOut: &syncBuffer{}, done: make(chan int, 1)}
	ios := &IOStreams{In: strings.NewReader(""), Out: w.out, ErrOut: w.errOut}
	go func() { w.done <- Main(run, append([]string{"update", "--watch"}, args...), ios) }()
	t.Cleanup(func() {
		stop()
		if !w.ended {
			<-w.done
		}
	})
	return w
}

// until waits for cond, reacting to the session's output: no deadline of
// its own but the test's (simtest.ContextT), and a session that ends
// first fails the test.
func (w *watchSession) until(what string, cond func() bool) {
	w.t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case code := <-w.done:
			w.ended, w.code = true, code
			w.t.Fatalf("the watch ended (exit %d) before %s\nstdout:\n%s\nstderr:\n%s", code, what, w.out, w.errOut)
		case <-w.ctx.Done():
			w.t.Fatalf("no %s before the test's deadline\nstdout:\n%s\nstderr:\n%s", what, w.out, w.errOut)
		case <-tick.C:
		}
	}
}

// reports are the push reports printed so far (JSON lines).
func (w *watchSession) reports() []fleet.Report {
	w.t.Helper()
	var reps []fleet.Report
	for _, l := range strings.Split(w.out.String(), "\n") {
		if !strings.HasSuffix(l, "}") {
			continue // a line still being written
		}
		var r fleet.Report
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			w.t.Fatalf("stdout line is not a report: %v\n%s", err, l)
		}
		reps = append(reps, r)
	}
	return reps
}

// push waits for report n (1-based) and returns it.
func (w *watchSession) push(n int) fleet.Report {
	w.t.Helper()
	w.until(fmt.Sprintf("push report %d", n), func() bool { return len(w.reports()) >= n })
	return w.reports()[n-1]
}

// appSays waits until the app's output, after the first `from` bytes of
// stderr, has a line matching re.
func (w *watchSession) appSays(from int, re string) {
	w.t.Helper()
	rx := regexp.MustCompile(`(?m)^app \| ` + re)
	w.until("app output "+re, func() bool { return rx.MatchString(w.errOut.String()[from:]) })
}

// interrupt is Ctrl-C: the exit code once the session ended.
func (w *watchSession) interrupt() int {
	w.t.Helper()
	w.stop()
	select {
	case w.code = <-w.done:
		w.ended = true
	case <-w.ctx.Done():
		w.t.Fatalf("the watch did not end after Ctrl-C\nstderr:\n%s", w.errOut)
	}
	return w.code
}

func edit(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWatchLoop drives `update --watch --json` by editing the source
// folder: every edit is one push with its report (one JSON line each) and
// the new version's output follows; two edits in quick succession are one
// push; a broken edit is rolled back and the loop goes on to push the
// fix; Ctrl-C in the middle of an upload leaves the board on the version
// it ran, and exits 130.
func TestWatchLoop(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	dir := writeApp(t, map[string]string{"main.py": ticker("v1")})
	// A debounce far longer than the gap between two writes of one
	// edit, so the test's quick pair is one change on a loaded machine.
	w := startWatch(t, ctx, "--port", b.Port(), "--cache-dir", t.TempDir(), "--source", dir, "--json", "--uptime", "1s", "--debounce", "1500ms")

	check := func(n int, r fleet.Report, outcome string, code int) {
		t.Helper()
		if len(r.Boards) != 1 || r.Boards[0].Outcome != outcome || r.ExitCode != code {
			t.Fatalf("push %d: want %s (exit %d), got %+v\nstderr:\n%s", n, outcome, code, r, w.errOut)
		}
	}
	check(1, w.push(1), fleet.Committed, ExitOK)
	w.appSays(0, `tick v1 \d+`)

	mark := len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": ticker("v2")})
	check(2, w.push(2), fleet.Committed, ExitOK)
	w.appSays(mark, `tick v2 \d+`)

	// Two files written back to back: one change, one push with both.
	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"lib/extra.py": "X = 3\n"})
	edit(t, dir, map[string]string{"main.py": "import extra\n" + ticker("v3")})
	r := w.push(3)
	check(3, r, fleet.Committed, ExitOK)
	if r.Boards[0].FilesSent != 2 {
		t.Errorf("push 3 sent %d files, want both edits in it: %+v", r.Boards[0].FilesSent, r.Boards[0])
	}
	w.appSays(mark, `tick v3 \d+`)

	// A syntax error: the trial fails, the board rolls back to v3 and
	// runs it again; the loop keeps watching.
	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": "def broken(:\n"})
	r = w.push(4)
	check(4, r, fleet.RolledBack, ExitRolledBack)
	if !strings.Contains(r.Boards[0].Why, "SyntaxError") {
		t.Errorf("rollback reason: %q", r.Boards[0].Why)
	}
	w.appSays(mark, `tick v3 \d+`)

	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": "import extra\n" + ticker("v5")})
	check(5, w.push(5), fleet.Committed, ExitOK)
	w.appSays(mark, `tick v5 \d+`)
	v5 := appMain(t, b)

	// Ctrl-C once the upload of a big edit has begun.
	edit(t, dir, bulkyApp("v6", 16, 12*1024))
	w.until("the upload of push 6", func() bool {
		es, _ := os.ReadDir(filepath.Join(b.FlashDir(), ".ota", ".ota_stage"))
		return len(es) > 0
	})
	if code := w.interrupt(); code != ExitInterrupted {
		t.Fatalf("Ctrl-C mid-push: exit %d, want %d\nstderr:\n%s", code, ExitInterrupted, w.errOut)
	}
	reps := w.reports()
	if len(reps) != 6 {
		t.Fatalf("%d reports, want one per edit (6):\n%s", len(reps), w.out)
	}
	check(6, reps[5], fleet.Interrupted, ExitInterrupted)
	if bd := reps[5].Boards[0]; bd.Armed {
		t.Errorf("interrupted mid-upload yet armed: %+v", bd)
	}
	if got := appMain(t, b); got != v5 {
		t.Errorf("after Ctrl-C the board's main.py is %q, want v5's %q", got, v5)
	}
	if n := strings.Count(w.errOut.String(), "files changed under"); n != 5 {
		t.Errorf("%d changes seen, want 5 (the quick pair is one):\n%s", n, w.errOut)
	}
}
