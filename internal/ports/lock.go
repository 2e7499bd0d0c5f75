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
// serial number is not this board's, and is passed over. The locks are flock(2)
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
	info := []byte(strconv.Itoa(os.Getpid()) + "\n" + oneLine(command) + "\n" + oneLine(p.SerialNumber) + "\n")
	l := &PortLock{}
	for i, key := range lockKeys(p) {
		path := filepath.Join(dir, key)
		f, err := acquire(path, info)
		var be *BusyError
		if errors.As(err, &be) && i == 0 && be.Serial != "" && p.SerialNumber != "" && !strings.EqualFold(be.Serial, p.SerialNumber) {
			// The holder's board has moved on from this tty; ours is here
			// now, and its serial lock (next) is what keeps it ours.
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

// lockKeys names the locks for p: the device it resolves to, and its USB
// serial number when known.
func lockKeys(p Port) []string {
	dev := p.Path
	if p.Device != "" {
		dev = p.Device
	}
	if r, err := filepath.EvalSymlinks(p.Path); err == nil {
		dev = r
	}
	if abs, err := filepath.Abs(dev); err == nil {
		dev = abs
	}
	keys := []string{lockName("dev", dev)}
	if p.SerialNumber != "" {
		keys = append(keys, lockName("usb", strings.ToUpper(p.SerialNumber)))
	}
	return keys
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
			f := strings.SplitN(string(b), "\n", 4)
			if n, err := strconv.Atoi(strings.TrimSpace(f[0])); err == nil && n > 0 && len(f) >= 3 {
				be.PID, be.Command, be.Serial = n, strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
				return be
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return be
}
