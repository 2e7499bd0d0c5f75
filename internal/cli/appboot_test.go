package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// TestOwnBootPyNote: the first install over a board with its own boot.py
// keeps it running as /_app_boot.py; when the version has no boot.py the
// result says so once, with a command that removes it (and that command
// works). The next update says nothing more.
func TestOwnBootPyNote(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	flash := t.TempDir()
	if err := os.WriteFile(filepath.Join(flash, "boot.py"), []byte("print('own boot')\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := simtest.StartT(t, simboard.Options{FlashDir: flash})
	up := updater(t, ctx, b)
	r := up("--source", "../../examples/blinky/v1")
	if r.code != ExitOK {
		t.Fatalf("v1: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	const note = "note: the board's own boot.py was kept as /_app_boot.py and still runs at every boot"
	if strings.Count(r.out, note) != 1 || !strings.Contains(r.out, `otapush exec "import os; os.remove('/_app_boot.py')"`) {
		t.Fatalf("no note (once) on the first install:\n%s", r.out)
	}
	r = up("--source", "../../examples/blinky/v2")
	if r.code != ExitOK || strings.Contains(r.out, "note:") {
		t.Fatalf("v2: exit %d, the note again:\n%s%s", r.code, r.out, r.errOut)
	}
	if x := runCLI(t, ctx, "exec", "--port", b.Port(), "import os; os.remove('/_app_boot.py')"); x.code != ExitOK {
		t.Fatalf("the note's command: exit %d\n%s%s", x.code, x.out, x.errOut)
	}
	if _, err := os.Stat(filepath.Join(flash, "_app_boot.py")); !os.IsNotExist(err) {
		t.Errorf("/_app_boot.py still there: %v", err)
	}
}
