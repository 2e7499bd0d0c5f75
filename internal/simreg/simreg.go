// Package simreg is the discovery registry of simulated boards: while a
// simulated board runs, a small JSON file describes it the way a USB serial
// port enumerator would (path, VID:PID, serial number, manufacturer,
// product). Device discovery reads these files next to the real ports, so
// the simulated board shows up in `otapush devices` and `--port auto`.
//
// The registry is trusted with where the app (and its secrets) go, so it
// lives in the user's private runtime folder (internal/rundir), and an
// entry counts only when its file belongs to the user and its process is
// alive and holds the pty it names: another local user can neither plant
// a "board" that --port auto would pick nor pass off their own pty.
//
// The package depends on nothing in otapush but rundir on purpose:
// discovery code imports it without importing the simulator harness.
package simreg

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otapush/otapush/internal/rundir"
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

// Dir is the registry directory: $OTAPUSH_SIM_DIR, else "sim" in the
// user's private runtime folder. Either must pass rundir.Check to be used.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	return rundir.Path("sim")
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
	if err := rundir.Ensure(dir); err != nil {
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
	// CreateTemp makes it 0600: only its owner's otapush reads it.
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
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
// there is none or it is not to be trusted (see List).
func Read(dir, serial string) (Entry, error) {
	if err := rundir.Check(dir); err != nil {
		return Entry{}, fmt.Errorf("simreg: %w", err)
	}
	e, err := readFile(filepath.Join(dir, serial+".json"))
	if err != nil {
		return Entry{}, err
	}
	if why := distrust(e); why != "" {
		return Entry{}, fmt.Errorf("simreg: %s: %s: %w", serial, why, os.ErrNotExist)
	}
	return e, nil
}

// List returns the trusted entries in dir, sorted by serial number: files
// of the current user whose process is alive and holds the entry's pty. A
// missing directory is an empty list; a directory another user could
// write to is an error (*rundir.UntrustedError) and lists nothing.
func List(dir string) ([]Entry, error) {
	if err := rundir.Check(dir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("simreg: %w", err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("simreg: %w", err)
	}
	var out []Entry
	for _, n := range names {
		e, err := readFile(n)
		if err != nil || distrust(e) != "" {
			continue // vanished, not ours, half-written by a foreign tool, or stale
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SerialNumber < out[j].SerialNumber })
	return out, nil
}

// readFile reads an entry file that belongs to the current user.
func readFile(name string) (Entry, error) {
	if err := rundir.CheckFile(name); err != nil {
		return Entry{}, err
	}
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

// distrust says why an entry must be ignored, or "".
func distrust(e Entry) string {
	if !Alive(e.OwnerPID) {
		return fmt.Sprintf("owner %d is gone", e.OwnerPID)
	}
	if !ownsPTY(e.OwnerPID, e.Device) {
		return fmt.Sprintf("process %d does not hold %s", e.OwnerPID, e.Device)
	}
	return ""
}

// Alive reports whether a process with this pid exists.
func Alive(pid int) bool { return rundir.Alive(pid) }
