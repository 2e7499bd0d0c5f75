// Package boardfs works on a MicroPython board's files through the raw
// REPL alone (no agent): list, walk, read, write, remove, make folders.
// Paths travel as Python string literals (data, never code), are checked
// on the host first, and every read and write is verified by SHA-256 on
// both sides. It knows which names are the otapush agent's (from the
// firmware package) so commands can protect them; it never prints.
package boardfs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
)

// Kind is the class of a refused or failed file operation.
type Kind string

const (
	ErrNotExist Kind = "no such file or folder"
	ErrExist    Kind = "already exists"
	ErrIsDir    Kind = "is a folder"
	ErrNotDir   Kind = "is a file, not a folder"
	ErrNotEmpty Kind = "folder not empty"
	ErrFull     Kind = "the board's flash is full"
	ErrTooLarge Kind = "too large"
	ErrHash     Kind = "hash mismatch"
)

func (k Kind) Error() string { return string(k) }

// Error is a failed operation on one board path. errors.Is(err, ErrX)
// tells the kind.
type Error struct {
	Op   string // ls, read, write, rm, mkdir
	Path string // the board path, canonical
	Kind Kind
	Msg  string // details, may be empty
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s %s: %s", e.Op, e.Path, e.Kind)
	if e.Msg != "" {
		s += " (" + e.Msg + ")"
	}
	return s
}

func (e *Error) Is(target error) bool { k, ok := target.(Kind); return ok && k == e.Kind }

// Clean turns a board path as a user writes it ("lib/x.py", "/lib/x.py",
// ":lib/x.py" as mpremote writes it, "lib/") into its canonical absolute
// form ("/lib/x.py"; "/" for the root). It refuses what the app's own
// paths may not hold ('..', '.', empty segments, backslashes, control
// characters, invalid UTF-8, over-long names), checked on the raw string:
// such a name could mean another file on the board than the one typed.
func Clean(p string) (string, error) {
	rel := strings.TrimPrefix(p, ":")
	rel = strings.TrimPrefix(rel, "/")
	rel = strings.TrimSuffix(rel, "/")
	if rel == "" {
		return "/", nil
	}
	if err := manifest.CheckPath(rel, "board path"); err != nil {
		return "", err
	}
	return "/" + rel, nil
}

// Join is the board path of name inside folder dir (both canonical).
func Join(dir, name string) string {
	if dir == "/" {
		return "/" + name
	}
	return dir + "/" + name
}

// Protected says why a canonical board path is the otapush agent's ("" when
// it is not): its module, its folder, the app version record and the
// names under which it keeps the app's own boot.py and main.py (_app_*.py
// at the root, as the agent reserves them). boot.py and
// main.py themselves are the agent's only when they carry its marker
// (IsWrapper asks the board).
func Protected(p string) string {
	top, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	switch {
	case top == agent.StateDir:
		return "/" + agent.StateDir + " is the otapush agent's journal, staging and backup folder"
	case slices.Contains(agent.ModuleFiles(), top):
		return "/" + top + " is the otapush agent itself"
	case top == agent.VersionFile:
		return "/" + top + " is the otapush agent's record of the app version the board runs"
	}
	for _, w := range agent.Wrappers() {
		if top == w.App {
			return fmt.Sprintf("/%s is where the otapush agent keeps your app's own %s (its /%s runs it)", w.App, w.Name, w.Name)
		}
	}
	// The agent (and the bundle rules) reserve the whole pattern.
	if strings.HasPrefix(top, "_app_") && strings.HasSuffix(top, ".py") {
		return "/_app_*.py names are the otapush agent's (it keeps your app's own boot.py and main.py under them)"
	}
	return ""
}

// WrapperName reports whether a canonical path is one of the names the
// agent's boot files take (/boot.py, /main.py).
func WrapperName(p string) bool {
	for _, w := range agent.Wrappers() {
		if p == "/"+w.Name {
			return true
		}
	}
	return false
}

// Entry is one file or folder on the board.
type Entry struct {
	Path string // canonical
	Dir  bool
	Size int64 // bytes; 0 for a folder
}

// Name is the entry's last path segment ("/" for the root).
func (e Entry) Name() string {
	if e.Path == "/" {
		return "/"
	}
	return path.Base(e.Path)
}

// FS is a board's filesystem over one raw REPL connection; not safe for
// concurrent use (the connection is not).
type FS struct {
	c     *rawrepl.Conn
	chunk int
}

// New wraps an open connection.
func New(c *rawrepl.Conn) *FS { return &FS{c: c, chunk: 4096} }

// helpers are defined once per exec: the raw REPL starts every exec in the
// same globals, but a board reset between two calls would lose them.
const helpers = `import os, json
def _bf_j(d, n):
    return "/" + n if d == "/" else d + "/" + n
def _bf_e(p):
    s = os.stat(p)
    d = s[0] & 0x4000 != 0
    return [p, d, 0 if d else s[6]]
`

// exec runs code (after the helpers) with an output bound, mapping the
// board's OSErrors to Error for path p.
func (f *FS) exec(ctx context.Context, op, p, code string, maxOut int64) ([]byte, error) {
	var out bytes.Buffer
	err := f.c.ExecStreamLimits(ctx, strings.NewReader(helpers+code), &out, rawrepl.Limits{MaxOutput: maxOut})
	var be *rawrepl.BoardError
	if errors.As(err, &be) && be.Type == "OSError" {
		e := &Error{Op: op, Path: p}
		switch be.Errno {
		case rawrepl.ENOENT:
			e.Kind = ErrNotExist
		case rawrepl.EEXIST:
			e.Kind = ErrExist
		case rawrepl.EISDIR:
			e.Kind = ErrIsDir
		case rawrepl.ENOTDIR:
			e.Kind = ErrNotDir
		case rawrepl.ENOTEMPTY:
			e.Kind = ErrNotEmpty
		case rawrepl.ENOSPC:
			e.Kind = ErrFull
		default:
			return nil, fmt.Errorf("%s %s: %w", op, p, err)
		}
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, p, err)
	}
	return bytes.ReplaceAll(out.Bytes(), []byte("\r\n"), []byte("\n")), nil
}

// entries parses the JSON lines [path, dir, size] the board printed.
func entries(out []byte) ([]Entry, error) {
	var r []Entry
	for _, l := range bytes.Split(out, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		var v [3]json.RawMessage
		var e Entry
		if json.Unmarshal(l, &v) != nil || json.Unmarshal(v[0], &e.Path) != nil ||
			json.Unmarshal(v[1], &e.Dir) != nil || json.Unmarshal(v[2], &e.Size) != nil {
			return nil, fmt.Errorf("unexpected answer from the board: %.200q", l)
		}
		r = append(r, e)
	}
	return r, nil
}

// Stat describes one path.
func (f *FS) Stat(ctx context.Context, p string) (Entry, error) {
	out, err := f.exec(ctx, "stat", p, "print(json.dumps(_bf_e("+agent.PyStr(p)+")))\n", 0)
	if err != nil {
		return Entry{}, err
	}
	es, err := entries(out)
	if err != nil || len(es) != 1 {
		return Entry{}, fmt.Errorf("stat %s: unexpected answer %.200q", p, out)
	}
	return es[0], nil
}

// maxListing bounds what a listing may print: some 20,000 entries.
const maxListing = 4 << 20

// List is a folder's entries, sorted by name; a file lists as itself.
func (f *FS) List(ctx context.Context, p string) ([]Entry, error) {
	code := `_bf_p = ` + agent.PyStr(p) + `
_bf_s = _bf_e(_bf_p)
if _bf_s[1]:
    for _bf_n in sorted(e[0] for e in os.ilistdir(_bf_p)):
        print(json.dumps(_bf_e(_bf_j(_bf_p, _bf_n))))
else:
    print(json.dumps(_bf_s))
`
	out, err := f.exec(ctx, "ls", p, code, maxListing)
	if err != nil {
		return nil, err
	}
	return entries(out)
}

// Walk is p and everything below it, depth first, each folder's entries
// sorted by name, p itself first.
func (f *FS) Walk(ctx context.Context, p string) ([]Entry, error) {
	code := `def _bf_w(p):
    s = _bf_e(p)
    print(json.dumps(s))
    if s[1]:
        for n in sorted(e[0] for e in os.ilistdir(p)):
            _bf_w(_bf_j(p, n))
_bf_w(` + agent.PyStr(p) + `)
`
	out, err := f.exec(ctx, "walk", p, code, maxListing)
	if err != nil {
		return nil, err
	}
	return entries(out)
}

// readLine is the raw bytes per base64 line a read prints.
const readLine = 768

// Read returns a file's contents, at most max bytes (a larger file is
// refused before any is sent), verified against the SHA-256 the board
// computes as it reads.
func (f *FS) Read(ctx context.Context, p string, max int64) ([]byte, error) {
	st, err := f.Stat(ctx, p)
	if err != nil {
		return nil, err
	}
	if st.Dir {
		return nil, &Error{Op: "read", Path: p, Kind: ErrIsDir}
	}
	if max > 0 && st.Size > max {
		return nil, &Error{Op: "read", Path: p, Kind: ErrTooLarge, Msg: fmt.Sprintf("%d bytes, over the limit of %d", st.Size, max)}
	}
	code := `import binascii, hashlib
_bf_h = hashlib.sha256()
with open(` + agent.PyStr(p) + `, "rb") as _bf_f:
    while True:
        _bf_b = _bf_f.read(` + fmt.Sprint(readLine) + `)
        if not _bf_b:
            break
        _bf_h.update(_bf_b)
        print(binascii.b2a_base64(_bf_b).decode().strip())
print("#" + binascii.hexlify(_bf_h.digest()).decode())
`
	// The size may grow while we read; bound the answer by the limit.
	bound := st.Size
	if max > 0 {
		bound = max
	}
	out, err := f.exec(ctx, "read", p, code, 2*bound+8192)
	if err != nil {
		return nil, err
	}
	var data []byte
	sum := ""
	for _, l := range bytes.Split(out, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		if l[0] == '#' {
			sum = string(l[1:])
			continue
		}
		b, err := base64.StdEncoding.DecodeString(string(l))
		if err != nil {
			return nil, fmt.Errorf("read %s: unexpected answer from the board: %.100q", p, l)
		}
		data = append(data, b...)
	}
	got := sha256.Sum256(data)
	if sum != hex.EncodeToString(got[:]) {
		return nil, &Error{Op: "read", Path: p, Kind: ErrHash, Msg: "the board's SHA-256 " + sum + " differs from the bytes received; try again"}
	}
	if max > 0 && int64(len(data)) > max {
		return nil, &Error{Op: "read", Path: p, Kind: ErrTooLarge, Msg: fmt.Sprintf("over the limit of %d bytes", max)}
	}
	return data, nil
}

// TempName is where Write puts a file's bytes before it renames them over
// the target: at the root, so one name is ever left behind by a cut.
const TempName = "/.otapush-put.tmp"

// Write replaces (or creates) file p with data crash-safely: the bytes go
// to TempName, the board hashes them after close, and only a matching
// file is renamed over p (atomic on littlefs). A cut leaves p old or new,
// never half-written. The parent folder must exist.
func (f *FS) Write(ctx context.Context, p string, data []byte) error {
	t := agent.PyStr(TempName)
	for off, first := 0, true; off < len(data) || first; first = false {
		n := min(len(data)-off, f.chunk)
		mode := `"ab"`
		if first {
			mode = `"wb"`
		}
		code := "with open(" + t + ", " + mode + ") as _bf_f:\n    _bf_f.write(" + agent.PyBytes(data[off:off+n]) + ")\n"
		if _, err := f.exec(ctx, "write", p, code, 0); err != nil {
			return err
		}
		off += n
	}
	sum := sha256.Sum256(data)
	code := `import binascii, hashlib
_bf_h = hashlib.sha256()
with open(` + t + `, "rb") as _bf_f:
    while True:
        _bf_b = _bf_f.read(1024)
        if not _bf_b:
            break
        _bf_h.update(_bf_b)
_bf_g = binascii.hexlify(_bf_h.digest()).decode()
if _bf_g != ` + agent.PyStr(hex.EncodeToString(sum[:])) + `:
    os.remove(` + t + `)
    print(json.dumps({"ok": False, "sha256": _bf_g}))
else:
    try:
        os.rename(` + t + `, ` + agent.PyStr(p) + `)
        _bf_x = None
    except OSError as x:
        _bf_x = x
    if _bf_x:
        # FAT cannot rename over a file: remove it first.
        try:
            _bf_e(` + agent.PyStr(p) + `)
        except OSError:
            os.remove(` + t + `)
            raise _bf_x
        os.remove(` + agent.PyStr(p) + `)
        os.rename(` + t + `, ` + agent.PyStr(p) + `)
    print(json.dumps({"ok": True}))
`
	out, err := f.exec(ctx, "write", p, code, 0)
	if err != nil {
		return err
	}
	var r struct {
		OK     bool   `json:"ok"`
		SHA256 string `json:"sha256"`
	}
	if json.Unmarshal(bytes.TrimSpace(out), &r) != nil {
		return fmt.Errorf("write %s: unexpected answer %.200q", p, out)
	}
	if !r.OK {
		return &Error{Op: "write", Path: p, Kind: ErrHash, Msg: "the board holds SHA-256 " + r.SHA256 + " after the transfer; nothing was replaced, try again"}
	}
	return nil
}

// Remove removes file p, or folder p and everything in it when recursive
// (without it, a folder is refused with ErrIsDir).
func (f *FS) Remove(ctx context.Context, p string, recursive bool) error {
	code := `def _bf_r(p):
    if _bf_e(p)[1]:
        for e in list(os.ilistdir(p)):
            _bf_r(_bf_j(p, e[0]))
        os.rmdir(p)
    else:
        os.remove(p)
_bf_p = ` + agent.PyStr(p) + `
if _bf_e(_bf_p)[1] and not ` + pyBool(recursive) + `:
    raise OSError(21)
_bf_r(_bf_p)
`
	_, err := f.exec(ctx, "rm", p, code, 0)
	return err
}

// Mkdir makes folder p; with parents, also the missing folders above it,
// and an existing folder p is no error.
func (f *FS) Mkdir(ctx context.Context, p string, parents bool) error {
	code := `_bf_p = ` + agent.PyStr(p) + `
if ` + pyBool(parents) + `:
    _bf_q = ""
    for _bf_s in _bf_p.split("/")[1:]:
        _bf_q += "/" + _bf_s
        try:
            _bf_d = _bf_e(_bf_q)[1]
        except OSError:
            os.mkdir(_bf_q)
            continue
        if not _bf_d:
            raise OSError(20)
else:
    os.mkdir(_bf_p)
`
	_, err := f.exec(ctx, "mkdir", p, code, 0)
	return err
}

// IsWrapper reports whether canonical path p is one of the agent's boot
// files on this board: /boot.py or /main.py starting with its marker.
func (f *FS) IsWrapper(ctx context.Context, p string) (bool, error) {
	if !WrapperName(p) {
		return false, nil
	}
	code := `try:
    with open(` + agent.PyStr(p) + `) as _bf_f:
        print(1 if _bf_f.readline().startswith(` + agent.PyStr(agent.Marker) + `) else 0)
except Exception:
    print(0)
`
	out, err := f.exec(ctx, "read", p, code, 0)
	if err != nil {
		return false, err
	}
	return bytes.Equal(bytes.TrimSpace(out), []byte("1")), nil
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
