// Package firmware carries the on-board agent (ota_agent.py), its boot
// integration (boot.py, main.py) and its installer, embedded so the host
// installs exactly the agent it was built and tested with. It also holds
// the host half of the agent's wire format: how a call is written as
// Python source and how its one-line JSON answer is read back. It does no
// I/O; internal/board drives it over internal/rawrepl.
package firmware

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Version is the agent version embedded here; ota_agent.py's VERSION must
// match (a test checks it). The host upgrades a board whose agent is older.
const Version = "1.3.0"

// APIVersion is the agent's host-facing API version (ota_agent.API). The
// host refuses to drive an agent whose API it does not know.
const APIVersion = 1

// Paths of the agent's own files on the board. They are outside every app
// file set: a bundle may never contain them (the agent refuses it too).
const (
	AgentFile   = "ota_agent.py"
	BootFile    = "boot.py"
	MainFile    = "main.py"
	AppBootFile = "_app_boot.py" // the app's own boot.py, kept under the agent's
	AppMainFile = "_app_main.py" // the app's own main.py
	StateDir    = ".ota"
	VersionFile = "version.json"
)

// src is embedded at build time; embed needs a package-level variable and
// it is never written.
//
//go:embed ota_agent.py boot.py main.py install.py
var src embed.FS

// File is one agent file to install, in order.
type File struct {
	Name   string // path on the board, relative to the root
	Data   []byte
	SHA256 string
}

// Files returns the agent's files in the order a crash-safe install puts
// them: the agent module first (boot.py imports it), then boot.py, then
// main.py. Each is installed by the installer's temp + verify + rename.
func Files() []File {
	var out []File
	for _, n := range []string{AgentFile, BootFile, MainFile} {
		b, err := src.ReadFile(n)
		if err != nil {
			panic("firmware: embedded file missing: " + n) // a build defect
		}
		sum := sha256.Sum256(b)
		out = append(out, File{Name: n, Data: b, SHA256: hex.EncodeToString(sum[:])})
	}
	return out
}

// InstallScript is the Python the host execs once per session before an
// install or upgrade; it defines _oi_w, _oi_install and _oi_cfg (see
// InstallSteps).
func InstallScript() string {
	b, err := src.ReadFile("install.py")
	if err != nil {
		panic("firmware: embedded install.py missing")
	}
	return string(b)
}

// InstallSteps returns the execs that install or upgrade the agent after
// InstallScript ran: each file is streamed as base64 chunks of at most
// chunk bytes into /.ota/<name>.new, then verified and moved into place.
// The boot integration (boot.py, main.py) and the config (JSON text, may
// be empty) go first and the agent module last: the host decides to
// install by the version the agent module reports alone, so the module
// is what completes an install. An install cut short before it leaves the
// old agent (or none) reporting, and the next run does it all again; the
// agent's boot.py/main.py run the app's files when there is no agent to
// import. (The module first, a cut before the boot files left a current
// agent behind the app's own boot.py, which never applies an update.)
// Every step prints one JSON line; a step that fails leaves the board on
// its previous files.
func InstallSteps(chunk int, configJSON string) []string {
	if chunk <= 0 {
		chunk = 2048
	}
	var steps []string
	files := Files()
	files = append(files[1:], files[0]) // Files()[0] is the agent module
	for i, f := range files {
		if i == len(files)-1 && configJSON != "" {
			steps = append(steps, fmt.Sprintf("_oi_cfg(%s)", PyStr(configJSON)))
		}
		tmp := "/" + StateDir + "/" + f.Name + ".new"
		for off, first := 0, true; off < len(f.Data) || first; off, first = off+chunk, false {
			end := min(off+chunk, len(f.Data))
			a := 1
			if first {
				a = 0
			}
			steps = append(steps, fmt.Sprintf("_oi_w(%s,%s,%d)", PyStr(tmp), PyStr(b64(f.Data[off:end])), a))
		}
		steps = append(steps, fmt.Sprintf("_oi_install(%s,%s)", PyStr(f.Name), PyStr(f.SHA256)))
	}
	return steps
}

// NeedsInstall reports whether a board whose agent reports boardVersion
// (empty: no agent) must get this package's agent.
func NeedsInstall(boardVersion string) bool {
	if boardVersion == "" {
		return true
	}
	return compareVersions(boardVersion, Version) < 0
}

func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Call returns the Python statement that calls ota_agent.fn with args,
// importing the agent first. Arguments may be string, []byte (sent as
// base64 text), int, int64, bool, nil, []string or any value that JSON
// encodes (sent as JSON text, which the agent decodes where it takes a
// spec).
func Call(fn string, args ...any) (string, error) {
	var parts []string
	for _, a := range args {
		s, err := pyLiteral(a)
		if err != nil {
			return "", fmt.Errorf("firmware: argument of %s: %w", fn, err)
		}
		parts = append(parts, s)
	}
	return "import ota_agent\nota_agent." + fn + "(" + strings.Join(parts, ",") + ")\n", nil
}

func pyLiteral(a any) (string, error) {
	switch v := a.(type) {
	case nil:
		return "None", nil
	case string:
		return PyStr(v), nil
	case []byte:
		return PyStr(b64(v)), nil
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

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// AgentError is a refusal the agent answered with {"ok":false,...}.
type AgentError struct {
	Code string // stable: "busy", "fat", "path", "hash", "ENOSPC", "missing", "state", "upload", "hook", "os", ...
	Msg  string
}

func (e *AgentError) Error() string { return "board agent: " + e.Code + ": " + e.Msg }

// NoReplyError is output without the agent's JSON line (the agent is
// missing, or the call was cut off).
type NoReplyError struct{ Output string }

func (e *NoReplyError) Error() string {
	return fmt.Sprintf("board agent: no reply line in output %q", e.Output)
}

// ParseReply finds the agent's answer (the last output line that is a JSON
// object; "OTA: ..." lines before it are the agent's log) and decodes it
// into v. An {"ok":false} answer is returned as *AgentError.
func ParseReply(out []byte, v any) error {
	lines := strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "{") {
			continue
		}
		var head struct {
			OK  bool   `json:"ok"`
			Err string `json:"err"`
			Msg string `json:"msg"`
		}
		if err := json.Unmarshal([]byte(l), &head); err != nil {
			continue
		}
		if !head.OK {
			return &AgentError{Code: head.Err, Msg: head.Msg}
		}
		if v == nil {
			return nil
		}
		return json.Unmarshal([]byte(l), v)
	}
	return &NoReplyError{Output: string(out)}
}

// Status is the answer of status().
type Status struct {
	Agent  string `json:"agent"`
	API    int    `json:"api"`
	FS     string `json:"fs"`     // "lfs2", "lfs1", "fat", "posix" (simulator), "unknown"
	Atomic bool   `json:"atomic"` // renames are atomic (littlefs); false on FAT
	App    struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"app"`
	State  string         `json:"state"` // idle, apply, trial, rollback, restore, end, safe
	Txn    map[string]any `json:"txn,omitempty"`
	Last   *Outcome       `json:"last"`
	Staged int            `json:"staged"`
	BSize  int64          `json:"bsize"`
	Blocks int64          `json:"blocks"`
	BFree  int64          `json:"bfree"`
	// Mem is the free heap after a collection (agent 1.3.0; 0 from older
	// agents): the host sizes its deflate window by it.
	Mem int64 `json:"mem"`
	// Prev is the version kept with keep_previous (rollback() returns to
	// it when idle); nil when none is kept. Agents before 1.2.0 omit it.
	Prev *struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"prev"`
}

// Outcome is the last finished transaction (/.ota/last.json).
type Outcome struct {
	Result string `json:"r"` // "committed" or "rolled_back"
	Why    string `json:"why"`
	From   struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"from"`
	To struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"to"`
}

// FileHash is one file as the board sees it.
type FileHash struct {
	SHA256   string
	BlobSHA1 string // "" when the firmware has no sha1
	Size     int64
}

// Hashes is the answer of hashes(): nil for a path that is not there.
type Hashes map[string]*FileHash

// UnmarshalJSON reads {"h":{path:[sha256, sha1|null, size]|null}}.
func (h *Hashes) UnmarshalJSON(b []byte) error {
	var raw struct {
		H map[string]*[3]any `json:"h"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := Hashes{}
	for p, v := range raw.H {
		if v == nil {
			out[p] = nil
			continue
		}
		fh := &FileHash{}
		fh.SHA256, _ = v[0].(string)
		fh.BlobSHA1, _ = v[1].(string)
		if n, ok := v[2].(float64); ok {
			fh.Size = int64(n)
		}
		out[p] = fh
	}
	*h = out
	return nil
}

// ArmSpec is the argument of arm(): the whole target file set of the new
// version (every file, changed or not), the manifest's delete list and
// hooks, and the trial policy. Files not staged must already be on the
// board with that sha256.
type ArmSpec struct {
	Version    string            `json:"version"`
	Commit     string            `json:"commit,omitempty"`
	Source     string            `json:"source,omitempty"`
	Files      map[string]string `json:"files"` // app path -> sha256
	Delete     []string          `json:"delete,omitempty"`
	PostUpdate string            `json:"post_update,omitempty"`
	Rollback   string            `json:"rollback,omitempty"`
	// Confirm is the trial policy: "auto" (default: confirmed after
	// ConfirmAfterS seconds alive, or when main.py returns), "return"
	// (when main.py returns), "app" (only ota_agent.confirm() by the app)
	// or "host" (only the host's confirm after its health check).
	Confirm       string `json:"confirm,omitempty"`
	TrialBoots    int    `json:"trial_boots,omitempty"`
	ConfirmAfterS int    `json:"confirm_after_s,omitempty"`
	DeadlineS     int    `json:"deadline_s,omitempty"`
	// KeepPrevious keeps the replaced version's files (/.ota/prev) at
	// commit, so rollback() can revert the confirmed version later.
	KeepPrevious bool `json:"keep_previous,omitempty"`
}

// Digest is the arm digest of the spec's file set: the sha256 of
// "path\x00sha256\n" for each path in byte order. The agent (1.3.0)
// computes the same over what it has staged or live, so arm need not
// carry 64 hex characters a file to prove the set whole.
func (s ArmSpec) Digest() string {
	h := sha256.New()
	for _, p := range s.SortedPaths() {
		fmt.Fprintf(h, "%s\x00%s\n", p, s.Files[p])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CompactJSON is the spec as arm() takes it from agent 1.3.0: the paths
// and their Digest instead of each file's sha256. An agent whose files do
// not match answers "digest"; json.Marshal(spec), the full form, then
// tells which files.
func (s ArmSpec) CompactJSON() ([]byte, error) {
	return json.Marshal(struct {
		ArmSpec
		Files  map[string]string `json:"files,omitempty"` // shadows ArmSpec.Files
		Paths  []string          `json:"paths"`
		Digest string            `json:"digest"`
	}{ArmSpec: s, Paths: s.SortedPaths(), Digest: s.Digest()})
}

// SortedPaths returns the spec's file paths in order (for batched calls).
func (s ArmSpec) SortedPaths() []string {
	p := make([]string, 0, len(s.Files))
	for k := range s.Files {
		p = append(p, k)
	}
	sort.Strings(p)
	return p
}
