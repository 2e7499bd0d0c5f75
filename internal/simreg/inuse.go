package simreg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/otapush/otapush/internal/rundir"
)

// InUseError: another running simulator holds the board (its flash
// folder, hence its serial number and by-id link). Starting a second one
// would take the link over and, at its exit, remove the first one's
// registration.
type InUseError struct {
	FlashDir string
	Entry    Entry
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("the flash folder %s is in use by the simulated board of process %d (port %s); stop that one first, or give another --flash",
		e.FlashDir, e.Entry.OwnerPID, e.Entry.Port)
}

// CheckFree fails with *InUseError when a live simulator is registered in
// dir under serial.
func CheckFree(dir, serial, flashDir string) error {
	e, err := Read(dir, serial)
	if err != nil {
		return nil // none, or stale: free
	}
	return &InUseError{FlashDir: flashDir, Entry: e}
}

// tempFlashPrefix names the temporary flash folders of simulators started
// without one; the owner's pid follows, so a folder whose owner died
// (SIGKILL: no cleanup ran) can be told from one in use.
const tempFlashPrefix = "otapush-flash-"

// TempFlashPattern is the os.MkdirTemp pattern of process pid's temporary
// flash folder.
func TempFlashPattern(pid int) string {
	return tempFlashPrefix + strconv.Itoa(pid) + "-*"
}

// CleanStaleFlash removes the temporary flash folders in tmp (os.TempDir
// when "") whose owner process is gone, and returns them. A folder whose
// name carries no pid, or that is not the user's, is left alone.
func CleanStaleFlash(tmp string) ([]string, error) {
	if tmp == "" {
		tmp = os.TempDir()
	}
	names, err := filepath.Glob(filepath.Join(tmp, tempFlashPrefix+"*-*"))
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, n := range names {
		rest := strings.TrimPrefix(filepath.Base(n), tempFlashPrefix)
		pid, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, '-'), 0)])
		if err != nil || pid <= 0 || Alive(pid) {
			continue
		}
		fi, err := os.Lstat(n)
		if err != nil || !fi.IsDir() {
			continue
		}
		if mine, known := rundir.OwnedByMe(n); !mine || !known {
			continue
		}
		if err := os.RemoveAll(n); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, n)
	}
	return removed, errors.Join(errs...)
}
