// Package rundir finds and guards otapush's private per-user runtime
// folder, which holds what another local user must not be able to plant
// or tamper with: the simulated boards' registry (a "board" planted there
// would receive the app and its secrets) and the port locks.
//
// The folder is $XDG_RUNTIME_DIR/otapush when the session has a runtime
// dir (per user, 0700, made by the login manager), else otapush-<uid> in
// the temp dir, created 0700. Either way it is used only after checking
// that it is a real folder (not a link), owned by the user running
// otapush, and writable by no one else.
package rundir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Base is the private folder's path; it may not exist yet.
func Base() string {
	if x := os.Getenv("XDG_RUNTIME_DIR"); x != "" && filepath.IsAbs(x) && checkDir(x) == nil {
		return filepath.Join(x, "otapush")
	}
	if uid := os.Getuid(); uid >= 0 {
		return filepath.Join(os.TempDir(), "otapush-"+strconv.Itoa(uid))
	}
	// Windows has no uid; its temp dir is the user's own already.
	return filepath.Join(os.TempDir(), "otapush")
}

// Path is the private subfolder name (e.g. "sim", "locks"); it may not
// exist yet.
func Path(name string) string { return filepath.Join(Base(), name) }

// UntrustedError says why a folder or file is not safe to use.
type UntrustedError struct {
	Path   string
	Reason string
}

func (e *UntrustedError) Error() string {
	return fmt.Sprintf("%s %s: another local user could plant or change what otapush reads there; remove it (or fix its owner and mode 0700) and try again", e.Path, e.Reason)
}

// Check reports whether dir is a folder only the current user controls:
// not a symlink, owned by the current user, and not writable by group or
// others; inside the private base, so must every folder above it up to
// the base (whoever controls a parent can swap the child). A missing
// folder is reported as fs.ErrNotExist.
func Check(dir string) error {
	dir = filepath.Clean(dir)
	base := Base()
	for p := dir; ; p = filepath.Dir(p) {
		if err := checkDir(p); err != nil {
			return err
		}
		if p == base || !within(base, p) || p == filepath.Dir(p) {
			return nil
		}
	}
}

// within reports whether p is base or inside it.
func within(base, p string) bool {
	rel, err := filepath.Rel(base, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func checkDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return &UntrustedError{Path: dir, Reason: "is a symbolic link, not a folder"}
	}
	if !fi.IsDir() {
		return &UntrustedError{Path: dir, Reason: "is not a folder"}
	}
	if err := checkOwner(dir, fi); err != nil {
		return err
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return &UntrustedError{Path: dir, Reason: fmt.Sprintf("is writable by other users (mode %v)", fi.Mode().Perm())}
	}
	return nil
}

// CheckFile reports whether name is a regular file (not a link) owned by
// the current user.
func CheckFile(name string) error {
	fi, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return &UntrustedError{Path: name, Reason: "is not a regular file"}
	}
	return checkOwner(name, fi)
}

// OwnedByMe reports whether the file at name belongs to the current user;
// known is false where the OS gives no owner (then the answer is false).
func OwnedByMe(name string) (mine, known bool) {
	fi, err := os.Stat(name)
	if err != nil {
		return false, true
	}
	uid, ok := ownerOf(fi)
	if !ok {
		return false, false
	}
	return uid == os.Geteuid(), true
}

func checkOwner(name string, fi fs.FileInfo) error {
	uid, ok := ownerOf(fi)
	if ok && uid != os.Geteuid() {
		return &UntrustedError{Path: name, Reason: fmt.Sprintf("belongs to uid %d, not to you (uid %d)", uid, os.Geteuid())}
	}
	return nil
}

// Ensure creates dir (mode 0700) and the private base above it if needed,
// tightens the mode of a folder the user owns but left open, and checks
// the result. It refuses a folder another user made.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the private folder %s: %w", dir, err)
	}
	for range 8 {
		err := Check(dir)
		var ue *UntrustedError
		if !errors.As(err, &ue) {
			return err
		}
		fi, lerr := os.Lstat(ue.Path)
		if lerr != nil || !fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0 || checkOwner(ue.Path, fi) != nil || !within(Base(), ue.Path) {
			return err
		}
		// Ours, in our private base, but open to others (a loose umask):
		// close it. A folder the user chose elsewhere is theirs to fix.
		if cerr := os.Chmod(ue.Path, 0o700); cerr != nil {
			return err
		}
	}
	return Check(dir)
}

// Alive reports whether a process with this pid exists.
func Alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	return alive(pid)
}
