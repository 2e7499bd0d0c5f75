package fleet_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
	"github.com/otapush/otapush/internal/update"
)

// TestRunHungBoardFailsAlone freezes one board's simulator (SIGSTOP) in
// the middle of its upload: the board stops answering but its port stays
// open, as a wedged board does. Its push fails on the exec timeout; the
// other two commit.
func TestRunHungBoardFailsAlone(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	reg := t.TempDir()
	opts := []simboard.Options{{}, {}, {Link: "usb-fs"}}
	bs := make([]*simboard.Board, len(opts))
	var wg sync.WaitGroup
	for i, o := range opts {
		o.RegistryDir, o.FlashDir = reg, t.TempDir()
		wg.Go(func() { bs[i] = simtest.StartT(t, o) })
	}
	wg.Wait()
	for _, b := range bs {
		if b == nil {
			t.FailNow()
		}
	}
	hung := bs[2]
	pid := hung.PID()
	if pid == 0 {
		t.Fatal("the simulated board is off")
	}
	// Runs before the board's own cleanup (LIFO): a stopped simulator
	// cannot power off cleanly.
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGCONT) })

	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 5))
	files := map[string]string{"main.py": "print('v1')\n"}
	for i := range 6 {
		var b strings.Builder
		for b.Len() < 12*1024 {
			fmt.Fprintf(&b, "H%d = '%016x'\n", b.Len(), rng.Uint64())
		}
		files[fmt.Sprintf("lib/h%d.py", i)] = b.String()
	}
	for p, c := range files {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := local.PlanDir(ctx, store, dir, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}

	l := &ports.Lister{SimDir: reg, Alive: simreg.Alive}
	var targets []fleet.Target
	for _, b := range bs {
		p, err := l.Resolve(ctx, b.Port())
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, fleet.Target{Spec: b.Port(), Port: p})
	}
	o := fleet.Options{
		Update: update.Options{Confirm: "return"},
		Dial: func(ctx context.Context, p ports.Port) (*rawrepl.Conn, error) {
			// Shorter than the default 30 s so the test does not wait that
			// long for the frozen board, long enough that a healthy one
			// starved on a busy machine is not taken for frozen.
			return rawrepl.Open(ctx, p, rawrepl.Options{ExecTimeout: 15 * time.Second, ReplyTimeout: 15 * time.Second,
				EnterAttempts: 10, ReconnectTimeout: 2 * time.Minute, Lister: l})
		},
	}
	var once sync.Once
	rep := fleet.Run(ctx, plan, store, targets, o, func(e fleet.Event) {
		if e.Board == 2 && e.Phase == update.PhaseVerified {
			once.Do(func() {
				if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
					t.Errorf("SIGSTOP: %v", err)
				}
			})
		}
	})
	if rep.Outcome != fleet.Partial || rep.Summary.Committed != 2 || rep.Summary.Failed != 1 {
		t.Fatalf("report: %+v", rep)
	}
	h := rep.Boards[2]
	if h.Outcome != fleet.Failed || h.Armed || (h.StoppedAt != "upload" && h.StoppedAt != "verified") || !errors.Is(h.Err, rawrepl.ErrTimeout) {
		t.Errorf("hung board: %+v", h)
	}
	for _, b := range rep.Boards[:2] {
		if b.Outcome != fleet.Committed {
			t.Errorf("%s: %+v", b.Port, b)
		}
	}
	t.Logf("hung board: %s", h.Error)
}
