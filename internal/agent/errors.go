package agent

// Kind classes an agent refusal. The values are the agent's stable error
// codes, so errors.Is(err, agent.ErrFull) works on every *Error.
type Kind string

func (k Kind) Error() string { return "board agent: " + string(k) }

const (
	ErrFull    Kind = "ENOSPC"  // the board's flash is full
	ErrHash    Kind = "hash"    // what the board wrote does not hash to what the host sent
	ErrBusy    Kind = "busy"    // a transaction is in progress (resume or abort it)
	ErrFAT     Kind = "fat"     // non-atomic filesystem and the weak mode not chosen
	ErrPath    Kind = "path"    // a path the agent refuses (hostile or reserved)
	ErrMissing Kind = "missing" // arm names files neither staged nor live
	ErrState   Kind = "state"   // the call does not fit the transaction state
	ErrUpload  Kind = "upload"  // write without begin, or a mismatched finish
	ErrHook    Kind = "hook"    // a hook is not a file of the version
	ErrOS      Kind = "os"      // another OSError on the board
	// ErrNoPrev: rollback with nothing on trial and no previous version
	// kept.
	ErrNoPrev Kind = "noprev"
	// ErrDigest: arm by digest found files that are not the plan's; the
	// full form of arm says which.
	ErrDigest Kind = "digest"
	// ErrConfig: /.ota/config.json (or the settings sent to replace it)
	// breaks the agent's rules (1.5.1); the host rewrites it.
	ErrConfig Kind = "config"
	// ErrNoAgent: the board has no importable agent, one without the call
	// (older than this host: upgrade it), or an API this host does not
	// speak.
	ErrNoAgent Kind = "no agent"
)

// Error is one refused agent call: the agent's own refusal
// ({"ok":false,...}), or what the host makes of a call the agent could not
// answer (ErrNoAgent, ErrFull for an ENOSPC that escaped it).
type Error struct {
	Call string // agent function, e.g. "finish"
	Path string // app path the call was about, if any
	Code Kind
	Msg  string
}

func (e *Error) Error() string {
	s := "board: " + e.Call
	if e.Path != "" {
		s += " " + e.Path
	}
	return s + ": " + string(e.Code) + ": " + e.Msg
}

// Is makes errors.Is(err, agent.ErrFull) and friends work.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Code
}
