package cli

import (
	"encoding/json"
	"io"
	"strings"
)

// jsonVersion is the "version" every --json document carries at its top
// level. Fields are only ever added; renaming or removing one, or changing
// what it means, bumps it (docs/json.md).
const jsonVersion = 1

// errorDoc is what --json prints on stdout when a command fails before it
// could print its own document.
type errorDoc struct {
	Version int       `json:"version"`
	Error   errorJSON `json:"error"`
}

type errorJSON struct {
	Message  string `json:"message"`
	ExitCode int    `json:"exit_code"`
	Kind     string `json:"kind"`
}

// exitKind names an exit code's class, for scripts that would rather
// branch on a word than on a number.
func exitKind(code int) string {
	for _, e := range exitCodeDocs {
		if e.Code == code {
			return e.Kind
		}
	}
	return "error"
}

// writeJSON writes v as one indented JSON document. encoding/json escapes
// control characters, so foreign text (board output, file names) cannot
// drive the reader's terminal.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// wantsJSON reports whether the command line asked for --json. The parsed
// flag decides; when parsing stopped early (a usage error) the arguments
// themselves are read, so a script that asked for JSON gets JSON.
func wantsJSON(args []string, parsed func() (bool, bool)) bool {
	if v, ok := parsed(); ok {
		return v
	}
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json":
			return true
		case strings.HasPrefix(a, "--json="):
			v := strings.ToLower(strings.TrimPrefix(a, "--json="))
			return v == "true" || v == "1" || v == "t"
		}
	}
	return false
}

// countingWriter remembers whether a command printed anything on stdout:
// a command that already printed its document (a failed update's report)
// gets no second one.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
