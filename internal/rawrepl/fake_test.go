package rawrepl

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// fakeBoard is a scripted MicroPython board behind a Transport. It reacts
// to the host's bytes the way pyexec.c does, emitting the exact bytes of
// the transcripts recorded in shared/notes (MicroPython 1.27 through the
// simulator, and 1.9.2 on QEMU), so the client is tested against the
// protocol rather than against its own expectations. Code "runs" through
// the run callback.
type fakeBoard struct {
	mu     sync.Mutex
	notify chan struct{}
	closed chan struct{}
	isShut bool

	out []byte // bytes waiting for the host

	// Configuration (set before use).
	old         bool // 1.9-era firmware: no raw-paste, "soft reboot", \x00 before banner on reset
	refusePaste bool // answer R\x00
	lateBanner  int  // emit this many stale raw banners before the next raw-paste answer
	lf          bool // stdout not cooked: \n instead of \r\n
	window      int
	lazyAcks    bool // release window credit only when the host blocks on a read
	maxRead     int  // cap per Read, 0 = unlimited
	abortAt     int  // abort raw-paste after this many data bytes (0 = never)
	silent      bool // a dead port: drops input, never answers
	dropWrites  int  // still booting: the first N writes are lost
	catchIntr   int  // main.py swallows this many KeyboardInterrupts
	disconnect  bool // Read fails with ErrDisconnected (after out drains)
	run         func(code string) (stdout, exc string, hang bool)

	// State.
	mode      string // friendly, raw, paste, discard, running, busy, hung
	line      []byte
	pasteRecv int
	granted   int
	acksSent  int
	pasteData []byte
	// Observations for assertions.
	violations []string
	writes     [][]byte
	pasteExecs int
	execs      []string
}

func newFake(mode string) *fakeBoard {
	return &fakeBoard{
		notify: make(chan struct{}, 1),
		closed: make(chan struct{}),
		window: 128,
		mode:   mode,
		run:    defaultRun,
	}
}

// defaultRun interprets the few statements the tests send.
func defaultRun(code string) (string, string, bool) {
	code = strings.TrimSpace(code)
	switch {
	case strings.HasPrefix(code, "print(") && strings.HasSuffix(code, ")"):
		arg := strings.Trim(code[len("print("):len(code)-1], `"'`)
		return arg + "\r\n", "", false
	case code == "1/0":
		return "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n", false
	case code == "open('nope')":
		return "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n", false
	case strings.HasPrefix(code, "full"):
		return "partial\r\n", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 3, in <module>\r\nOSError: [Errno 28] ENOSPC\r\n", false
	case code == "hang":
		return "", "", true
	case strings.HasPrefix(code, "s='") || strings.HasPrefix(code, "#"):
		return fmt.Sprintf("%d\r\n", len(code)), "", false
	}
	return "", "", false
}

const (
	fakeBanner    = "MicroPython v1.27.0 on 2025-12-10; Raspberry Pi Pico W with RP2040\r\nType \"help()\" for more information.\r\n>>> "
	fakeOldBanner = "MicroPython v1.9.2-34-gd64154c73 on 2017-09-01; micro:bit v1.0.1 with nRF51822\r\nType \"help()\" for more information.\r\n>>> "
)

func (f *fakeBoard) banner() string {
	if f.old {
		return fakeOldBanner
	}
	return fakeBanner
}

func (f *fakeBoard) emit(s string) {
	if f.lf {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	f.out = append(f.out, s...)
	select {
	case f.notify <- struct{}{}:
	default:
	}
}

func (f *fakeBoard) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.isShut {
		return 0, ErrDisconnected
	}
	f.writes = append(f.writes, append([]byte(nil), p...))
	if f.silent {
		return len(p), nil
	}
	if f.dropWrites > 0 {
		f.dropWrites--
		if f.dropWrites == 0 {
			// Boot finishes: banner, then main.py starts.
			f.emit(f.banner())
		}
		return len(p), nil
	}
	for i, c := range p {
		if f.input(c) {
			// TinyUSB empties its receive buffer on a Ctrl-C that
			// interrupts running code: the rest of this write is lost.
			_ = i
			break
		}
	}
	return len(p), nil
}

// input handles one byte; true means "drop the rest of this write".
func (f *fakeBoard) input(c byte) bool {
	switch f.mode {
	case "friendly":
		switch c {
		case ctrlC:
			f.line = f.line[:0]
			f.emit("\r\n>>> ")
		case ctrlA:
			f.mode, f.line = "raw", f.line[:0]
			f.emit("\r\nraw REPL; CTRL-B to exit\r\n>")
		case ctrlB:
			f.emit("\r\n" + f.banner())
		case ctrlD:
			if len(f.line) == 0 {
				f.emit("\r\n" + f.softReboot() + "\r\n" + f.banner())
			}
		case '\r':
			f.emit("\r\n>>> ")
			f.line = f.line[:0]
		default:
			f.line = append(f.line, c)
			f.emit(string(c))
		}
	case "raw":
		switch c {
		case ctrlA:
			if string(f.line) == "\x05A" {
				// A loaded host can read the answer to its handshake's
				// Ctrl-A only now, just before the raw-paste answer.
				for ; f.lateBanner > 0; f.lateBanner-- {
					f.emit("raw REPL; CTRL-B to exit\r\n>")
				}
			}
			if string(f.line) == "\x05A" && !f.old {
				f.line = f.line[:0]
				if f.refusePaste {
					f.emit("R\x00")
					return false
				}
				f.mode = "paste"
				f.pasteRecv, f.acksSent, f.pasteData = 0, 1, nil
				f.granted = 2 * f.window
				f.emit("R\x01" + string([]byte{byte(f.window), byte(f.window >> 8)}) + "\x01")
				return false
			}
			f.line = f.line[:0]
			f.emit("raw REPL; CTRL-B to exit\r\n>")
		case ctrlB:
			f.mode, f.line = "friendly", f.line[:0]
			f.emit("\r\n" + f.banner())
		case ctrlC:
			f.line = f.line[:0]
		case ctrlD:
			if len(f.line) == 0 {
				f.emit("OK\r\n" + f.softReboot() + "raw REPL; CTRL-B to exit\r\n>")
				return false
			}
			code := string(f.line)
			f.line = f.line[:0]
			f.emit("OK")
			f.execute(code)
		default:
			f.line = append(f.line, c)
		}
	case "paste":
		switch c {
		case ctrlD:
			f.emit("\x04")
			f.pasteExecs++
			f.mode = "raw"
			f.execute(string(f.pasteData))
		case ctrlC:
			f.emit("\x04\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nKeyboardInterrupt: \r\n\x04>")
			f.mode = "raw"
		default:
			f.pasteRecv++
			if f.pasteRecv > f.granted {
				f.violations = append(f.violations, fmt.Sprintf("byte %d sent with only %d granted", f.pasteRecv, f.granted))
			}
			f.pasteData = append(f.pasteData, c)
			if f.abortAt > 0 && f.pasteRecv == f.abortAt {
				f.emit("\x04")
				f.mode = "discard"
			}
			if !f.lazyAcks {
				f.releaseAcks()
			}
		}
	case "discard":
		if c == ctrlC || c == ctrlD {
			f.mode = "raw"
			f.emit("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 2\r\nSyntaxError: invalid syntax\r\n\x04>")
		}
	case "busy", "sleeping":
		if c == ctrlC {
			if f.catchIntr > 0 {
				f.catchIntr--
				f.emit("caught KeyboardInterrupt, carrying on\r\n")
				return true
			}
			f.mode = "friendly"
			f.emit("Traceback (most recent call last):\r\n  File \"main.py\", line 4, in <module>\r\nKeyboardInterrupt: \r\n" + f.banner())
			return true
		}
	case "echo":
		// A loopback or a modem: answers, but never like MicroPython.
		f.emit(string(c))
	case "hung":
		if c == ctrlC {
			f.mode = "raw"
			f.emit("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n\x04>")
			return true
		}
	}
	return false
}

// releaseAcks sends the \x01 the board owes for each window its reader
// consumed (here: everything received so far).
func (f *fakeBoard) releaseAcks() {
	for f.mode == "paste" && f.pasteRecv >= f.acksSent*f.window {
		f.acksSent++
		f.granted += f.window
		f.emit("\x01")
	}
}

func (f *fakeBoard) softReboot() string {
	if f.old {
		return "soft reboot\r\n"
	}
	return "MPY: soft reboot\r\n"
}

func (f *fakeBoard) execute(code string) {
	f.execs = append(f.execs, code)
	if strings.Contains(code, "machine.reset()") {
		if f.old {
			f.emit("\x00" + f.banner())
			f.mode = "friendly"
		} else {
			f.disconnect = true
			f.mode = "gone"
		}
		return
	}
	stdout, exc, hang := f.run(code)
	if hang {
		f.mode = "hung"
		return
	}
	f.emit(stdout + "\x04" + exc + "\x04>")
}

func (f *fakeBoard) Read(p []byte, timeout time.Duration) (int, error) {
	deadline := time.Now().Add(timeout)
	for {
		f.mu.Lock()
		if f.isShut {
			f.mu.Unlock()
			return 0, ErrDisconnected
		}
		if f.lazyAcks && timeout > 0 {
			f.releaseAcks()
		}
		if f.mode == "busy" && len(f.out) < 4096 {
			f.emit("tick\r\n")
		}
		if len(f.out) > 0 {
			n := len(f.out)
			if f.maxRead > 0 && n > f.maxRead {
				n = f.maxRead
			}
			n = copy(p, f.out[:n])
			f.out = f.out[n:]
			f.mu.Unlock()
			return n, nil
		}
		if f.disconnect {
			f.mu.Unlock()
			return 0, ErrDisconnected
		}
		f.mu.Unlock()
		left := time.Until(deadline)
		if left <= 0 {
			return 0, nil
		}
		t := time.NewTimer(left)
		select {
		case <-f.notify:
		case <-f.closed:
		case <-t.C:
		}
		t.Stop()
	}
}

func (f *fakeBoard) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.isShut {
		f.isShut = true
		close(f.closed)
	}
	return nil
}

// feed pushes host bytes and returns what the board answered at once.
func (f *fakeBoard) feed(s string) string {
	_, _ = f.Write([]byte(s))
	f.mu.Lock()
	defer f.mu.Unlock()
	out := string(f.out)
	f.out = nil
	return out
}

func (f *fakeBoard) wrote() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return bytes.Join(f.writes, nil)
}

// fakeEnum is an enumerator that shows one native-USB MicroPython board.
func fakeEnum(path, serial string) func() ([]*ports.Detail, error) {
	return func() ([]*ports.Detail, error) {
		return []*ports.Detail{{Name: path, IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: serial, Manufacturer: "MicroPython", Product: "Board in FS mode"}}, nil
	}
}
