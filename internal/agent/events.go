package agent

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// EventPrefix starts every transaction event line the agent prints
// (docs/agent.md, "Events"): "OTA1 <nonce> <event> <json>". The digit is
// the event format's version.
const EventPrefix = "OTA1"

// EventKind names a transaction event.
type EventKind string

const (
	// EventTrial: a trial boot starts (Boot of Boots), before the app runs.
	EventTrial EventKind = "trial"
	// EventCommitted: the new version is confirmed and the transaction is
	// cleaned up (commit point 2 passed).
	EventCommitted EventKind = "committed"
	// EventRollback: the new version failed (Why, Trace); the restore
	// starts.
	EventRollback EventKind = "rollback"
	// EventRolledBack: the old version's files are whole again (Version);
	// the board resets into it next.
	EventRolledBack EventKind = "rolled_back"
	// EventAborted: an armed update was dropped before it ran.
	EventAborted EventKind = "aborted"
	// EventDeadline: a trial boot ran past its deadline unconfirmed; the
	// board resets and the next boot counts.
	EventDeadline EventKind = "deadline"
	// EventSafe: recovery kept failing; the agent stopped (Why).
	EventSafe EventKind = "safe"
	// EventHook: a bundle hook (Hook: post_update or rollback) starts;
	// the board ends it at Deadline seconds (1.6.0).
	EventHook EventKind = "hook"
)

// Event is one transaction event. Fields are set per Kind.
type Event struct {
	Nonce   string    `json:"-"`
	Kind    EventKind `json:"-"`
	Boot    int       `json:"boot,omitempty"`
	Boots   int       `json:"boots,omitempty"`
	Policy  Policy    `json:"policy,omitempty"`
	Version string    `json:"version,omitempty"`
	// After is the uptime policy's N in seconds, Deadline the board's
	// deadline per trial boot (0: none).
	After    float64 `json:"after,omitempty"`
	Deadline float64 `json:"deadline,omitempty"`
	Why      string  `json:"why,omitempty"`
	// Trace is the traceback of the exception that failed the version, its
	// last KiB.
	Trace string `json:"trace,omitempty"`
	// Hook names the hook an EventHook starts.
	Hook string `json:"hook,omitempty"`
}

// Final reports whether the event ends the transaction.
func (e Event) Final() bool {
	switch e.Kind {
	case EventCommitted, EventRolledBack, EventAborted, EventSafe:
		return true
	}
	return false
}

// ParseEvent reads one line of board output as an agent event (any
// nonce; the caller compares it with its own). A line that is not one,
// whatever it looks like, is ok=false.
func ParseEvent(line string) (Event, bool) {
	line = strings.TrimRight(line, "\r\n")
	rest, ok := strings.CutPrefix(line, EventPrefix+" ")
	if !ok {
		return Event{}, false
	}
	nonce, rest, ok := strings.Cut(rest, " ")
	if !ok || !validNonce(nonce) && nonce != "-" {
		return Event{}, false
	}
	kind, js, ok := strings.Cut(rest, " ")
	if !ok || kind == "" {
		return Event{}, false
	}
	var e Event
	d := json.NewDecoder(strings.NewReader(js))
	if err := d.Decode(&e); err != nil || d.More() {
		return Event{}, false
	}
	e.Nonce, e.Kind = nonce, EventKind(kind)
	return e, true
}

// NewNonce is a fresh transaction nonce for ArmSpec.Nonce: 12 hex digits,
// so a stale line of an earlier transaction never matches.
func NewNonce() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

func validNonce(n string) bool {
	if n == "" || len(n) > 32 {
		return false
	}
	for _, c := range n {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// MaxLine bounds one line of board output the Scanner keeps: a longer run
// without a newline is handed on in pieces of this size.
const MaxLine = 4096

// Line is one line of the board's output as the Scanner split it: an event
// of the transaction the scanner watches (Event set), or anything else
// (the app's output, an event of another transaction), in Text without
// its line ending.
type Line struct {
	Text  string
	Event *Event
}

// Scanner splits the board's output stream into lines and picks out the
// events of one transaction (Nonce). Not safe for concurrent use.
type Scanner struct {
	Nonce string
	buf   []byte
}

// Feed takes the next bytes of output and returns the lines it completed.
func (s *Scanner) Feed(b []byte) []Line {
	s.buf = append(s.buf, b...)
	var out []Line
	for {
		i := bytes.IndexByte(s.buf, '\n')
		if i < 0 {
			if len(s.buf) >= MaxLine {
				out = append(out, s.line(s.buf[:MaxLine]))
				s.buf = append(s.buf[:0], s.buf[MaxLine:]...)
				continue
			}
			return out
		}
		out = append(out, s.line(s.buf[:i]))
		s.buf = append(s.buf[:0], s.buf[i+1:]...)
	}
}

// AtPrompt reports whether the output so far ends in the friendly REPL's
// prompt: the board ran its boot.py and main.py to the end and waits for
// input.
func (s *Scanner) AtPrompt() bool {
	return string(s.buf) == ">>> "
}

// Flush returns what is left of an unfinished line (the port went away
// in the middle of it), if anything, and forgets it.
func (s *Scanner) Flush() []Line {
	if len(s.buf) == 0 {
		return nil
	}
	l := s.line(s.buf)
	s.buf = s.buf[:0]
	return []Line{l}
}

func (s *Scanner) line(b []byte) Line {
	t := strings.TrimRight(string(b), "\r")
	if e, ok := ParseEvent(t); ok && s.Nonce != "" && e.Nonce == s.Nonce {
		return Line{Text: t, Event: &e}
	}
	return Line{Text: t}
}

// Policy is a trial policy: when a version on trial counts as healthy and
// is confirmed (docs/agent.md, "Trial boot and confirmation").
type Policy string

const (
	// PolicyUptime: confirmed after running N seconds without an
	// exception or a reset, or when main.py returns without one.
	PolicyUptime Policy = "uptime"
	// PolicyReturn: confirmed when main.py returns without an exception.
	PolicyReturn Policy = "return"
	// PolicyApp: confirmed only by the app calling ota_agent.confirm().
	PolicyApp Policy = "app"
	// PolicyHost: confirmed by the host once it saw the trial run
	// healthy for N seconds.
	PolicyHost Policy = "host"
)

// Policies lists the valid trial policies, the default first.
var Policies = []Policy{PolicyUptime, PolicyReturn, PolicyApp, PolicyHost}

// ParsePolicy checks a policy name from a flag or a config file. "auto"
// (older configs) is uptime; "" is the default, uptime.
func ParsePolicy(s string) (Policy, error) {
	switch s {
	case "", "auto":
		return PolicyUptime, nil
	}
	for _, p := range Policies {
		if string(p) == s {
			return p, nil
		}
	}
	names := make([]string, len(Policies))
	for i, p := range Policies {
		names[i] = string(p)
	}
	return "", fmt.Errorf("unknown trial policy %q: use one of %s", s, strings.Join(names, ", "))
}

// DefaultUptime is the uptime policy's N when none is given: short, so a
// push at the desk ends quickly, and long enough that an app which fails
// at once (an import error, a crash in its setup) is caught first.
const DefaultUptime = 5 * time.Second

// DefaultDeadline is the board's deadline per trial boot for the
// policies that wait for a confirm (return, app, host): a version that
// never confirms is reset after it, and rolled back after its trial
// boots, host attached or not.
const DefaultDeadline = 60 * time.Second

// DefaultHookTimeout is the board's deadline for a bundle hook when neither
// the bundle nor the settings give one (ota_agent.HOOK_S); MaxHookTimeout
// the longest either may give (a hook is a step of the boot, not the app).
const (
	DefaultHookTimeout = 30 * time.Second
	MaxHookTimeout     = time.Hour
)

// DefaultTrialBoots is how many boots a version gets to prove itself.
const DefaultTrialBoots = 3
