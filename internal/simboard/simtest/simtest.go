// Package simtest starts simulated boards for tests. It is imported only by
// _test.go files, so the testing package never reaches the shipped binary
// (the Makefile's cross target checks it).
package simtest

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
)

// StartT starts a board for a test and closes it at cleanup. Unless the
// options say otherwise, the flash and the registry are in the test's temp
// dir, so parallel tests never see each other's boards.
//
// When node or the simulator's npm packages are missing the test is skipped
// with the install command, except under CI=true, where it fails: CI must
// never silently skip the board tests.
func StartT(t testing.TB, o simboard.Options) *simboard.Board {
	t.Helper()
	if o.FlashDir == "" {
		o.FlashDir = t.TempDir()
	}
	if o.RegistryDir == "" {
		o.RegistryDir = t.TempDir()
	}
	if o.NodeFlags == nil {
		o.NodeFlags = LeanNodeFlags()
	}
	// Start bounds the boot by the simulator's progress; the test's own
	// deadline is the only wall clock here.
	ctx, cancel := ContextT(t)
	defer cancel()
	b, err := simboard.Start(ctx, o)
	if err != nil {
		var ni *simboard.NotInstalledError
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

// LeanNodeFlags keep V8 on its baseline compilers. A test board lives for
// seconds: optimizing the interpreter's wasm (TurboFan) and the simulator's
// JavaScript costs more CPU than it saves in that time, and the suite is
// CPU-bound on the simulators (on a 2-core machine a sampled power-cut
// sweep took about a quarter less CPU with them). What the board does is
// the same; only host CPU changes.
func LeanNodeFlags() []string { return []string{"--liftoff-only", "--no-opt"} }

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

// RequireT skips (or, under CI=true, fails) a test that needs a board
// when the simulator cannot run here.
func RequireT(t testing.TB) {
	t.Helper()
	if err := simboard.Available(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v", err)
		}
		t.Skipf("%v", err)
	}
}
