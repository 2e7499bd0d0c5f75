package faults_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cli"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// envCLI makes the test binary run `otapush ARGS` (JSON list) instead of
// the tests: the host process the kill test SIGKILLs is the real CLI, in
// its own process, with its own port file descriptors.
const envCLI = "OTAPUSH_FAULTS_CLI"

func TestMain(m *testing.M) {
	if a := os.Getenv(envCLI); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(cli.Main(context.Background(), args, cli.System()))
	}
	os.Exit(m.Run())
}

// otapush runs the CLI in a child process; killAt > 0 SIGKILLs it right
// after its killAt-th progress line on stderr. It returns the exit code
// (-1 when killed) and the progress lines seen.
func otapush(ctx context.Context, t *testing.T, killAt int, args ...string) (int, []string, error) {
	return otapushUntil(ctx, t, func(line string, progress []string) bool {
		return killAt > 0 && !isTrace(line) && len(progress) == killAt
	}, args...)
}

// traceRe is a line of the wire trace --debug writes to stderr.
var traceRe = regexp.MustCompile(`^\[\s*[0-9.]+ms\] `)

func isTrace(line string) bool { return traceRe.MatchString(line) }

// progressHead is the time and board a progress line starts with: left
// out of subtest names, which must not change from run to run.
var progressHead = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3} \S+(: | \| )`)

// otapushUntil runs the CLI in a child process and SIGKILLs it as soon as
// kill says so of a stderr line (progress holds the progress lines so
// far, that one included). It returns the exit code (-1 when killed) and
// the progress lines seen: wire trace lines (--debug) are left out.
func otapushUntil(ctx context.Context, t *testing.T, kill func(line string, progress []string) bool, args ...string) (int, []string, error) {
	a, _ := json.Marshal(args)
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Dir = t.TempDir() // no stray ota_config.json
	cmd.Env = append(os.Environ(), envCLI+"="+string(a), "GITHUB_TOKEN=", "GH_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, nil, err
	}
	if err := cmd.Start(); err != nil {
		return 0, nil, err
	}
	var lines []string
	sc := bufio.NewScanner(stderr)
	sc.Buffer(nil, 1<<20) // trace lines carry whole execs
	for sc.Scan() {
		l := sc.Text()
		if !isTrace(l) {
			lines = append(lines, l)
		}
		if kill(l, lines) {
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	for sc.Scan() { // let the pipe drain so Wait returns
	}
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return -1, lines, nil
		}
		return ee.ExitCode(), lines, nil
	}
	return 0, lines, err
}

// TestHostKilledMidRun SIGKILLs the otapush process after each of its
// progress lines (connected, each file verified, arming, reset): no
// cleanup runs, the port is closed by the kernel mid-exchange, the board
// may be in the middle of an exec or a raw-paste. Then either the board
// is power-cycled (it must boot a whole version; --abort must leave it
// clean) or not; either way the next `otapush update --resume` ends on
// the new version with an empty journal.
func TestHostKilledMidRun(t *testing.T) {
	t.Parallel()
	base := baseFlash(t)
	src := writeDir(t, v2)
	args := func(b *simboard.Board, extra ...string) []string {
		return append([]string{"update", "--port", b.Port(), "--cache-dir", t.TempDir(), "--source", src, "--confirm", "return"}, extra...)
	}

	ctx, cancel := simtest.ContextT(t)
	b := boardOn(t, base, simboard.Options{})
	code, lines, err := otapush(ctx, t, 0, args(b)...)
	b.Close()
	cancel()
	if err != nil || code != 0 || len(lines) < 4 {
		t.Fatalf("clean run: exit %d, %v, progress %q", code, err, lines)
	}
	t.Logf("clean run's progress lines: %q", lines)

	// Before its first progress line the CLI opens the port, interrupts
	// whatever runs, enters the raw REPL and surveys the board; its wire trace
	// (--debug, on the same stderr as the progress, so in order) tells
	// when each happened. The kill comes on the trace line, before the
	// first progress line could be read.
	early := []struct {
		name string
		at   *regexp.Regexp
	}{
		{"port opened", regexp.MustCompile(`\] -- opened `)},
		{"board answered the interrupt", regexp.MustCompile(`\] < `)},
		{"in raw REPL", regexp.MustCompile(`\] -- in raw REPL`)},
		{"survey sent", regexp.MustCompile(`\] > .*ota_agent\.survey\(`)},
		{"survey answered", regexp.MustCompile(`\] < .*\\"agent\\":`)},
	}
	earlyKill := func(at *regexp.Regexp) func(string, []string) bool {
		return func(line string, progress []string) bool { return len(progress) == 0 && at.MatchString(line) }
	}
	{
		// The clean run, traced: every trigger shows before the first
		// progress line, or the early cases would test nothing.
		ctx, cancel := simtest.ContextT(t)
		b := boardOn(t, base, simboard.Options{})
		seen := map[string]bool{}
		code, lines, err := otapushUntil(ctx, t, func(line string, progress []string) bool {
			for _, e := range early {
				if earlyKill(e.at)(line, progress) {
					seen[e.name] = true
				}
			}
			return false
		}, append([]string{"--debug"}, args(b)...)...)
		b.Close()
		cancel()
		if err != nil || code != 0 || len(lines) < 4 {
			t.Fatalf("clean traced run: exit %d, %v, progress %q", code, err, lines)
		}
		for _, e := range early {
			if !seen[e.name] {
				t.Fatalf("the traced clean run never shows %q before its first progress line", e.name)
			}
		}
	}

	ta := newTally()
	t.Cleanup(func() { ta.log(t) })
	versions := map[string]app{"v1": v1, "v2": v2}
	// No comma in these names: they end up in the board's port path, and
	// --port takes a comma-separated list of boards.
	off := simtest.SampleOffset(t)
	for _, cycle := range []bool{false, true} {
		scenario := "host killed; board runs on"
		if cycle {
			scenario = "host killed; board power-cycled"
		}
		// make test samples the per-file lines; the last two (arm, reset)
		// always run. make faults kills after every line.
		for _, i := range simtest.Sample(len(lines), sampledUploads, off, func(i int) bool { return i >= len(lines)-2 }) {
			k := i + 1
			name := fmt.Sprintf("%s/after line %d %.30s", scenario, k, progressHead.ReplaceAllString(lines[k-1], ""))
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				begin := time.Now()
				run := func(ctx context.Context, b *simboard.Board) []string {
					code, lines, err := otapush(ctx, t, k, args(b)...)
					if err != nil || (code != -1 && code != 0) {
						return []string{fmt.Sprintf("killed run: exit %d %v %q", code, err, lines)}
					}
					return nil
				}
				viol := killCase(t, base, run, cycle, args, versions)
				ta.add(scenario, name, begin, viol)
				for _, v := range viol {
					t.Error(v)
				}
			})
		}
		before := strings.Replace(scenario, "host killed", "host killed before any progress", 1)
		for _, e := range early {
			name := fmt.Sprintf("%s/%s", before, e.name)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				begin := time.Now()
				run := func(ctx context.Context, b *simboard.Board) []string {
					code, lines, err := otapushUntil(ctx, t, earlyKill(e.at), append([]string{"--debug"}, args(b)...)...)
					switch {
					case err != nil:
						return []string{fmt.Sprintf("killed run: %v", err)}
					case code != -1:
						return []string{fmt.Sprintf("never killed at %s: exit %d, progress %q", e.name, code, lines)}
					case len(lines) > 0:
						return []string{fmt.Sprintf("killed at %s after progress %q", e.name, lines)}
					}
					return nil
				}
				viol := killCase(t, base, run, cycle, args, versions)
				ta.add(before, name, begin, viol)
				for _, v := range viol {
					t.Error(v)
				}
			})
		}
	}
}

// killCase runs the CLI to be killed (run says what went wrong), then
// checks the board and the next runs.
func killCase(t *testing.T, base string, run func(context.Context, *simboard.Board) []string, cycle bool, args func(*simboard.Board, ...string) []string, versions map[string]app) (viol []string) {
	bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := boardOn(t, base, simboard.Options{})
	defer b.Close()
	if viol = run(ctx, b); len(viol) > 0 {
		return
	}
	if cycle {
		if err := b.Restart(ctx); err != nil {
			bad("power on: %v", err)
			return
		}
		if err := quiet(ctx, b); err != nil {
			bad("after the power cycle: %v", err)
			return
		}
		before, err := whole(t, b.FlashDir(), versions)
		if err != nil {
			bad("after the power cycle: %v", err)
			return
		}
		if code, lines, err := otapush(ctx, t, 0, args(b, "--abort")...); err != nil || code != 0 {
			bad("--abort: exit %d %v %q", code, err, lines)
			return
		}
		if left := leftovers(t, b.FlashDir()); len(left) > 0 {
			bad("--abort left %v", left)
		}
		if now, err := whole(t, b.FlashDir(), versions); err != nil || now != before {
			bad("--abort changed the live version: %s -> %s (%v)", before, now, err)
		}
	}
	if code, lines, err := otapush(ctx, t, 0, args(b, "--resume")...); err != nil || code != 0 {
		bad("next update: exit %d %v %q", code, err, lines)
		return
	}
	return append(viol, onV2(ctx, t, b, versions)...)
}
