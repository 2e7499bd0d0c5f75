package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruptSignals are the signals that stop otapush: Ctrl-C and the
// SIGTERM a CI runner or service manager sends.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// NotifyInterrupt returns a context cancelled by the first Ctrl-C or
// SIGTERM, so every command can stop at its safe point (finish the exec in
// flight, leave raw mode, close the port). The second signal calls exit
// (os.Exit in production) with ExitInterrupted at once: a user who presses
// Ctrl-C twice wants the process gone, and the board is safe either way
// because it always boots a whole version (the fault suite kills the host
// after every step to prove it). signal.NotifyContext cannot do this: it
// keeps swallowing signals after the first until stop is called.
//
// stop releases the signal handler; after it, signals act as by default.
func NotifyInterrupt(parent context.Context, errOut io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, interruptSignals...)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n := 0
		for {
			select {
			case <-done:
				return
			case <-sigs:
				n++
				if n == 1 {
					fmt.Fprintln(errOut, "otapush: stopping at a safe point (press Ctrl-C again to quit now; the board keeps booting a whole version)")
					cancel()
					continue
				}
				fmt.Fprintln(errOut, "otapush: interrupted again: quitting now")
				exit(ExitInterrupted)
				return
			}
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
			wg.Wait()
			cancel()
		})
	}
}
