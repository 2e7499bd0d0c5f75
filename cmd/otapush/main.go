// Command otapush pushes verified MicroPython application bundles onto boards
// over the raw REPL. All behaviour lives in internal/cli; this file only wires
// the process (signals, streams, exit code) to it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/otapush/otapush/internal/cli"
)

func main() {
	// The first Ctrl-C cancels the context so commands can stop at a safe
	// point (leave raw mode, close the port); a second one kills as usual
	// because NotifyContext stops relaying after cancellation.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.System())
	stop()
	os.Exit(code)
}
