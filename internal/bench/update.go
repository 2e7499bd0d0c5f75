package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// corpusDir holds the fixed bench corpus: real Python source, 4 x 50 KB
// (big4) and 50 x 4 KB (small50), see its README.
const corpusDir = "testdata/bench"

// loadCorpus reads one corpus folder as bundle files under corpus/ (never
// importable as a module the agent or the firmware uses).
func loadCorpus(dir string) (map[string][]byte, error) {
	m, err := filepath.Glob(filepath.Join(corpusDir, dir, "*.py"))
	if err != nil || len(m) == 0 {
		return nil, fmt.Errorf("bench corpus %s/%s: none found (run make bench from the repository root): %v", corpusDir, dir, err)
	}
	files := map[string][]byte{}
	for _, f := range m {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		files["corpus/"+filepath.Base(f)] = b
	}
	return files, nil
}

// updateSection measures `otapush update` on the simulated board with the
// USB full-speed link model, on the fixed corpus, against issue #15's
// targets: wire bytes per payload byte, the no-op re-push, the first push
// to a fresh board (agent install included) and the agent's heap.
func updateSection(ctx context.Context, w io.Writer) error {
	traceDir, err := os.MkdirTemp("", "otapush-bench-trace-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(traceDir)
	trace := filepath.Join(traceDir, "fs.jsonl")
	c, store, tmp, done, err := updateBenchOpts(ctx, "update", simboard.Options{Link: "usb-fs", TraceFS: trace})
	if err != nil {
		return err
	}
	defer done()
	writes := func() int {
		b, _ := os.ReadFile(trace)
		return strings.Count(string(b), "\n")
	}
	push := func(name string, files map[string][]byte) (update.Result, time.Duration, error) {
		return benchPush(ctx, c, store, filepath.Join(tmp, name), files, update.Options{Confirm: "return"})
	}

	rows := [][]string{{"case", "payload", "whole job", "upload KB/s", "wire B / payload B", "round trips", "flash writes", "target", "met"}}
	var misses []string
	row := func(name string, r update.Result, xfer time.Duration, nw int, target string, ok bool, why string) {
		rate, wire := "-", "-"
		if r.FileBytes > 0 && xfer > 0 {
			rate = fmt.Sprintf("%.1f", float64(r.FileBytes)/1000/xfer.Seconds())
			wire = fmt.Sprintf("%.3f", ratio(r))
		}
		met := "yes"
		if !ok {
			met = "NO"
			if why != "" {
				misses = append(misses, name+" missed: "+why+".")
			}
		}
		rows = append(rows, []string{name, fmt.Sprintf("%d KB", r.FileBytes/1000), fmt.Sprintf("%.2f s", r.Duration.Seconds()),
			rate, wire, fmt.Sprint(r.RoundTrips), fmt.Sprint(nw), target, met})
	}

	// A fresh board: the agent travels compressed with the first push.
	w0 := writes()
	r, xfer, err := push("first", map[string][]byte{"main.py": []byte("print('hi')\n")})
	if err != nil {
		return fmt.Errorf("first push: %w", err)
	}
	if !r.AgentInstall {
		return fmt.Errorf("first push: the agent was not installed (%+v)", r)
	}
	row("first push, fresh board (agent + 1 file)", r, xfer, writes()-w0, "<= 2.5 s", r.Duration <= 2500*time.Millisecond, "")

	big, err := loadCorpus("big4")
	if err != nil {
		return err
	}
	small, err := loadCorpus("small50")
	if err != nil {
		return err
	}
	for _, cs := range []struct {
		name  string
		files map[string][]byte
	}{{"(a) 4x50 KB Python", big}, {"(b) 50x4 KB Python", small}} {
		w0 := writes()
		r, xfer, err := push(cs.name[1:2], cs.files)
		if err != nil {
			return fmt.Errorf("%s: %w", cs.name, err)
		}
		row(cs.name, r, xfer, writes()-w0, "<= 0.45 wire B/B", ratio(r) <= 0.45, "")
	}
	// The no-op: the session's first exchange (taking the raw REPL from
	// the running app) is not the re-push's.
	if _, err := c.Exec(ctx, "pass"); err != nil {
		return err
	}
	w0 = writes()
	r, xfer, err = push("b", small)
	if err != nil {
		return fmt.Errorf("no-op: %w", err)
	}
	nw := writes() - w0
	row("(c) no-op re-push of (b)", r, xfer, nw, "<= 2 round trips, 0 writes", r.RoundTrips <= 2 && nw == 0 && r.Outcome == update.UpToDate, "")
	table(w, rows)
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintln(w, "whole job: survey, upload, arm, reset, swap, the app's trial to committed (policy return); upload KB/s:")
	fmt.Fprintln(w, "file bytes / first chunk to last file verified. Wire bytes and round trips cover the whole run;")
	fmt.Fprintf(w, "corpus: %s (real Python source). Flash: the simulator's (not yet calibrated to a Pico's).\n", corpusDir)
	fmt.Fprintln(w)
	return heapBench(ctx, w, small)
}

// benchPush plans files from dir and runs one update; it returns the
// Result and the transfer time (first chunk out to last file verified).
func benchPush(ctx context.Context, c *rawrepl.Conn, store *cache.Cache, dir string, files map[string][]byte, o update.Options) (update.Result, time.Duration, error) {
	for pth, data := range files {
		fp := filepath.Join(dir, filepath.FromSlash(pth))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			return update.Result{}, 0, err
		}
		if err := os.WriteFile(fp, data, 0o644); err != nil {
			return update.Result{}, 0, err
		}
	}
	pl, err := local.PlanDir(ctx, store, dir, manifest.Rules{})
	if err != nil {
		return update.Result{}, 0, err
	}
	var first, last time.Time
	r, err := update.Run(ctx, pl, store, c, o, func(e update.Event) {
		if e.Phase == update.PhaseUpload && first.IsZero() {
			first = e.Time
		}
		if e.Phase == update.PhaseVerified {
			last = e.Time
		}
	})
	return r, last.Sub(first), err
}

// heapKB is the board heap issue #15 asks the update to fit in.
const heapKB = 64

// heapBench pushes files to a board started with a 64 KB heap (agent
// install, upload, arm; no reset) and prints how far its heap grew. The
// simulator's MicroPython (the wasm port) never collects garbage inside an
// exec: it grows the heap instead and collects between execs. So the
// growth is an upper bound of what a board needs (garbage included); the
// heap in use after a collection is the agent's resident share.
func heapBench(ctx context.Context, w io.Writer, files map[string][]byte) error {
	c, store, tmp, done, err := updateBenchOpts(ctx, "heap", simboard.Options{ExtraArgs: []string{"--heap-kb", strconv.Itoa(heapKB)}})
	if err != nil {
		return err
	}
	defer done()
	heap := func() (total, used int64, err error) {
		// The wasm port adds the most it could still grow by to mem_free.
		out, err := c.Exec(ctx, "import gc\nprint(gc.mem_alloc()+gc.mem_free(), gc.mem_alloc())")
		if err != nil {
			return 0, 0, err
		}
		_, err = fmt.Sscan(string(out), &total, &used)
		return total, used, err
	}
	t0, _, err := heap()
	if err != nil {
		return err
	}
	r, _, err := benchPush(ctx, c, store, filepath.Join(tmp, "b"), files, update.Options{ResetMode: update.ResetNone})
	if err != nil {
		return fmt.Errorf("heap: %w", err)
	}
	t1, _, err := heap()
	if err != nil {
		return err
	}
	// Collected between the two execs: what stays is resident.
	_, used, err := heap()
	if err != nil {
		return err
	}
	grew := t1 - t0
	peak := heapKB*1024 + grew
	rows := [][]string{{"case", "heap", "heap high-water", "resident after", "target", "met"}}
	rows = append(rows, []string{fmt.Sprintf("(b) staged and armed, agent installed (%s)", r.Outcome), fmt.Sprintf("%d KB", heapKB),
		fmt.Sprintf("<= %d KB", (peak+1023)/1024), fmt.Sprintf("%d KB", (used+1023)/1024), fmt.Sprintf("fits %d KB", heapKB), yesNo(grew <= 0)})
	table(w, rows)
	fmt.Fprintln(w, "heap high-water: the simulator's heap after the run; its MicroPython (wasm port) never collects inside an")
	fmt.Fprintln(w, "exec and grows the heap instead (by doubling), so this bounds the need from above, garbage included.")
	return nil
}

func ratio(r update.Result) float64 {
	if r.FileBytes == 0 {
		return 0
	}
	return float64(r.WireBytesOut) / float64(r.FileBytes)
}
