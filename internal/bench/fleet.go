package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cli"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simreg"
)

// fleetSection measures `otapush update` from (fake) GitHub to 1 and to 4
// simulated boards on the USB full-speed link: the plan is built once, so
// API calls should not grow with the boards, and the boards run in
// parallel, so wall time should grow far less than 4x.
func fleetSection(ctx context.Context, w io.Writer) (err error) {
	tb := &benchTB{}
	defer tb.cleanup()
	defer func() {
		// githubtest reports setup failures through t.Fatal.
		if v := recover(); v != nil {
			if f, ok := v.(benchFatal); ok {
				err = errors.New(string(f))
				return
			}
			panic(v)
		}
	}()
	tmp, err := os.MkdirTemp("", "otapush-bench-fleet-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	repo := githubtest.NewRepo(tb)
	repo.Write(benchApp(10, 12*1024))
	repo.Commit("v2")
	srv := githubtest.NewServer(tb, repo, "acme", "app")

	// Five boards: one for the single run, four for the fleet, all
	// starting from the same version with the agent installed, so both
	// runs do the same work per board.
	reg := filepath.Join(tmp, "reg")
	boards := make([]*simboard.Board, 5)
	var wg sync.WaitGroup
	errs := make([]error, len(boards))
	for i := range boards {
		wg.Go(func() {
			boards[i], errs[i] = simboard.Start(ctx, simboard.Options{Link: "usb-fs", RegistryDir: reg, FlashDir: filepath.Join(tmp, fmt.Sprint("flash", i))})
		})
	}
	wg.Wait()
	for _, b := range boards {
		if b != nil {
			defer b.Close()
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// The CLI finds a board again after its reset through the registry.
	old, had := os.LookupEnv(simreg.EnvDir)
	os.Setenv(simreg.EnvDir, reg)
	defer func() {
		if had {
			os.Setenv(simreg.EnvDir, old)
		} else {
			os.Unsetenv(simreg.EnvDir)
		}
	}()
	portsOf := func(bs []*simboard.Board) string {
		var ps []string
		for _, b := range bs {
			ps = append(ps, b.Port())
		}
		return strings.Join(ps, ",")
	}
	v1 := filepath.Join(tmp, "v1")
	if err := os.MkdirAll(v1, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(v1, "main.py"), []byte("print('v1')\n"), 0o644); err != nil {
		return err
	}
	if _, err := runJSON(ctx, "update", "--port", portsOf(boards), "--source", v1, "--cache-dir", filepath.Join(tmp, "warm")); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}

	rows := [][]string{{"boards", "wall time", "API calls", "blob downloads", "file bytes / board", "all committed"}}
	type result struct {
		wall  time.Duration
		calls int
	}
	var res []result
	for i, bs := range [][]*simboard.Board{boards[:1], boards[1:]} {
		srv.ResetLog()
		start := time.Now()
		rep, err := runJSON(ctx, "update", "--port", portsOf(bs), "--repo", "acme/app", "--branch", "main",
			"--api-url", srv.URL, "--cache-dir", filepath.Join(tmp, fmt.Sprint("cache", i)))
		wall := time.Since(start)
		if err != nil {
			return fmt.Errorf("%d boards: %w", len(bs), err)
		}
		calls := 0
		for _, r := range srv.Requests() {
			if r.Host == "api" {
				calls++
			}
		}
		ok := rep.Summary.Committed == len(bs)
		res = append(res, result{wall, calls})
		rows = append(rows, []string{fmt.Sprint(len(bs)), wall.Round(time.Millisecond).String(), fmt.Sprint(calls),
			fmt.Sprint(srv.Count("/git/blobs/")), humanKB(rep.Boards[0].FileBytes), yesNo(ok)})
	}
	table(w, rows)
	api := float64(res[1].calls) / float64(res[0].calls)
	tr := res[1].wall.Seconds() / res[0].wall.Seconds()
	fmt.Fprintf(w, "4 boards vs 1: API calls x%.2f (target ~1), wall time x%.2f (target well under 4; %d cores here)\n", api, tr, cpus())
	fmt.Fprintln(w, "wall time: the whole `otapush update` from (fake) GitHub, plan built once, boards on the usb-fs link model.")
	return nil
}

// runJSON runs otapush in-process with --json and decodes its report
// (one schema for one board or many).
func runJSON(ctx context.Context, args ...string) (fleet.Report, error) {
	var out, errOut strings.Builder
	ios := &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code := cli.Main(ctx, append(args, "--json"), ios)
	var rep fleet.Report
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		return fleet.Report{}, fmt.Errorf("exit %d, no report: %v\n%s%s", code, err, out.String(), errOut.String())
	}
	if code != 0 {
		return rep, fmt.Errorf("exit %d: %s %s", code, rep.Error, errOut.String())
	}
	return rep, nil
}

// benchApp is n Python modules of size bytes that compress like code with
// long literals (hex), plus main.py.
func benchApp(n, size int) map[string]string {
	rng := rand.New(rand.NewPCG(7, 11))
	files := map[string]string{"main.py": "print('v2')\n"}
	for i := range n {
		var b strings.Builder
		for b.Len() < size {
			fmt.Fprintf(&b, "K%d = '%016x%016x'\n", b.Len(), rng.Uint64(), rng.Uint64())
		}
		files[fmt.Sprintf("lib/mod%02d.py", i)] = b.String()
	}
	return files
}

func cpus() int { return runtime.NumCPU() }

func humanKB(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "NO"
}

// benchTB lets the bench use the test helpers' fake GitHub outside go
// test: the few testing.TB methods they call, the rest panics (nil).
type benchTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
	dirs     []string
}

type benchFatal string

func (b *benchTB) Helper() {}
func (b *benchTB) Cleanup(f func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cleanups = append(b.cleanups, f)
}
func (b *benchTB) TempDir() string {
	d, err := os.MkdirTemp("", "otapush-bench-")
	if err != nil {
		panic(benchFatal(err.Error()))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.dirs = append(b.dirs, d)
	return d
}
func (b *benchTB) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
func (b *benchTB) Fatal(args ...any) { panic(benchFatal(fmt.Sprint(args...))) }
func (b *benchTB) Fatalf(format string, args ...any) {
	panic(benchFatal(fmt.Sprintf(format, args...)))
}
func (b *benchTB) Skip(args ...any) { panic(benchFatal(fmt.Sprint(args...))) }
func (b *benchTB) Logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func (b *benchTB) cleanup() {
	for i := len(b.cleanups) - 1; i >= 0; i-- {
		b.cleanups[i]()
	}
	for _, d := range b.dirs {
		os.RemoveAll(d)
	}
}
