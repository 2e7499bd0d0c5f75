package simboard

import (
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// ptyPair is one appearance of the board's serial port.
type ptyPair struct {
	master *os.File // pollable: Close unblocks a pending Read
	slave  *os.File // held open so the pty lives while no host has it open
	device string

	once sync.Once
}

// outputStall is how long the relay waits for a host that does not read
// before dropping output, like TinyUSB's CDC write timeout: a board whose
// host stopped reading keeps running instead of hanging.
const outputStall = 500 * time.Millisecond

func openPTY() (*ptyPair, error) {
	m, s, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("simboard: open pty: %w", err)
	}
	// A fresh pty cooks its input (echo, line buffering, CR/NL mapping);
	// a USB CDC port is a raw byte pipe. Hosts set raw mode themselves, but
	// bytes the board prints before that must not be echoed back to it.
	if _, err := term.MakeRaw(int(s.Fd())); err != nil {
		m.Close()
		s.Close()
		return nil, fmt.Errorf("simboard: raw mode: %w", err)
	}
	// creack/pty returns a blocking master; a blocking Read cannot be
	// interrupted by Close, so the port could never "disappear". A
	// non-blocking duplicate goes through Go's poller instead.
	fd, err := syscall.Dup(int(m.Fd()))
	if err == nil {
		err = syscall.SetNonblock(fd, true)
	}
	m.Close()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("simboard: pty master: %w", err)
	}
	syscall.CloseOnExec(fd)
	return &ptyPair{master: os.NewFile(uintptr(fd), "/dev/ptmx"), slave: s, device: s.Name()}, nil
}

func (p *ptyPair) write(b []byte) {
	for len(b) > 0 {
		p.master.SetWriteDeadline(time.Now().Add(outputStall))
		n, err := p.master.Write(b)
		b = b[n:]
		if err != nil {
			return // closed (unplugged) or the host is not reading: drop
		}
	}
}

// drainTimeout bounds how long a disappearing port waits for the host to
// read what the board sent before it went (USB would have delivered it).
const drainTimeout = 200 * time.Millisecond

// drain waits until the host has read everything queued on the port.
func (p *ptyPair) drain(timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		n, err := unix.IoctlGetInt(int(p.slave.Fd()), unix.TIOCINQ)
		if err != nil || n == 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (p *ptyPair) close() {
	p.once.Do(func() {
		p.master.Close()
		p.slave.Close()
	})
}

// pacer delays transfers through the link model: each transfer pays the
// latency once, bytes pay their serialisation time, and a transfer never
// overtakes the previous one.
type pacer struct {
	next time.Time // when the line is free again
}

func (p *pacer) wait(n int, latency, perByte time.Duration) {
	if latency == 0 && perByte == 0 {
		return
	}
	now := time.Now()
	start := now
	if p.next.After(start) {
		start = p.next
	}
	p.next = start.Add(time.Duration(n) * perByte)
	if d := p.next.Add(latency).Sub(now); d > 0 {
		time.Sleep(d)
	}
}
