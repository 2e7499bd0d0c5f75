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
	ctx, cancel := context.WithTimeout(context.Background(), startTimeoutT(o))
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

func startTimeoutT(o Options) time.Duration {
	if o.StartTimeout > 0 {
		return o.StartTimeout + defaultStartTimeout
	}
	return 2 * defaultStartTimeout
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
