package rawrepl

import (
	"context"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// FuzzReplyParser: any byte stream, cut anywhere, gives the same result as
// the whole stream, and the parser never claims more than it was given.
func FuzzReplyParser(f *testing.F) {
	for _, tc := range replyCases {
		f.Add([]byte(tc.data), uint8(3))
	}
	f.Add([]byte("\x04\x04\x04\x04>>>"), uint8(1))
	f.Add([]byte("OK\x00MicroPython v1.9.2\r\n>>> "), uint8(7))
	f.Add([]byte("\x04\x04raw REPL; CTRL-B to exit\r"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, step uint8) {
		whole := parseSplit(data)
		if whole.consumed > len(data) || whole.consumed < 0 {
			t.Fatalf("consumed %d of %d", whole.consumed, len(data))
		}
		s := int(step%16) + 1
		var cuts []int
		for i := s; i < len(data); i += s {
			cuts = append(cuts, i)
		}
		if got := parseSplit(data, cuts...); got != whole {
			t.Fatalf("split every %d: %+v, whole: %+v", s, got, whole)
		}
		_ = ParseTraceback(string(data))
		_ = indexRawBanner(data)
	})
}

// FuzzExecAgainstAnyReply: whatever a board (or a non-board) answers, an
// exec returns, within its deadlines, without panicking.
func FuzzExecAgainstAnyReply(f *testing.F) {
	f.Add([]byte("R\x01\x80\x00\x01"), []byte("\x04hi\r\n\x04\x04>"))
	f.Add([]byte("R\x00"), []byte("OKhi\x04\x04>"))
	f.Add([]byte("raw REPL; CTRL-B to exit\r\n>"), []byte("OK\x04Traceback\r\nOSError: 28\r\n\x04>"))
	f.Add([]byte("R\x01\x00\x00"), []byte{})
	f.Add([]byte("R\x01\x01\x00\x04"), []byte("\x04\x04SyntaxError\x04>"))
	f.Add([]byte("\xff\xfe"), []byte("\x01\x01\x01"))
	f.Fuzz(func(t *testing.T, header, reply []byte) {
		st := &scriptTransport{reads: [][]byte{header, reply}}
		opts := Options{ReplyTimeout: 20 * time.Millisecond, ExecTimeout: 20 * time.Millisecond, ClassicPause: time.Microsecond}
		c := NewConn(st, ports.Port{Path: "/dev/fuzz"}, opts)
		c.inRaw = true
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _ = c.Exec(context.Background(), "print('x')\n"+string(make([]byte, 0)))
		}()
		select {
		case <-done:
		case <-time.After(time.Minute): // a hang, not a slow machine
			t.Fatalf("exec hung on header %q reply %q", header, reply)
		}
	})
}
