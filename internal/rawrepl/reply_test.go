package rawrepl

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

type parsed struct {
	stdout     string
	exception  string
	consumed   int
	done       bool
	softReboot bool
}

// parseSplit feeds data to a fresh parser in pieces cut at the given
// offsets and reports the result.
func parseSplit(data []byte, cuts ...int) parsed {
	var out bytes.Buffer
	p := &replyParser{stdout: &out}
	consumed, prev := 0, 0
	cuts = append(cuts, len(data))
	for _, c := range cuts {
		if c < prev || c > len(data) {
			continue
		}
		piece := data[prev:c]
		prev = c
		n, done := p.feed(piece)
		consumed += n
		if done {
			break
		}
	}
	return parsed{out.String(), string(p.exception), consumed, p.stage == stageDone, p.softReboot}
}

var replyCases = []struct {
	name string
	data string
	want parsed
}{
	{"stdout only, CRLF", "hello\r\n\x04\x04>", parsed{"hello\r\n", "", 10, true, false}},
	{"stdout only, LF", "hello\n\x04\x04>", parsed{"hello\n", "", 9, true, false}},
	{"exception", "\x04Traceback (most recent call last):\r\nOSError: [Errno 28] ENOSPC\r\n\x04>", parsed{"", "Traceback (most recent call last):\r\nOSError: [Errno 28] ENOSPC\r\n", 67, true, false}},
	{"output then exception", "a\r\n\x04E\x04>", parsed{"a\r\n", "E", 7, true, false}},
	{"trailing bytes belong to the next exchange", "x\x04\x04>R\x01", parsed{"x", "", 4, true, false}},
	{"sys.exit soft reboot", "\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", parsed{"", "", 47, true, true}},
	{"old soft reboot, LF", "\x04\x04soft reboot\nraw REPL; CTRL-B to exit\n>", parsed{"", "", 40, true, true}},
	{"incomplete", "partial out\x04Trace", parsed{"partial out", "Trace", 17, false, false}},
	{"empty", "", parsed{"", "", 0, false, false}},
}

func TestReplyParserEveryBoundary(t *testing.T) {
	for _, tc := range replyCases {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			if got := parseSplit(data); got != tc.want {
				t.Fatalf("whole: got %+v, want %+v", got, tc.want)
			}
			for k := 0; k <= len(data); k++ {
				if got := parseSplit(data, k); got != tc.want {
					t.Fatalf("split at %d: got %+v, want %+v", k, got, tc.want)
				}
			}
			every := make([]int, len(data))
			for i := range every {
				every[i] = i
			}
			if got := parseSplit(data, every...); got != tc.want {
				t.Fatalf("byte by byte: got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestExecReplySplitAtEveryBoundary drives a whole exec through a Conn
// whose transport delivers the reply in two reads cut at every offset.
func TestExecReplySplitAtEveryBoundary(t *testing.T) {
	reply := "\x04out\r\n\x04Traceback (most recent call last):\r\nOSError: [Errno 28] ENOSPC\r\n\x04>"
	for k := 1; k < len(reply); k++ {
		st := &scriptTransport{reads: [][]byte{[]byte("R\x01\x80\x00\x01"), []byte(reply[:k]), []byte(reply[k:])}}
		c := NewConn(st, ports.Port{Path: "/dev/script"}, fastOpts())
		c.inRaw = true
		out, err := c.Exec(context.Background(), "x")
		if !IsENOSPC(err) || string(out) != "out\r\n" {
			t.Fatalf("split at %d: out %q err %v", k, out, err)
		}
	}
}

// scriptTransport replays fixed reads, one per Read call, then times out.
type scriptTransport struct {
	reads   [][]byte
	written bytes.Buffer
	closed  bool
}

func (s *scriptTransport) Read(p []byte, timeout time.Duration) (int, error) {
	if s.closed {
		return 0, ErrDisconnected
	}
	if len(s.reads) == 0 {
		time.Sleep(min(timeout, 5*time.Millisecond))
		return 0, nil
	}
	n := copy(p, s.reads[0])
	s.reads[0] = s.reads[0][n:]
	if len(s.reads[0]) == 0 {
		s.reads = s.reads[1:]
	}
	return n, nil
}

func (s *scriptTransport) Write(p []byte) (int, error) { return s.written.Write(p) }
func (s *scriptTransport) Close() error                { s.closed = true; return nil }

func TestParseTraceback(t *testing.T) {
	tests := []struct {
		text      string
		typ       string
		msg       string
		errno     int
		errnoName string
		line      int
	}{
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 3, in <module>\r\nOSError: [Errno 28] ENOSPC\r\n", "OSError", "[Errno 28] ENOSPC", 28, "ENOSPC", 3},
		{"Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nOSError: [Errno 2] ENOENT\n", "OSError", "[Errno 2] ENOENT", 2, "ENOENT", 1},
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: 28\r\n", "OSError", "28", 28, "ENOSPC", 1},
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: ENOSPC\r\n", "OSError", "ENOSPC", 28, "ENOSPC", 1},
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 2\r\nSyntaxError: invalid syntax\r\n", "SyntaxError", "invalid syntax", 0, "", 2},
		{"Traceback (most recent call last):\r\n  File \"main.py\", line 4, in <module>\r\nKeyboardInterrupt: \r\n", "KeyboardInterrupt", "", 0, "", 4},
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nImportError: no module named 'zlib'\r\n", "ImportError", "no module named 'zlib'", 0, "", 1},
		{"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n  File \"lib.py\", line 9, in f\r\nValueError: bad: value\r\n", "ValueError", "bad: value", 0, "", 9},
		{"MemoryError: memory allocation failed, allocating 4096 bytes\r\n", "MemoryError", "memory allocation failed, allocating 4096 bytes", 0, "", 0},
		{"garbage without structure (really)", "Exception", "garbage without structure (really)", 0, "", 0},
		{"", "Exception", "", 0, "", 0},
	}
	for _, tt := range tests {
		be := ParseTraceback(tt.text)
		if be.Type != tt.typ || be.Message != tt.msg || be.Errno != tt.errno || be.ErrnoName != tt.errnoName || be.Line != tt.line {
			t.Errorf("ParseTraceback(%q) = %+v", tt.text, be)
		}
		if strings.Contains(be.Traceback, "\r") {
			t.Errorf("traceback keeps CR: %q", be.Traceback)
		}
	}
	if err := error(ParseTraceback("OSError: [Errno 28] ENOSPC")); !errors.Is(err, ErrBoardFull) || !IsENOSPC(err) || IsENOENT(err) {
		t.Errorf("ENOSPC not recognisable as board full")
	}
}

func TestWireTraceRedacts(t *testing.T) {
	const token = "ghp_s3cr3tT0ken"
	tests := []struct {
		name   string
		pieces []string // alternating out/in chunks; out ones may split the token
	}{
		{"whole", []string{"tok='" + token + "'"}},
		{"split across writes with reads between", []string{"tok='ghp_s3", "\x01", "cr3tT0", "\x01", "ken'"}},
		{"one byte at a time", strings.Split("x"+token+"y", "")},
		{"twice in a big buffer", []string{strings.Repeat("a", 5000) + token + strings.Repeat("b", 4090) + token}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tr := newWireTrace(&buf, []string{token, "ab"})
			for i, p := range tt.pieces {
				dir := dirOut
				if p == "\x01" {
					dir = dirIn
				}
				_ = i
				tr.add(dir, []byte(p))
			}
			tr.flush()
			got := buf.String()
			for _, frag := range []string{token, "s3cr3t", "T0ken"} {
				if strings.Contains(got, frag) {
					t.Fatalf("trace shows %q:\n%s", frag, got)
				}
			}
			if !strings.Contains(got, "[REDACTED]") {
				t.Fatalf("nothing redacted:\n%s", got)
			}
		})
	}
}

func TestExecTraceNeverShowsToken(t *testing.T) {
	const token = "ghp_0123456789abcdef"
	f := newFake("friendly")
	f.window = 8 // the token cannot fit in one write
	var trace bytes.Buffer
	opts := fastOpts()
	opts.Trace, opts.Redact = &trace, []string{token}
	c := connect(t, f, opts)
	if _, err := c.Exec(context.Background(), "print('"+token+"')"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if strings.Contains(trace.String(), token) || !strings.Contains(trace.String(), "[REDACTED]") {
		t.Fatalf("trace:\n%s", trace.String())
	}
	if !strings.Contains(trace.String(), `> "\x05A\x01"`) || !strings.Contains(trace.String(), `< "R\x01\x08\x00\x01`) {
		t.Errorf("trace lacks the raw-paste bytes:\n%s", trace.String())
	}
}
