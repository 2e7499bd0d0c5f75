package simboard_test

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// TestPatienceIsTheBoardsProgress: a wait on a board runs out on the
// board's CPU time, never because the machine is busy. A stopped
// simulator is the busiest machine there is: it gets no CPU at all, and
// a wait of 100 ms (of its CPU) must outlast two seconds of that. The
// same wait runs out on a board that computes without getting anywhere,
// and a board that uses no CPU for the stall window is called stuck.
func TestPatienceIsTheBoardsProgress(t *testing.T) {
	t.Parallel()
	t.Run("starved board", func(t *testing.T) {
		t.Parallel()
		b := simtest.StartT(t, simboard.Options{})
		pid := b.PID()
		if pid == 0 {
			t.Fatal("the simulated board is off")
		}
		wait := b.Patience(100 * time.Millisecond)
		if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		defer syscall.Kill(pid, syscall.SIGCONT)
		for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			if err := wait.Over(); err != nil {
				t.Fatalf("the wait ran out while the board got no CPU: %v", err)
			}
		}
	})
	t.Run("busy board", func(t *testing.T) {
		t.Parallel()
		b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte("x = 0\nwhile True:\n    x += 1\n")}})
		cpu0 := b.CPUTime()
		wait := b.Patience(300 * time.Millisecond)
		var err error
		for err == nil {
			time.Sleep(20 * time.Millisecond)
			err = wait.Over()
		}
		if !strings.Contains(err.Error(), "of CPU time") || b.CPUTime()-cpu0 < 300*time.Millisecond {
			t.Errorf("over with %v after %v of CPU", err, b.CPUTime()-cpu0)
		}
		// The clock keeps counting over power-ons.
		before := b.CPUTime()
		if err := b.Restart(t.Context()); err != nil {
			t.Fatal(err)
		}
		if after := b.CPUTime(); after < before {
			t.Errorf("CPU time went back from %v to %v at a restart", before, after)
		}
	})
	t.Run("stuck board", func(t *testing.T) {
		t.Parallel()
		b := simtest.StartT(t, simboard.Options{})
		pid := b.PID()
		if pid == 0 {
			t.Fatal("the simulated board is off")
		}
		if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		defer syscall.Kill(pid, syscall.SIGCONT)
		wait := b.Patience(time.Hour).WithStall(500 * time.Millisecond)
		var err error
		for err == nil {
			time.Sleep(20 * time.Millisecond)
			err = wait.Over()
		}
		if !strings.Contains(err.Error(), "no progress") {
			t.Errorf("over with %v", err)
		}
	})
	// A board at its prompt that waits for input the host never sends is
	// stuck too, although its wake-ups cost a trickle of CPU: with a CPU
	// budget alone such a wait would last for hours.
	t.Run("idle board", func(t *testing.T) {
		t.Parallel()
		b := simtest.StartT(t, simboard.Options{Link: "usb-fs"})
		const stall = 5 * time.Second
		wait := b.Patience(time.Hour).WithStall(stall)
		start := time.Now()
		var err error
		for err == nil {
			if time.Since(start) > 12*stall {
				t.Fatalf("an idle board still counts as making progress after %v (%v of CPU)", time.Since(start).Round(time.Second), wait.Used())
			}
			time.Sleep(50 * time.Millisecond)
			err = wait.Over()
		}
		if !strings.Contains(err.Error(), "no progress") {
			t.Errorf("over with %v", err)
		}
	})
}
