//go:build linux

package rawrepl

import (
	"context"
	"errors"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/otapush/otapush/internal/ports"
)

// servePTY puts a fake board behind a real pty so the client runs through
// go.bug.st/serial exactly as on /dev/ttyACM0 (modem-line ioctls fail with
// ENOTTY there, which must not matter). It returns the port path and a
// function that pulls the plug.
// openPTY opens a pty pair whose master is pollable. A blocking read on
// the master would keep its fd open after Close (the runtime closes it
// only when the read returns), so the slave would never see the hangup. A
// non-blocking dup goes through the poller, whose Close wakes the read.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	ptmx, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	nfd, err := syscall.Dup(int(ptmx.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	ptmx.Close()
	if err := syscall.SetNonblock(nfd, true); err != nil {
		t.Fatal(err)
	}
	return os.NewFile(uintptr(nfd), "ptmx"), slave
}

func servePTY(t *testing.T, f *fakeBoard) (path string, unplug func()) {
	t.Helper()
	master, slave := openPTY(t)
	path = slave.Name()
	// The slave stays open here too: without an open slave, master reads
	// fail with EIO before the client opens the port.
	done := make(chan struct{})
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				_, _ = f.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		buf := make([]byte, 4096)
		for {
			select {
			case <-done:
				return
			default:
			}
			n, err := f.Read(buf, 20*time.Millisecond)
			if n > 0 {
				if _, werr := master.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	var once sync.Once
	unplug = func() {
		once.Do(func() {
			close(done)
			_ = f.Close()
			_ = slave.Close()
			_ = master.Close()
		})
	}
	t.Cleanup(unplug)
	return path, unplug
}

func TestSerialPTY(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, c *Conn, f *fakeBoard, unplug func())
	}{
		{"exec raw-paste and traceback", func(t *testing.T, c *Conn, f *fakeBoard, _ func()) {
			out, err := c.Exec(context.Background(), "print('over a pty')")
			if err != nil || string(out) != "over a pty\r\n" {
				t.Fatalf("%q %v", out, err)
			}
			if _, err := c.Exec(context.Background(), "full"); !IsENOSPC(err) {
				t.Fatalf("err = %v", err)
			}
			if !c.RawPaste() || len(f.violations) > 0 {
				t.Fatalf("paste %v violations %v", c.RawPaste(), f.violations)
			}
		}},
		{"cancel unblocks a read in the serial library", func(t *testing.T, c *Conn, _ *fakeBoard, _ func()) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			// Canceled, not the exec timeout: the cancel ended the read.
			_, err := c.Exec(ctx, "hang")
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v", err)
			}
		}},
		{"unplugged mid-exec", func(t *testing.T, c *Conn, _ *fakeBoard, unplug func()) {
			time.AfterFunc(100*time.Millisecond, unplug)
			// Disconnected, not the exec timeout: the unplug ended the read.
			_, err := c.Exec(context.Background(), "hang")
			if !errors.Is(err, ErrDisconnected) {
				t.Fatalf("err %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake("busy")
			path, unplug := servePTY(t, f)
			opts := fastOpts()
			opts.ExecTimeout = -1
			c, err := Open(context.Background(), ports.Port{Path: path, Kind: ports.KindNativeUSB}, opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer c.Close()
			tt.run(t, c, f, unplug)
		})
	}
}

func TestOpenSerialMissingPort(t *testing.T) {
	_, err := OpenSerial("/dev/otapush-no-such-port", ports.KindUnknown)
	if !errors.Is(err, ErrPortUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if _, statErr := os.Stat("/dev/otapush-no-such-port"); statErr == nil {
		t.Skip("the port exists on this machine")
	}
}

// TestOpenSerialIsExclusive: the port is opened in exclusive mode
// (TIOCEXCL, set by go.bug.st/serial), so another program's open fails
// with EBUSY while otapush has it. Root bypasses that; the port lock
// (ports.Lock) covers a second otapush run as root.
func TestOpenSerialIsExclusive(t *testing.T) {
	path, _ := servePTY(t, newFake("friendly"))
	tr, err := OpenSerial(path, ports.KindNativeUSB)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		if errors.Is(err, syscall.EBUSY) {
			tr.Close()
			return // not root: the exclusive open did its job
		}
		t.Fatal(err)
	}
	defer f.Close()
	excl, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGEXCL)
	if err != nil || excl != 1 {
		t.Fatalf("TIOCGEXCL = %d, %v; want 1 while otapush has the port", excl, err)
	}
	tr.Close()
	if excl, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGEXCL); err != nil || excl != 0 {
		t.Fatalf("TIOCGEXCL after close = %d, %v; want 0", excl, err)
	}
}
