package boardfs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/otapush/otapush/internal/agent"
)

// Info is what any MicroPython board says about itself, agent or not.
type Info struct {
	Sysname   string `json:"sysname"` // os.uname(): the port, e.g. rp2
	Release   string `json:"release"` // the MicroPython version, e.g. 1.27.0
	Build     string `json:"build"`   // os.uname().version: the full build string
	Machine   string `json:"machine"` // the board, e.g. "Raspberry Pi Pico W with RP2040"
	FreeBytes int64  `json:"free"`    // free flash at the root
	Total     int64  `json:"total"`   // flash filesystem size
	Block     int64  `json:"block"`   // its block size
	MemFree   int64  `json:"mem"`     // free heap after a collection (-1: unknown)
	// AgentModule lists the agent module files present (firmware's
	// names): an agent that is there but does not answer is not "none".
	AgentModule []string `json:"agent"`
}

func infoCode() string {
	var mods []string
	for _, m := range agent.ModuleFiles() {
		mods = append(mods, agent.PyStr("/"+m))
	}
	return `import os, json, gc
a = []
for p in [` + strings.Join(mods, ",") + `]:
    try:
        os.stat(p)
        a.append(p)
    except OSError:
        pass
u = os.uname()
s = os.statvfs("/")
gc.collect()
try:
    m = gc.mem_free()
except Exception:
    m = -1
print(json.dumps({"sysname": u[0], "release": u[2], "build": u[3], "machine": u[4],
    "free": s[0] * s[3], "total": s[1] * s[2], "block": s[0], "mem": m, "agent": a}))
`
}

// Probe reads the board's Info.
func (f *FS) Probe(ctx context.Context) (Info, error) {
	var in Info
	out, err := f.exec(ctx, "probe", "/", infoCode(), 0)
	if err != nil {
		return in, err
	}
	if err := json.Unmarshal(bytes.TrimSpace(out), &in); err != nil {
		return in, fmt.Errorf("reading the board's os.uname() and free space: unexpected answer %.200q", out)
	}
	return in, nil
}
