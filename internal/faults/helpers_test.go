package faults_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
	"github.com/otapush/otapush/internal/update"
)

// app is an app bundle: path -> contents.
type app map[string]string

// v1 and v2: v2 changes two files, adds one in a new nested folder and a
// 6 KB binary (several chunks at 1 KiB per exec), and deletes one.
var (
	v1 = app{
		"main.py":      "import lib.util\nprint('APP v1', lib.util.N)\n",
		"lib/util.py":  "N = 1\n",
		"lib/old.py":   "OLD = True\n",
		"data/cfg.txt": "mode=1\n",
	}
	v2 = app{
		"main.py":          "import lib.util\nprint('APP v2', lib.util.N)\n",
		"lib/util.py":      "N = 2\n",
		"lib/new/deep.py":  "DEEP = 2\n",
		"data/cfg.txt":     "mode=1\n",
		"assets/noise.bin": noise(6000),
	}
)

// noise is bytes deflate cannot shrink, so every chunk is a full exec.
func noise(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return string(b)
}

func writeDir(t *testing.T, a app) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range a {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// plan plans a bundle like `--source DIR`.
func plan(t *testing.T, a app) (*manifest.Plan, manifest.BlobStore) {
	t.Helper()
	c, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := local.PlanDir(context.Background(), c, writeDir(t, a), manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

// fastReset keeps the USB re-enumeration short: the suite resets many boards.
const fastReset = 50 * time.Millisecond

func lister(b *simboard.Board) *ports.Lister {
	return &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
}

// connOpts are the raw REPL client's settings for a board. Its silence
// timeouts are measured in the board's progress (b.Silence), not on the
// wall clock: a starved simulator answers late, not never.
func connOpts(b *simboard.Board) rawrepl.Options {
	return rawrepl.Options{ExecTimeout: 60 * time.Second, ReplyTimeout: 20 * time.Second, EnterAttempts: 10,
		ReconnectTimeout: reconnectTimeout, Lister: lister(b), Silence: b.Silence}
}

// reconnectTimeout bounds finding the board again after a reset (default
// 20 s): more for a busy machine. The update itself waits for the board's
// verdict, no fixed time.
const reconnectTimeout = 30 * time.Second

func dial(ctx context.Context, b *simboard.Board, o rawrepl.Options) (*rawrepl.Conn, error) {
	p, err := o.Lister.Resolve(ctx, b.Port())
	if err != nil {
		return nil, err
	}
	return rawrepl.Open(ctx, p, o)
}

// baseFlash is a flash folder with the agent installed and v1 committed,
// built once per test and copied for every case.
func baseFlash(t *testing.T) string {
	t.Helper()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	dir := t.TempDir()
	b := simtest.StartT(t, simboard.Options{FlashDir: dir, ResetDelay: fastReset})
	c, err := dial(ctx, b, connOpts(b))
	if err != nil {
		t.Fatal(err)
	}
	p, s := plan(t, v1)
	r, err := update.Run(ctx, p, s, c, update.Options{Confirm: "return"}, nil)
	c.Close()
	if err != nil || r.Outcome != update.Committed {
		t.Fatalf("v1: %+v %v", r, err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// boardOn starts a board on a copy of flash.
func boardOn(t *testing.T, flash string, o simboard.Options) *simboard.Board {
	t.Helper()
	o.FlashDir = t.TempDir()
	copyDir(t, flash, o.FlashDir)
	if o.ResetDelay == 0 {
		o.ResetDelay = fastReset
	}
	return simtest.StartT(t, o)
}

func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	if err := simboard.CopyFlash(src, dst); err != nil {
		t.Fatal(err)
	}
}

// flashTree is the whole flash: path -> contents, folders as "<dir>/".
func flashTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out, err := simboard.Snapshot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeDiff describes how two trees differ, "" when equal.
func treeDiff(a, b map[string]string) string { return simboard.DiffSnapshots(a, b) }

// appOf is the app as the board holds it: the agent's files and folder
// left out, the app's main.py/boot.py under their manifest names.
func appOf(all map[string]string) app {
	out := app{}
	for p, c := range all {
		switch {
		case strings.HasSuffix(p, "/"), p == ".ota/" || strings.HasPrefix(p, ".ota/"),
			p == "ota_agent.py", p == "ota_agent.mpy", p == "boot.py", p == "main.py", p == "version.json":
			continue
		case p == "_app_main.py":
			p = "main.py"
		case p == "_app_boot.py":
			p = "boot.py"
		}
		out[p] = c
	}
	return out
}

// whole names the version the flash holds ("v1", "v2"), checking that
// the files and version.json agree; otherwise it says what is wrong.
// appData are files the app created, which belong to no version.
func whole(t testing.TB, flash string, versions map[string]app, appData ...string) (string, error) {
	all := flashTree(t, flash)
	got := appOf(all)
	for _, p := range appData { // files the app made: in no version
		delete(got, p)
	}
	var vj struct {
		Version string            `json:"version"`
		Files   map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(all["version.json"]), &vj); err != nil {
		return "", fmt.Errorf("version.json unreadable: %v", err)
	}
	for name, a := range versions {
		if treeDiff(map[string]string(a), map[string]string(got)) == "" {
			if len(vj.Files) != len(a) {
				return "", fmt.Errorf("files of %s, but version.json lists %d files", name, len(vj.Files))
			}
			return name, nil
		}
	}
	var ds []string
	for name, a := range versions {
		ds = append(ds, fmt.Sprintf("vs %s [%s]", name, treeDiff(map[string]string(a), map[string]string(got))))
	}
	sort.Strings(ds)
	return "", fmt.Errorf("not a whole version (version.json says %q): %s", vj.Version, strings.Join(ds, " "))
}

// leftovers lists what an idle board must not keep in /.ota.
func leftovers(t testing.TB, flash string) []string {
	var left []string
	for p := range flashTree(t, flash) {
		if strings.HasPrefix(p, ".ota/") && !strings.HasSuffix(p, "/") &&
			p != ".ota/config.json" && p != ".ota/last.json" {
			left = append(left, p)
		}
	}
	sort.Strings(left)
	return left
}

// quiet waits until the board sits at its friendly prompt with nothing
// running, whatever the last host left it in: Ctrl-B queues behind a
// running boot.py/main.py and leaves a raw REPL a host abandoned; the
// prompt follows only when the board is idle. A board that resets on the
// way (a rollback) takes the port away; wait for it again.
//
// The wait is bounded by the board's progress (30 s of its CPU time), not
// the wall clock: on a busy machine the board is slower, not broken.
func quiet(ctx context.Context, b *simboard.Board) error {
	wait := b.Patience(30 * time.Second)
	for {
		if err := b.WaitPort(ctx); err != nil {
			return err
		}
		last := quietOnce(b, wait)
		if last == nil {
			return nil
		}
		if over := wait.Over(); over != nil {
			return fmt.Errorf("board never went quiet: %v (%v)", last, over)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func quietOnce(b *simboard.Board, wait *simboard.Patience) error {
	tr, err := rawrepl.OpenSerial(b.Port(), ports.KindSimulated)
	if err != nil {
		return err
	}
	defer tr.Close()
	if _, err := tr.Write([]byte{0x02}); err != nil {
		return err
	}
	var got []byte
	buf := make([]byte, 512)
	for !bytes.HasSuffix(got, []byte(">>> ")) {
		if err := wait.Over(); err != nil {
			return fmt.Errorf("no prompt: %v: %q", err, tailOf(got))
		}
		n, err := tr.Read(buf, 20*time.Millisecond)
		if err != nil {
			return err
		}
		got = append(got, buf[:n]...)
	}
	return nil
}

func tailOf(b []byte) []byte {
	if len(b) > 300 {
		return b[len(b)-300:]
	}
	return b
}

// row is one line of a summary table.
type row struct {
	scenario   string
	points     int
	violations int
	begin, end time.Time // first case started, last case ended
	first      string
}

// tally collects the cases of one scenario, from parallel subtests.
type tally struct {
	mu    sync.Mutex
	rows  map[string]*row
	order []string
}

func newTally() *tally { return &tally{rows: map[string]*row{}} }

// add records a case that started at begin and ends now.
func (ta *tally) add(scenario, point string, begin time.Time, viol []string) {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	r := ta.rows[scenario]
	if r == nil {
		r = &row{scenario: scenario, begin: begin}
		ta.rows[scenario] = r
		ta.order = append(ta.order, scenario)
	}
	if begin.Before(r.begin) {
		r.begin = begin
	}
	r.end = time.Now()
	r.points++
	if len(viol) > 0 {
		r.violations++
		if r.first == "" {
			r.first = point + ": " + strings.Join(viol, "; ")
		}
	}
}

// log prints the table; call it from a Cleanup of the parent test so it
// comes after every parallel case.
func (ta *tally) log(t *testing.T) {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%-48s %7s %10s %8s\n", "scenario", "points", "violations", "time")
	for _, s := range ta.order {
		r := ta.rows[s]
		fmt.Fprintf(&sb, "%-48s %7d %10d %8s\n", r.scenario, r.points, r.violations, r.end.Sub(r.begin).Round(100*time.Millisecond))
	}
	for _, s := range ta.order {
		if r := ta.rows[s]; r.first != "" {
			fmt.Fprintf(&sb, "%s, first: %.400s\n", r.scenario, r.first)
		}
	}
	t.Log(sb.String())
}

// sampledUploads is how many of a matrix's ordinary points (upload steps,
// per-file progress lines) make test runs, spread evenly at an offset that
// rotates per run (OTAPUSH_SWEEP_OFFSET repeats one); the points around
// the arm and the reset always run, and make faults runs every point.
const sampledUploads = 3
