package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

func TestVersionCommand(t *testing.T) {
	r := runCLI(t, t.Context(), "version")
	want := fmt.Sprintf("otapush %s\nagent   %s (api %d)\ngo      %s %s/%s\n", Version, agent.Version, agent.APIVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if r.code != ExitOK || r.out != want {
		t.Errorf("exit %d\n%q\nwant\n%q", r.code, r.out, want)
	}
	r = runCLI(t, t.Context(), "version", "--json")
	var d versionDoc
	if err := json.Unmarshal([]byte(r.out), &d); err != nil || d.Version != 1 || d.Agent != agent.Version || d.GoVersion != runtime.Version() || d.OS != runtime.GOOS || d.Otapush != Version {
		t.Errorf("%v: %s", err, r.out)
	}
}

// TestStatusWithoutAgent: a bare MicroPython board is a status like any
// other (exit 0), with what it says about itself.
func TestStatusWithoutAgent(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte("print('app')\n")}})
	r := runCLI(t, ctx, "status", "--port", b.Port())
	for _, w := range []string{"agent:       not installed", "micropython: 1.27", "board:       ", "filesystem:  ", " free of ", "memory:      "} {
		if r.code != ExitOK || !strings.Contains(r.out, w) {
			t.Errorf("exit %d, stdout lacks %q:\n%s%s", r.code, w, r.out, r.errOut)
		}
	}
	r = runCLI(t, ctx, "status", "--port", b.Port(), "--json")
	var d statusDoc
	if err := json.Unmarshal([]byte(r.out), &d); err != nil || r.code != ExitOK {
		t.Fatalf("exit %d %v: %s%s", r.code, err, r.out, r.errOut)
	}
	if d.Agent.Installed || d.Agent.Version != "" || d.Board == nil || !strings.HasPrefix(d.Board.MicroPython, "1.27") || d.Board.Machine == "" ||
		d.Filesystem.FreeBytes <= 0 || d.Filesystem.TotalBytes < d.Filesystem.FreeBytes || d.MemoryFree <= 0 || d.Transaction.State != "idle" {
		t.Errorf("%s", r.out)
	}
	// A module that is there but does not import is not "not installed".
	if err := os.WriteFile(filepath.Join(b.FlashDir(), "ota_agent.py"), []byte("raise ImportError('broken')\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if x := runCLI(t, ctx, "exec", "--port", b.Port(), "open('/ota_agent.py', 'w').write(\"raise ImportError('broken')\\n\")"); x.code != ExitOK {
		t.Fatalf("%s", x.errOut)
	}
	r = runCLI(t, ctx, "status", "--port", b.Port())
	if r.code != ExitOK || !strings.Contains(r.out, "/ota_agent.py is there but does not answer") {
		t.Errorf("exit %d:\n%s%s", r.code, r.out, r.errOut)
	}
}

// appRuns checks that board b boots its app: the app's own boot.py (B)
// ran in this boot, and its main.py is the one the board runs at its next
// boot (as the firmware or the agent's wrapper would find it).
func appRuns(t *testing.T, b *simboard.Board, boot, main string) {
	t.Helper()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	r := runCLI(t, ctx, "exec", "--port", b.Port(), "print(B)")
	if r.code != ExitOK || r.out != "1\n" {
		t.Fatalf("the app's boot.py did not run: exit %d %q %s", r.code, r.out, r.errOut)
	}
	for _, w := range agent.Wrappers() {
		want := boot
		if w.Name == "main.py" {
			want = main
		}
		got, _ := os.ReadFile(filepath.Join(b.FlashDir(), w.Name))
		if strings.HasPrefix(string(got), agent.Marker) {
			got, _ = os.ReadFile(filepath.Join(b.FlashDir(), w.App))
		}
		if string(got) != want {
			t.Fatalf("the board runs %q as its %s, want %q", got, w.Name, want)
		}
	}
}

// TestUninstall: the agent goes, the app's own boot.py and main.py come
// back and run; an update on trial is refused unless --force; a second
// uninstall finds nothing.
func TestUninstall(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{Files: agentBoard()})
	// With the agent, status says it is installed, and the board too.
	st := runCLI(t, ctx, "status", "--port", b.Port(), "--json")
	var sd statusDoc
	if err := json.Unmarshal([]byte(st.out), &sd); err != nil || st.code != ExitOK || !sd.Agent.Installed || sd.Agent.Version != agent.Version ||
		sd.Board == nil || !strings.HasPrefix(sd.Board.MicroPython, "1.27") {
		t.Fatalf("status: exit %d %v\n%s%s", st.code, err, st.out, st.errOut)
	}
	// An update on trial: the app confirms, and this one does not.
	up := updater(t, ctx, b)
	v2 := writeApp(t, map[string]string{"lib/util.py": "X = 2\n"})
	if r := up("--source", v2, "--confirm", "app", "--no-wait"); r.code != ExitOK {
		t.Fatalf("update: %d\n%s%s", r.code, r.out, r.errOut)
	}
	trial := flashSnapshot(t, b)
	r := runCLI(t, ctx, "uninstall", "--port", b.Port())
	if r.code != ExitBoard || !strings.Contains(r.errOut, "is on trial; wait for its verdict ('otapush status' shows it) or return to the previous version with 'otapush rollback', then uninstall") {
		t.Fatalf("on trial: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	// The trial boot writes its journal meanwhile: compare the files
	// uninstall would touch.
	now := flashSnapshot(t, b)
	for _, p := range []string{"boot.py", "main.py", "ota_agent.py", agent.AppBootFile, agent.AppMainFile, ".ota/config.json"} {
		if now[p] == "" || now[p] != trial[p] {
			t.Errorf("a refused uninstall changed %s", p)
		}
	}
	if r := runCLI(t, ctx, "rollback", "--port", b.Port()); r.code != ExitOK {
		t.Fatalf("rollback: %d\n%s%s", r.code, r.out, r.errOut)
	}
	r = runCLI(t, ctx, "uninstall", "--port", b.Port(), "--json")
	var d uninstallDoc
	if err := json.Unmarshal([]byte(r.out), &d); err != nil || r.code != ExitOK {
		t.Fatalf("exit %d %v\n%s%s", r.code, err, r.out, r.errOut)
	}
	if d.Agent != agent.Version || d.State != "idle" || !d.Reset || strings.Join(d.Restored, ",") != "/boot.py,/main.py" ||
		strings.Join(d.Removed, ",") != "/ota_agent.py,/.ota,/version.json" || len(d.Left) != 0 {
		t.Errorf("%s", r.out)
	}
	fl := flashSnapshot(t, b)
	for p := range fl {
		if top, _, _ := strings.Cut(p, "/"); top == ".ota" || top == "ota_agent.py" || top == "version.json" || strings.HasPrefix(top, "_app_") {
			t.Errorf("%s is left", p)
		}
	}
	if fl["lib/util.py"] == "" {
		t.Errorf("the app's lib/util.py is gone")
	}
	appRuns(t, b, "B = 1\n", "M = 1\n")
	r = runCLI(t, ctx, "uninstall", "--port", b.Port())
	if r.code != ExitOK || !strings.Contains(r.out, "no otapush agent on the board; nothing to remove") {
		t.Errorf("again: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
}

// TestUninstallPowerCutSweep cuts the power before every flash operation
// of `otapush uninstall` (a sample under make test; all of them under
// OTAPUSH_FAULTS=1): after power-up the board must boot its app, and a
// second uninstall must finish the job and leave the app running alone.
func TestUninstallPowerCutSweep(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	trace := filepath.Join(t.TempDir(), "trace")
	b := simtest.StartT(t, simboard.Options{Files: agentBoard(), TraceFS: trace})
	boot := traceOps(t, trace)
	if r := runCLI(t, ctx, "uninstall", "--port", b.Port(), "--no-reset"); r.code != ExitOK {
		t.Fatalf("clean run: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	end := traceOps(t, trace)
	b.Close()
	// Two renames, the module, the journal folder and its file, version.json.
	if end-boot < 6 {
		t.Fatalf("the uninstall made only %d flash operations (ops %d..%d)", end-boot, boot+1, end)
	}
	t.Logf("uninstall: flash operations %d..%d (boot made %d)", boot+1, end, boot)
	var pts []int
	for _, i := range simtest.Sample(end-boot, 4, simtest.SampleOffset(t), nil) {
		pts = append(pts, boot+1+i)
	}
	for _, n := range pts {
		t.Run(fmt.Sprintf("cut%02d", n), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{Files: agentBoard(), CutAt: n})
			defer b.Close()
			r := runUntilCut(t, ctx, b, "uninstall", "--port", b.Port(), "--no-reset")
			if r.code == ExitOK {
				t.Fatalf("cut at %d: the uninstall finished without the cut:\n%s", n, r.out)
			}
			if err := b.Restart(ctx); err != nil {
				t.Fatalf("cut at %d: the board does not come back: %v", n, err)
			}
			appRuns(t, b, "B = 1\n", "M = 1\n")
			if r := runCLI(t, ctx, "uninstall", "--port", b.Port()); r.code != ExitOK {
				t.Fatalf("cut at %d: uninstall again: exit %d\n%s%s", n, r.code, r.out, r.errOut)
			}
			fl := flashSnapshot(t, b)
			for _, p := range []string{"ota_agent.py", ".ota/config.json", "version.json", agent.AppBootFile, agent.AppMainFile} {
				if _, ok := fl[p]; ok {
					t.Errorf("cut at %d: %s left after the second uninstall", n, p)
				}
			}
			appRuns(t, b, "B = 1\n", "M = 1\n")
		})
	}
}

// runUntilCut runs a command against a board that loses power during it:
// the cut ends the board, and the host gives up on it then.
func runUntilCut(t *testing.T, ctx context.Context, b *simboard.Board, args ...string) cliRun {
	t.Helper()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan cliRun, 1)
	go func() { done <- runCLI(t, runCtx, args...) }()
	select {
	case <-b.Exited():
		stop()
		return <-done
	case r := <-done:
		return r
	}
}

// traceOps is how many mutating flash operations the board made so far.
func traceOps(t *testing.T, trace string) int {
	t.Helper()
	b, err := os.ReadFile(trace)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}
