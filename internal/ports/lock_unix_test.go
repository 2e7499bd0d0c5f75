//go:build unix

package ports

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestPortLock(t *testing.T) {
	devs := t.TempDir()
	dev := filepath.Join(devs, "ttyACM0")
	if err := os.WriteFile(dev, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	dev2 := filepath.Join(devs, "ttyACM1")
	if err := os.WriteFile(dev2, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(devs, "usb-MicroPython_Board_E661-if00")
	// pointLink makes the by-id link name dev, as a board's reset may move it.
	pointLink := func(t *testing.T, to string) {
		t.Helper()
		os.Remove(link)
		if err := os.Symlink(to, link); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name         string
		first, again Port
		moved        bool // the first board resets onto dev2 before the second lock
		busy         bool
	}{
		{"same path", Port{Path: dev}, Port{Path: dev}, false, true},
		{"by-id link, then the tty it points at", Port{Path: link}, Port{Path: dev}, false, true},
		{"same USB serial number under another tty (after a reset)", Port{Path: dev, SerialNumber: "e661ab"}, Port{Path: "/dev/ttyACM7", SerialNumber: "E661AB"}, false, true},
		{"another board", Port{Path: dev, SerialNumber: "E661AB"}, Port{Path: "/dev/ttyACM7", SerialNumber: "E661CD"}, false, false},
		{"another board on a tty the holder's board left", Port{Path: dev, SerialNumber: "E661AB"}, Port{Path: dev, SerialNumber: "E661CD"}, false, false},
		{"a board of unknown serial number on a held tty", Port{Path: dev, SerialNumber: "E661AB"}, Port{Path: dev}, false, true},
		// Simulated boards and boards named by /dev/serial/by-id: the link
		// follows the board, the tty it left may go to another board.
		{"another board on a tty the holder's by-id link left", Port{Path: link}, Port{Path: dev}, true, false},
		{"the same by-id link after its board moved", Port{Path: link}, Port{Path: link}, true, true},
		{"the tty a by-id link moved to, same serial number", Port{Path: link, SerialNumber: "E661AB"}, Port{Path: dev2, SerialNumber: "E661AB"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pointLink(t, dev)
			l, err := LockIn(dir, tt.first, "otapush update")
			if err != nil {
				t.Fatal(err)
			}
			if tt.moved {
				pointLink(t, dev2)
			}
			// A second open file is a second claimant, as in another process.
			l2, err := LockIn(dir, tt.again, "otapush status")
			var be *BusyError
			if tt.busy != errors.As(err, &be) {
				t.Fatalf("second lock: %v, want busy=%v", err, tt.busy)
			}
			if tt.busy {
				want := "port busy: otapush (pid " + itoa(os.Getpid()) + ") is using " + tt.again.Path + " for 'otapush update'"
				if !strings.HasPrefix(err.Error(), want) {
					t.Fatalf("err = %q, want it to start with %q", err, want)
				}
			} else {
				l2.Release()
			}
			l.Release()
			l.Release()
			l3, err := LockIn(dir, tt.again, "otapush status")
			if err != nil {
				t.Fatalf("after Release: %v", err)
			}
			l3.Release()
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("lock files left: %v", left)
			}
		})
	}
}

// A lock file left by a process that is gone (flock released by the
// kernel) is taken over.
func TestPortLockStale(t *testing.T) {
	dir := t.TempDir()
	p := Port{Path: "/dev/ttyACM0"}
	_, _, keys := lockKeys(p)
	for _, k := range keys {
		if err := os.WriteFile(filepath.Join(dir, k), []byte("1073741824\notapush update\n\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	l, err := LockIn(dir, p, "otapush status")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	b, _ := os.ReadFile(filepath.Join(dir, keys[0]))
	if want := itoa(os.Getpid()) + "\notapush status\n\n\n"; string(b) != want {
		t.Fatalf("lock file %q, want %q", b, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
