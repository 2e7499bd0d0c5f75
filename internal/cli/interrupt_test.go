//go:build unix

package cli

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestNotifyInterrupt sends real signals to this process: the first one
// cancels the context (a command stops at its safe point), the second one
// quits at once with ExitInterrupted.
func TestNotifyInterrupt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sigs  []syscall.Signal
		exits bool
	}{
		{"one Ctrl-C cancels and does not quit", []syscall.Signal{syscall.SIGINT}, false},
		{"a second Ctrl-C quits", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, true},
		{"a second SIGTERM quits", []syscall.Signal{syscall.SIGTERM, syscall.SIGTERM}, true},
		{"Ctrl-C then SIGTERM quits", []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errOut syncBuffer
			exited := make(chan int, 1)
			ctx, stop := NotifyInterrupt(context.Background(), &errOut, func(code int) { exited <- code })
			defer stop()

			if err := syscall.Kill(os.Getpid(), tc.sigs[0]); err != nil {
				t.Fatal(err)
			}
			<-ctx.Done() // bounded by the test timeout: a handler that never cancels fails here
			if len(tc.sigs) > 1 {
				if err := syscall.Kill(os.Getpid(), tc.sigs[1]); err != nil {
					t.Fatal(err)
				}
				if code := <-exited; code != ExitInterrupted {
					t.Fatalf("exit code %d, want %d", code, ExitInterrupted)
				}
			}
			stop()
			select {
			case code := <-exited:
				if !tc.exits {
					t.Fatalf("one signal quit the process (exit %d)", code)
				}
			default:
			}
			if !strings.Contains(errOut.String(), "press Ctrl-C again to quit now") {
				t.Errorf("first signal: stderr %q does not say how to quit at once", errOut.String())
			}
			if tc.exits != strings.Contains(errOut.String(), "quitting now") {
				t.Errorf("stderr %q", errOut.String())
			}
		})
	}
}

// TestNotifyInterruptStopCancels: stop releases the context too, so a
// caller that defers it leaks nothing.
func TestNotifyInterruptStopCancels(t *testing.T) {
	ctx, stop := NotifyInterrupt(context.Background(), &syncBuffer{}, func(int) { t.Error("exit called") })
	stop()
	stop() // idempotent
	if ctx.Err() == nil {
		t.Fatal("context still live after stop")
	}
}
