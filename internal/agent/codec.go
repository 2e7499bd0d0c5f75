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
// base64 text), int, int64, bool, nil, []string or any value that JSON
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
		return pyStr(v), nil
	case []byte:
		return pyStr(b64(v)), nil
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
			return pyStr(strings.Join(v, "\x00")) + ".split('\\x00')", nil
		}
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = pyStr(s)
		}
		return "[" + strings.Join(q, ",") + "]", nil
	}
	b, err := json.Marshal(a)
	if err != nil {
		return "", err
	}
	return pyStr(string(b)), nil
}

// pyStr writes s as a single-quoted Python string literal that is pure
// printable ASCII: the raw REPL treats bytes 0x01-0x05 as controls, so no
// control byte may ever reach it inside a literal.
func pyStr(s string) string {
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
