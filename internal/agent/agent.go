// Package agent is the one owner of the on-board agent's protocol
// (firmware/ota_agent.py, docs/agent.md): the embedded agent and its
// installer, how a call is written as Python source and its one-line JSON
// answer read back, the typed answers and journal states, the one error
// type for the agent's refusals, and the Client that drives all of it over
// a raw REPL connection. It knows nothing about plans or versions of the
// app; internal/update orchestrates it.
package agent

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/otapush/otapush/firmware"
)

// Version is the version of the embedded agent; ota_agent.py's VERSION must
// match (a test checks it). The host upgrades a board whose agent is older.
const Version = "1.6.0"

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

// InstallFile is one agent file to install, in order.
type InstallFile struct {
	Name   string // path on the board, relative to the root
	Data   []byte
	SHA256 string
}

// Files returns the agent's files in the order a crash-safe install puts
// them: the agent module first (boot.py imports it), then boot.py, then
// main.py. Each is installed by the installer's temp + verify + rename.
func Files() []InstallFile {
	var out []InstallFile
	for _, n := range []string{AgentFile, BootFile, MainFile} {
		b, err := firmware.Sources().ReadFile(n)
		if err != nil {
			panic("agent: embedded file missing: " + n) // a build defect
		}
		sum := sha256.Sum256(b)
		out = append(out, InstallFile{Name: n, Data: b, SHA256: hex.EncodeToString(sum[:])})
	}
	return out
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

// installSteps returns the execs that install or upgrade the agent after
// installScript ran: each file is streamed as base64 chunks of at most
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
func installSteps(chunk int, configJSON string) []string {
	if chunk <= 0 {
		chunk = 2048
	}
	var steps []string
	files := Files()
	files = append(files[1:], files[0]) // Files()[0] is the agent module
	for i, f := range files {
		if i == len(files)-1 && configJSON != "" {
			steps = append(steps, fmt.Sprintf("_oi_cfg(%s)", pyStr(configJSON)))
		}
		tmp := "/" + StateDir + "/" + f.Name + ".new"
		for off, first := 0, true; off < len(f.Data) || first; off, first = off+chunk, false {
			end := min(off+chunk, len(f.Data))
			a := 1
			if first {
				a = 0
			}
			steps = append(steps, fmt.Sprintf("_oi_w(%s,%s,%d)", pyStr(tmp), pyStr(b64(f.Data[off:end])), a))
		}
		steps = append(steps, fmt.Sprintf("_oi_install(%s,%s)", pyStr(f.Name), pyStr(f.SHA256)))
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
