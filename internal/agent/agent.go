// Package agent is the one owner of the on-board agent's protocol
// (firmware/ota_agent.py, docs/agent.md): the embedded agent and its
// installer, how a call is written as Python source and its one-line JSON
// answer read back, the typed answers and journal states, the one error
// type for the agent's refusals, and the Client that drives all of it over
// a raw REPL connection. It knows nothing about plans or versions of the
// app; internal/update orchestrates it.
package agent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"

	"github.com/otapush/otapush/firmware"
)

// Version is the version of the embedded agent; ota_agent.py's VERSION must
// match (a test checks it). The host upgrades a board whose agent is older.
const Version = "1.8.0"

// APIVersion is the agent's host-facing API version (ota_agent.API). The
// host refuses to drive an agent whose API it does not know.
const APIVersion = 1

// Paths of the agent's own files on the board. They are outside every app
// file set: a bundle may never contain them (the agent refuses it too).
const (
	AgentFile = "ota_agent.py"
	// AgentMPYFile is the agent module as bytecode, what a board that
	// loads it gets instead of AgentFile (never both: MicroPython imports
	// a .py before an .mpy of the same name).
	AgentMPYFile = "ota_agent.mpy"
	BootFile     = "boot.py"
	MainFile     = "main.py"
	AppBootFile  = "_app_boot.py" // the app's own boot.py, kept under the agent's
	AppMainFile  = "_app_main.py" // the app's own main.py
	StateDir     = ".ota"
	VersionFile  = "version.json"
	// Marker starts the first line of the agent's boot.py and main.py
	// (install.py _oi_ours): a boot.py or main.py without it is the app's own.
	Marker = "# otapush-agent"
)

// ModuleFiles are the names the agent module may have on a board, in every
// form it is shipped in (source, precompiled): what fs leaves alone and
// uninstall takes away.
func ModuleFiles() []string { return []string{AgentFile, AgentMPYFile} }

// Wrapper is one of the agent's boot files and where the app's own file
// of that name lives while the agent is installed.
type Wrapper struct {
	Name string // boot.py or main.py: the agent's wrapper
	App  string // _app_boot.py or _app_main.py: the app's own
}

// Wrappers are the agent's boot files, boot.py first (it runs first).
func Wrappers() []Wrapper {
	return []Wrapper{{BootFile, AppBootFile}, {MainFile, AppMainFile}}
}

// InstallFile is one agent file to install, in order.
type InstallFile struct {
	Name   string // path on the board, relative to the root
	Data   []byte
	SHA256 string
}

// MPYVersion is the bytecode version of the embedded ota_agent.mpy
// (mpy-cross ABI v6): MicroPython 1.19 and later load it, whatever their
// sub-version (that only concerns native code, which it has none of).
const MPYVersion = 6

func embedded(name string) InstallFile {
	b, err := firmware.Sources().ReadFile(name)
	if err != nil {
		panic("agent: embedded file missing: " + name) // a build defect
	}
	return newInstallFile(name, b)
}

func newInstallFile(name string, data []byte) InstallFile {
	sum := sha256.Sum256(data)
	return InstallFile{Name: name, Data: data, SHA256: hex.EncodeToString(sum[:])}
}

// Files returns the agent's sources: the agent module (ota_agent.py),
// boot.py, main.py. What a board gets is Shipped.
func Files() []InstallFile {
	return []InstallFile{embedded(AgentFile), embedded(BootFile), embedded(MainFile)}
}

// Shipped returns the files an install puts on a board whose MicroPython
// loads .mpy bytecode version mpy (0: unknown): the agent module first,
// as ota_agent.mpy when the board loads MPYVersion (no compile on the
// board: less RAM at import and a faster import) and as ota_agent.py
// otherwise, then boot.py and main.py.
func Shipped(mpy int) []InstallFile {
	f := Files()
	if mpy == MPYVersion {
		f[0] = embedded(AgentMPYFile)
	}
	return f
}

// WithModule is Files with the agent module replaced by the Python source
// src: how a test installs an agent of its own making.
func WithModule(src []byte) []InstallFile {
	f := Files()
	f[0] = newInstallFile(AgentFile, src)
	return f
}

// installScript is the Python the host execs once per session before an
// install or upgrade; it defines _oi_w, _oi_install and _oi_cfg (see
// installSteps).
func installScript() string {
	b, err := firmware.Sources().ReadFile("install.py")
	if err != nil {
		panic("agent: embedded install.py missing")
	}
	return string(b)
}

// installWBits is the window the agent's files are deflated with for the
// installer: 4 KiB of the board's RAM, affordable on any board, before the
// host knows how much heap it has.
const installWBits = 12

// installSteps returns the execs that install or upgrade the agent after
// installScript ran: each file is streamed as chunks of at most chunk
// bytes on the wire (bytes literals), raw-deflated with a 2^wbits window
// when wbits > 0 (the agent travels compressed: about a third of its size),
// into /.ota/<name>.new, then verified and moved into place (with the
// last chunk, in the same exec).
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
func installSteps(chunk int, configJSON string, wbits int, files []InstallFile) []string {
	if chunk <= 0 {
		chunk = 2048
	}
	var steps []string
	files = append(files[1:len(files):len(files)], files[0]) // files[0] is the agent module
	for i, f := range files {
		if i == len(files)-1 && configJSON != "" {
			steps = append(steps, fmt.Sprintf("_oi_cfg(%s)", PyStr(configJSON)))
		}
		tmp := "/" + StateDir + "/" + f.Name + ".new"
		for off, first := 0, true; off < len(f.Data) || first; first = false {
			data, z, n := installChunk(f.Data[off:], chunk, wbits)
			a := 1
			if first {
				a = 0
			}
			steps = append(steps, fmt.Sprintf("_oi_w(%s,%s,%d,%d)", PyStr(tmp), PyBytes(data), a, z))
			off += n
		}
		// The verify-and-rename rides with the file's last chunk: one
		// exchange less per file. A chunk that fails raises before it; the
		// rename is the exec's last statement, so a refusal stops there.
		steps[len(steps)-1] += fmt.Sprintf("\n_oi_install(%s,%s)", PyStr(f.Name), PyStr(f.SHA256))
	}
	return steps
}

// installChunk takes the next piece of rest whose wire form fits chunk
// bytes: as much as deflates into it (a third of the source or less), or
// plain bytes when deflate does not pay. It returns the data, its window
// (0: plain) and how many bytes of rest it carries.
func installChunk(rest []byte, chunk, wbits int) ([]byte, int, int) {
	// The literal escapes a few bytes in 256; keep that room.
	room := chunk - chunk/16
	if wbits > 0 {
		for n := min(len(rest), 4*room); n >= room/2 && n > 0; n = n * 3 / 4 {
			if z, err := deflateWindow(rest[:n], wbits); err == nil && len(z) <= room && len(z) < n-n/8 {
				return z, wbits, n
			}
		}
	}
	n := min(len(rest), room)
	return rest[:n], 0, n
}

// deflateWindow raw-deflates p so that no match reaches back further than
// 2^wbits bytes: a board inflates it with that window.
func deflateWindow(p []byte, wbits int) ([]byte, error) {
	var buf bytes.Buffer
	var w *flate.Writer
	var err error
	if len(p) <= 1<<wbits {
		// No match can reach before the start: any distance fits.
		w, err = flate.NewWriter(&buf, flate.BestCompression)
	} else {
		w, err = flate.NewWriterWindow(&buf, 1<<wbits)
	}
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(p); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
