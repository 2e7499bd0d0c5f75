// Package simreg is the discovery registry of simulated boards: while a
// simulated board runs, a small JSON file describes it the way a USB serial
// port enumerator would (path, VID:PID, serial number, manufacturer,
// product). Device discovery reads these files next to the real ports, so
// the simulated board shows up in `otapush devices` and `--port auto`.
//
// The package has no dependencies inside otapush on purpose: discovery code
// imports it without importing the simulator harness.
package simreg

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// The USB identity of MicroPython on a Raspberry Pi Pico / Pico W (rp2 port
// defaults: ports/rp2/mpconfigport.h, shared/tinyusb/tusb_config.h).
const (
	VID          = "2E8A"
	PID          = "0005"
	Manufacturer = "MicroPython"
	Product      = "Board in FS mode"
)

// EnvDir overrides the registry directory.
const EnvDir = "OTAPUSH_SIM_DIR"

// Entry is one running simulated board. The JSON field names are the
// registry's on-disk format; change them only together with every reader.
type Entry struct {
	// Port is the stable by-id symlink; it survives USB resets.
	Port string `json:"port"`
	// Device is the current /dev/pts/N the symlink points to.
	Device       string `json:"device"`
	VID          string `json:"vid"`
	PID          string `json:"pid"`
	SerialNumber string `json:"serial_number"`
	Manufacturer string `json:"manufacturer"`
	Product      string `json:"product"`
	// OwnerPID is the process that owns the pty; entries whose owner is dead
	// are stale and ignored.
	OwnerPID int `json:"owner_pid"`
}

// Dir is the registry directory: $OTAPUSH_SIM_DIR, else a per-user folder
// in the temp dir.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("otapush-sim-%d", os.Getuid()))
}

// ByIDName is the udev-style name Linux gives the first interface of a
// MicroPython rp2 board (/dev/serial/by-id/<name>).
func ByIDName(serial string) string {
	return "usb-MicroPython_Board_in_FS_mode_" + serial + "-if00"
}

// NewEntry fills the fixed USB identity fields.
func NewEntry(serial, port, device string, owner int) Entry {
	return Entry{
		Port: port, Device: device, VID: VID, PID: PID, SerialNumber: serial,
		Manufacturer: Manufacturer, Product: Product, OwnerPID: owner,
	}
}

// Write stores e as <dir>/<serial>.json atomically (temp file + rename),
// so a reader never sees half an entry.
func Write(dir string, e Entry) error {
	if e.SerialNumber == "" || strings.ContainsAny(e.SerialNumber, `/\`) {
		return fmt.Errorf("simreg: invalid serial number %q", e.SerialNumber)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("simreg: %w", err)
	}
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("simreg: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+e.SerialNumber+".*.tmp")
	if err != nil {
		return fmt.Errorf("simreg: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	// Other users' tools may list boards too; nothing in it is secret.
	merr := os.Chmod(tmp.Name(), 0o644)
	if err := errors.Join(werr, cerr, merr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("simreg: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, e.SerialNumber+".json")); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("simreg: %w", err)
	}
	return nil
}

// Remove deletes the entry for serial; a missing entry is not an error.
func Remove(dir, serial string) error {
	err := os.Remove(filepath.Join(dir, serial+".json"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("simreg: %w", err)
	}
	return nil
}

// Read returns the live entry for serial. It fails with os.ErrNotExist when
// there is none or its owner is dead.
func Read(dir, serial string) (Entry, error) {
	e, err := readFile(filepath.Join(dir, serial+".json"))
	if err != nil {
		return Entry{}, err
	}
	if !Alive(e.OwnerPID) {
		return Entry{}, fmt.Errorf("simreg: %s: owner %d is gone: %w", serial, e.OwnerPID, os.ErrNotExist)
	}
	return e, nil
}

// List returns the live entries in dir, sorted by serial number. A missing
// directory is an empty list.
func List(dir string) ([]Entry, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("simreg: %w", err)
	}
	var out []Entry
	for _, n := range names {
		e, err := readFile(n)
		if err != nil || !Alive(e.OwnerPID) {
			continue // vanished, half-written by a foreign tool, or stale
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SerialNumber < out[j].SerialNumber })
	return out, nil
}

func readFile(name string) (Entry, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return Entry{}, err
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return Entry{}, fmt.Errorf("simreg: %s: %w", name, err)
	}
	return e, nil
}

// Alive reports whether a process with this pid exists (signal 0 probes
// without delivering anything; EPERM still means it exists).
func Alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
