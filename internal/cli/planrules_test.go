package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// lastLine is the refusal otapush printed last on stderr.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestPlansThatWouldDeleteTheApp drives issue 12's item 1 through the CLI
// against a simulated board running v1: an empty folder, a filter that
// matches nothing (a typo) and a filter that leaves out files the board
// has are refused before anything is written; the board's flash stays
// byte for byte as it was. A version that drops a file says so, and
// --prune lets a filtered update delete what the filters leave out.
func TestPlansThatWouldDeleteTheApp(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	v1 := map[string]string{"main.py": "print('v1')\n", "lib/a.py": "A = 1\n", "lib/b.py": "B = 1\n", "extra.py": "E = 1\n"}
	if r := up("--source", writeApp(t, v1), "--confirm", "return"); r.code != ExitOK {
		t.Fatalf("v1: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	before, err := simboard.Snapshot(b.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	unchanged := func(step string) {
		t.Helper()
		after, err := simboard.Snapshot(b.FlashDir())
		if err != nil {
			t.Fatal(err)
		}
		if d := simboard.DiffSnapshots(before, after); d != "" {
			t.Fatalf("%s changed the board's flash: %s", step, d)
		}
	}

	refusals := []struct {
		name string
		args []string
		want []string
	}{
		{"empty folder", []string{"--source", t.TempDir()}, []string{"the plan has no files", "holds none", "--allow-empty"}},
		{"filter typo", []string{"--source", writeApp(t, v1), "--allow", "Lib"}, []string{"--allow Lib", "leaves out all 4 files", "--allow-empty"}},
		{"filter leaves out the board's files", []string{"--source", writeApp(t, v1), "--allow", "main.py", "--allow", "lib/a.py"},
			[]string{"2 files that this update leaves out", "extra.py, lib/b.py", "--prune"}},
	}
	for _, tt := range refusals {
		r := up(append(tt.args, "--confirm", "return")...)
		if r.code != ExitUsage {
			t.Errorf("%s: exit %d, want %d\n%s%s", tt.name, r.code, ExitUsage, r.out, r.errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.errOut, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, w, r.errOut)
			}
		}
		unchanged(tt.name)
	}

	// A version that drops a file: the swap deletes it, and says so.
	v2 := map[string]string{"main.py": "print('v2')\n", "lib/a.py": "A = 1\n", "lib/b.py": "B = 1\n"}
	r := up("--source", writeApp(t, v2), "--confirm", "return", "--json")
	var rep struct {
		Boards []struct {
			Outcome string   `json:"outcome"`
			Deletes []string `json:"deletes"`
		} `json:"boards"`
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil || r.code != ExitOK || len(rep.Boards) != 1 {
		t.Fatalf("v2: exit %d %v\n%s%s", r.code, err, r.out, r.errOut)
	}
	if b := rep.Boards[0]; b.Outcome != "committed" || fmt.Sprint(b.Deletes) != "[extra.py]" {
		t.Errorf("v2: %+v, want committed, deletes [extra.py]", b)
	}

	// --prune: the filtered update goes ahead and deletes lib/b.py.
	v3 := map[string]string{"main.py": "print('v3')\n", "lib/a.py": "A = 1\n", "lib/b.py": "B = 1\n"}
	r = up("--source", writeApp(t, v3), "--allow", "main.py", "--allow", "lib", "--ignore", "lib/b.py", "--prune", "--confirm", "return")
	if r.code != ExitOK || !strings.Contains(r.errOut, "the swap deletes 1 file this version drops: lib/b.py") {
		t.Fatalf("v3 --prune: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if _, err := os.Stat(filepath.Join(b.FlashDir(), "lib", "b.py")); !os.IsNotExist(err) {
		t.Errorf("lib/b.py after --prune: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "_app_main.py")); string(got) != v3["main.py"] {
		t.Errorf("main.py after v3: %q", got)
	}
}

// TestPlanAndUpdateRefuseTheSamePaths: `plan` and `update` apply one rule
// set, so a path plan refuses never reaches the board through update,
// with the same exit code and the same message.
func TestPlanAndUpdateRefuseTheSamePaths(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	before, err := simboard.Snapshot(b.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"version.json", map[string]string{"version.json": "{}"}, "reserved for the otapush agent"},
		{"the agent's module", map[string]string{"ota_agent.py": "x"}, "reserved for the otapush agent"},
		{"the app's renamed main", map[string]string{"_app_main.py": "x"}, "reserved for the otapush agent"},
		// A local source skips dot-folders; brought back, .ota is refused.
		{"the agent's folder", map[string]string{".ota/x": "x", ".otapushignore": "!.ota/\n"}, "agent's own folder"},
		{"boot.py as a folder", map[string]string{"boot.py/x.py": "x"}, "cannot be a folder"},
		{"case collision", map[string]string{"Util.py": "x", "util.py": "y"}, "only in case"},
		{"not UTF-8", map[string]string{"caf\xe9.py": "x"}, "not valid UTF-8"},
		{"control character", map[string]string{"a\x1b[2Jb.py": "x"}, "control character"},
	}
	for _, tt := range tests {
		files := map[string]string{"main.py": "print(1)\n"}
		for p, c := range tt.files {
			files[p] = c
		}
		dir := writeApp(t, files)
		p := runCLI(t, ctx, "plan", "--source", dir, "--cache-dir", t.TempDir())
		u := up("--source", dir)
		if p.code != ExitVerify || u.code != ExitVerify {
			t.Errorf("%s: plan exit %d, update exit %d, want %d\n%s\n%s", tt.name, p.code, u.code, ExitVerify, p.errOut, u.errOut)
		}
		if lastLine(p.errOut) != lastLine(u.errOut) || !strings.Contains(lastLine(u.errOut), tt.want) {
			t.Errorf("%s: plan says %q, update says %q, want %q", tt.name, lastLine(p.errOut), lastLine(u.errOut), tt.want)
		}
	}
	after, err := simboard.Snapshot(b.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	if d := simboard.DiffSnapshots(before, after); d != "" {
		t.Fatalf("a refused path reached the board: %s", d)
	}
}

// A bundle without main.py is valid but starts nothing: plan warns on
// stderr and in --json.
func TestPlanWarnsWithoutMain(t *testing.T) {
	dir := writeApp(t, map[string]string{"lib/a.py": "A = 1\n"})
	r := runCLI(t, t.Context(), "plan", "--source", dir, "--cache-dir", t.TempDir(), "--json")
	var doc PlanJSON
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || r.code != ExitOK {
		t.Fatalf("exit %d %v\n%s%s", r.code, err, r.out, r.errOut)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "no main.py") || !strings.Contains(r.errOut, "warning: the bundle has no main.py") {
		t.Errorf("warnings %q, stderr %q", doc.Warnings, r.errOut)
	}
	r = runCLI(t, t.Context(), "plan", "--source", t.TempDir(), "--cache-dir", t.TempDir(), "--allow-empty", "--json")
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || r.code != ExitOK || len(doc.Files) != 0 {
		t.Errorf("--allow-empty: exit %d %v\n%s%s", r.code, err, r.out, r.errOut)
	}
}
