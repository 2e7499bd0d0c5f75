package rawrepl

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// TestSilenceClock: with Options.Silence, how long the host waits for the
// board is the board's clock's business, never the wall clock's: a slow
// board past ReplyTimeout on the wall is still waited for, and a board
// whose clock says it is stuck fails at once however long ReplyTimeout.
func TestSilenceClock(t *testing.T) {
	matchOK := func(b []byte) int {
		if i := bytes.Index(b, []byte("OK")); i >= 0 {
			return i + 2
		}
		return -1
	}
	tests := []struct {
		name    string
		reply   time.Duration
		silence func(time.Duration) func() bool
		wantErr bool
	}{
		{"wall clock: past the timeout", time.Nanosecond, nil, true},
		{"board clock: slow, not stuck", time.Nanosecond, func(time.Duration) func() bool { return func() bool { return false } }, false},
		{"board clock: stuck", time.Hour, func(time.Duration) func() bool { return func() bool { return true } }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The answer comes after a few empty reads.
			tr := &scriptTransport{reads: [][]byte{{}, {}, {}, []byte("OK")}}
			c := NewConn(tr, ports.Port{Path: "test"}, Options{ReplyTimeout: tt.reply, Silence: tt.silence}.withDefaults())
			err := c.waitFor("OK after code", tt.reply, matchOK)
			var te *TimeoutError
			if tt.wantErr != (err != nil) || (err != nil && !errors.As(err, &te)) {
				t.Fatalf("waitFor = %v, want a timeout: %v", err, tt.wantErr)
			}
		})
	}
}

// TestPasteAnswerAfterLeftovers: on a loaded machine the handshake's late
// banner can still sit in front of the board's answer to the raw-paste
// request, its start already taken by an earlier match. The answer after
// the raw prompt is the answer; waiting for a whole banner would wait for
// ever.
func TestPasteAnswerAfterLeftovers(t *testing.T) {
	for _, tt := range []struct {
		name  string
		reads [][]byte
		paste bool
	}{
		{"cut banner, granted", [][]byte{[]byte("aw REPL; CTRL-B to exit\r\n>R\x01\x80\x00")}, true},
		{"cut banner, refused", [][]byte{[]byte("EPL; CTRL-B to exit\r\n>"), []byte("R\x00")}, false},
		{"whole banner, granted later", [][]byte{[]byte("raw REPL; CTRL-B to exit\r\n>"), []byte("R\x01\x80\x00")}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := &scriptTransport{reads: tt.reads}
			c := NewConn(tr, ports.Port{Path: "test"}, Options{ReplyTimeout: 2 * time.Second}.withDefaults())
			ok, err := c.requestPaste(t.Context())
			if err != nil || ok != tt.paste {
				t.Fatalf("requestPaste = %v, %v; want %v", ok, err, tt.paste)
			}
			if tt.paste && c.window != 128 {
				t.Errorf("window %d, want 128", c.window)
			}
		})
	}
}
