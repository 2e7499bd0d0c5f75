//go:build unix

package ports

import (
	"errors"
	"syscall"
)

// processAlive uses signal 0: EPERM still means the process exists (owned
// by someone else).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
