//go:build linux

package rawrepl

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// TestWriteSurvivesSignals: a tty write that blocks (a slow board's
// buffers are full) returns with part of the buffer sent when a signal
// reaches the thread; SIGCHLD from a finished child process (a simulator,
// a git command) is the everyday one. The client must send the rest, or
// the board waits for ever for code that never comes. Each burst here is
// larger than the pty can queue, against a reader that drains it slowly,
// while children exit all the time.
func TestWriteSurvivesSignals(t *testing.T) {
	master, slave := openPTY(t)
	t.Cleanup(func() { master.Close(); slave.Close() })
	tr, err := OpenSerial(slave.Name(), ports.KindSimulated)
	if err != nil {
		t.Fatal(err)
	}
	c := NewConn(tr, ports.Port{Path: slave.Name()}, Options{}.withDefaults())
	defer c.Close()

	const bursts, size = 8, 20000
	want := make([]byte, 0, bursts*size)
	for i := range bursts * size {
		want = append(want, byte('a'+i%26))
	}
	got := make(chan []byte, 1)
	go func() {
		var all []byte
		buf := make([]byte, 256)
		for len(all) < len(want) {
			// Bytes a write reported sent are in the kernel's queue already:
			// a long silence means they were never sent.
			_ = master.SetReadDeadline(time.Now().Add(10 * time.Second))
			n, err := master.Read(buf)
			all = append(all, buf[:n]...)
			if err != nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
		got <- all
	}()
	stop := make(chan struct{})
	children := make(chan int, 1)
	go func() {
		n := 0
		defer func() { children <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if exec.Command("true").Run() == nil {
				n++
			}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := range bursts {
		if err := c.write(ctx, want[i*size:(i+1)*size]); err != nil {
			t.Fatalf("burst %d: %v", i, err)
		}
	}
	all := <-got
	close(stop)
	t.Logf("%d children exited during the writes", <-children)
	if !bytes.Equal(all, want) {
		t.Fatalf("the pty got %d bytes, want %d (first difference at %d)", len(all), len(want), firstDiff(all, want))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
