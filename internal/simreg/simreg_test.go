package simreg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/otapush/otapush/internal/rundir"
)

// The on-disk format is an interface with the discovery code: pin it.
func TestFormat(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, NewEntry("AB", "/p", "/dev/pts/1", 42)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "AB.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"port": "/p", "device": "/dev/pts/1", "vid": "2E8A", "pid": "0005", "serial_number": "AB",
		"manufacturer": "MicroPython", "product": "Board in FS mode", "owner_pid": float64(42),
	}
	if len(m) != len(want) {
		t.Fatalf("fields = %v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
}

func TestDir(t *testing.T) {
	t.Setenv(EnvDir, "/custom/dir")
	if Dir() != "/custom/dir" {
		t.Fatalf("Dir() = %q", Dir())
	}
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_RUNTIME_DIR", "")
	if want := rundir.Path("sim"); Dir() != want {
		t.Fatalf("Dir() = %q, want %q", Dir(), want)
	}
}

func TestWriteRejectsBadSerial(t *testing.T) {
	for _, s := range []string{"", "../x", `a\b`} {
		if err := Write(t.TempDir(), NewEntry(s, "", "", 1)); err == nil {
			t.Errorf("Write(%q) succeeded", s)
		}
	}
}
