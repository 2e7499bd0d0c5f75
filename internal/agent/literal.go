package agent

// PyStr is s as a Python string literal of printable ASCII: a path or name
// sent to the board as data, never as code (no quote or control byte in s
// can end the literal or reach the raw REPL).
func PyStr(s string) string { return pyStr(s) }

// PyBytes is b as a Python bytes literal that never carries a raw REPL
// control byte.
func PyBytes(b []byte) string { return pyBytes(b) }
