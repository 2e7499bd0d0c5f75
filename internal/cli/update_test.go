package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// writeApp writes an app folder for --source.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
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

type cliRun struct {
	code        int
	out, errOut string
}

// runCLI runs otapush with args; an update waits for the board's verdict
// (bounded by its default --verdict-timeout), no fixed time.
func runCLI(t *testing.T, ctx context.Context, args ...string) cliRun {
	t.Helper()
	ios, _, out, errOut := TestStreams()
	code := Main(ctx, args, ios)
	return cliRun{code, out.String(), errOut.String()}
}

// updater returns a runner for `otapush update --port P --cache-dir C ARGS`
// against board b, with one cache for the whole test.
func updater(t *testing.T, ctx context.Context, b *simboard.Board) func(args ...string) cliRun {
	t.Helper()
	port, cache := b.Port(), t.TempDir()
	return func(args ...string) cliRun {
		return runCLI(t, ctx, append([]string{"update", "--port", port, "--cache-dir", cache}, args...)...)
	}
}

// TestUpdateCommand drives the example app through the CLI: v1, v2, a
// no-op, status, a v3 that raises (exit 7), rollback of a trial version,
// and the --json report.
func TestUpdateCommand(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	port := b.Port()
	up := updater(t, ctx, b)

	steps := []struct {
		name   string
		args   []string
		code   int
		expect []string
	}{
		// --version names a local bundle (the default here would be
		// otapush's own git describe and the folder's content hash).
		{"v1", []string{"--source", "../../examples/blinky/v1", "--version", "blinky-v1"}, ExitOK, []string{"committed", "(none) -> blinky-v1"}},
		{"v2", []string{"--source", "../../examples/blinky/v2", "--version", "blinky-v2"}, ExitOK, []string{"committed", "deleted 1"}},
		{"v2 again", []string{"--source", "../../examples/blinky/v2", "--version", "blinky-v2"}, ExitOK, []string{"unchanged, already on blinky-v2"}},
		{"v3 raises", []string{"--source", writeApp(t, map[string]string{"main.py": "raise ValueError('v3 broken')\n"})}, ExitRolledBack, []string{"ROLLED BACK", "v3 broken", "failed, the board runs blinky-v2"}},
	}
	for _, s := range steps {
		r := up(s.args...)
		if r.code != s.code {
			t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", s.name, r.code, s.code, r.out, r.errOut)
		}
		for _, e := range s.expect {
			if !strings.Contains(r.out, e) {
				t.Errorf("%s: stdout lacks %q:\n%s", s.name, e, r.out)
			}
		}
		// One board: its result line and no fleet summary; its error
		// (if any) as the reason on stderr.
		if lines := strings.Split(strings.TrimSpace(r.out), "\n"); !strings.HasPrefix(lines[0], port+": ") || strings.Contains(r.out, "boards:") {
			t.Errorf("%s: stdout is not one board's result:\n%s", s.name, r.out)
		}
		if s.code == ExitRolledBack && !strings.Contains(r.errOut, "otapush: the board rolled the update back: ") {
			t.Errorf("%s: stderr lacks the board's reason:\n%s", s.name, r.errOut)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "lib", "patterns", "morse.py")); !strings.Contains(string(got), "CODE") {
		t.Errorf("v2's nested file missing after the rollback of v3")
	}
	if _, err := os.Stat(filepath.Join(b.FlashDir(), "lib", "old_util.py")); err == nil {
		t.Errorf("v1's deleted file still there")
	}

	st := runCLI(t, ctx, "status", "--port", port)
	if st.code != 0 || !strings.Contains(st.out, "transaction: idle") || !strings.Contains(st.out, "rolled_back") {
		t.Errorf("status: %d\n%s%s", st.code, st.out, st.errOut)
	}

	// v4 stays on trial (only the app confirms, and it does not; --no-wait
	// returns before the board's deadline); rollback reverts it.
	v4 := writeApp(t, map[string]string{"main.py": "print('v4')\n"})
	r := up("--source", v4, "--confirm", "app", "--no-wait", "--json")
	// One board, the one report schema: the fleet's, with one board.
	rep := readReport(t, r.out)
	if r.code != 0 || rep.Version != 1 || rep.Outcome != fleet.AllOK || rep.ExitCode != 0 || rep.Summary.Boards != 1 || len(rep.Boards) != 1 {
		t.Fatalf("v4: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	v4b := rep.Boards[0]
	if v4b.Outcome != fleet.OnTrial || v4b.FilesSent != 1 || v4b.Port != port || v4b.Execs <= 0 || v4b.DurationMS <= 0 {
		t.Errorf("v4: %+v", v4b)
	}
	if !v4b.AppRunning {
		t.Errorf("v4: the board was not handed back to its app: %s", r.out)
	}
	// Looking at a board on trial uses up none of its trial boots: each
	// status hands the board back and gives back the boot it cut short.
	// (A status that comes while the board is still starting over finds
	// the boot given back and not yet counted again: boot 0.)
	checkStatusJSON(t, runCLI(t, ctx, "status", "--port", port, "--json"), port, v4b.After.Version)
	checkExecJSON(t, ctx, port)
	for i := range 3 {
		st := runCLI(t, ctx, "status", "--port", port)
		if st.code != 0 || !strings.Contains(st.out, "transaction: trial (boot 1)") && !strings.Contains(st.out, "transaction: trial (boot 0)") {
			t.Fatalf("status %d on trial: %d\n%s%s", i+1, st.code, st.out, st.errOut)
		}
	}
	rb := runCLI(t, ctx, "rollback", "--port", port)
	if rb.code != 0 || !strings.Contains(rb.out, "rolled back") {
		t.Fatalf("rollback: %d %s%s", rb.code, rb.out, rb.errOut)
	}
	js := runCLI(t, ctx, "status", "--port", port, "--json")
	var doc statusDoc
	if err := json.Unmarshal([]byte(js.out), &doc); err != nil || doc.Transaction.State != "idle" || doc.App.Version != v4b.Before.Version {
		t.Errorf("status after rollback: %v %s", err, js.out)
	}
	// Nothing is on trial and nothing was kept: rollback fails, and says
	// so in the error document.
	rj := runCLI(t, ctx, "rollback", "--port", port, "--json")
	var ed errorDoc
	if err := json.Unmarshal([]byte(rj.out), &ed); err != nil || rj.code != ExitBoard || ed.Error.ExitCode != ExitBoard || ed.Error.Kind != "board" ||
		!strings.Contains(ed.Error.Message, "no previous version") {
		t.Errorf("rollback --json with nothing to return to: exit %d %v\n%s%s", rj.code, err, rj.out, rj.errOut)
	}
}

// checkStatusJSON: `status --json` of a board on trial after a rolled
// back update is otapush's own document: typed fields, none of the
// agent's wire keys.
func checkStatusJSON(t *testing.T, r cliRun, port, version string) {
	t.Helper()
	if r.code != ExitOK {
		t.Fatalf("status --json: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	raw := decodeOne(t, "status", r.out)
	hasKeys(t, "status", raw, "", "port", "agent", "app", "transaction", "last", "kept", "filesystem", "memory_free_bytes")
	hasKeys(t, "status", raw, "agent", "version", "api")
	hasKeys(t, "status", raw, "transaction", "state", "boots", "staged_files")
	hasKeys(t, "status", raw, "last", "result", "from", "to", "reason")
	hasKeys(t, "status", raw, "filesystem", "type", "free_bytes", "total_bytes")
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				switch k {
				case "s", "b", "ab", "g", "t", "e", "r", "why", "txn", "prev", "staged", "bsize", "blocks", "bfree", "mem", "fs", "atomic", "status":
					t.Errorf("status --json has the agent's wire key %q:\n%s", k, r.out)
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(raw)
	var doc statusDoc
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Port != port || doc.Agent.API < 1 || doc.Agent.Version == "" || doc.App.Version != version ||
		doc.Transaction.State != "trial" || doc.Transaction.Boots > 1 || doc.Last == nil || doc.Last.Result != "rolled_back" ||
		!strings.Contains(doc.Last.Reason, "v3 broken") || doc.Filesystem.TotalBytes <= 0 || doc.Filesystem.FreeBytes <= 0 ||
		doc.Filesystem.FreeBytes > doc.Filesystem.TotalBytes || doc.MemoryFree <= 0 {
		t.Errorf("status --json: %+v\n%s", doc, r.out)
	}
}

// checkExecJSON: `exec --json` puts what the code printed, the exception
// it raised (exit 5 all the same) and the time taken in one document.
func checkExecJSON(t *testing.T, ctx context.Context, port string) {
	t.Helper()
	tests := []struct {
		code      string
		exit      int
		stdout    string
		exception string
	}{
		{"print('a'); print('b')", ExitOK, "a\nb\n", ""},
		{"print('before')\nraise OSError(28)", ExitBoard, "before\n", "OSError"},
	}
	for _, tt := range tests {
		r := runCLI(t, ctx, "exec", "--port", port, "--json", tt.code)
		if r.code != tt.exit {
			t.Fatalf("exec --json %q: exit %d, want %d\n%s%s", tt.code, r.code, tt.exit, r.out, r.errOut)
		}
		raw := decodeOne(t, "exec", r.out)
		hasKeys(t, "exec", raw, "", "port", "stdout", "exception", "duration_ms")
		var doc execDoc
		if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
			t.Fatal(err)
		}
		switch {
		case doc.Stdout != tt.stdout || doc.Port != port:
			t.Errorf("exec --json %q: %+v", tt.code, doc)
		case tt.exception == "" && doc.Exception != nil:
			t.Errorf("exec --json %q: an exception: %+v", tt.code, doc.Exception)
		case tt.exception != "" && (doc.Exception == nil || doc.Exception.Type != tt.exception || !strings.Contains(doc.Exception.Traceback, "Traceback")):
			t.Errorf("exec --json %q: exception %+v", tt.code, doc.Exception)
		}
	}
}

// TestUpdateCtrlCThenAbort cancels `otapush update` once the board has
// staged a file (Ctrl-C): exit 130, the old version stays; `--abort`
// cleans up; a too-big bundle fails preflight with exit 5.
func TestUpdateCtrlCThenAbort(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{Link: "usb-fs", FlashKB: 400})
	port, cache := b.Port(), t.TempDir()
	v1 := writeApp(t, map[string]string{"main.py": "print('v1')\n"})
	if r := runCLI(t, ctx, "update", "--port", port, "--cache-dir", cache, "--source", v1); r.code != 0 {
		t.Fatalf("v1: %d %s%s", r.code, r.out, r.errOut)
	}
	big := map[string]string{"main.py": "print('v2')\n"}
	for i := range 11 { // fits the 400 KB flash beside agent 1.5.0
		big[fmt.Sprintf("lib/m%02d.py", i)] = strings.Repeat(fmt.Sprintf("x%d = %d  # filler line of module %d\n", i, i*i, i), 700)
	}
	v2 := writeApp(t, big)
	stage := filepath.Join(b.FlashDir(), ".ota", ".ota_stage")
	ictx, stop := context.WithCancel(ctx)
	go func() {
		defer stop()
		for ictx.Err() == nil {
			if es, _ := os.ReadDir(stage); len(es) > 0 {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	r := runCLI(t, ictx, "update", "--port", port, "--cache-dir", cache, "--source", v2)
	if r.code != ExitInterrupted {
		t.Fatalf("Ctrl-C: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "_app_main.py")); string(got) != "print('v1')\n" {
		t.Fatalf("after Ctrl-C the board runs %q", got)
	}
	if r := runCLI(t, ctx, "update", "--port", port, "--abort"); r.code != 0 || !strings.Contains(r.out, "aborted") {
		t.Fatalf("--abort: %d %s%s", r.code, r.out, r.errOut)
	}
	if es, _ := os.ReadDir(stage); len(es) > 0 {
		t.Errorf("stage after --abort: %v", es)
	}
	huge := writeApp(t, map[string]string{"main.py": "print('v3')\n", "blob.bin": strings.Repeat("z", 600*1024)})
	if r := runCLI(t, ctx, "update", "--port", port, "--cache-dir", cache, "--source", huge); r.code != ExitBoard || !strings.Contains(r.errOut, "preflight") {
		t.Fatalf("too big: %d %s%s", r.code, r.out, r.errOut)
	}
}

// flashSnapshot is every file of the board's flash, .ota included.
func flashSnapshot(t *testing.T, b *simboard.Board) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := b.FlashDir()
	err := filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || strings.HasSuffix(p, ".picosim-tmp") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUpdateResumeArmed: an update armed and never booted (reset mode
// none, or a host killed after arm). A plain update and a --resume naming
// another version are refused with the ways out, the board untouched
// (exit 5, exit 2); --resume without a source applies the armed version
// and reports it (exit 0).
func TestUpdateResumeArmed(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	v1 := writeApp(t, map[string]string{"main.py": "print('v1')\n"})
	v2 := writeApp(t, map[string]string{"main.py": "print('v2')\n", "lib/two.py": "TWO = 2\n"})
	v3 := writeApp(t, map[string]string{"main.py": "print('v3')\n"})
	if r := up("--source", v1, "--confirm", "return"); r.code != ExitOK {
		t.Fatalf("v1: %d %s%s", r.code, r.out, r.errOut)
	}
	if r := up("--source", v2, "--confirm", "return", "--reset-mode", "none"); r.code != ExitOK || !strings.Contains(r.out, "armed") {
		t.Fatalf("arm v2: %d %s%s", r.code, r.out, r.errOut)
	}
	before := flashSnapshot(t, b)
	refusals := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"update", []string{"--source", v3}, ExitBoard, []string{"is armed on the board", "otapush update --resume` (no source needed)", "otapush update --abort"}},
		{"resume v3", []string{"--resume", "--source", v3}, ExitUsage, []string{"refused: the board has local-", "but the source names local-", "--resume` without a source applies", "otapush update --abort"}},
	}
	for _, tt := range refusals {
		r := up(tt.args...)
		if r.code != tt.code {
			t.Fatalf("%s: exit %d, want %d\n%s%s", tt.name, r.code, tt.code, r.out, r.errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.errOut, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, w, r.errOut)
			}
		}
		after := flashSnapshot(t, b)
		for p, c := range before {
			if after[p] != c {
				t.Errorf("%s: the refusal changed %s on the board", tt.name, p)
			}
		}
		for p := range after {
			if _, ok := before[p]; !ok {
				t.Errorf("%s: the refusal wrote %s on the board", tt.name, p)
			}
		}
	}
	r := up("--resume", "--json")
	rep := readReport(t, r.out)
	if r.code != ExitOK || len(rep.Boards) != 1 || rep.Boards[0].Outcome != fleet.Committed || !strings.HasPrefix(rep.Boards[0].After.Version, "local-") || rep.Boards[0].After.Version == rep.Boards[0].Before.Version {
		t.Fatalf("--resume: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "lib", "two.py")); string(got) != "TWO = 2\n" {
		t.Errorf("after --resume the board lacks v2's lib/two.py: %q", got)
	}
	// Nothing is armed any more: --resume without a source says what to give.
	if r := up("--resume"); r.code != ExitUsage || !strings.Contains(r.errOut, "--source DIR or --repo") {
		t.Errorf("--resume on an idle board: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
}
