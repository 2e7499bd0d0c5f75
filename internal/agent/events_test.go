package agent

import (
	"strings"
	"testing"
)

func TestParseEvent(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want Event
	}{
		{`OTA1 0123abcd trial {"boot": 1, "boots": 3, "policy": "uptime", "version": "v2", "after": 5, "deadline": 0}`, true,
			Event{Nonce: "0123abcd", Kind: EventTrial, Boot: 1, Boots: 3, Policy: PolicyUptime, Version: "v2", After: 5}},
		{"OTA1 0123abcd committed {\"version\": \"v2\", \"policy\": \"app\"}\r", true,
			Event{Nonce: "0123abcd", Kind: EventCommitted, Version: "v2", Policy: PolicyApp}},
		{`OTA1 ff rollback {"why": "main.py raised ValueError: x", "trace": "Traceback (most recent call last):\n  File \"main.py\", line 1\nValueError: x\n"}`, true,
			Event{Nonce: "ff", Kind: EventRollback, Why: "main.py raised ValueError: x", Trace: "Traceback (most recent call last):\n  File \"main.py\", line 1\nValueError: x\n"}},
		{`OTA1 - rolled_back {"version": "v1", "why": null}`, true, Event{Nonce: "-", Kind: EventRolledBack, Version: "v1"}},
		// Not events, whatever they look like.
		{`OTA: COMMITTED`, false, Event{}},
		{`OTA1 0123abcd committed`, false, Event{}},
		{`OTA1 0123abcd committed {"version": "v2"} trailing`, false, Event{}},
		{`OTA1 0123abcd committed {"version": `, false, Event{}},
		{`OTA1 NOTHEX committed {}`, false, Event{}},
		{` OTA1 0123abcd committed {}`, false, Event{}},
		{`OTA2 0123abcd committed {}`, false, Event{}},
		{`print('OTA1 0123abcd committed {}')`, false, Event{}},
	}
	for _, tt := range tests {
		got, ok := ParseEvent(tt.line)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseEvent(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

// TestScannerPicksItsNonce: only events of the watched transaction are
// events; lines split across reads, CRLF, an old transaction's line and an
// app's look-alike are app output.
func TestScannerPicksItsNonce(t *testing.T) {
	s := Scanner{Nonce: "abc123"}
	in := "app line 1\r\nOTA1 abc1" + "23 trial {\"boot\": 1}\r\nOTA1 999999 committed {}\r\nOTA1 - committed {}\r\n" +
		"OTA1 abc123 committed {\"version\": \"v2\"}\r\npartial"
	var got []Line
	for i := 0; i < len(in); i += 7 {
		got = append(got, s.Feed([]byte(in[i:min(i+7, len(in))]))...)
	}
	got = append(got, s.Flush()...)
	var kinds []string
	for _, l := range got {
		if l.Event != nil {
			kinds = append(kinds, "event:"+string(l.Event.Kind))
		} else {
			kinds = append(kinds, l.Text)
		}
	}
	want := []string{"app line 1", "event:trial", "OTA1 999999 committed {}", "OTA1 - committed {}", "event:committed", "partial"}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", kinds, want)
	}
	// A line without an end is handed on in bounded pieces.
	long := strings.Repeat("x", 3*MaxLine+10)
	ls := s.Feed([]byte(long))
	if len(ls) != 3 || len(ls[0].Text) != MaxLine {
		t.Errorf("a %d-byte line came out as %d lines", len(long), len(ls))
	}
}

func TestParsePolicy(t *testing.T) {
	for in, want := range map[string]Policy{"": PolicyUptime, "auto": PolicyUptime, "uptime": PolicyUptime, "return": PolicyReturn, "app": PolicyApp, "host": PolicyHost} {
		if got, err := ParsePolicy(in); err != nil || got != want {
			t.Errorf("ParsePolicy(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParsePolicy("hots")
	if err == nil || !strings.Contains(err.Error(), "uptime, return, app, host") {
		t.Errorf("ParsePolicy(hots): %v", err)
	}
}

func TestNewNonce(t *testing.T) {
	a, b := NewNonce(), NewNonce()
	if a == b || !validNonce(a) || len(a) != 12 {
		t.Errorf("nonces %q %q", a, b)
	}
}

// TestScannerAtPrompt: only output that ends in the friendly REPL's
// prompt, however the reads split it, says the board waits for input.
func TestScannerAtPrompt(t *testing.T) {
	tests := []struct {
		reads []string
		want  bool
	}{
		{[]string{"\r\n>>> "}, true},
		{[]string{"OTA1 ab committed {}\r\nMicroPython v1.27.0\r\nType \"help()\" for more information.\r\n>", ">> "}, true},
		{[]string{"\r\n>>> ", "v2 up\r\n"}, false},
		{[]string{"\r\n>>> x"}, false},
		{[]string{"raw REPL; CTRL-B to exit\r\n>"}, false},
		{[]string{"app says >>> "}, false},
		{nil, false},
	}
	for _, tt := range tests {
		var s Scanner
		for _, r := range tt.reads {
			s.Feed([]byte(r))
		}
		if got := s.AtPrompt(); got != tt.want {
			t.Errorf("after %q: AtPrompt() = %v, want %v", tt.reads, got, tt.want)
		}
	}
}
