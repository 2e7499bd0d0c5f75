package cli

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

// TestSimRefusesAFlashInUse: a second `otapush sim --flash DIR` on the
// folder of a running simulator is refused (exit 5) naming the process
// that holds it, and leaves the first one's registration and port alone.
func TestSimRefusesAFlashInUse(t *testing.T) {
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	flash, reg := t.TempDir(), t.TempDir()
	b := simtest.StartT(t, simboard.Options{FlashDir: flash, RegistryDir: reg})
	t.Setenv(simreg.EnvDir, reg)
	// A sim that starts anyway would run until cancelled: watch for it
	// taking the registration over, and stop it then.
	simCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan cliRun, 1)
	go func() { done <- runCLI(t, simCtx, "sim", "--flash", flash) }()
	var r cliRun
	for r.errOut == "" && r.code == 0 {
		select {
		case r = <-done:
			continue
		case <-time.After(50 * time.Millisecond):
		}
		if e, err := simreg.Read(reg, b.Serial()); err == nil && e.Device != b.Device() {
			stop()
			t.Fatalf("a second simulator started on the flash in use and took its registration over: %+v", <-done)
		}
	}
	if r.code != ExitBoard || !strings.Contains(r.errOut, "in use by the simulated board of process "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("exit %d, want %d and the holder's pid:\n%s%s", r.code, ExitBoard, r.out, r.errOut)
	}
	if e, err := simreg.Read(reg, b.Serial()); err != nil || e.Port != b.Port() {
		t.Errorf("the first board's registration: %+v %v", e, err)
	}
	if x := runCLI(t, ctx, "exec", "--port", b.Port(), "print(6*7)"); x.code != ExitOK || x.out != "42\n" {
		t.Errorf("the first board after the refusal: exit %d %q %s", x.code, x.out, x.errOut)
	}
}
