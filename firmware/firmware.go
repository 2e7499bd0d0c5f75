// Package firmware holds the on-board agent's sources: ota_agent.py, its
// boot integration (boot.py, main.py) and its installer (install.py),
// embedded so the host installs exactly the agent it was built and tested
// with. ota_agent.mpy is ota_agent.py compiled to bytecode (`make agent`;
// a test fails when it is stale), what a board that loads it gets. internal/agent owns their protocol; this package only carries the
// files.
package firmware

import "embed"

// src is embedded at build time; embed needs a package-level variable and
// it is never written.
//
//go:embed ota_agent.py ota_agent.mpy boot.py main.py install.py
var src embed.FS

// Sources returns the embedded files, by their names in this folder.
func Sources() embed.FS { return src }
