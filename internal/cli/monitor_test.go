package cli

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

func TestBoardText(t *testing.T) {
	tests := []struct {
		name   string
		pieces []string
		want   []string // what each piece gives, then the flush
	}{
		{"lines", []string{"a\r\nb\r\n"}, []string{"a\nb\n", ""}},
		{"\\r\\n split", []string{"a\r", "\nb"}, []string{"a", "\nb", ""}},
		{"é split", []string{"caf\xc3", "\xa9!"}, []string{"caf", "é!", ""}},
		{"€ split twice", []string{"\xe2", "\x82", "\xac"}, []string{"", "", "€", ""}},
		{"held tail flushed at the end", []string{"x\xe2\x82"}, []string{"x", "\xe2\x82"}},
		{"invalid byte passes", []string{"\xff\r\n"}, []string{"\xff\n", ""}},
		{"lone \\r stays", []string{"50%\r60%\r\n"}, []string{"50%\r60%\n", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bt boardText
			var got []string
			for _, p := range tt.pieces {
				got = append(got, bt.next([]byte(p)))
			}
			got = append(got, bt.flush())
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// resetOnce prints "before" lines at power-on, resets itself with
// machine.reset() (the port goes away and comes back), then prints
// "after" lines for ever. Lines printed while the port is away are lost.
const resetOnce = `import os, time, machine
try:
    os.stat('done')
    i = 0
    while True:
        print('after', i)
        i += 1
        time.sleep_ms(100)
except OSError:
    pass
for i in range(20):
    print('before', i)
    time.sleep_ms(100)
open('done', 'w').close()
machine.reset()
`

// runUntil runs otapush in the background until its stdout matches want,
// then cancels it (Ctrl-C) and returns its exit code and output.
func runUntil(t *testing.T, want *regexp.Regexp, args ...string) (int, string, string) {
	t.Helper()
	return runUntilWith(t, &syncBuffer{}, want, args...)
}

// runUntilWith is runUntil writing stderr to errOut as it runs.
func runUntilWith(t *testing.T, errOut *syncBuffer, want *regexp.Regexp, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	defer stop()
	out := &syncBuffer{}
	ios := &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut}
	done := make(chan int, 1)
	go func() { done <- Main(run, args, ios) }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !want.MatchString(out.String()) {
		select {
		case code := <-done:
			t.Fatalf("%v ended (exit %d) before %s\nstdout:\n%s\nstderr:\n%s", args, code, want, out, errOut)
		case <-ctx.Done():
			t.Fatalf("%v: no %s before the test's deadline\nstdout:\n%s\nstderr:\n%s", args, want, out, errOut)
		case <-tick.C:
		}
	}
	stop()
	select {
	case code := <-done:
		return code, out.String(), errOut.String()
	case <-ctx.Done():
		t.Fatalf("%v did not end when cancelled\nstderr:\n%s", args, errOut)
	}
	return 0, "", ""
}

// TestMonitorAcrossReset: monitor shows what the app printed before and
// after its own machine.reset(), says on stderr that it waited and where
// it reattached, and ends with exit 0 when cancelled.
func TestMonitorAcrossReset(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"text", nil},
		{"json", []string{"--json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := t.TempDir()
			t.Setenv("OTAPUSH_SIM_DIR", reg)
			b := simtest.StartT(t, simboard.Options{RegistryDir: reg, Link: "usb-fs",
				Files: map[string][]byte{"main.py": []byte(resetOnce)}})
			args := append([]string{"monitor", "--port", b.Port()}, tt.args...)
			code, out, errOut := runUntil(t, regexp.MustCompile(`after \d+(\n|\\n)`), args...)
			if code != ExitOK {
				t.Fatalf("exit %d\nstderr:\n%s", code, errOut)
			}
			text := out
			if tt.args != nil {
				var kinds []string
				text = ""
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					var ev monitorEvent
					if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Version != 1 {
						t.Fatalf("line %q: %v", line, err)
					}
					if n := len(kinds); ev.Event != "output" || n == 0 || kinds[n-1] != "output" {
						kinds = append(kinds, ev.Event)
					}
					if ev.Event == "back" && (ev.Port != b.Port() || ev.Serial != b.Serial()) {
						t.Errorf("back on %q (%q), want %s", ev.Port, ev.Serial, b.Port())
					}
					text += ev.Text
				}
				if got := strings.Join(kinds, " "); got != "output gone back output" {
					t.Errorf("events %q, want output gone back output", got)
				}
			}
			for _, want := range []string{"before 0\n", "before 19\n", "after "} {
				if !strings.Contains(text, want) {
					t.Errorf("no %q in the output:\n%s", want, text)
				}
			}
			if strings.Contains(text, "\r") {
				t.Errorf("\\r\\n not turned into \\n: %q", text)
			}
			for _, want := range []string{"monitoring " + b.Port(), "board reset; waiting for it", "reattached on " + b.Port()} {
				if !strings.Contains(errOut, want) {
					t.Errorf("no %q on stderr:\n%s", want, errOut)
				}
			}
			if b.Resets() != 1 {
				t.Errorf("board resets = %d: monitor must never reset the board", b.Resets())
			}
		})
	}
}

// TestMonitorIsTerminalSafe: escape sequences the board prints are shown,
// not obeyed; --raw passes them through.
func TestMonitorIsTerminalSafe(t *testing.T) {
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg, Files: map[string][]byte{
		"main.py": []byte("import time\nwhile True:\n    print('\\x1b[2Jcleared')\n    time.sleep_ms(100)\n"),
	}})
	code, out, errOut := runUntil(t, regexp.MustCompile(`cleared\n`), "monitor", "--port", b.Port())
	if code != ExitOK || strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[2Jcleared`) {
		t.Fatalf("exit %d, stdout %q\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = runUntil(t, regexp.MustCompile(`cleared\r\n`), "monitor", "--raw", "--port", b.Port())
	if code != ExitOK || !strings.Contains(out, "\x1b[2Jcleared\r\n") {
		t.Fatalf("--raw: exit %d, stdout %q\nstderr:\n%s", code, out, errOut)
	}
	if b.Resets() != 0 {
		t.Errorf("board resets = %d", b.Resets())
	}
}

// TestMonitorWaitsForAnAbsentBoard: started while the board's port is
// away (here: powered off), monitor waits for it instead of failing; with
// --wait 0 it fails at once (exit 5).
func TestMonitorWaitsForAnAbsentBoard(t *testing.T) {
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg, Files: map[string][]byte{
		"main.py": []byte("import time\ni = 0\nwhile True:\n    print('up', i)\n    i += 1\n    time.sleep_ms(100)\n"),
	}})
	b.Kill()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.Wait(ctx); !errors.Is(err, simboard.ErrKilled) {
		t.Fatalf("kill: %v", err)
	}
	r := runCLI(t, ctx, "monitor", "--wait", "0", "--port", b.Port())
	if r.code != ExitBoard || strings.Contains(r.errOut, "waiting") {
		t.Fatalf("--wait 0: exit %d\n%s", r.code, r.errOut)
	}
	for _, spec := range []string{b.Port(), "id:" + b.Serial()} {
		t.Run(spec, func(t *testing.T) {
			b.Kill()
			waitingOn := &syncBuffer{}
			restarted := make(chan struct{})
			go func() {
				// The subtest waits for this goroutine: a Restart still
				// booting when monitor already read the board must not
				// report into the next subtest's Kill.
				defer close(restarted)
				// Power returns once monitor says it waits.
				for !strings.Contains(waitingOn.String(), "waiting up to") {
					select {
					case <-ctx.Done():
						return
					case <-time.After(20 * time.Millisecond):
					}
				}
				if err := b.Restart(ctx); err != nil {
					t.Errorf("restart: %v", err)
				}
			}()
			code, out, errOut := runUntilWith(t, waitingOn, regexp.MustCompile(`up \d+\n`), "monitor", "--wait", "1h", "--port", spec)
			<-restarted
			if code != ExitOK || !strings.Contains(errOut, "no board at "+spec+" yet") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
		})
	}
}

func TestMonitorUsage(t *testing.T) {
	ios, _, _, errOut := TestStreams()
	if code := Main(context.Background(), []string{"monitor", "--json", "--raw"}, ios); code != ExitUsage {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// TestResetLeavesTheAppRunning: after `reset` and `reset --soft` the app
// runs again (monitor sees the next boot's ticks), never left at a REPL.
func TestResetLeavesTheAppRunning(t *testing.T) {
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	const bootCounter = `import time
try:
    n = int(open('boots').read()) + 1
except OSError:
    n = 1
f = open('boots', 'w')
f.write(str(n))
f.close()
i = 0
while True:
    print('boot', n, 'tick', i)
    i += 1
    time.sleep_ms(100)
`
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg, Files: map[string][]byte{"main.py": []byte(bootCounter)}})
	tests := []struct {
		name     string
		args     []string
		wantOut  string
		prevBoot string
		nextBoot string
		resets   int
	}{
		{"hard", []string{"reset", "--port", b.Port()}, "reset " + b.Port() + ": the board is back and runs its app\n", "1", "2", 1},
		{"soft", []string{"reset", "--soft", "--port", b.Port()}, "soft-reset " + b.Port() + ": boot.py and main.py run again\n", "2", "3", 1},
		{"hard --json", []string{"reset", "--json", "--port", b.Port()}, "", "3", "4", 2},
		{"soft --json", []string{"reset", "--soft", "--json", "--port", b.Port()}, "", "4", "5", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			r := runCLI(t, ctx, tt.args...)
			if r.code != ExitOK {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.out, r.errOut)
			}
			if tt.wantOut != "" && r.out != tt.wantOut {
				t.Errorf("stdout %q, want %q", r.out, tt.wantOut)
			}
			if tt.wantOut == "" {
				var doc resetDoc
				if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
					t.Fatalf("%v: %s", err, r.out)
				}
				mode := "hard"
				if strings.Contains(tt.name, "soft") {
					mode = "soft"
				}
				if doc.Version != 1 || doc.Port != b.Port() || doc.Serial != b.Serial() || doc.Mode != mode {
					t.Errorf("doc %+v", doc)
				}
			}
			if b.Resets() != tt.resets {
				t.Errorf("board resets = %d, want %d", b.Resets(), tt.resets)
			}
			// The app of the next boot prints, unprompted: the board was
			// not left at a REPL.
			want := regexp.MustCompile(`boot ` + tt.nextBoot + ` tick \d+\n`)
			code, out, errOut := runUntil(t, want, "monitor", "--port", b.Port())
			if code != ExitOK {
				t.Fatalf("monitor: exit %d\n%s", code, errOut)
			}
			if strings.Contains(out, "boot "+tt.prevBoot+" ") {
				t.Errorf("output of the boot before the reset:\n%s", out)
			}
		})
	}
}
