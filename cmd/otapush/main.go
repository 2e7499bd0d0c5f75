// Command otapush pushes verified MicroPython application bundles onto boards
// over the raw REPL. All behaviour lives in internal/cli; this file only wires
// the process (signals, streams, exit code) to it.
package main

import (
	"context"
	"os"

	"github.com/otapush/otapush/internal/cli"
)

func main() {
	ios := cli.System()
	// The first Ctrl-C cancels the context so commands stop at a safe point;
	// the second one quits at once.
	ctx, stop := cli.NotifyInterrupt(context.Background(), ios.ErrOut, os.Exit)
	code := cli.Main(ctx, os.Args[1:], ios)
	stop()
	os.Exit(code)
}
