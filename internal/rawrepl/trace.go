package rawrepl

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"
)

// traceFlushAt is how much one direction buffers before it writes a line.
const traceFlushAt = 4096

// wireTrace writes the bytes going each way as escaped lines with the time
// since the connection opened. Secrets (the config token) are replaced
// before anything is written; because a secret can be split across writes
// (raw-paste sends at most one window at a time), each direction holds
// back a tail that could start a secret until the next bytes settle it.
type wireTrace struct {
	mu      sync.Mutex
	w       io.Writer
	start   time.Time
	secrets [][]byte
	dirs    [2]traceDir
}

type traceDir struct {
	buf   []byte
	first time.Time // when buf's first byte was seen
	last  time.Time // when the last bytes were added
}

// traceBurstGap splits one direction's bytes into separate lines when
// they were that far apart, so the trace shows the pauses between writes.
const traceBurstGap = 2 * time.Millisecond

const (
	dirOut = 0
	dirIn  = 1
)

func newWireTrace(w io.Writer, secrets []string) *wireTrace {
	t := &wireTrace{w: w, start: time.Now()}
	for _, s := range secrets {
		if len(s) < 4 {
			// Redacting 1-3 byte strings would blank out half the protocol
			// and such a "secret" protects nothing.
			continue
		}
		t.secrets = append(t.secrets, []byte(s))
	}
	return t
}

func (t *wireTrace) add(dir int, b []byte) {
	if t == nil || len(b) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	other := &t.dirs[1-dir]
	if len(other.buf) > 0 {
		t.emit(1-dir, false)
	}
	d := &t.dirs[dir]
	now := time.Now()
	if len(d.buf) > 0 && now.Sub(d.last) > traceBurstGap {
		t.emit(dir, false)
	}
	if len(d.buf) == 0 {
		d.first = now
	}
	d.last = now
	d.buf = append(d.buf, b...)
	if len(d.buf) >= traceFlushAt {
		t.emit(dir, false)
	}
}

// note writes an event line (state changes the bytes do not show).
func (t *wireTrace) note(format string, args ...any) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.emit(dirOut, true)
	t.emit(dirIn, true)
	msg := t.redact([]byte(fmt.Sprintf(format, args...)))
	fmt.Fprintf(t.w, "[%9.3fms] -- %s\n", ms(time.Since(t.start)), msg)
}

func (t *wireTrace) flush() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.emit(dirOut, true)
	t.emit(dirIn, true)
}

// emit writes the direction's buffer, all of it when final, else all but
// a tail that might be the start of a secret.
func (t *wireTrace) emit(dir int, final bool) {
	d := &t.dirs[dir]
	if len(d.buf) == 0 {
		return
	}
	cut := len(d.buf)
	if !final {
		// Hold back only a tail that could be the start of a secret, so
		// lines stay in wire order in the common case.
		cut = len(d.buf) - t.pendingPrefix(d.buf)
		// Never cut through a secret: move the cut to its start.
		for _, s := range t.secrets {
			for off := 0; off < len(d.buf); {
				i := bytes.Index(d.buf[off:], s)
				if i < 0 {
					break
				}
				st, en := off+i, off+i+len(s)
				if st < cut && cut < en {
					cut = st
				}
				off = en
			}
		}
		if cut <= 0 {
			return
		}
	}
	arrow := ">"
	if dir == dirIn {
		arrow = "<"
	}
	fmt.Fprintf(t.w, "[%9.3fms] %s %s\n", ms(d.first.Sub(t.start)), arrow, Escape(t.redact(d.buf[:cut])))
	rest := copy(d.buf, d.buf[cut:])
	d.buf = d.buf[:rest]
	d.first = time.Now()
}

// pendingPrefix is the length of the longest tail of b that is a proper
// prefix of a secret.
func (t *wireTrace) pendingPrefix(b []byte) int {
	hold := 0
	for _, s := range t.secrets {
		for k := min(len(s)-1, len(b)); k > hold; k-- {
			if bytes.HasSuffix(b, s[:k]) {
				hold = k
				break
			}
		}
	}
	return hold
}

func (t *wireTrace) redact(b []byte) []byte {
	for _, s := range t.secrets {
		if bytes.Contains(b, s) {
			b = bytes.ReplaceAll(b, s, []byte("[REDACTED]"))
		}
	}
	return b
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
