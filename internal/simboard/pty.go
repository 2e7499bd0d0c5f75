package simboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// ptyPair is one appearance of the board's serial port.
type ptyPair struct {
	master *os.File // pollable: Close unblocks a pending Read
	slave  *os.File // held open so the pty lives while no host has it open
	device string

	once      sync.Once
	lastWrite atomic.Int64 // when output was last written to master (UnixNano)
}

// outputStall is how long the relay waits for a host that does not read
// before dropping output, like TinyUSB's CDC write timeout: a board whose
// host stopped reading keeps running instead of hanging.
const outputStall = 500 * time.Millisecond

func (p *ptyPair) write(b []byte) {
	defer p.lastWrite.Store(time.Now().UnixNano())
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
// It is generous because a host on a loaded machine may not get to its
// read for a few hundred milliseconds; it only costs time when nobody reads.
const drainTimeout = time.Second

// drain waits until the host has read everything queued on the port. A
// hangup discards unread input, so closing too early would lose the last
// bytes the board sent. Bytes written to the master reach the slave's queue
// a moment later (the kernel's flip buffer, pushed by a kernel worker that
// a loaded machine runs late), so an empty queue only counts once data was
// seen in it, or once flipGrace has passed since the last write.
func (p *ptyPair) drain(timeout time.Duration) {
	start := time.Now()
	seen := false
	for time.Since(start) < timeout {
		n, err := queued(p.slave)
		if err != nil {
			return
		}
		if n > 0 {
			seen = true
		} else if seen || time.Since(time.Unix(0, p.lastWrite.Load())) > flipGrace {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// flipGrace is how long after its last write the port may still have
// bytes on their way to the host's queue. 60 ms lost a board's last line
// before a reset at load 11.
const flipGrace = 300 * time.Millisecond

func (p *ptyPair) close() {
	p.once.Do(func() {
		p.master.Close()
		p.slave.Close()
	})
}

// pacer schedules transfers through the link model: each transfer pays the
// latency once, bytes pay their serialisation time, and a transfer never
// overtakes the previous one. Times are computed from when a transfer was
// read, so a relay that sleeps does not add latencies up.
type pacer struct {
	free time.Time // when the line has finished the previous transfer
}

func (p *pacer) deliverAt(at time.Time, n int, l Link, perByte time.Duration) time.Time {
	start := at
	if p.free.After(start) {
		start = p.free
	}
	p.free = start.Add(time.Duration(n) * perByte)
	return p.free.Add(l.Latency)
}

// chunk is one read from a relay source, stamped with its arrival, with
// the control events that were pending when it was read.
type chunk struct {
	data   []byte
	at     time.Time
	err    error
	events []event
}

// idlePoll bounds how long control events wait when the board prints
// nothing.
const idlePoll = 20 * time.Millisecond

// eventReads reads the simulator's stdout and, after every read (or every
// idlePoll), everything already written to its control pipe.
func eventReads(stdout, ctl *os.File) <-chan chunk {
	ch := make(chan chunk, 64)
	go func() {
		defer close(ch)
		var pending []byte
		ctlOpen := true
		drainCtl := func(block bool) []event {
			if !ctlOpen {
				return nil
			}
			buf := make([]byte, 4096)
			for {
				n, err := 0, error(nil)
				if block {
					n, err = ctl.Read(buf)
				} else {
					n, err = readNow(ctl, buf)
				}
				pending = append(pending, buf[:max(n, 0)]...)
				if err != nil {
					ctlOpen = false
					ctl.Close()
					break
				}
				if n <= 0 {
					break // nothing more right now
				}
			}
			var evs []event
			for {
				i := bytes.IndexByte(pending, '\n')
				if i < 0 {
					break
				}
				var ev event
				if json.Unmarshal(pending[:i], &ev) == nil {
					evs = append(evs, ev)
				}
				pending = pending[i+1:]
			}
			return evs
		}
		for {
			buf := make([]byte, 4096)
			stdout.SetReadDeadline(time.Now().Add(idlePoll))
			n, err := stdout.Read(buf)
			at := time.Now()
			if errors.Is(err, os.ErrDeadlineExceeded) {
				if evs := drainCtl(false); len(evs) > 0 {
					ch <- chunk{events: evs, at: at}
				}
				continue
			}
			evs := drainCtl(false)
			if err != nil {
				// The simulator is gone: its last events (a cut) follow.
				evs = append(evs, drainCtl(true)...)
			}
			ch <- chunk{data: buf[:n], at: at, err: err, events: evs}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// timedReads reads r in a goroutine so that arrival times are exact even
// while the consumer sleeps to model the link.
func timedReads(r io.Reader) <-chan chunk { return timedReadsSized(r, 64, 4096) }

// timedReadsSized reads up to size bytes at a time and queues up to depth
// reads ahead of the consumer.
func timedReadsSized(r io.Reader, depth, size int) <-chan chunk {
	ch := make(chan chunk, depth)
	go func() {
		defer close(ch)
		for {
			buf := make([]byte, size)
			n, err := r.Read(buf)
			ch <- chunk{data: buf[:n], at: time.Now(), err: err}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// minSleep is the shortest delay the link model sleeps for. A shorter
// sleep costs more than it models (timer granularity, and on a busy
// machine a wake-up can take milliseconds), so bytes that are due within
// it go out now; the pacer's clock still advances, so the debt is paid by
// the next longer sleep and the modelled rate holds.
const minSleep = time.Millisecond

// sleepUntil sleeps until t, unless t is less than minSleep away.
func sleepUntil(t time.Time) {
	if d := time.Until(t); d >= minSleep {
		time.Sleep(d)
	}
}
