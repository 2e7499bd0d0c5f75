package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/simboard"
)

// The fixed benchmark corpus (testdata/bench, see its README): 4 x 50 KiB
// and 50 x 4 KiB of real Python source (CPython stdlib slices). The update
// section pushes the same files.
const (
	corpusBig   = "big4"
	corpusSmall = "small50"
)

// published are the copy rates mpytool's README_BENCH (January 2026)
// measured on an RP2040 over USB-CDC, KB/s: the calibration's targets.
var published = map[string]map[string]float64{
	"mpytool":  {corpusBig: 58.8, corpusSmall: 20.8},
	"mpremote": {corpusBig: 13.3, corpusSmall: 8.6},
}

// calibTolerance is how far (as a factor either way) a reproduction may
// land from its published figure for the simulated board to count as
// calibrated.
const calibTolerance = 1.5

// calibSection copies the corpus with mpytool's and mpremote's transfers
// (peers.go) to fresh simulated Pico Ws on the usb-fs link, which brings
// the Pico's flash timing, and compares the rates with the published ones.
func calibSection(ctx context.Context, w io.Writer, peers peerCopies) error {
	rows := [][]string{{"job", "time s", "measured KB/s", "published KB/s", "ratio", "flash busy s", "dir entries", "within 1.5x"}}
	var off []string
	for _, tool := range []string{"mpytool", "mpremote"} {
		for _, corpus := range []string{corpusBig, corpusSmall} {
			files, err := loadCorpus(corpus)
			if err != nil {
				return err
			}
			r, err := calibJob(ctx, tool, files)
			if err != nil {
				return fmt.Errorf("%s %s: %w", tool, corpus, err)
			}
			if peers[tool] == nil {
				peers[tool] = map[string]calibResult{}
			}
			peers[tool][corpus] = r
			kbps := float64(r.bytes) / 1024 / r.wall.Seconds()
			pub := published[tool][corpus]
			ratio := kbps / pub
			ok := "yes"
			if ratio > calibTolerance || ratio < 1/calibTolerance {
				ok = "NO"
				off = append(off, fmt.Sprintf("%s %s", tool, corpus))
			}
			rows = append(rows, []string{
				fmt.Sprintf("%s %s", tool, corpusLabel(corpus)), fmt.Sprintf("%.1f", r.wall.Seconds()),
				fmt.Sprintf("%.1f", kbps), fmt.Sprintf("%.1f", pub), fmt.Sprintf("%.2f", ratio),
				fmt.Sprintf("%.1f", r.flashMS/1000), fmt.Sprint(r.entries), ok,
			})
		}
	}
	table(w, rows)
	fmt.Fprintln(w, "copy only, from opening the port; fresh board per job (usb-fs link, pico flash timing);")
	fmt.Fprintln(w, "published: mpytool README_BENCH, RP2040 USB-CDC, Jan 2026; flash busy: the modelled flash time;")
	fmt.Fprintln(w, "dir entries: what its metadata commits passed, each charged by the size of its folder")
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		// Wall-clock rates: a loaded machine slows every row down.
		fmt.Fprintf(w, "load average during the run: %s (on %d CPUs)\n", strings.Join(strings.Fields(string(la))[:3], " "), runtime.NumCPU())
	}
	if len(off) > 0 {
		// Not an error: the rates are wall-clock, and a loaded machine
		// slows every row down (the load average above says how much).
		fmt.Fprintf(w, "outside %.1fx of the published rate: %s (slower rows on a busy machine: rerun when it is quiet)\n",
			calibTolerance, strings.Join(off, ", "))
	}
	return nil
}

func corpusLabel(c string) string {
	if c == corpusBig {
		return "4 x 50 KB"
	}
	return "50 x 4 KB"
}

// repoRoot is the module root above the working directory (go run and go
// test both start inside the module).
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("bench: run it inside the otapush module (no go.mod above " + wd + ")")
		}
	}
}

// loadCorpus reads testdata/bench/<name>: file name -> contents.
func loadCorpus(name string) (map[string][]byte, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "testdata", "bench", name)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("bench: corpus: %w", err)
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = data
	}
	return files, nil
}

type calibResult struct {
	wall    time.Duration
	bytes   int
	flashMS float64 // modelled flash time the board spent
	entries int     // directory entries its commits passed (see tools/picosim, Calibration)
}

// calibJob runs one copy on a fresh board and checks that every file
// landed intact.
func calibJob(ctx context.Context, tool string, files map[string][]byte) (calibResult, error) {
	tmp, err := os.MkdirTemp("", "otapush-bench-calib-")
	if err != nil {
		return calibResult{}, err
	}
	defer os.RemoveAll(tmp)
	trace := filepath.Join(tmp, "trace.jsonl")
	b, err := simboard.Start(ctx, simboard.Options{Link: "usb-fs", FlashDir: filepath.Join(tmp, "flash"),
		RegistryDir: filepath.Join(tmp, "reg"), TraceFS: trace})
	if err != nil {
		return calibResult{}, err
	}
	defer b.Close()
	list := sortedFiles(files)
	t0 := time.Now()
	p, err := openPeerPort(b.Port())
	if err != nil {
		return calibResult{}, err
	}
	switch tool {
	case "mpytool":
		err = mpytoolCopy(p, list)
	case "mpremote":
		err = mpremoteCopy(p, list)
	}
	wall := time.Since(t0)
	p.Close()
	if err != nil {
		return calibResult{}, err
	}
	r := calibResult{wall: wall}
	for _, f := range list {
		got, err := os.ReadFile(filepath.Join(b.FlashDir(), f.name))
		if err != nil || string(got) != string(f.data) {
			return calibResult{}, fmt.Errorf("%s did not land intact on the board (%v)", f.name, err)
		}
		r.bytes += len(f.data)
	}
	b.Close() // the trace is complete once the board is off
	fc, err := traceCost(trace, 0, math.MaxInt)
	if err != nil {
		return calibResult{}, err
	}
	r.flashMS, r.entries = math.Round(fc.ms), fc.scan
	return r, nil
}
