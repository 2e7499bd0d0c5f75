package simboard

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// StartT starts a board for a test and closes it at cleanup. Unless the
// options say otherwise, the flash and the registry are in the test's temp
// dir, so parallel tests never see each other's boards.
//
// When node or the simulator's npm packages are missing the test is skipped
// with the install command, except under CI=true, where it fails: CI must
// never silently skip the board tests.
func StartT(t testing.TB, o Options) *Board {
	t.Helper()
	if o.FlashDir == "" {
		o.FlashDir = t.TempDir()
	}
	if o.RegistryDir == "" {
		o.RegistryDir = t.TempDir()
	}
	// Start bounds the boot by the simulator's progress; the test's own
	// deadline is the only wall clock here.
	ctx, cancel := ContextT(t)
	defer cancel()
	b, err := Start(ctx, o)
	if err != nil {
		var ni *NotInstalledError
		if errors.As(err, &ni) {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%v", err)
			}
			t.Skipf("%v", err)
		}
		t.Fatalf("start simulated board: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// ContextT is the context for a test's waits: it ends with the test, or a
// little before the test binary's -timeout would panic, so a stuck wait
// fails with its own message. It has no wall-clock deadline of its own: a
// busy machine makes a test slower, never wrong. Waits on a board are
// bounded by its progress (Patience), not by this context.
func ContextT(t testing.TB) (context.Context, context.CancelFunc) {
	ctx := t.Context()
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := d.Deadline(); ok {
			margin := min(time.Minute, time.Until(dl)/10)
			return context.WithDeadline(ctx, dl.Add(-margin))
		}
	}
	return context.WithCancel(ctx)
}

// Available reports whether a board can be started from here: nil, or a
// *NotInstalledError saying what to install.
func Available(picosimDir string) error {
	dir, err := FindPicosim(picosimDir)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath("node"); err != nil {
		return &NotInstalledError{What: "node", Hint: "install Node.js 20 or later (e.g. apt-get install nodejs npm), then run: " + InstallCommand(dir)}
	}
	if _, err := os.Stat(filepath.Join(dir, wasmPackage)); err != nil {
		return &NotInstalledError{What: "tools/picosim/node_modules", Hint: InstallCommand(dir)}
	}
	return nil
}

// RequireT skips (or, under CI=true, fails) a test that needs a board
// when the simulator cannot run here.
func RequireT(t testing.TB) {
	t.Helper()
	if err := Available(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v", err)
		}
		t.Skipf("%v", err)
	}
}
