package simreg

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReadListRemove(t *testing.T) {
	dir := t.TempDir()
	live := NewEntry("E66038B7133A5A2F", "/x/by-id/"+ByIDName("E66038B7133A5A2F"), "/dev/pts/7", os.Getpid())
	if err := Write(dir, live); err != nil {
		t.Fatal(err)
	}
	// A dead owner: pid far above pid_max on Linux.
	stale := NewEntry("0000000000000001", "/x", "/dev/pts/8", 1<<30)
	if err := Write(dir, stale); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir, live.SerialNumber)
	if err != nil || got != live {
		t.Fatalf("Read = %+v, %v; want %+v", got, err, live)
	}
	if _, err := Read(dir, stale.SerialNumber); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale Read err = %v, want ErrNotExist", err)
	}
	list, err := List(dir)
	if err != nil || len(list) != 1 || list[0] != live {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if err := Remove(dir, live.SerialNumber); err != nil {
		t.Fatal(err)
	}
	if err := Remove(dir, live.SerialNumber); err != nil {
		t.Fatalf("second Remove: %v", err)
	}
	if list, _ := List(dir); len(list) != 0 {
		t.Fatalf("after Remove: %+v", list)
	}
}

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
	if want := filepath.Join(os.TempDir(), "otapush-sim-"); filepath.Dir(Dir()) != filepath.Dir(want) {
		t.Fatalf("Dir() = %q", Dir())
	}
}

func TestWriteRejectsBadSerial(t *testing.T) {
	for _, s := range []string{"", "../x", `a\b`} {
		if err := Write(t.TempDir(), NewEntry(s, "", "", 1)); err == nil {
			t.Errorf("Write(%q) succeeded", s)
		}
	}
}
