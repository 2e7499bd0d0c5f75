// Package termsafe neutralises text from elsewhere (file names and versions
// from a repository, text a board printed, error messages quoting either)
// before it reaches a terminal. An escape sequence in a file name could
// otherwise clear the screen, rewrite earlier lines, retitle the window or
// worse; a bidi override could make a name read as another. Control
// characters are shown as Go escapes (\x1b, \u202e), so nothing is lost
// and nothing is interpreted. JSON output does not need this: encoding/json
// escapes control characters itself.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String makes s safe as one field of one line: every control character,
// newline and tab included, is escaped.
func String(s string) string { return clean(s, false) }

// Text makes s safe as free text (a message): newlines and tabs stay, every
// other control character is escaped.
func Text(s string) string { return clean(s, true) }

func clean(s string, keepLines bool) string {
	if !needs(s, keepLines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafe(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needs(s string, keepLines bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || (unsafe(r) && !(keepLines && (r == '\n' || r == '\t'))) {
			return true
		}
		i += n
	}
	return false
}

// unsafe: C0 and C1 controls, DEL, and the bidi embedding, override and
// isolate characters that reorder what is displayed.
func unsafe(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
