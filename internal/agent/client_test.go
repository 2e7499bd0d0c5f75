package agent

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/flate"
)

func TestReplyTypesAgentRefusals(t *testing.T) {
	tests := []struct {
		out  string
		want error
	}{
		{`{"ok":false,"err":"ENOSPC","msg":"full"}`, ErrFull},
		{"OTA: log\r\n{\"ok\":false,\"err\":\"hash\",\"msg\":\"x\"}\r\n", ErrHash},
		{`{"ok":false,"err":"busy","msg":"apply"}`, ErrBusy},
		{`{"ok":false,"err":"fat","msg":"no"}`, ErrFAT},
		{`{"ok":false,"err":"path","msg":"../x"}`, ErrPath},
		{`{"ok":false,"err":"missing","msg":"a.py"}`, ErrMissing},
		{"Traceback...\r\n", ErrNoAgent},
		{`{"ok":true,"n":3}`, nil},
	}
	for _, tt := range tests {
		err := parseReply("w", "lib/a.py", []byte(tt.out), nil)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%q: %v", tt.out, err)
			}
			continue
		}
		var be *Error
		if !errors.Is(err, tt.want) || !errors.As(err, &be) || be.Path != "lib/a.py" {
			t.Errorf("%q: got %v, want %v", tt.out, err, tt.want)
		}
		for _, other := range []Kind{ErrFull, ErrHash, ErrBusy} {
			if other != tt.want && errors.Is(err, other) {
				t.Errorf("%q also matches %v", tt.out, other)
			}
		}
	}
}

func TestJSONLinesKeepsOnlyAnswers(t *testing.T) {
	out := "OTA: TRIAL v2\r\n{\"ok\":true}\r\nnoise\r\n{\"ok\":true,\"h\":{}}\r\n"
	if got := jsonLines([]byte(out)); len(got) != 2 || string(got[1]) != `{"ok":true,"h":{}}` {
		t.Errorf("%q", got)
	}
}

func inflate(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEncodeCompressesOnlyWhenItPays(t *testing.T) {
	src := []byte(strings.Repeat("def f(x):\n    return x * 2  # python\n", 300))
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name      string
		o         Options
		in        []byte
		wantWBits int
	}{
		{"python source", Options{}, src, defaultWBits},
		{"custom window", Options{WBits: 10}, src, 10},
		{"incompressible", Options{}, random, 0},
		{"tiny", Options{}, []byte("x = 1\n"), 0},
		{"disabled", Options{NoCompress: true}, src, 0},
	}
	for _, tt := range tests {
		b := New(nil, tt.o)
		data, wbits, err := b.encode(tt.in)
		if err != nil || wbits != tt.wantWBits {
			t.Errorf("%s: wbits %d err %v, want %d", tt.name, wbits, err, tt.wantWBits)
			continue
		}
		if wbits == 0 {
			if !bytes.Equal(data, tt.in) {
				t.Errorf("%s: raw data changed", tt.name)
			}
			continue
		}
		if len(data)*3 > len(tt.in) || !bytes.Equal(inflate(t, data), tt.in) {
			t.Errorf("%s: %d bytes compressed to %d, or does not round-trip", tt.name, len(tt.in), len(data))
		}
	}
}

func TestSafePointOutlivesCancel(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	x, done := safePoint(parent)
	cancel()
	time.Sleep(20 * time.Millisecond)
	if x.Err() != nil {
		t.Fatal("the exec in flight was cut at once; it must get SafePointGrace")
	}
	done()
	if x.Err() == nil {
		t.Fatal("done did not end the exec context")
	}
}

func TestAffordFitsTheWindowToTheHeap(t *testing.T) {
	tests := []struct {
		name         string
		o            Options
		mem          int64
		wbits, chunk int
	}{
		{"roomy board keeps the default", Options{}, 180 << 10, defaultWBits, defaultChunk},
		{"a quarter of 40 KiB is an 8 KiB window and at most a 10 KiB chunk: 8 KiB", Options{}, 40 << 10, 13, 8192},
		// A 64 KB heap with the agent's ~35 KB resident leaves ~24 KB.
		{"64 KB heap board: 4 KiB window, 4 KiB chunks", Options{}, 24 << 10, 12, 4096},
		{"starved board still gets the smallest", Options{}, 1 << 10, 9, minChunk},
		{"never above what was asked", Options{WBits: 10, Chunk: 4096}, 1 << 20, 10, 4096},
		{"compression off stays off", Options{NoCompress: true}, 1 << 20, 0, defaultChunk},
		{"no heap figure: smallest window, chunk as asked", Options{}, 0, 9, defaultChunk},
	}
	for _, tt := range tests {
		b := New(nil, tt.o)
		b.Afford(tt.mem)
		if b.WBits() != tt.wbits || b.Chunk() != tt.chunk {
			t.Errorf("%s: wbits %d chunk %d, want %d %d", tt.name, b.WBits(), b.Chunk(), tt.wbits, tt.chunk)
		}
	}
}

// The journal as status() reports it decodes into typed fields: the wire
// names live in the json tags of Txn and in the State constants only.
func TestStatusDecodesTheJournal(t *testing.T) {
	out := `{"ok":true,"agent":"1.4.0","api":1,"state":"trial","txn":{"s":"trial","b":2,"ab":1,"g":1,"t":3,"e":"OSError: 5","why":"w","r":"aborted"},"last":{"r":"rolled_back","why":"x","from":{"version":"v1"},"to":{"version":"v2"}}}`
	var s Status
	if err := parseReply("status", "", []byte(out), &s); err != nil {
		t.Fatal(err)
	}
	want := Txn{State: StateTrial, Boots: 2, BootAborts: 1, GivenBack: 1, Tries: 3, Err: "OSError: 5", Why: "w", Result: ResultAborted}
	if s.State != StateTrial || s.Txn == nil || *s.Txn != want {
		t.Fatalf("state %q txn %+v, want %+v", s.State, s.Txn, want)
	}
	if s.Last == nil || s.Last.Result != ResultRolledBack || s.Last.To.Version != "v2" {
		t.Fatalf("last %+v", s.Last)
	}
}
