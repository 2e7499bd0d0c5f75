package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
// the new version's output follows; an edit during a push is pushed next;
// two edits in quick succession are one push; a broken edit is rolled
// back and the loop goes on to push the fix; a folder the plan refuses is
// reported and watched on; Ctrl-C in the middle of an upload leaves the
// board on the version it ran, and exits 130.
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

	// An edit while push 2 runs (its trial shows v2's output) is not
	// lost: push 3 follows on its own, after push 2.
	mark := len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": ticker("v2")})
	w.appSays(mark, `tick v2 \d+`)
	during := len(w.reports()) == 1
	edit(t, dir, map[string]string{"main.py": ticker("v3")})
	check(2, w.push(2), fleet.Committed, ExitOK)
	if !during {
		t.Log("push 2 had ended before the second edit (a loaded machine): push 3 is an ordinary one")
	}
	mark = len(w.errOut.String())
	check(3, w.push(3), fleet.Committed, ExitOK)
	w.appSays(mark, `tick v3 \d+`)

	// Two files written a moment apart (longer than a poll, shorter
	// than --debounce): one change, one push with both.
	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"lib/extra.py": "X = 3\n"})
	time.Sleep(400 * time.Millisecond)
	edit(t, dir, map[string]string{"main.py": "import extra\n" + ticker("v4")})
	r := w.push(4)
	check(4, r, fleet.Committed, ExitOK)
	if r.Boards[0].FilesSent != 2 {
		t.Errorf("push 4 sent %d files, want both edits in it: %+v", r.Boards[0].FilesSent, r.Boards[0])
	}
	w.appSays(mark, `tick v4 \d+`)

	// A syntax error: the trial fails, the board rolls back to v4 and
	// runs it again; the loop keeps watching.
	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": "def broken(:\n"})
	r = w.push(5)
	check(5, r, fleet.RolledBack, ExitRolledBack)
	if !strings.Contains(r.Boards[0].Why, "SyntaxError") {
		t.Errorf("rollback reason: %q", r.Boards[0].Why)
	}
	w.appSays(mark, `tick v4 \d+`)

	mark = len(w.errOut.String())
	edit(t, dir, map[string]string{"main.py": "import extra\n" + ticker("v6")})
	check(6, w.push(6), fleet.Committed, ExitOK)
	w.appSays(mark, `tick v6 \d+`)
	v6 := appMain(t, b)

	// A file the plan refuses: reported (a report without a board, exit
	// 4), nothing pushed, still watching. Removing it gives back the
	// plan the board has: nothing to push, no report.
	edit(t, dir, map[string]string{"_app_main.py": "x = 1\n"})
	r = w.push(7)
	if r.Outcome != fleet.NoneStarted || r.ExitCode != ExitVerify || !strings.Contains(r.Error, "_app_main.py") || len(r.Boards) != 0 {
		t.Fatalf("push 7: want a refused plan (exit 4), got %+v", r)
	}
	if err := os.Remove(filepath.Join(dir, "_app_main.py")); err != nil {
		t.Fatal(err)
	}
	skipped := func() bool { return strings.Contains(w.errOut.String(), "otapush: nothing to push") }
	w.until("nothing to push", func() bool { return skipped() || len(w.reports()) > 7 })
	if !skipped() {
		t.Fatalf("the plan the board has was pushed again:\n%s", w.out)
	}

	// Ctrl-C once the upload of a big edit has begun.
	edit(t, dir, bulkyApp("v7", 16, 12*1024))
	w.until("the upload of push 8", func() bool {
		es, _ := os.ReadDir(filepath.Join(b.FlashDir(), ".ota", ".ota_stage"))
		return len(es) > 0
	})
	if code := w.interrupt(); code != ExitInterrupted {
		t.Fatalf("Ctrl-C mid-push: exit %d, want %d\nstderr:\n%s", code, ExitInterrupted, w.errOut)
	}
	reps := w.reports()
	if len(reps) != 8 {
		t.Fatalf("%d reports, want 8:\n%s", len(reps), w.out)
	}
	check(8, reps[7], fleet.Interrupted, ExitInterrupted)
	if bd := reps[7].Boards[0]; bd.Armed {
		t.Errorf("interrupted mid-upload yet armed: %+v", bd)
	}
	if got := appMain(t, b); got != v6 {
		t.Errorf("after Ctrl-C the board's main.py is %q, want v6's %q", got, v6)
	}
	if n := strings.Count(w.errOut.String(), "files changed under"); n != 8 {
		t.Errorf("%d changes seen, want 8 (the pair a moment apart is one):\n%s", n, w.errOut)
	}
}

// TestWatchText: without --json the app's lines go to stdout set apart by
// "app | ", next to each push's result line, and otapush's own lines to
// stderr. Ctrl-C between pushes exits with the last push's code: what the
// board was left on.
func TestWatchText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit string // main.py after the first push ("": none)
		code int
		says string // the app's line after the last push
		end  string
	}{
		{"idle after a commit", "", ExitOK, `tick v1 \d+`, "the board runs the last version pushed"},
		{"idle after a rollback", "raise ValueError('v2 broken')\n", ExitRolledBack, `Traceback|ValueError|tick v1 \d+`, "the last push failed (exit 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{})
			dir := writeApp(t, map[string]string{"main.py": ticker("v1")})
			w := startWatch(t, ctx, "--port", b.Port(), "--cache-dir", t.TempDir(), "--source", dir, "--uptime", "1s")
			app := func(from int, re string) func() bool {
				rx := regexp.MustCompile(`(?m)^app \| (` + re + `)$`)
				return func() bool { return rx.MatchString(w.out.String()[from:]) }
			}
			w.until("the first push's result", func() bool { return strings.Contains(w.out.String(), ": committed  (none) -> local-") })
			w.until("v1's output", app(0, `tick v1 \d+`))
			if tt.edit != "" {
				mark := len(w.out.String())
				edit(t, dir, map[string]string{"main.py": tt.edit})
				w.until("the second push's result", func() bool { return strings.Contains(w.out.String()[mark:], ": ROLLED BACK") })
				mark = len(w.out.String())
				w.until("v1 running again", app(mark, `tick v1 \d+`))
			}
			if code := w.interrupt(); code != tt.code {
				t.Errorf("Ctrl-C while watching: exit %d, want %d\nstderr:\n%s", code, tt.code, w.errOut)
			}
			if !strings.Contains(w.errOut.String(), tt.end) {
				t.Errorf("stderr does not end with %q:\n%s", tt.end, w.errOut)
			}
			for _, l := range strings.Split(strings.TrimSpace(w.out.String()), "\n") {
				// A result's detail (a rollback's reason) is indented under it.
				if !strings.HasPrefix(l, "app | ") && !strings.HasPrefix(l, b.Port()+": ") && !strings.HasPrefix(l, "    ") {
					t.Errorf("stdout line neither the app's nor a push result: %q", l)
				}
			}
			if strings.Contains(w.errOut.String(), "app | ") {
				t.Errorf("app output on stderr:\n%s", w.errOut)
			}
		})
	}
}

// TestWatchRefusals: what --watch cannot do is refused with exit 2 before
// any board or source is touched (the ports named here do not exist), and
// with --json as one line; a board that cannot be opened at the start ends
// the watch with exit 5 instead of waiting for edits no board will get.
func TestWatchRefusals(t *testing.T) {
	t.Parallel()
	dir := writeApp(t, map[string]string{"main.py": "print(1)\n"})
	tests := []struct {
		name string
		args []string
		want string
		code int // 0: ExitUsage
	}{
		{"no board at the start", []string{"--watch", "--source", dir}, "not watching: the board could not be opened", ExitBoard},
		{"a GitHub source", []string{"--watch", "--repo", "me/blinky"}, "--watch needs a local folder", 0},
		{"a git ref", []string{"--watch", "--source", dir, "--ref", "HEAD"}, "drop --ref", 0},
		{"several ports", []string{"--watch", "--source", dir, "--port", "/nonexistent/a,/nonexistent/b"}, "--watch pushes to one board", 0},
		{"all boards", []string{"--watch", "--source", dir, "--all"}, "--watch pushes to one board", 0},
		{"resume", []string{"--watch", "--source", dir, "--resume"}, "--resume and --abort act on an interrupted transaction once", 0},
		{"abort", []string{"--watch", "--abort"}, "--resume and --abort act on an interrupted transaction once", 0},
		{"no restart", []string{"--watch", "--source", dir, "--no-restart"}, "drop --no-restart", 0},
		{"reset mode none", []string{"--watch", "--source", dir, "--reset-mode", "none"}, "reset mode none leaves it armed", 0},
		{"debounce alone", []string{"--source", dir, "--debounce", "1s"}, "add --watch", 0},
		{"negative debounce", []string{"--watch", "--source", dir, "--debounce", "-1s"}, "--debounce: must be 0 or more", 0},
	}
	for _, tt := range tests {
		for _, js := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/json=%v", tt.name, js), func(t *testing.T) {
				args := append([]string{"update", "--cache-dir", t.TempDir()}, tt.args...)
				if !slices.Contains(args, "--all") && !slices.Contains(args, "--port") {
					args = append(args, "--port", "/nonexistent/tty")
				}
				if js {
					args = append(args, "--json")
				}
				code := tt.code
				if code == 0 {
					code = ExitUsage
				}
				r := runCLI(t, t.Context(), args...)
				if r.code != code || !strings.Contains(r.errOut+r.out, tt.want) {
					t.Fatalf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", r.code, code, tt.want, r.out, r.errOut)
				}
				if !js {
					return
				}
				if lines := strings.Split(strings.TrimSpace(r.out), "\n"); len(lines) != 1 {
					t.Fatalf("--json: want one line, got:\n%s", r.out)
				}
				var rep fleet.Report
				if err := json.Unmarshal([]byte(r.out), &rep); err != nil || rep.ExitCode != code {
					t.Fatalf("--json: %v %+v", err, rep)
				}
			})
		}
	}
}

// TestWatchSIGINT: a real Ctrl-C (SIGINT to an otapush process) in the
// middle of a push's upload: the process exits 130 after the push's
// report, and the board keeps the version it ran.
func TestWatchSIGINT(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	dir := writeApp(t, map[string]string{"main.py": ticker("v1")})
	p := otapushProcess("update", "--watch", "--json", "--port", b.Port(), "--cache-dir", t.TempDir(), "--source", dir, "--uptime", "1s")
	out, errOut := &syncBuffer{}, &syncBuffer{}
	p.Stdout, p.Stderr = out, errOut
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.Wait() }()
	t.Cleanup(func() {
		if p.ProcessState == nil {
			_ = p.Process.Kill()
			<-exited
		}
	})
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for !cond() {
			select {
			case err := <-exited:
				t.Fatalf("otapush ended (%v) before %s\nstdout:\n%s\nstderr:\n%s", err, what, out, errOut)
			case <-ctx.Done():
				t.Fatalf("no %s before the test's deadline\nstdout:\n%s\nstderr:\n%s", what, out, errOut)
			case <-tick.C:
			}
		}
	}
	waitFor("the first push's report", func() bool { return strings.Count(out.String(), "\n") >= 1 })
	waitFor("v1's output", func() bool { return strings.Contains(errOut.String(), "app | tick v1") })
	v1 := appMain(t, b)
	edit(t, dir, bulkyApp("v2", 16, 12*1024))
	waitFor("the upload of push 2", func() bool {
		es, _ := os.ReadDir(filepath.Join(b.FlashDir(), ".ota", ".ota_stage"))
		return len(es) > 0
	})
	if err := p.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-ctx.Done():
		t.Fatalf("otapush did not end after SIGINT\nstderr:\n%s", errOut)
	}
	if code := p.ProcessState.ExitCode(); code != ExitInterrupted {
		t.Fatalf("exit %d after SIGINT mid-push, want %d\nstderr:\n%s", code, ExitInterrupted, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last fleet.Report
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || len(lines) != 2 {
		t.Fatalf("want 2 report lines, the last one parseable (%v):\n%s", err, out)
	}
	if bd := last.Boards[0]; bd.Outcome != fleet.Interrupted || bd.Armed || last.ExitCode != ExitInterrupted {
		t.Errorf("push 2's report: %+v", last)
	}
	if got := appMain(t, b); got != v1 {
		t.Errorf("after SIGINT the board's main.py is %q, want v1's", got)
	}
}
