package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.bug.st/serial"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simreg"
)

// simSection measures the simulated board itself: how long it takes to
// come up, what one raw-REPL exchange costs, and whether the usb-fs link
// model lands where a real Pico does for an mpremote-style copy.
func simSection(ctx context.Context, w io.Writer) error {
	rows := [][]string{{"measurement", "link", "result", "target"}}

	startup, err := medianOf(5, func() (time.Duration, error) { return benchStartup(ctx) })
	if err != nil {
		return err
	}
	rows = append(rows, []string{"spawn -> banner (median of 5)", "none", ms(startup), "-"})

	for _, link := range []string{"none", "usb-fs"} {
		rt, err := benchRoundTrip(ctx, link)
		if err != nil {
			return err
		}
		target := "-"
		if link == "usb-fs" {
			target = "~4 ms (Pico, belay)"
		}
		rows = append(rows, []string{"raw REPL round trip x=1 (median of 50)", link, ms(rt), target})
	}

	for _, link := range []string{"none", "usb-fs"} {
		kbps, err := benchMpremoteCopy(ctx, link)
		if err != nil {
			return err
		}
		target := "-"
		if link == "usb-fs" {
			target = "~13 KB/s (RP2040, mpremote cp)"
		}
		rows = append(rows, []string{"4x50 KB .py, 256 B/exec + 10 ms pause", link, fmt.Sprintf("%.1f KB/s", kbps), target})
	}
	table(w, rows)
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func medianOf(n int, f func() (time.Duration, error)) (time.Duration, error) {
	var ds []time.Duration
	for range n {
		d, err := f()
		if err != nil {
			return 0, err
		}
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], nil
}

func startBench(ctx context.Context, link string) (*simboard.Board, func(), error) {
	return startBenchOpts(ctx, simboard.Options{Link: link})
}

// startBenchOpts starts a board with o (its registry a fresh folder).
func startBenchOpts(ctx context.Context, o simboard.Options) (*simboard.Board, func(), error) {
	reg, err := os.MkdirTemp("", "otapush-bench-reg-")
	if err != nil {
		return nil, nil, err
	}
	o.RegistryDir = reg
	b, err := simboard.Start(ctx, o)
	if err != nil {
		os.RemoveAll(reg)
		return nil, nil, err
	}
	return b, func() { b.Close(); os.RemoveAll(reg) }, nil
}

// rawBench starts a board on link and returns a connection already in the
// raw REPL; done closes both.
func rawBench(ctx context.Context, link string) (*benchConn, func(), error) {
	b, done, err := startBench(ctx, link)
	if err != nil {
		return nil, nil, err
	}
	c, err := dialBench(b.Port())
	if err != nil {
		done()
		return nil, nil, err
	}
	if err := c.enterRaw(); err != nil {
		c.port.Close()
		done()
		return nil, nil, err
	}
	return c, func() { c.port.Close(); done() }, nil
}

func benchStartup(ctx context.Context) (time.Duration, error) {
	t0 := time.Now()
	b, done, err := startBench(ctx, "none")
	if err != nil {
		return 0, err
	}
	defer done()
	c, err := dialBench(b.Port())
	if err != nil {
		return 0, err
	}
	defer c.port.Close()
	if _, err := c.until(">>> ", 5*time.Second); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}

func benchRoundTrip(ctx context.Context, link string) (time.Duration, error) {
	c, done, err := rawBench(ctx, link)
	if err != nil {
		return 0, err
	}
	defer done()
	return medianOf(50, func() (time.Duration, error) {
		t0 := time.Now()
		_, err := c.exec("x=1")
		return time.Since(t0), err
	})
}

// benchMpremoteCopy copies four 50 KB Python files the way mpremote's
// `cp` does over the classic raw REPL: one exec per 256-byte chunk with a
// 10 ms pause, and returns payload KB/s.
func benchMpremoteCopy(ctx context.Context, link string) (float64, error) {
	c, done, err := rawBench(ctx, link)
	if err != nil {
		return 0, err
	}
	defer done()
	src := pythonSource(50 * 1024)
	t0 := time.Now()
	total := 0
	for i := range 4 {
		if _, err := c.exec(fmt.Sprintf("f=open('m%d.py','wb')\nw=f.write", i)); err != nil {
			return 0, err
		}
		for off := 0; off < len(src); off += 256 {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			chunk := src[off:min(off+256, len(src))]
			if _, err := c.exec("w(" + pyBytes(chunk) + ")"); err != nil {
				return 0, err
			}
			total += len(chunk)
			time.Sleep(10 * time.Millisecond)
		}
		if _, err := c.exec("f.close()"); err != nil {
			return 0, err
		}
	}
	return float64(total) / 1024 / time.Since(t0).Seconds(), nil
}

func pythonSource(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "def handler_%d(event, ctx):\n    \"\"\"Handle event %d.\"\"\"\n    return ctx.get('k%d', %d) * 2\n\n", i, i, i, i)
	}
	return b.Bytes()[:n]
}

// pyBytes renders data as a Python bytes literal.
func pyBytes(data []byte) string {
	var sb strings.Builder
	sb.WriteString("b'")
	for _, c := range data {
		switch {
		case c == '\\' || c == '\'':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\n':
			sb.WriteString(`\n`)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, `\x%02x`, c)
		}
	}
	sb.WriteString("'")
	return sb.String()
}

// benchConn is the smallest raw-REPL exchange the measurements need.
type benchConn struct {
	port serial.Port
	buf  []byte
}

func dialBench(path string) (*benchConn, error) {
	p, err := serial.Open(path, &serial.Mode{BaudRate: 115200})
	if err != nil {
		return nil, err
	}
	if err := p.SetReadTimeout(20 * time.Millisecond); err != nil {
		p.Close()
		return nil, err
	}
	return &benchConn{port: p}, nil
}

func (c *benchConn) until(marker string, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	tmp := make([]byte, 4096)
	for {
		if i := bytes.Index(c.buf, []byte(marker)); i >= 0 {
			s := string(c.buf[:i+len(marker)])
			c.buf = c.buf[i+len(marker):]
			return s, nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("bench: no %q within %v (got %q)", marker, timeout, c.buf)
		}
		n, err := c.port.Read(tmp)
		c.buf = append(c.buf, tmp[:n]...)
		if err != nil {
			return "", err
		}
	}
}

func (c *benchConn) enterRaw() error {
	if _, err := c.port.Write([]byte("\r\x03\x01")); err != nil {
		return err
	}
	_, err := c.until("raw REPL; CTRL-B to exit\r\n>", 5*time.Second)
	return err
}

func (c *benchConn) exec(code string) (string, error) {
	if _, err := c.port.Write([]byte(code + "\x04")); err != nil {
		return "", err
	}
	if _, err := c.until("OK", 5*time.Second); err != nil {
		return "", err
	}
	out, err := c.until("\x04", 5*time.Second)
	if err != nil {
		return "", err
	}
	exc, err := c.until("\x04>", 5*time.Second)
	if err != nil {
		return "", err
	}
	if exc != "\x04>" {
		return "", errors.New("bench: board raised: " + strings.TrimSuffix(exc, "\x04>"))
	}
	return strings.TrimSuffix(out, "\x04"), nil
}

// updateBench starts a simulated board on the USB full-speed link model and
// opens the raw REPL to it, with a scratch folder and a blob cache for the
// bundles a section pushes. done releases all of it.
func updateBench(ctx context.Context, section string) (*rawrepl.Conn, *cache.Cache, string, func(), error) {
	return updateBenchOpts(ctx, section, simboard.Options{Link: "usb-fs"})
}

// updateBenchOpts is updateBench on a board started with o.
func updateBenchOpts(ctx context.Context, section string, o simboard.Options) (*rawrepl.Conn, *cache.Cache, string, func(), error) {
	b, stop, err := startBenchOpts(ctx, o)
	if err != nil {
		return nil, nil, "", nil, err
	}
	l := &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
	p, err := l.Resolve(ctx, b.Port())
	if err != nil {
		stop()
		return nil, nil, "", nil, err
	}
	c, err := rawrepl.Open(ctx, p, rawrepl.Options{Lister: l})
	if err != nil {
		stop()
		return nil, nil, "", nil, err
	}
	done := func() {
		c.Close()
		stop()
	}
	tmp, err := os.MkdirTemp("", "otapush-bench-"+section+"-")
	if err != nil {
		done()
		return nil, nil, "", nil, err
	}
	done = func() {
		os.RemoveAll(tmp)
		c.Close()
		stop()
	}
	store, err := cache.New(filepath.Join(tmp, "cache"))
	if err != nil {
		done()
		return nil, nil, "", nil, err
	}
	return c, store, tmp, done, nil
}
