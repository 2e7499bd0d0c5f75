package simreg

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/otapush/otapush/internal/rundir"
)

// ownsPTY reports whether process pid, of the current user, holds the
// master side of device (/dev/pts/N): one of its open /dev/ptmx files has
// tty-index N in /proc/PID/fdinfo. On a kernel too old to show tty-index,
// a ptmx held by the process and a device owned by the user must do.
func ownsPTY(pid int, device string) bool {
	n, ok := strings.CutPrefix(device, "/dev/pts/")
	if _, err := strconv.Atoi(n); !ok || err != nil {
		return false
	}
	proc := filepath.Join("/proc", strconv.Itoa(pid))
	if mine, _ := rundir.OwnedByMe(proc); !mine {
		return false
	}
	fds, err := os.ReadDir(filepath.Join(proc, "fd"))
	if err != nil {
		return false
	}
	unindexed := false
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join(proc, "fd", fd.Name()))
		if err != nil || (target != "/dev/ptmx" && target != "/dev/pts/ptmx") {
			continue
		}
		info, err := os.ReadFile(filepath.Join(proc, "fdinfo", fd.Name()))
		if err != nil {
			continue
		}
		indexed := false
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "tty-index:"); ok {
				indexed = true
				if strings.TrimSpace(v) == n {
					return true
				}
			}
		}
		unindexed = unindexed || !indexed
	}
	if unindexed {
		mine, _ := rundir.OwnedByMe(device)
		return mine
	}
	return false
}
