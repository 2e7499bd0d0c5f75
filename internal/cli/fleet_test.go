package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

// bulkyApp is an app whose upload takes long enough to interrupt or cut:
// n modules of size bytes of hex noise (deflate halves hex, no better).
func bulkyApp(version string, n, size int) map[string]string {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(size)))
	files := map[string]string{"main.py": fmt.Sprintf("print(%q)\n", version)}
	for i := range n {
		var b strings.Builder
		for b.Len() < size {
			fmt.Fprintf(&b, "D%d = '%016x%016x'\n", b.Len(), rng.Uint64(), rng.Uint64())
		}
		files[fmt.Sprintf("lib/m%02d.py", i)] = b.String()
	}
	return files
}

// startBoards starts n boards in parallel, sharing one discovery registry
// (so --all sees exactly them).
func startBoards(t *testing.T, opts ...simboard.Options) ([]*simboard.Board, *ports.Lister) {
	t.Helper()
	reg := t.TempDir()
	bs := make([]*simboard.Board, len(opts))
	var wg sync.WaitGroup
	for i, o := range opts {
		o.RegistryDir = reg
		o.FlashDir = t.TempDir()
		wg.Go(func() { bs[i] = simtest.StartT(t, o) })
	}
	wg.Wait()
	for _, b := range bs {
		if b == nil {
			t.FailNow() // StartT reported why
		}
	}
	return bs, &ports.Lister{SimDir: reg, Alive: simreg.Alive}
}

// runUpdateCmd runs `update ARGS` with the lister injected, as Main
// would: the exit code, stdout and stderr.
func runUpdateCmd(t *testing.T, ctx context.Context, ios *IOStreams, l *ports.Lister, args ...string) int {
	t.Helper()
	cmd := updateCommand(&updateOptions{GlobalOptions: &GlobalOptions{IO: ios}, port: portArg{lister: l}})
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.ExecuteContext(ctx)
	var se *silentError
	if err != nil && !errors.As(err, &se) {
		fmt.Fprintf(ios.ErrOut, "otapush: %v\n", err)
	}
	return exitCodeFor(err)
}

func readReport(t *testing.T, out string) fleet.Report {
	t.Helper()
	var rep fleet.Report
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("stdout is not one fleet report: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("stdout has more than the report:\n%s", out)
	}
	return rep
}

func appMain(t *testing.T, b *simboard.Board) string {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(b.FlashDir(), "_app_main.py"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(got)
}

// TestFleetUpdate pushes one version to four boards in one run: one
// already has it (unchanged), one is cut off in the middle of its upload
// (fails alone and keeps its version), two commit. The JSON report and the
// exit code (6, partial) say exactly that.
func TestFleetUpdate(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	// The board to cut sits behind a 115200-baud UART, so its upload
	// lasts seconds and a loaded machine still cuts it in the middle; the
	// others are as fast as they go.
	bs, l := startBoards(t, simboard.Options{}, simboard.Options{}, simboard.Options{Link: "uart-115200"}, simboard.Options{})
	fresh, same, dying := bs[1], bs[0], bs[2]
	v1 := writeApp(t, map[string]string{"main.py": "print('v1')\n"})
	v2files := bulkyApp("v2", 8, 12*1024)
	v2 := writeApp(t, v2files)
	cache := t.TempDir()

	// Before: one board already runs v2, the one to cut runs v1.
	var wg sync.WaitGroup
	for _, pre := range []struct {
		b   *simboard.Board
		src string
	}{{same, v2}, {dying, v1}} {
		wg.Go(func() {
			if r := runCLI(t, ctx, "update", "--port", pre.b.Port(), "--cache-dir", t.TempDir(), "--source", pre.src); r.code != 0 {
				t.Errorf("pre-load %s: %d %s%s", pre.src, r.code, r.out, r.errOut)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	// Cut the board's power once it has staged its first file of v2.
	stage := filepath.Join(dying.FlashDir(), ".ota", ".ota_stage")
	cut := make(chan struct{})
	go func() {
		defer close(cut)
		for ctx.Err() == nil {
			if es, _ := os.ReadDir(stage); len(es) > 0 {
				dying.Kill()
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	ios, _, out, errOut := TestStreams()
	names := []string{same.Port(), fresh.Port(), dying.Port(), bs[3].Port()}
	code := runUpdateCmd(t, ctx, ios, l, "--port", strings.Join(names[:2], ","), "--port", names[2], "--port", names[3],
		"--cache-dir", cache, "--source", v2, "--json")
	<-cut
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (partial)\nstdout: %s\nstderr: %s", code, ExitPartial, out, errOut)
	}
	if errOut.Len() != 0 {
		t.Errorf("--json wrote to stderr: %s", errOut)
	}
	rep := readReport(t, out.String())
	if rep.Version != fleet.SchemaVersion || rep.Outcome != fleet.Partial || rep.ExitCode != ExitPartial || rep.Jobs != 4 || rep.Plan.Files != len(v2files) {
		t.Errorf("report head: %+v", rep)
	}
	want := fleet.Summary{Boards: 4, Succeeded: 3, Committed: 2, Unchanged: 1, Failed: 1}
	if rep.Summary != want {
		t.Errorf("summary %+v, want %+v", rep.Summary, want)
	}
	if len(rep.Boards) != 4 {
		t.Fatalf("%d boards in the report", len(rep.Boards))
	}
	for i, b := range rep.Boards {
		if b.Port != names[i] || b.Serial != bs[i].Serial() {
			t.Errorf("board %d: port %s serial %s, want %s %s (in --port order)", i, b.Port, b.Serial, names[i], bs[i].Serial())
		}
		if b.DurationMS <= 0 {
			t.Errorf("%s: no duration", b.Port)
		}
	}
	un, fr, dy, ok := rep.Boards[0], rep.Boards[1], rep.Boards[2], rep.Boards[3]
	if un.Outcome != fleet.Unchanged || un.FilesSent != 0 || un.FilesSkipped != len(v2files) || un.Before.Version != rep.Plan.Version || !un.AppRunning {
		t.Errorf("pre-loaded board: %+v", un)
	}
	for _, c := range []fleet.BoardReport{fr, ok} {
		if c.Outcome != fleet.Committed || c.FilesSent != len(v2files) || c.Before.Version != "" || c.After.Version != rep.Plan.Version ||
			c.WireBytesOut <= 0 || c.Error != "" || c.StoppedAt != "" || !c.AgentInstalled || !c.AppRunning {
			t.Errorf("fresh board: %+v", c)
		}
	}
	if dy.Outcome != fleet.Failed || dy.Armed || dy.Error == "" || dy.Before.Version == "" || dy.After != dy.Before || dy.AppRunning ||
		(dy.StoppedAt != "upload" && dy.StoppedAt != "verified") || dy.FilesSent >= len(v2files) {
		t.Errorf("board cut mid-push: %+v", dy)
	}
	for _, b := range []*simboard.Board{same, fresh, bs[3]} {
		if got := appMain(t, b); got != v2files["main.py"] {
			t.Errorf("%s runs %q", b.Port(), got)
		}
	}
	// Power the cut board on again: it boots its old version.
	if err := dying.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if got := appMain(t, dying); got != "print('v1')\n" {
		t.Errorf("the cut board runs %q after a restart", got)
	}
}

// TestFleetPlainThenInterrupted runs --all twice on three boards: v1
// without --json and without a terminal (timestamped lines per board on
// stderr, a summary on stdout), then v2 two at a time, interrupted once a
// board has staged a file (Ctrl-C): exit 130, the report says where each
// board stopped, and every board still runs v1.
func TestFleetPlainThenInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	usb := simboard.Options{Link: "usb-fs"}
	bs, l := startBoards(t, usb, usb, usb)
	cache := t.TempDir()
	v1 := writeApp(t, map[string]string{"main.py": "print('v1')\n", "lib/util.py": "X = 1\n"})

	ios, _, out, errOut := TestStreams()
	if code := runUpdateCmd(t, ctx, ios, l, "--all", "--canary", "1", "--cache-dir", cache, "--source", v1); code != 0 {
		t.Fatalf("v1: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out.String(), "3 boards: 3 committed, 0 unchanged, 0 failed") {
		t.Errorf("summary:\n%s", out)
	}
	line := regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3} (\S+)(?:: | \| )(.*)$`)
	seen := map[string][]string{}
	var order []string // port: what, in the order printed
	for _, s := range strings.Split(strings.TrimSpace(errOut.String()), "\n") {
		m := line.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("stderr line not '<time> <port>: <what>': %q", s)
			continue
		}
		seen[m[1]] = append(seen[m[1]], m[2])
		order = append(order, m[1]+": "+m[2])
	}
	// --canary 1: the first board (discovery order) commits before any
	// other is opened.
	if len(order) > 0 {
		canary := strings.SplitN(order[0], ": ", 2)[0]
		done := slices.Index(order, canary+": done: committed")
		for i, o := range order {
			if strings.HasSuffix(o, ": connecting") && !strings.HasPrefix(o, canary+": ") && (done < 0 || i < done) {
				t.Errorf("%s before the canary committed:\n%s", o, strings.Join(order, "\n"))
			}
		}
	}
	for _, b := range bs {
		got := strings.Join(seen[shortLabel(b.Port(), b.Serial())], "|")
		for _, w := range []string{"connecting", "verified", "reset (hard)", "done: committed"} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %q in its lines: %s", b.Port(), w, got)
			}
		}
		if !strings.Contains(out.String(), shortLabel(b.Port(), b.Serial())+": committed  (none) -> local-") {
			t.Errorf("stdout lacks %s's line:\n%s", b.Port(), out)
		}
	}
	if strings.Contains(errOut.String(), "\033") || strings.Contains(errOut.String(), "\r") {
		t.Errorf("terminal codes on a non-terminal stderr: %q", errOut)
	}

	// Big enough that no board can arm in the moments between the first
	// staged file and the cancel reaching it.
	v2 := writeApp(t, bulkyApp("v2", 16, 12*1024))
	ictx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer stop()
		for ictx.Err() == nil {
			for _, b := range bs {
				if es, _ := os.ReadDir(filepath.Join(b.FlashDir(), ".ota", ".ota_stage")); len(es) > 0 {
					return
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	ios, _, out, errOut = TestStreams()
	code := runUpdateCmd(t, ictx, ios, l, "--all", "--jobs", "2", "--cache-dir", cache, "--source", v2, "--json")
	if code != ExitInterrupted {
		t.Fatalf("Ctrl-C: exit %d\n%s%s", code, out, errOut)
	}
	rep := readReport(t, out.String())
	if rep.Outcome != fleet.Stopped || rep.Jobs != 2 || rep.Summary.Interrupted != 3 || len(rep.Boards) != 3 {
		t.Fatalf("report: %+v", rep)
	}
	stops := map[string]int{}
	for _, b := range rep.Boards {
		stops[b.StoppedAt]++
		if b.Outcome != fleet.Interrupted || b.Armed || b.StoppedAt == "" || b.Error == "" || b.AppRunning {
			t.Errorf("%s: %+v", b.Port, b)
		}
		if b.StoppedAt != "queued" && b.Before.Version == "" {
			t.Errorf("%s: started but no version before: %+v", b.Port, b)
		}
	}
	if stops["queued"] != 1 {
		t.Errorf("with --jobs 2 one of 3 boards waits its turn; stopped at: %v", stops)
	}
	for _, b := range bs {
		if got := appMain(t, b); got != "print('v1')\n" {
			t.Errorf("%s runs %q after Ctrl-C", b.Port(), got)
		}
	}
}

// TestFleetProgressOnTerminal: on a terminal, a fleet run draws mpb's
// live display, one line per board, redrawn in place. The bundle comes
// from the fake GitHub: each blob is downloaded once for both boards.
func TestFleetProgressOnTerminal(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	bs, l := startBoards(t, simboard.Options{Link: "usb-fs"}, simboard.Options{Link: "usb-fs"})
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	// mpb draws nothing on a terminal of size 0x0.
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 160}); err != nil {
		t.Fatal(err)
	}
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	ios, _, out, _ := TestStreams()
	ios.ErrOut = tty
	ios.SetStderrTTY(true)
	repo := githubtest.NewRepo(t)
	files := bulkyApp("v1", 4, 8*1024)
	repo.Write(files)
	repo.Commit("v1")
	srv := githubtest.NewServer(t, repo, "acme", "app")
	code := runUpdateCmd(t, ctx, ios, l, "--port", bs[0].Port(), "--port", bs[1].Port(), "--cache-dir", t.TempDir(),
		"--repo", "acme/app", "--branch", "main", "--api-url", srv.URL)
	tty.Close()
	ptmx.Close()
	<-read
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%q", code, out, screen.String())
	}
	s := screen.String()
	if !strings.Contains(s, "A\x1b[J") {
		t.Errorf("no in-place redraw (cursor up, erase) on the terminal:\n%q", s)
	}
	for _, b := range bs {
		if !strings.Contains(s, "id:"+b.Serial()+" ") {
			t.Errorf("no line for %s (id:%s):\n%q", b.Port(), b.Serial(), s)
		}
	}
	for _, w := range []string{"committed", "KiB / ", "KiB/s", "/5 "} {
		if !strings.Contains(s, w) {
			t.Errorf("the display never showed %q:\n%q", w, s)
		}
	}
	if !strings.Contains(out.String(), "2 boards: 2 committed") {
		t.Errorf("summary on stdout:\n%s", out)
	}
	if n := srv.Count("/git/blobs/"); n != len(files) {
		t.Errorf("%d blob downloads for %d files and 2 boards, want one each", n, len(files))
	}
}

// TestFleetRefusals: what stops a fleet run before any board is touched
// gets its exit code, and with --json still a report (outcome none) that
// says why and never shows the token.
func TestFleetRefusals(t *testing.T) {
	e := newCLIEnv(t)
	t.Setenv("GITHUB_TOKEN", secretToken)
	nowhere := "/nonexistent/otapush-a,/nonexistent/otapush-b"
	gh := []string{"--api-url", e.srv.URL, "--cache-dir", e.cacheDir}
	app := writeApp(t, map[string]string{"main.py": "print(1)\n"})
	tests := []struct {
		name    string
		args    []string
		want    int
		wantErr string
	}{
		{"--all with --port", []string{"--all", "--port", "/dev/x"}, ExitUsage, "--all"},
		{"auto in a list", []string{"--port", "auto,/dev/x"}, ExitUsage, "--port auto"},
		{"negative jobs", []string{"--port", nowhere, "--jobs", "-1"}, ExitUsage, "--jobs"},
		{"negative canary", []string{"--port", nowhere, "--canary", "-1"}, ExitUsage, "--canary"},
		{"canary beyond the boards", []string{"--port", nowhere, "--canary", "3"}, ExitUsage, "--canary 3: the run has 2 boards"},
		{"canary without a hard reset", append([]string{"--port", nowhere, "--source", app, "--canary", "1", "--reset-mode", "none"}, gh...), ExitUsage, "--reset-mode hard"},
		{"negative max failures", []string{"--port", nowhere, "--max-failures", "-2"}, ExitUsage, "--max-failures"},
		{"canary with --abort", []string{"--port", nowhere, "--abort", "--canary", "1"}, ExitUsage, "--abort"},
		{"--resume with --abort", []string{"--port", nowhere, "--abort", "--resume"}, ExitUsage, "exclude each other"},
		{"one board twice", []string{"--port", "/dev/null,/dev/null"}, ExitUsage, "same board"},
		{"--all finds nothing", []string{"--all"}, ExitBoard, "no MicroPython board"},
		{"no such repository", append([]string{"--port", nowhere, "--repo", "acme/nope"}, gh...), ExitSource, "not found"},
		{"tampered blob", append([]string{"--port", nowhere, "--repo", "acme/app", "--branch", "main"}, gh...), ExitVerify, "main.py"},
	}
	e.srv.Tamper(e.repo.BlobSHA("main", "main.py"), []byte("evil\n"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			code := runUpdateCmd(t, context.Background(), ios, fakeLister(), append(tt.args, "--json")...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.want, out, errOut)
			}
			rep := readReport(t, out.String())
			if rep.Version != fleet.SchemaVersion || rep.Outcome != fleet.NoneStarted || len(rep.Boards) != 0 || !strings.Contains(rep.Error, tt.wantErr) || rep.ExitCode != tt.want {
				t.Errorf("report: %+v", rep)
			}
			if strings.Contains(out.String()+errOut.String(), secretToken) {
				t.Errorf("the token leaked:\n%s%s", out, errOut)
			}
		})
	}
}

// TestUpdateReportOnFailure: a single board that cannot be reached is a
// fleet of one whose board failed: with --json the one report (not the
// error document), exit 5 as a single board always had, the reason in
// the board's record; without --json the reason on stderr.
func TestUpdateReportOnFailure(t *testing.T) {
	t.Chdir(t.TempDir())
	app := writeApp(t, map[string]string{"main.py": "print(1)\n"})
	nowhere := "/nonexistent/otapush-port"
	for _, json := range []bool{true, false} {
		ios, _, out, errOut := TestStreams()
		args := []string{"--port", nowhere, "--source", app, "--cache-dir", t.TempDir()}
		if json {
			args = append(args, "--json")
		}
		code := runUpdateCmd(t, context.Background(), ios, fakeLister(), args...)
		if code != ExitBoard {
			t.Fatalf("json %v: exit %d, want %d\n%s%s", json, code, ExitBoard, out, errOut)
		}
		if !json {
			if !strings.Contains(errOut.String(), "otapush: ") || !strings.Contains(errOut.String(), nowhere) || strings.Contains(errOut.String(), "boards failed") {
				t.Errorf("stderr: %s", errOut)
			}
			if !strings.Contains(out.String(), nowhere+": FAILED at connect (pushing ") || strings.Contains(out.String(), "boards:") {
				t.Errorf("stdout: %s", out)
			}
			continue
		}
		rep := readReport(t, out.String())
		if rep.Version != 1 || rep.Outcome != fleet.AllFailed || rep.ExitCode != ExitBoard || len(rep.Boards) != 1 || rep.Plan.Files != 1 {
			t.Fatalf("report: %+v", rep)
		}
		if b := rep.Boards[0]; b.Port != nowhere || b.Outcome != fleet.Failed || b.StoppedAt != string(fleet.PhaseConnect) || !strings.Contains(b.Error, nowhere) {
			t.Errorf("board: %+v", b)
		}
		if errOut.Len() != 0 {
			t.Errorf("--json wrote to stderr: %s", errOut)
		}
	}
}

func TestPrefixWriter(t *testing.T) {
	var b bytes.Buffer
	var mu sync.Mutex
	w := &prefixWriter{w: &b, mu: &mu, prefix: "/dev/ttyACM1: "}
	for _, s := range []string{"[ 1.000ms] -> a\n", "[ 2.000ms] <- b\n[ 3.000ms] -- c\n"} {
		if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	want := "/dev/ttyACM1: [ 1.000ms] -> a\n/dev/ttyACM1: [ 2.000ms] <- b\n/dev/ttyACM1: [ 3.000ms] -- c\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// watchedApp counts its own starts (runs.txt) and the Ctrl-Cs that
// interrupted it (intr.txt). Every host that opens the port interrupts
// the app (the raw REPL needs the board idle), and otapush hands the
// board back by restarting it: a board no host touched shows one start
// and no interrupt.
const watchedApp = `with open('runs.txt', 'a') as f:
    f.write('x')
import time
try:
    while True:
        time.sleep_ms(50)
except KeyboardInterrupt:
    with open('intr.txt', 'a') as f:
        f.write('x')
    raise
`

// probeWatched opens the board (one more interrupt) and reads what the
// app counted: "starts interrupts".
func probeWatched(t *testing.T, ctx context.Context, b *simboard.Board) string {
	t.Helper()
	r := runCLI(t, ctx, "exec", "--port", b.Port(),
		"import os\nprint(open('runs.txt').read(), open('intr.txt').read() if 'intr.txt' in os.listdir() else '-')")
	if r.code != 0 {
		t.Fatalf("probe %s: exit %d %s%s", b.Port(), r.code, r.out, r.errOut)
	}
	return strings.TrimSpace(r.out)
}

// TestFleetCanaryStopsTheRollout: --canary 1 on three boards whose first
// rolls the version back (its main.py raises at once): exit 7 (every
// board that ran failed alike), the other two reported not_started and
// never touched: their flash is as it was, their app started once and was
// interrupted only by the probe after the run, and they were never reset.
// Then --max-failures 1 on two of them, one at a time: the first rolls
// back, the second is left alone (the text result says so).
func TestFleetCanaryStopsTheRollout(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	seed := simboard.Options{Files: map[string][]byte{"main.py": []byte(watchedApp)}}
	bs, l := startBoards(t, seed, seed, seed)
	before := map[*simboard.Board]map[string]string{}
	for _, b := range bs[1:] {
		fl, err := simboard.Snapshot(b.FlashDir())
		if err != nil {
			t.Fatal(err)
		}
		before[b] = fl
	}

	broken := writeApp(t, map[string]string{"main.py": "raise ValueError('canary broken')\n"})
	ios, _, out, errOut := TestStreams()
	code := runUpdateCmd(t, ctx, ios, l, "--port", bs[0].Port()+","+bs[1].Port()+","+bs[2].Port(), "--canary", "1",
		"--cache-dir", t.TempDir(), "--source", broken, "--json")
	if code != ExitRolledBack {
		t.Fatalf("exit %d, want %d (the canary rolled back, no other board ran)\nstdout: %s\nstderr: %s", code, ExitRolledBack, out, errOut)
	}
	rep := readReport(t, out.String())
	want := fleet.Summary{Boards: 3, Failed: 1, RolledBack: 1, NotStarted: 2}
	if rep.Outcome != fleet.Halted || rep.ExitCode != ExitRolledBack || rep.Canary != 1 || rep.Summary != want ||
		!strings.Contains(rep.StopReason, "canary "+bs[0].Port()+" ended rolled_back") {
		t.Errorf("report head: %+v", rep)
	}
	if c := rep.Boards[0]; c.Outcome != fleet.RolledBack || !strings.Contains(c.Why, "canary broken") || !c.Armed {
		t.Errorf("canary: %+v", c)
	}
	for i, b := range bs[1:] {
		r := rep.Boards[i+1]
		if r.Outcome != fleet.NotStarted || r.Port != b.Port() || r.Target.Version != rep.Plan.Version || r.Armed || r.FilesSent != 0 || r.WireBytesOut != 0 || !strings.Contains(r.Error, "canary") {
			t.Errorf("board %d: %+v", i+1, r)
		}
	}
	// On the boards: nothing changed, nobody came.
	for _, b := range bs[1:] {
		fl, err := simboard.Snapshot(b.FlashDir())
		if err != nil {
			t.Fatal(err)
		}
		if d := simboard.DiffSnapshots(before[b], fl); d != "" {
			t.Errorf("%s: the flash changed:\n%s", b.Port(), d)
		}
		if got := probeWatched(t, ctx, b); got != "x x" || b.Resets() != 0 {
			t.Errorf("%s: starts and interrupts %q (want \"x x\": one start, the probe's interrupt), %d resets: the board was touched", b.Port(), got, b.Resets())
		}
	}
	// The probe sees a touched board: the canary's app was interrupted
	// and restarted.
	if got := probeWatched(t, ctx, bs[0]); got == "x x" {
		t.Errorf("the canary's probe reads %q, as an untouched board: the probe proves nothing", got)
	}

	// --max-failures 1, one board at a time: the first board's rollback
	// stops the rollout; the second is never opened.
	last := bs[2]
	fl0, err := simboard.Snapshot(last.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	ios, _, out, errOut = TestStreams()
	code = runUpdateCmd(t, ctx, ios, l, "--port", bs[1].Port()+","+last.Port(), "--jobs", "1", "--max-failures", "1",
		"--cache-dir", t.TempDir(), "--source", broken)
	if code != ExitRolledBack {
		t.Fatalf("--max-failures 1: exit %d, want %d\nstdout: %s\nstderr: %s", code, ExitRolledBack, out, errOut)
	}
	for _, w := range []string{shortLabel(bs[1].Port(), bs[1].Serial()) + ": ROLLED BACK", "main.py raised ValueError: canary broken", "Traceback", // the board's reason, its traceback

		shortLabel(last.Port(), last.Serial()) + ": not started: 1 of 2 boards failed (--max-failures 1); the board was not opened",
		"2 boards: 0 committed, 0 unchanged, 1 failed (1 rolled back), 1 not started",
		"rollout stopped: 1 of 2 boards failed (--max-failures 1); 1 board not started, left untouched"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("--max-failures 1: stdout lacks %q:\n%s", w, out)
		}
	}
	if !strings.Contains(errOut.String(), "otapush: 1 of 2 boards failed; the rollout stopped (1 of 2 boards failed (--max-failures 1)): 1 not started") {
		t.Errorf("--max-failures 1: stderr:\n%s", errOut)
	}
	fl1, err := simboard.Snapshot(last.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	if d := simboard.DiffSnapshots(fl0, fl1); d != "" || last.Resets() != 0 {
		t.Errorf("%s after --max-failures stopped before it: flash changed %s, %d resets", last.Port(), d, last.Resets())
	}
}
