//go:build !linux

package simreg

import "github.com/otapush/otapush/internal/rundir"

// ownsPTY cannot see which process holds a pty outside Linux; the best it
// has is that the device belongs to the current user (on Windows, with no
// ptys and no simulated boards, nothing passes).
func ownsPTY(pid int, device string) bool {
	mine, known := rundir.OwnedByMe(device)
	return known && mine
}
