//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd

package simboard

import (
	"errors"
	"os"
	"os/exec"
)

// detach: elsewhere (Windows, where the board cannot start: see errNoPTY;
// Solaris, AIX) the simulator runs in this process's group.
func detach(*exec.Cmd) {}

// killGroup: cmd.Process.Kill, which follows, is all there is.
func killGroup(int) {}

// queued is unknown here: drain then returns at once.
func queued(*os.File) (int, error) { return 0, errors.ErrUnsupported }

// shrinkPipe: only Linux resizes pipes; elsewhere the simulator's input
// pipe keeps its default size (the board then buffers more input).
func shrinkPipe(uintptr) {}
