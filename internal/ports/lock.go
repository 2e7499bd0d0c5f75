package ports

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/rundir"
)

// PortLock is one process's claim on a board for a whole command. Two
// otapush on one port would both fail with protocol noise and spoil each
// other's work, and the serial library's exclusive open (TIOCEXCL) does
// not stop root, nor cover the moments a board is re-enumerating; so the
// command also holds lock files, in the user's private runtime folder:
// one keyed by the device the port resolves to (a by-id link and its tty
// are one lock) and one by the board's USB serial number (which stays
// when a reset brings it back under another tty). A tty that a holder's
// board has left (it reset and came back as another tty) may be taken by
// another board meanwhile: a device lock whose holder records a different
// serial number, or named its board by a link (/dev/serial/by-id/...) that
// now points elsewhere, is not this board's, and is passed over; a third
// lock keyed by that link keeps two commands that name the board by it
// apart while it moves. The locks are flock(2)
// locks where the OS has them, so a crash frees them; elsewhere a lock
// whose process is gone is taken over.
type PortLock struct {
	held []heldLock
}

type heldLock struct {
	path string
	f    *os.File
}

// BusyError: another otapush holds the board.
type BusyError struct {
	Port    string // the port as this command named it
	PID     int    // the holder, 0 when it could not be read
	Command string // what the holder runs, e.g. "otapush update"
	Serial  string // the USB serial number of the holder's board, if known
	Link    string // the link the holder named its board by (a by-id path), if any
}

func (e *BusyError) Error() string {
	who := "another otapush"
	if e.PID > 0 {
		who = "otapush (pid " + strconv.Itoa(e.PID) + ")"
	}
	s := fmt.Sprintf("port busy: %s is using %s", who, e.Port)
	if e.Command != "" {
		s += " for '" + e.Command + "'"
	}
	return s + "; wait for it to finish, or stop it, then try again"
}

// LockDir is where port locks live: "locks" in the private runtime folder.
func LockDir() string { return rundir.Path("locks") }

// Lock claims p for this process until Release, in LockDir(); command
// (e.g. "otapush update") is shown to a second otapush that finds it busy.
// It never waits: a busy port fails at once with *BusyError.
func Lock(p Port, command string) (*PortLock, error) {
	return LockIn(LockDir(), p, command)
}

// LockIn is Lock with the lock folder given.
func LockIn(dir string, p Port, command string) (*PortLock, error) {
	if err := rundir.Ensure(dir); err != nil {
		return nil, fmt.Errorf("port lock: %w", err)
	}
	oneLine := func(s string) string { return strings.ReplaceAll(s, "\n", " ") }
	dev, link, keys := lockKeys(p)
	info := []byte(strconv.Itoa(os.Getpid()) + "\n" + oneLine(command) + "\n" + oneLine(p.SerialNumber) + "\n" + oneLine(link) + "\n")
	l := &PortLock{}
	for i, key := range keys {
		path := filepath.Join(dir, key)
		f, err := acquire(path, info)
		var be *BusyError
		if errors.As(err, &be) && i == 0 && be.movedFrom(dev, p.SerialNumber) {
			// The holder's board has moved on from this tty; ours is here
			// now, and its serial and link locks (next) keep it ours.
			continue
		}
		if err != nil {
			l.Release()
			if be != nil {
				be.Port = p.Path
				return nil, be
			}
			return nil, fmt.Errorf("port lock %s: %w", path, err)
		}
		l.held = append(l.held, heldLock{path: path, f: f})
	}
	return l, nil
}

// Release gives the port up; it is safe to call more than once.
func (l *PortLock) Release() {
	if l == nil {
		return
	}
	for _, h := range l.held {
		release(h.path, h.f)
	}
	l.held = nil
}

// movedFrom reports whether the holder's board is no longer the one on dev
// (where this board, of serial number serial, now is): its serial number
// differs, or the link it named its board by points elsewhere now.
func (e *BusyError) movedFrom(dev, serial string) bool {
	if e.Serial != "" && serial != "" && !strings.EqualFold(e.Serial, serial) {
		return true
	}
	if e.Link != "" {
		now, err := filepath.EvalSymlinks(e.Link)
		return err != nil || absPath(now) != dev
	}
	return false
}

// lockDevice is the device p resolves to, and the link p.Path is when it
// is one (a by-id path, which follows the board across resets).
func lockDevice(p Port) (dev, link string) {
	dev = p.Path
	if p.Device != "" {
		dev = p.Device
	}
	if r, err := filepath.EvalSymlinks(p.Path); err == nil {
		dev = r
		if absPath(r) != absPath(p.Path) {
			link = absPath(p.Path)
		}
	}
	return absPath(dev), link
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// lockKeys names the locks for p: the device it resolves to, the link it
// was named by, and its USB serial number, each when known. The device and
// link come back too, resolved once, so the holder's record and the keys
// agree even if the link moves meanwhile.
func lockKeys(p Port) (dev, link string, keys []string) {
	dev, link = lockDevice(p)
	keys = []string{lockName("dev", dev)}
	if link != "" {
		keys = append(keys, lockName("link", link))
	}
	if p.SerialNumber != "" {
		keys = append(keys, lockName("usb", strings.ToUpper(p.SerialNumber)))
	}
	return dev, link, keys
}

// lockName is a file name readable by a person (the device or serial
// number, its odd characters replaced) and unique (a hash of the key).
func lockName(kind, key string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + key))
	clean := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '.' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			return r
		}
		return '_'
	}, strings.TrimPrefix(key, "/"))
	if len(clean) > 64 {
		clean = clean[len(clean)-64:]
	}
	return kind + "-" + clean + "-" + hex.EncodeToString(sum[:4]) + ".lock"
}

// readHolder reads the pid, command and serial number a holder wrote. A holder that has
// just taken the lock may not have written yet: give it a moment.
func readHolder(path string) *BusyError {
	be := &BusyError{}
	for try := 0; try < 20; try++ {
		b, err := os.ReadFile(path)
		if err == nil {
			f := strings.SplitN(string(b), "\n", 5)
			if n, err := strconv.Atoi(strings.TrimSpace(f[0])); err == nil && n > 0 && len(f) >= 3 {
				be.PID, be.Command, be.Serial = n, strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
				if len(f) >= 4 {
					be.Link = strings.TrimSpace(f[3])
				}
				return be
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return be
}
