package rawrepl

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Error is the type of the package's sentinel errors. They are constants
// (not variables) so nothing can reassign them; test with errors.Is.
type Error string

func (e Error) Error() string { return string(e) }

const (
	// ErrNotMicroPython: the port answers (or not) but never with a raw
	// REPL banner.
	ErrNotMicroPython Error = "not a MicroPython board (no raw REPL banner)"
	// ErrTimeout: the board went silent longer than allowed.
	ErrTimeout Error = "board did not answer in time"
	// ErrDisconnected: the port went away (cable, reset, re-enumeration).
	ErrDisconnected Error = "port disconnected (the board reset or was unplugged)"
	// ErrPortUnavailable: the port could not be opened.
	ErrPortUnavailable Error = "port unavailable"
	// ErrProtocol: the board sent bytes the raw REPL never sends there.
	ErrProtocol Error = "raw REPL protocol error"
	// ErrBoardFull matches a *BoardError carrying ENOSPC.
	ErrBoardFull Error = "board filesystem full (ENOSPC)"
	// ErrNotFound matches a *BoardError carrying ENOENT.
	ErrNotFound Error = "no such file on the board (ENOENT)"
	// ErrControlByte: code handed to Exec contains \x01..\x04, which the
	// raw REPL would interpret; encode payloads as text.
	ErrControlByte Error = "code contains a raw REPL control byte (0x01-0x04); send binary data text-encoded"
	// ErrClosed: the connection was closed by the host.
	ErrClosed Error = "connection closed"
	// ErrPasteAborted: the board stopped a raw-paste transfer without an
	// exception to show for it.
	ErrPasteAborted Error = "board aborted the raw-paste transfer"
	// ErrOutputLimit: an exec printed more than its Limits.MaxOutput.
	ErrOutputLimit Error = "the board printed more than the exec allows"
)

// Errno values as MicroPython reports them (its errno module follows Linux).
const (
	ENOENT    = 2
	EIO       = 5
	EBADF     = 9
	EAGAIN    = 11
	ENOMEM    = 12
	EACCES    = 13
	EEXIST    = 17
	ENODEV    = 19
	ENOTDIR   = 20
	EISDIR    = 21
	EINVAL    = 22
	ENOSPC    = 28
	EROFS     = 30
	ENOTEMPTY = 39
	ETIMEDOUT = 110
)

// BoardError is an exception raised by code running on the board.
type BoardError struct {
	Type      string // exception class, e.g. "OSError", "ImportError"
	Message   string // text after "Type: ", as printed by the board
	Errno     int    // for OSError: the errno number, 0 when absent
	ErrnoName string // "ENOSPC" when the board printed the name
	Line      int    // line of the innermost frame, 0 when unknown
	Traceback string // the board's full exception text, line ends normalised to \n
	Stdout    []byte // what the code printed before it raised
}

func (e *BoardError) Error() string {
	if e.Message == "" {
		return "board raised " + e.Type
	}
	return "board raised " + e.Type + ": " + e.Message
}

// Is makes errors.Is(err, ErrBoardFull) and ErrNotFound work.
func (e *BoardError) Is(target error) bool {
	switch target {
	case ErrBoardFull:
		return e.Errno == ENOSPC
	case ErrNotFound:
		return e.Errno == ENOENT
	}
	return false
}

// Errno returns the OSError errno carried by err, if any.
func Errno(err error) (int, bool) {
	var be *BoardError
	if errors.As(err, &be) && be.Errno != 0 {
		return be.Errno, true
	}
	return 0, false
}

// IsENOSPC reports whether the board ran out of flash.
func IsENOSPC(err error) bool { return errors.Is(err, ErrBoardFull) }

// IsENOENT reports whether the board said a path does not exist.
func IsENOENT(err error) bool { return errors.Is(err, ErrNotFound) }

// IsEEXIST reports whether the board said a path already exists.
func IsEEXIST(err error) bool { n, ok := Errno(err); return ok && n == EEXIST }

// IsException reports whether err is a board exception of class typ.
func IsException(err error, typ string) bool {
	var be *BoardError
	return errors.As(err, &be) && be.Type == typ
}

// errnoNames maps the names MicroPython prints to numbers, for boards built
// without the errno string table that print only one of the two.
func errnoByName(name string) int {
	switch name {
	case "ENOENT":
		return ENOENT
	case "EIO":
		return EIO
	case "EBADF":
		return EBADF
	case "EAGAIN":
		return EAGAIN
	case "ENOMEM":
		return ENOMEM
	case "EACCES":
		return EACCES
	case "EEXIST":
		return EEXIST
	case "ENODEV":
		return ENODEV
	case "ENOTDIR":
		return ENOTDIR
	case "EISDIR":
		return EISDIR
	case "EINVAL":
		return EINVAL
	case "ENOSPC":
		return ENOSPC
	case "EROFS":
		return EROFS
	case "ENOTEMPTY":
		return ENOTEMPTY
	case "ETIMEDOUT":
		return ETIMEDOUT
	}
	return 0
}

func errnoName(n int) string {
	for _, name := range []string{"ENOENT", "EIO", "EBADF", "EAGAIN", "ENOMEM", "EACCES", "EEXIST", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENOSPC", "EROFS", "ENOTEMPTY", "ETIMEDOUT"} {
		if errnoByName(name) == n {
			return name
		}
	}
	return ""
}

// Regexps are compiled per call rather than held in package variables; a
// traceback is parsed at most once per failed exec, so the cost is nothing.
const (
	reErrnoBracket = `^\[Errno (\d+)\] ?([A-Z][A-Z0-9]*)?`
	reErrnoBare    = `^(-?\d+)$`
	reFrameLine    = `File "[^"]*", line (\d+)`
)

// ParseTraceback turns the exception text the board printed between the
// raw REPL's two \x04 markers into a *BoardError. It never fails: text it
// cannot read becomes Type "Exception" with the text as Message, so a
// caller always gets something typed to show.
func ParseTraceback(text string) *BoardError {
	norm := strings.ReplaceAll(text, "\r\n", "\n")
	norm = strings.ReplaceAll(norm, "\r", "\n")
	be := &BoardError{Traceback: norm}
	lines := strings.Split(strings.TrimRight(norm, "\n"), "\n")
	frame := regexp.MustCompile(reFrameLine)
	last := ""
	for _, l := range lines {
		if m := frame.FindStringSubmatch(l); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				be.Line = n
			}
			continue
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") ||
			strings.HasPrefix(l, "Traceback (most recent call last)") {
			continue
		}
		last = l
	}
	typ, msg, found := strings.Cut(last, ":")
	typ = strings.TrimSpace(typ)
	if !found {
		msg = ""
	}
	if typ == "" || strings.ContainsAny(typ, " ()'\"[]") {
		be.Type, be.Message = "Exception", strings.TrimSpace(norm)
		return be
	}
	be.Type = typ
	be.Message = strings.TrimSpace(msg)
	if be.Type == "OSError" || strings.HasSuffix(be.Type, "Error") {
		if m := regexp.MustCompile(reErrnoBracket).FindStringSubmatch(be.Message); m != nil {
			be.Errno, _ = strconv.Atoi(m[1])
			be.ErrnoName = m[2]
		} else if m := regexp.MustCompile(reErrnoBare).FindStringSubmatch(be.Message); m != nil && be.Type == "OSError" {
			be.Errno, _ = strconv.Atoi(m[1])
		} else if n := errnoByName(be.Message); n != 0 && be.Type == "OSError" {
			be.Errno, be.ErrnoName = n, be.Message
		}
		if be.Errno != 0 && be.ErrnoName == "" {
			be.ErrnoName = errnoName(be.Errno)
		}
		if be.Errno == 0 && be.ErrnoName != "" {
			be.Errno = errnoByName(be.ErrnoName)
		}
	}
	return be
}

// TimeoutError says what the host was waiting for when the board went
// silent, and the tail of what it had received, so "board hangs" reports
// are actionable.
type TimeoutError struct {
	Op       string
	After    time.Duration
	Received []byte // last bytes received while waiting (at most 200)
}

func (e *TimeoutError) Error() string {
	s := fmt.Sprintf("%s: board silent for %v", e.Op, e.After.Round(time.Millisecond))
	if len(e.Received) > 0 {
		s += "; last bytes " + Escape(e.Received)
	} else {
		s += "; nothing received"
	}
	return s
}

func (e *TimeoutError) Unwrap() error { return ErrTimeout }

// LimitError is an exec stopped at one of its Limits: it printed more than
// MaxOutput, or was still running (or still being sent) after Deadline.
// The host interrupted the code. A deadline overrun also matches
// ErrTimeout, so callers that handle a hung board handle this one too.
type LimitError struct {
	Op        string
	MaxOutput int64         // the bound that was hit, or 0
	Deadline  time.Duration // the deadline that passed, or 0
	Received  []byte        // last bytes received (at most 200)
}

func (e *LimitError) Error() string {
	var s string
	if e.MaxOutput > 0 {
		s = fmt.Sprintf("%s: the board printed more than %d bytes, the most this call allows; the code was interrupted", e.Op, e.MaxOutput)
	} else {
		s = fmt.Sprintf("%s: not finished within the call's total deadline (%v), however steadily the board kept sending; the code was interrupted", e.Op, e.Deadline.Round(time.Millisecond))
	}
	if len(e.Received) > 0 {
		s += "; last bytes " + Escape(e.Received)
	}
	return s
}

// Is matches ErrOutputLimit or ErrTimeout, by the limit that was hit.
func (e *LimitError) Is(target error) bool {
	if e.MaxOutput > 0 {
		return target == ErrOutputLimit
	}
	return target == ErrTimeout
}

// ProtocolError is an unexpected reply.
type ProtocolError struct {
	Op   string
	Want string
	Got  []byte
}

func (e *ProtocolError) Error() string {
	return fmt.Sprintf("%s: expected %s, got %s", e.Op, e.Want, Escape(e.Got))
}

func (e *ProtocolError) Unwrap() error { return ErrProtocol }

// HandshakeError is returned when the raw REPL could not be entered.
type HandshakeError struct {
	Attempts int
	Received []byte // tail of everything the port sent meanwhile
	Err      error  // ErrNotMicroPython, or the cause (timeout, disconnect)
}

func (e *HandshakeError) Error() string {
	s := fmt.Sprintf("could not enter the raw REPL after %d attempts: %v", e.Attempts, e.Err)
	if len(e.Received) > 0 {
		s += "; the port sent " + Escape(e.Received) +
			" (if this is a MicroPython board, its program may be ignoring Ctrl-C: press reset or replug it, then try again)"
	} else {
		s += "; the port sent nothing (wrong port, or the board is not running MicroPython)"
	}
	return s
}

func (e *HandshakeError) Unwrap() error { return e.Err }

// tail keeps the last n bytes of b, copied.
func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return append([]byte(nil), b...)
}

// Escape renders bytes for humans: printable ASCII as is, the rest as Go
// escapes, in double quotes.
func Escape(b []byte) string {
	var s strings.Builder
	s.WriteByte('"')
	for _, c := range b {
		switch {
		case c == '\\':
			s.WriteString(`\\`)
		case c == '"':
			s.WriteString(`\"`)
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\r':
			s.WriteString(`\r`)
		case c == '\t':
			s.WriteString(`\t`)
		case c >= 0x20 && c < 0x7f:
			s.WriteByte(c)
		default:
			fmt.Fprintf(&s, `\x%02x`, c)
		}
	}
	s.WriteByte('"')
	return s.String()
}
