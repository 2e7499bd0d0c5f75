package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// TestRollbackConfirmedVersion: `update --keep-previous` then `rollback`
// returns the board to the previous version after it was committed;
// without a kept version, rollback refuses and says how to get one.
func TestRollbackConfirmedVersion(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	port := b.Port()
	up := updater(t, ctx, b)
	statusOf := func() statusDoc {
		t.Helper()
		r := runCLI(t, ctx, "status", "--port", port, "--json")
		var s statusDoc
		if err := json.Unmarshal([]byte(r.out), &s); err != nil || r.code != 0 {
			t.Fatalf("status: %d %v\n%s%s", r.code, err, r.out, r.errOut)
		}
		return s
	}
	must := func(name string, r cliRun, code int, want ...string) {
		t.Helper()
		if r.code != code {
			t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", name, r.code, code, r.out, r.errOut)
		}
		for _, w := range want {
			if !strings.Contains(r.out+r.errOut, w) {
				t.Errorf("%s: output lacks %q:\n%s%s", name, w, r.out, r.errOut)
			}
		}
	}

	must("v1", up("--source", "../../examples/blinky/v1"), ExitOK, "committed")
	v1 := statusOf().App.Version
	must("rollback with nothing kept", runCLI(t, ctx, "rollback", "--port", port), ExitBoard,
		"no previous version kept: update with --keep-previous")

	must("v2 --keep-previous", up("--source", "../../examples/blinky/v2", "--keep-previous"), ExitOK, "committed")
	s := statusOf()
	v2 := s.App.Version
	if v2 == v1 || s.Kept == nil || s.Kept.Version != v1 {
		t.Fatalf("after v2 with --keep-previous: app %s kept %+v, want %s kept", v2, s.Kept, v1)
	}
	if st := runCLI(t, ctx, "status", "--port", port); !strings.Contains(st.out, "kept:        "+v1) {
		t.Errorf("status does not show the kept version:\n%s", st.out)
	}

	must("rollback of the confirmed v2", runCLI(t, ctx, "rollback", "--port", port), ExitOK,
		"rolled back "+v2+" -> "+v1+", committed")
	s = statusOf()
	if s.Transaction.State != "idle" || s.App.Version != v1 || s.Kept == nil || s.Kept.Version != v2 {
		t.Fatalf("after the rollback: %+v, want idle on %s keeping %s", s, v1, v2)
	}
	// v1 exactly: its deleted file back, v2's additions gone.
	if _, err := os.Stat(filepath.Join(b.FlashDir(), "lib", "old_util.py")); err != nil {
		t.Errorf("v1's lib/old_util.py not back: %v", err)
	}
	for _, p := range []string{"assets/font.bin", "lib/patterns/morse.py"} {
		if _, err := os.Stat(filepath.Join(b.FlashDir(), filepath.FromSlash(p))); err == nil {
			t.Errorf("v2's %s still there after the rollback to v1", p)
		}
	}
	// The same v1 again is up to date: the board runs exactly it.
	must("v1 again", up("--source", "../../examples/blinky/v1"), ExitOK, "unchanged, already on "+v1)
}
