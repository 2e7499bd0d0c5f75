package agent

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyCall returns the Python statement that calls ota_agent.fn with args,
// importing the agent first. Arguments may be string, []byte (sent as
// a bytes literal, PyBytes), int, int64, bool, nil, []string or any value that JSON
// encodes (sent as JSON text, which the agent decodes where it takes a
// spec).
func pyCall(fn string, args ...any) (string, error) {
	var parts []string
	for _, a := range args {
		s, err := pyLiteral(a)
		if err != nil {
			return "", fmt.Errorf("agent: argument of %s: %w", fn, err)
		}
		parts = append(parts, s)
	}
	return "import ota_agent\nota_agent." + fn + "(" + strings.Join(parts, ",") + ")\n", nil
}

// maxListLiteral is the longest []string sent as a Python list display.
const maxListLiteral = 64

func pyLiteral(a any) (string, error) {
	switch v := a.(type) {
	case nil:
		return "None", nil
	case string:
		return PyStr(v), nil
	case []byte:
		return PyBytes(v), nil
	case bool:
		if v {
			return "True", nil
		}
		return "False", nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case []string:
		if len(v) > maxListLiteral {
			// A list display pushes every item on the frame's value stack
			// before it builds the list: thousands of paths exhaust a
			// board's stack ("pystack exhausted"). One string split on the
			// board costs no stack; paths never hold a NUL.
			return PyStr(strings.Join(v, "\x00")) + ".split('\\x00')", nil
		}
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = PyStr(s)
		}
		return "[" + strings.Join(q, ",") + "]", nil
	}
	b, err := json.Marshal(a)
	if err != nil {
		return "", err
	}
	return PyStr(string(b)), nil
}

// PyStr writes s as a single-quoted Python string literal that is pure
// printable ASCII: the raw REPL treats bytes 0x01-0x05 as controls, so no
// control byte may ever reach it inside a literal.
func PyStr(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// PyBytes writes b as a triple-quoted Python bytes literal that carries
// every byte as itself except the few the raw REPL or the lexer would act
// on: 0x00-0x05 (NUL, and the REPL's controls; Ctrl-C and Ctrl-D act even
// mid-paste), CR (the lexer turns it into LF), the backslash and the
// quote. MicroPython's lexer adds any other byte of a bytes literal as it
// is, so deflate output (near-random bytes) costs about 1.035 wire bytes a
// byte where base64 costs 1.333, and the board decodes nothing in Python:
// that is most of what brings a bundle of small files under 0.45 wire bytes
// per payload byte. Every byte on the wire stays a byte: a board link is
// 8-bit clean (USB CDC, and UARTs at 8N1).
func PyBytes(b []byte) string {
	var s strings.Builder
	s.Grow(len(b) + len(b)/16 + 8)
	s.WriteString("b'''")
	for i, c := range b {
		switch {
		case c <= 0x05:
			// Octal: \N is two characters, unless a digit follows that
			// would extend it.
			if i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7' {
				s.WriteString("\\00")
			} else {
				s.WriteByte('\\')
			}
			s.WriteByte('0' + c)
		case c == '\r':
			s.WriteString(`\r`)
		case c == '\\' || c == '\'':
			s.WriteByte('\\')
			s.WriteByte(c)
		default:
			s.WriteByte(c)
		}
	}
	s.WriteString("'''")
	return s.String()
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// parseReply finds the agent's answer to fn (the last output line that is
// a JSON object; "OTA: ..." lines before it are the agent's log) and
// decodes it into v. An {"ok":false} answer is its refusal, output with no
// answer at all ErrNoAgent; both as *Error about path.
func parseReply(fn, path string, out []byte, v any) error {
	lines := jsonLines(out)
	for i := len(lines) - 1; i >= 0; i-- {
		var head struct {
			OK  bool   `json:"ok"`
			Err string `json:"err"`
			Msg string `json:"msg"`
		}
		if err := json.Unmarshal(lines[i], &head); err != nil {
			continue
		}
		if !head.OK {
			return &Error{Call: fn, Path: path, Code: Kind(head.Err), Msg: head.Msg}
		}
		if v == nil {
			return nil
		}
		return json.Unmarshal(lines[i], v)
	}
	return &Error{Call: fn, Path: path, Code: ErrNoAgent, Msg: "no answer from the agent"}
}

// jsonLines splits output into its JSON-object lines ("OTA:" log lines
// dropped), each kept as its own output for parseReply.
func jsonLines(out []byte) [][]byte {
	var r [][]byte
	for _, l := range bytes.Split(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), []byte("\n")) {
		l = bytes.TrimSpace(l)
		if bytes.HasPrefix(l, []byte("{")) {
			r = append(r, l)
		}
	}
	return r
}
