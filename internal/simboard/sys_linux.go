package simboard

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// detach puts the simulator in its own process group and has the kernel
// SIGKILL it if this process dies: a simulator must never outlive its
// harness.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the simulator's whole process group.
func killGroup(pid int) { syscall.Kill(-pid, syscall.SIGKILL) }

// queued is how many bytes wait unread in the port's input queue.
func queued(f *os.File) (int, error) {
	return unix.IoctlGetInt(int(f.Fd()), unix.TIOCINQ)
}

// shrinkPipe makes the simulator's input pipe as small as Linux allows
// (one page), so bytes the board has not taken wait in the host's port
// rather than in a 64 KiB pipe: that is what lets a host feel a busy
// board. Best effort: a pipe that stays large only buffers more.
func shrinkPipe(fd uintptr) {
	_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, 4096)
}
