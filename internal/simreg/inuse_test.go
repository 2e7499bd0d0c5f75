package simreg

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCleanStaleFlash: a temporary flash folder whose simulator died
// (SIGKILL: no cleanup) is removed at the next start; one whose owner
// lives, and one whose name carries no pid, are left alone.
func TestCleanStaleFlash(t *testing.T) {
	tmp := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	mk := func(name string) string {
		p := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(p, "lib"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk("otapush-flash-" + strconv.Itoa(dead.Process.Pid) + "-123")
	live := mk("otapush-flash-" + strconv.Itoa(os.Getpid()) + "-456")
	old := mk("otapush-flash-789")
	other := mk("something-else-1-2")
	if Alive(dead.Process.Pid) {
		t.Skip("the dead process's pid was reused")
	}
	removed, err := CleanStaleFlash(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != stale {
		t.Errorf("removed %v, want only %s", removed, stale)
	}
	for _, p := range []string{live, old, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s is still there", stale)
	}
}
