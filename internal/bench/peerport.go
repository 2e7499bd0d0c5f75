package main

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"go.bug.st/serial"
)

// peerPort is a serial port as pyserial shows it to the copy tools the
// calibration reproduces: a receive buffer the OS fills in the background
// (inWaiting, blocking read(n)) under the tools' own read loops.
type peerPort struct {
	port serial.Port

	mu    sync.Mutex
	buf   []byte
	err   error
	fresh chan struct{} // closed and replaced whenever bytes arrive
	done  chan struct{}
}

// silence bounds every wait for the board: generous, because a loaded
// machine slows the simulated board down; the tools' own timeouts (10 s
// between bytes for mpremote) are in the same range.
const silence = 30 * time.Second

func openPeerPort(path string) (*peerPort, error) {
	p, err := openSerial(path, 50*time.Millisecond)
	if err != nil {
		return nil, err
	}
	pp := &peerPort{port: p, fresh: make(chan struct{}), done: make(chan struct{})}
	go pp.pump()
	return pp, nil
}

func (p *peerPort) pump() {
	defer close(p.done)
	tmp := make([]byte, 4096)
	for {
		n, err := p.port.Read(tmp)
		p.mu.Lock()
		p.buf = append(p.buf, tmp[:n]...)
		if err != nil {
			p.err = err
		}
		if n > 0 || err != nil {
			close(p.fresh)
			p.fresh = make(chan struct{})
		}
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (p *peerPort) Close() {
	p.port.Close()
	<-p.done
}

func (p *peerPort) write(b []byte) error {
	_, err := p.port.Write(b)
	return err
}

// inWaiting is pyserial's in_waiting: bytes received, not yet read.
func (p *peerPort) inWaiting() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.buf)
}

// discard drops what was received (mpremote's input flush).
func (p *peerPort) discard() {
	p.mu.Lock()
	p.buf = nil
	p.mu.Unlock()
}

// wait blocks until bytes beyond have are buffered, or d passes. It
// returns an error when the port failed or nothing came for silence.
func (p *peerPort) wait(have int, d time.Duration) error {
	p.mu.Lock()
	if len(p.buf) > have {
		p.mu.Unlock()
		return nil
	}
	if p.err != nil {
		err := p.err
		p.mu.Unlock()
		return err
	}
	ch := p.fresh
	p.mu.Unlock()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
	case <-t.C:
	}
	return nil
}

// read is pyserial's blocking read(n) (timeout=None): it returns once n
// bytes are there.
func (p *peerPort) read(n int) ([]byte, error) {
	last := time.Now()
	for {
		p.mu.Lock()
		if len(p.buf) >= n {
			out := append([]byte(nil), p.buf[:n]...)
			p.buf = p.buf[n:]
			p.mu.Unlock()
			return out, nil
		}
		have := len(p.buf)
		p.mu.Unlock()
		if time.Since(last) > silence {
			return nil, fmt.Errorf("no answer from the board for %v", silence)
		}
		if err := p.wait(have, 10*time.Millisecond); err != nil {
			return nil, err
		}
		if p.inWaiting() > have {
			last = time.Now()
		}
	}
}

// takeUntil removes and returns everything up to and including marker
// if it is buffered.
func (p *peerPort) takeUntil(marker []byte) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	i := bytes.Index(p.buf, marker)
	if i < 0 {
		return nil, false
	}
	out := append([]byte(nil), p.buf[:i+len(marker)]...)
	p.buf = p.buf[i+len(marker):]
	return out, true
}

// peek is what is buffered, for error messages.
func (p *peerPort) peek() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return string(p.buf[max(0, len(p.buf)-200):])
}
