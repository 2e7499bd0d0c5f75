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
// come up and what one raw-REPL exchange costs (the calibration section
// checks the usb-fs model against real copy tools).
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
			target = "<= 4 ms (Pico: belay 4.17 ms)"
		}
		rows = append(rows, []string{"raw REPL round trip x=1 (median of 50)", link, ms(rt), target})
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

// benchConn is the smallest raw-REPL exchange the measurements need.
type benchConn struct {
	port serial.Port
	buf  []byte
}

func dialBench(path string) (*benchConn, error) {
	p, err := openSerial(path, 20*time.Millisecond)
	if err != nil {
		return nil, err
	}
	return &benchConn{port: p}, nil
}

// openSerial opens a board's port for the bench's own byte-level clients,
// reads returning after readTimeout without data.
func openSerial(path string, readTimeout time.Duration) (serial.Port, error) {
	p, err := serial.Open(path, &serial.Mode{BaudRate: 115200})
	if err != nil {
		return nil, err
	}
	if err := p.SetReadTimeout(readTimeout); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
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
