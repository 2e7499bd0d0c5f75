package cli

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// envMain makes the test binary act as the otapush binary (as
// cmd/otapush/main.go does), so a test can run a second, real otapush
// process.
const envMain = "OTAPUSH_CLI_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envMain) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := Main(ctx, os.Args[1:], System())
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func otapushProcess(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), envMain+"=1")
	return c
}

// TestSecondOtapushOnALockedPort: while one otapush process works on a
// board, a second one (another process, naming the board by its tty
// rather than its by-id link) stops at once with exit 5 and says who has
// the port, and the first one's work goes on undisturbed; a fleet run
// skips that board alone; once the first ends, the port is free.
func TestSecondOtapushOnALockedPort(t *testing.T) {
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // this test's own lock folder, for every process
	bs := make([]*simboard.Board, 2)
	for i := range bs {
		bs[i] = simtest.StartT(t, simboard.Options{RegistryDir: reg, FlashDir: t.TempDir()})
	}
	busy, free := bs[0], bs[1]

	first := otapushProcess("exec", "--port", busy.Port(), "--timeout", "0",
		"import time\nprint('started')\nwhile True:\n    time.sleep_ms(20)")
	stdout, err := first.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var firstErr strings.Builder
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "started" {
		t.Fatalf("first otapush: %q %v; stderr: %s", lines.Text(), lines.Err(), firstErr.String())
	}
	want := "port busy: otapush (pid " + strconv.Itoa(first.Process.Pid) + ") is using "

	second := otapushProcess("status", "--port", busy.Device())
	out, err := second.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != ExitBoard || !strings.Contains(string(out), want+busy.Port()+" for 'otapush exec'") {
		t.Fatalf("second otapush: %v\n%s", err, out)
	}
	t.Logf("second otapush: %s", strings.TrimSpace(string(out)))

	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	app := writeApp(t, map[string]string{"main.py": "print('v1')\n"})
	ios, _, fout, ferr := TestStreams()
	code := Main(ctx, []string{"update", "--port", busy.Port(), "--port", free.Port(), "--source", app, "--cache-dir", t.TempDir(), "--json"}, ios)
	if code != ExitPartial {
		t.Fatalf("fleet exit %d, want %d\n%s%s", code, ExitPartial, fout, ferr)
	}
	rep := readReport(t, fout.String())
	if b := rep.Boards[0]; b.Outcome != fleet.Failed || !strings.Contains(b.Error, want+busy.Port()) {
		t.Errorf("busy board in the fleet: %+v", b)
	}
	if b := rep.Boards[1]; b.Outcome != fleet.Committed {
		t.Errorf("free board in the fleet: %+v", b)
	}

	// The first otapush still runs its code: nothing interrupted it. It
	// ends only when asked, as any exec does.
	if err := first.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := readAll(lines)
	err = first.Wait()
	if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted || rest != "" || strings.Contains(firstErr.String(), "Traceback") {
		t.Fatalf("first otapush: %v, more output %q, stderr %q", err, rest, firstErr.String())
	}
	if r := runCLI(t, ctx, "exec", "--port", busy.Device(), "print('free')"); r.code != ExitOK || r.out != "free\n" {
		t.Fatalf("after the first ended: %d %q %s", r.code, r.out, r.errOut)
	}
}

func readAll(s *bufio.Scanner) (string, error) {
	var b strings.Builder
	for s.Scan() {
		b.WriteString(s.Text() + "\n")
	}
	return b.String(), s.Err()
}
