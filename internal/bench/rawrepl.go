package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simreg"
)

// benchRawREPL pushes one 100 KB exec to a simulated board in each mode
// and link model: what raw-paste's flow control costs or saves against
// classic raw REPL with pyboard-style pacing (256 B per 10 ms), and
// against the unpaced classic raw REPL that otapush's uploads use where
// the board's input is lossless (rawrepl.ExecBulk).
func benchRawREPL(ctx context.Context, w io.Writer) error {
	const size = 100 * 1024
	body := strings.Repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", size/64)
	code := "s = '" + body + "'\nprint(len(s))\n"
	rows := [][]string{{"link", "mode", "payload B", "wire out B", "wire in B", "out/payload", "round trips", "flow waits", "wall ms", "KB/s"}}
	for _, link := range []string{"none", "usb-fs"} {
		for _, mode := range []string{"raw-paste", "classic", "bulk"} {
			r, err := benchOneExec(ctx, link, mode, code)
			if err != nil {
				return err
			}
			rows = append(rows, []string{
				link, mode, fmt.Sprint(len(code)), fmt.Sprint(r.st.BytesOut), fmt.Sprint(r.st.BytesIn),
				fmt.Sprintf("%.3f", float64(r.st.BytesOut)/float64(len(code))),
				fmt.Sprint(r.st.RoundTrips), fmt.Sprint(r.st.FlowWaits),
				fmt.Sprintf("%.0f", float64(r.wall)/float64(time.Millisecond)),
				fmt.Sprintf("%.1f", float64(len(code))/1024/r.wall.Seconds()),
			})
		}
	}
	table(w, rows)
	fmt.Fprintln(w, "(one exec each, measured after connecting; classic pacing 256 B / 10 ms as pyboard.py and mpremote;")
	fmt.Fprintln(w, "bulk: classic unpaced, as mpytool and otapush's uploads on native USB, where the board holds the host back)")
	return nil
}

type execResult struct {
	st   rawrepl.Stats
	wall time.Duration
}

func benchOneExec(ctx context.Context, link, mode, code string) (execResult, error) {
	tmp, err := os.MkdirTemp("", "otapush-bench-")
	if err != nil {
		return execResult{}, err
	}
	defer os.RemoveAll(tmp)
	b, err := simboard.Start(ctx, simboard.Options{Link: link, PasteStrict: true, FlashDir: tmp + "/flash", RegistryDir: tmp + "/reg"})
	if err != nil {
		return execResult{}, err
	}
	defer b.Close()
	l := &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
	p, err := l.Resolve(ctx, b.Port())
	if err != nil {
		return execResult{}, err
	}
	c, err := rawrepl.Open(ctx, p, rawrepl.Options{NoRawPaste: mode == "classic", Lister: l})
	if err != nil {
		return execResult{}, err
	}
	defer c.Close()
	before := c.Stats()
	start := time.Now()
	exec := c.Exec
	if mode == "bulk" {
		exec = c.ExecBulk
	}
	out, err := exec(ctx, code)
	wall := time.Since(start)
	if err != nil {
		return execResult{}, err
	}
	if strings.TrimSpace(string(out)) != fmt.Sprint(len(code)-len("s = ''\nprint(len(s))\n")) {
		return execResult{}, fmt.Errorf("board answered %q", out)
	}
	if v := b.PasteViolations(); v != 0 {
		return execResult{}, fmt.Errorf("raw-paste window exceeded by %d bytes", v)
	}
	return execResult{st: c.Stats().Sub(before), wall: wall}, nil
}
