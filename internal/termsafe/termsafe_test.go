package termsafe

import "testing"

func TestString(t *testing.T) {
	tests := []struct{ in, line, text string }{
		{"main.py", "main.py", "main.py"},
		{"héllo/ünï.py", "héllo/ünï.py", "héllo/ünï.py"},
		{"\x1b[2J\x1b]0;pwned\x07x.py", `\x1b[2J\x1b]0;pwned\x07x.py`, `\x1b[2J\x1b]0;pwned\x07x.py`},
		{"a\nb\tc\rd", `a\nb\tc\rd`, "a\nb\tc\\rd"},
		{"\u009b31m", `\x9b31m`, `\x9b31m`},
		{"evil\u202egnp.py", `evil\u202egnp.py`, `evil\u202egnp.py`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"del\x7f", `del\x7f`, `del\x7f`},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.line {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
		}
	}
}
