//go:build !unix

package rundir

import (
	"io/fs"
	"os"
)

// ownerOf has no owner to give outside unix: there the private folder
// relies on the per-user temp dir (%TEMP% on Windows is in the user's
// profile, closed to other users by its ACL).
func ownerOf(fs.FileInfo) (int, bool) { return 0, false }

// alive: on Windows FindProcess opens the process and fails when there is
// none; elsewhere it cannot tell, and reports the process as alive.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
