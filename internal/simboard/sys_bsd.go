//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package simboard

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// detach puts the simulator in its own process group. Without Linux's
// parent-death signal, a simulator whose harness died exits when its stdin
// pipe closes.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the simulator's whole process group.
func killGroup(pid int) { syscall.Kill(-pid, syscall.SIGKILL) }

// fionread is FIONREAD, _IOR('f', 127, int), the same on every BSD and
// macOS; golang.org/x/sys/unix does not export it there.
const fionread = 0x4004667f

// queued is how many bytes wait unread in the port's input queue.
func queued(f *os.File) (int, error) {
	return unix.IoctlGetInt(int(f.Fd()), fionread)
}

// shrinkPipe: only Linux resizes pipes; elsewhere the simulator's input
// pipe keeps its default size (the board then buffers more input).
func shrinkPipe(uintptr) {}
