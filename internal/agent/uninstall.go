package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Uninstalled is what Uninstall did on the board, paths from its root.
type Uninstalled struct {
	// Restored are the agent's boot files the app's own took back
	// (/_app_boot.py renamed over /boot.py).
	Restored []string `json:"restored"`
	// Removed are the agent's files and folder taken away.
	Removed []string `json:"removed"`
	// Left are the app's kept copies left in place because the boot file
	// they would go back to is no longer the agent's (someone replaced it).
	Left []string `json:"left"`
}

// Nothing reports whether the board had no agent file at all.
func (u Uninstalled) Nothing() bool {
	return len(u.Restored) == 0 && len(u.Removed) == 0 && len(u.Left) == 0
}

// uninstallCode is the Python that removes the agent. It never imports
// the agent (a broken or older one must not stop its removal) and orders
// its steps so that a power cut between any two flash operations leaves a
// board that boots the app:
//  1. each wrapper (boot.py first): the app's kept file is renamed over
//     it (one atomic rename on littlefs), or the wrapper is removed when
//     the app had none. Until then the wrapper runs the app's file, with
//     or without an importable agent;
//  2. the agent module: nothing imports it any more;
//  3. /.ota and version.json: the agent's records, unused by anything now.
//
// Run again after a cut, it finishes the job. On FAT, whose rename cannot
// replace a file, a cut between the remove and the rename of step 1 leaves
// the board without that boot file until the next uninstall.
func uninstallCode() string {
	var ws, mods []string
	for _, w := range Wrappers() {
		ws = append(ws, "("+PyStr("/"+w.Name)+","+PyStr("/"+w.App)+")")
	}
	for _, m := range ModuleFiles() {
		mods = append(mods, PyStr("/"+m))
	}
	return `import os, json
def _ou_ex(p):
    try:
        os.stat(p)
        return True
    except OSError:
        return False
def _ou_ours(p):
    try:
        with open(p) as f:
            return f.readline().startswith(` + PyStr(Marker) + `)
    except Exception:
        return False
def _ou_mv(a, b):
    try:
        os.rename(a, b)
    except OSError:
        os.remove(b)
        os.rename(a, b)
def _ou_rmtree(p):
    for e in list(os.ilistdir(p)):
        q = p + "/" + e[0]
        if e[1] == 0x4000:
            _ou_rmtree(q)
        else:
            os.remove(q)
    os.rmdir(p)
_ou = {"restored": [], "removed": [], "left": []}
for w, a in [` + strings.Join(ws, ",") + `]:
    if _ou_ours(w):
        if _ou_ex(a):
            _ou_mv(a, w)
            _ou["restored"].append(w)
        else:
            os.remove(w)
            _ou["removed"].append(w)
    elif _ou_ex(a):
        _ou["left"].append(a)
for p in [` + strings.Join(mods, ",") + `]:
    if _ou_ex(p):
        os.remove(p)
        _ou["removed"].append(p)
if _ou_ex(` + PyStr("/"+StateDir) + `):
    _ou_rmtree(` + PyStr("/"+StateDir) + `)
    _ou["removed"].append(` + PyStr("/"+StateDir) + `)
if _ou_ex(` + PyStr("/"+VersionFile) + `):
    os.remove(` + PyStr("/"+VersionFile) + `)
    _ou["removed"].append(` + PyStr("/"+VersionFile) + `)
print(json.dumps(_ou))
`
}

// Uninstall removes the agent from the board and gives the app back its
// own boot.py and main.py, crash-safely (see uninstallCode). It does not
// look at the transaction state: the caller decides whether removing the
// agent now is safe (Status). A board without the agent is left as it is.
func (b *Client) Uninstall(ctx context.Context) (Uninstalled, error) {
	var u Uninstalled
	out, err := b.c.Exec(ctx, uninstallCode())
	if err != nil {
		return u, fmt.Errorf("removing the agent: %w", err)
	}
	lines := jsonLines(out)
	if len(lines) == 0 {
		return u, fmt.Errorf("removing the agent: unexpected answer %.200q", out)
	}
	if err := json.Unmarshal(lines[len(lines)-1], &u); err != nil {
		return u, fmt.Errorf("removing the agent: unexpected answer %.200q: %v", out, err)
	}
	return u, nil
}
