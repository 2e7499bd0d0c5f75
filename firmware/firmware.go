// Package firmware holds the on-board agent's sources: ota_agent.py, its
// boot integration (boot.py, main.py) and its installer (install.py),
// embedded so the host installs exactly the agent it was built and tested
// with. internal/agent owns their protocol; this package only carries the
// files.
package firmware

import "embed"

// src is embedded at build time; embed needs a package-level variable and
// it is never written.
//
//go:embed ota_agent.py boot.py main.py install.py
var src embed.FS

// Sources returns the embedded files, by their names in this folder.
func Sources() embed.FS { return src }
