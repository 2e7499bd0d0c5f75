package rawrepl_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
)

// A file push as the update command does it: one streamed exec per chunk,
// the board's answer on stdout, ENOSPC recognised, wire cost measured.
// (No Output comment: it needs a board.)
func Example() {
	ctx := context.Background()
	port, err := ports.System().Resolve(ctx, "auto")
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // *ports.SelectError lists the candidates
		return
	}
	c, err := rawrepl.Open(ctx, port, rawrepl.Options{ExecTimeout: 30 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer c.Close() // leaves the raw REPL: the board is back at >>>

	before := c.Stats()
	code := strings.NewReader("f = open('data.b64', 'w')\nf.write('" + strings.Repeat("QUJD", 4096) + "')\nf.close()\nprint('ok')\n")
	var out strings.Builder
	switch err := c.ExecStream(ctx, code, &out); {
	case rawrepl.IsENOSPC(err):
		fmt.Println("board full")
	case err != nil:
		fmt.Println(err) // *rawrepl.BoardError carries class, message, errno, traceback
	}
	d := c.Stats().Sub(before)
	fmt.Println(out.String(), d.BytesOut, d.RoundTrips)

	// Reset, let boot.py/main.py run for up to 5 s, then take control again.
	boot, err := c.HardResetWait(ctx, rawrepl.BootWait{Max: 5 * time.Second, Until: func(b []byte) bool {
		return strings.Contains(string(b), "READY")
	}})
	fmt.Println(len(boot), err)
}
