// Package simreg is the registry through which running simulated boards
// announce themselves to board discovery. A pty never shows up in the
// serial enumerator (it reads sysfs), so the simulator writes one JSON file
// per board and `otapush devices` reads them back.
package simreg

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Entry describes one running simulated board.
type Entry struct {
	Port         string `json:"port"`   // stable by-id symlink, what users pass to --port
	Device       string `json:"device"` // the pty it currently points at, /dev/pts/N
	VID          string `json:"vid"`
	PID          string `json:"pid"`
	SerialNumber string `json:"serial_number"`
	Manufacturer string `json:"manufacturer"`
	Product      string `json:"product"`
	OwnerPID     int    `json:"owner_pid"`
}

// Dir is where the registry lives: $OTAPUSH_SIM_DIR, else a per-user folder
// in the temp dir so that two users on one machine never see each other's
// boards.
func Dir() string {
	if d := os.Getenv("OTAPUSH_SIM_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("otapush-sim-%d", os.Getuid()))
}

// List returns the entries in dir sorted by serial number. A missing dir is
// an empty registry; unreadable or malformed entries are skipped because a
// half-written file from a crashing simulator must not break discovery.
// Liveness (OwnerPID) is left to the reader.
func List(dir string) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, de := range des {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			continue
		}
		var e Entry
		if json.Unmarshal(b, &e) != nil || e.SerialNumber == "" {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SerialNumber < out[j].SerialNumber })
	return out, nil
}

// Write records e as dir/<serial>.json, atomically so a reader never sees a
// torn file.
func Write(dir string, e Entry) error {
	if e.SerialNumber == "" || strings.ContainsAny(e.SerialNumber, `/\`) {
		return fmt.Errorf("simreg: invalid serial number %q", e.SerialNumber)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".entry-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, e.SerialNumber+".json"))
}

// Remove deletes the entry for serial; a missing entry is not an error.
func Remove(dir, serial string) error {
	err := os.Remove(filepath.Join(dir, serial+".json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
