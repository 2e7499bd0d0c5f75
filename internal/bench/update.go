package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// bundleCorpus is one corpus folder (loadCorpus) as bundle files under
// corpus/, never importable as a module the agent or the firmware uses.
func bundleCorpus(name string) (map[string][]byte, error) {
	m, err := loadCorpus(name)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for n, b := range m {
		files["corpus/"+n] = b
	}
	return files, nil
}

// updateSection measures `otapush update` on the simulated board with the
// USB full-speed link model, on the fixed corpus, against issue #15's
// targets: wire bytes per payload byte, the no-op re-push, the first push
// to a fresh board (agent install included) and the agent's heap.
func updateSection(ctx context.Context, w io.Writer, peers peerCopies) error {
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
	// writes counts the trace's lines so far. It runs on every event of a
	// timed push, so it reads only what was appended since the last call:
	// rereading the whole trace each time charged the pushes the bench's
	// own work.
	var nLines int
	var readTo int64
	writes := func() int {
		f, err := os.Open(trace)
		if err != nil {
			return nLines
		}
		defer f.Close()
		b, _ := io.ReadAll(io.NewSectionReader(f, readTo, 1<<40))
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			nLines += bytes.Count(b[:i+1], []byte("\n"))
			readTo += int64(i + 1)
		}
		return nLines
	}
	var marks *phaseMarks
	push := func(name string, files map[string][]byte) (update.Result, time.Duration, error) {
		marks = &phaseMarks{at: map[update.Phase]time.Time{}, ops: map[update.Phase]int{}, lastAt: map[update.Phase]time.Time{},
			last: map[update.Phase]int{}, start: time.Now(), ops0: writes()}
		return benchPush(ctx, c, store, filepath.Join(tmp, name), files, update.Options{Confirm: "return"}, func(e update.Event) {
			n := writes()
			if _, ok := marks.at[e.Phase]; !ok {
				marks.at[e.Phase], marks.ops[e.Phase] = e.Time, n
			}
			marks.lastAt[e.Phase], marks.last[e.Phase] = e.Time, n
		})
	}
	var limits []string

	rows := [][]string{{"case", "payload", "whole job", "upload KB/s", "wire B / payload B", "round trips", "flash writes", "target", "met"}}
	var misses []string
	row := func(name string, r update.Result, xfer time.Duration, nw int, target string, ok bool, why string) {
		rate, wire := "-", "-"
		if r.FileBytes >= 1000 && xfer > 0 {
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
	// What the install shipped: the simulator loads .mpy v6, so the agent
	// module went as bytecode.
	var agentBytes int
	for _, f := range agent.Shipped(agent.MPYVersion) {
		agentBytes += len(f.Data)
	}
	firstWire := r.WireBytesOut

	big, err := bundleCorpus(corpusBig)
	if err != nil {
		return err
	}
	small, err := bundleCorpus(corpusSmall)
	if err != nil {
		return err
	}
	for _, cs := range []struct {
		name   string
		files  map[string][]byte
		corpus string
	}{{"(a) 4x50 KB Python", big, corpusBig}, {"(b) 50x4 KB Python", small, corpusSmall}} {
		w0 := writes()
		r, xfer, err := push(cs.name[1:2], cs.files)
		if err != nil {
			return fmt.Errorf("%s: %w", cs.name, err)
		}
		marks.end, marks.opsEnd = time.Now(), writes()
		row(cs.name, r, xfer, writes()-w0, "<= 0.45 wire B/B", ratio(r) <= 0.45, "")
		lines, err := phaseReport(trace, cs.name, cs.corpus, r, xfer, marks, peers)
		if err != nil {
			return err
		}
		limits = append(limits, lines...)
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
	fmt.Fprintln(w, "corpus: testdata/bench (real Python source). Flash: the Pico W timing model of the usb-fs link (see the calibration).")
	for _, l := range limits {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "first push: %.1f KB on the wire in all for %.1f KB of agent files as shipped (module as bytecode; the agent travels deflated).\n", float64(firstWire)/1000, float64(agentBytes)/1000)
	fmt.Fprintln(w)
	return heapBench(ctx, w)
}

// benchPush plans files from dir and runs one update; it returns the
// Result and the transfer time (first chunk out to last file verified).
func benchPush(ctx context.Context, c *rawrepl.Conn, store *cache.Cache, dir string, files map[string][]byte, o update.Options, on func(update.Event)) (update.Result, time.Duration, error) {
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
		if on != nil {
			on(e)
		}
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

// heapBench measures the agent's heap on a board with 64 KB of free heap
// and no more (picosim --heap-kb: the heap never grows; it collects only
// between execs, so a call's garbage counts too): the import of the agent
// module (bytecode); an update of a 50 KB file up to armed, as the most
// heap in use at the end of any agent call (status "hw"); then the whole
// update (reset, swap, trial, commit), which must complete.
func heapBench(ctx context.Context, w io.Writer) error {
	c, store, tmp, done, err := updateBenchOpts(ctx, "heap", simboard.Options{ExtraArgs: []string{"--heap-kb", strconv.Itoa(heapKB)}})
	if err != nil {
		return err
	}
	defer done()
	if err := agent.New(c, agent.Options{}).InstallAgent(ctx, 8192, ""); err != nil {
		return err
	}
	alloc := func(code string) (int64, error) {
		out, err := c.Exec(ctx, code+"\nimport gc\nprint(gc.mem_alloc())")
		if err != nil {
			return 0, err
		}
		var n int64
		_, err = fmt.Sscan(string(out), &n)
		return n, err
	}
	base, err := alloc("")
	if err != nil {
		return err
	}
	imp, err := alloc("import ota_agent")
	if err != nil {
		return err
	}
	// Collected between execs: what stays is the module.
	resident, err := alloc("")
	if err != nil {
		return err
	}
	kb := func(n int64) string { return fmt.Sprintf("%d KB", (n+1023)/1024) }
	rows := [][]string{{"agent RAM (board with " + kb(heapKB*1024) + " free heap)", "resident", "peak", "target", "met"}}
	rows = append(rows, []string{"import ota_agent (" + kb(int64(len(agent.Shipped(agent.MPYVersion)[0].Data))) + " of bytecode)",
		kb(resident - base), kb(imp - base), "-", "-"})
	big, err := loadCorpus(corpusBig)
	if err != nil {
		return err
	}
	var one []byte
	for _, b := range big {
		one = b[:50*1000]
		break
	}
	bundle := map[string][]byte{"main.py": []byte("print('up')\n"), "lib/big.py": one}
	r, _, err := benchPush(ctx, c, store, filepath.Join(tmp, "w"), bundle, update.Options{ResetMode: update.ResetNone}, nil)
	if err != nil {
		return fmt.Errorf("heap: %w", err)
	}
	b := agent.New(c, agent.Options{})
	s, err := b.Status(ctx)
	if err != nil {
		return err
	}
	rows = append(rows, []string{fmt.Sprintf("a 50 KB file: survey, upload, arm (%s)", r.Outcome),
		kb(resident - base), kb(s.HeapHigh - base), fmt.Sprintf("fits %d KB", heapKB), yesNo(r.Outcome == update.Armed)})
	if _, err := b.Abort(ctx); err != nil {
		return err
	}
	r, _, err = benchPush(ctx, c, store, filepath.Join(tmp, "w"), bundle, update.Options{Confirm: "return"}, nil)
	if err != nil {
		return fmt.Errorf("heap: whole update: %w", err)
	}
	rows = append(rows, []string{fmt.Sprintf("a 50 KB file: whole update (%s)", r.Outcome),
		"-", "-", fmt.Sprintf("completes in %d KB", heapKB), yesNo(r.Outcome == update.Committed)})
	// (b)'s bundle, the speed line's 50 x 4 KB: the whole update, then a
	// new version of every file over it up to armed (its peak: 50 files
	// live and 50 staged).
	small, err := bundleCorpus(corpusSmall)
	if err != nil {
		return err
	}
	r, _, err = benchPush(ctx, c, store, filepath.Join(tmp, "b"), small, update.Options{Confirm: "return"}, nil)
	if err != nil {
		return fmt.Errorf("heap: 50 x 4 KB: whole update: %w", err)
	}
	rows = append(rows, []string{fmt.Sprintf("50 x 4 KB: whole update (%s, %d execs)", r.Outcome, r.Execs),
		"-", "-", fmt.Sprintf("completes in %d KB", heapKB), yesNo(r.Outcome == update.Committed)})
	for p, d := range small {
		small[p] = append(d[:len(d):len(d)], "# v2\n"...)
	}
	r, _, err = benchPush(ctx, c, store, filepath.Join(tmp, "b"), small, update.Options{ResetMode: update.ResetNone}, nil)
	if err != nil {
		return fmt.Errorf("heap: 50 x 4 KB again: %w", err)
	}
	if s, err = b.Status(ctx); err != nil {
		return err
	}
	rows = append(rows, []string{fmt.Sprintf("50 x 4 KB, all changed, over it: survey, upload, arm (%s, %d execs)", r.Outcome, r.Execs),
		kb(resident - base), kb(s.HeapHigh - base), fmt.Sprintf("fits %d KB", heapKB), yesNo(r.Outcome == update.Armed)})
	table(w, rows)
	fmt.Fprintln(w, "peak: gc.mem_alloc() at the end of each agent call (status \"hw\"), resident agent included, above the idle")
	fmt.Fprintln(w, "board's (resident and peak count from the same base: what the 64 KB must hold). The simulated")
	fmt.Fprintln(w, "board's heap is bounded (it never grows) and collects only between execs, so a call's garbage counts too:")
	fmt.Fprintln(w, "a board that collects as it goes needs less (tools/picosim/README.md, Heap). Where a call would not fit,")
	fmt.Fprintln(w, "the agent answers part (survey: the first n paths; arm: more) and the host asks again, so a short heap")
	fmt.Fprintln(w, "costs execs (counted above), not the update; a board with heap enough answers each call at once.")
	return nil
}

func ratio(r update.Result) float64 {
	if r.FileBytes == 0 {
		return 0
	}
	return float64(r.WireBytesOut) / float64(r.FileBytes)
}
