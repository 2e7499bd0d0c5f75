package simreg

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/creack/pty"

	"github.com/otapush/otapush/internal/rundir"
)

// heldPTY opens a pty this process holds until the test ends and returns
// its device.
func heldPTY(t *testing.T) string {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return s.Name()
}

// gonePTY returns the device of a pty nobody holds any more.
func gonePTY(t *testing.T) string {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	name := s.Name()
	s.Close()
	m.Close()
	return name
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user (uid 65534)")
	}
}

func TestWriteReadListRemove(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reg")
	live := NewEntry("E66038B7133A5A2F", "/x/by-id/"+ByIDName("E66038B7133A5A2F"), heldPTY(t), os.Getpid())
	if err := Write(dir, live); err != nil {
		t.Fatal(err)
	}
	// The registry is private: a folder and files only the user can read.
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("registry folder mode %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(filepath.Join(dir, live.SerialNumber+".json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("entry mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	// A dead owner: pid far above pid_max on Linux.
	stale := NewEntry("0000000000000001", "/x", heldPTY(t), 1<<30)
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
	if list, err := List(filepath.Join(dir, "missing")); err != nil || len(list) != 0 {
		t.Fatalf("missing folder: %+v, %v", list, err)
	}
}

// TestOnlyTrustedEntries: an entry is a board only when its file is the
// user's and its process is alive and holds the pty it names; anything
// else could send the app (and its secrets) to another user's pty.
func TestOnlyTrustedEntries(t *testing.T) {
	tests := []struct {
		name   string
		entry  func(t *testing.T) Entry
		plant  func(t *testing.T, file string)
		listed bool
	}{
		{"ours: alive and holding its pty", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", heldPTY(t), os.Getpid())
		}, nil, true},
		{"a file of another user", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", heldPTY(t), os.Getpid())
		}, func(t *testing.T, file string) {
			requireRoot(t)
			if err := os.Chown(file, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a live process that does not hold the pty", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", heldPTY(t), 1)
		}, nil, false},
		{"our process, a pty nobody holds", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", gonePTY(t), os.Getpid())
		}, nil, false},
		{"a device that is no pty", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", "/dev/null", os.Getpid())
		}, nil, false},
		{"a dead owner", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", heldPTY(t), 1<<30)
		}, nil, false},
		{"a symlink to an entry elsewhere", func(t *testing.T) Entry {
			return NewEntry("AA", "/p", heldPTY(t), os.Getpid())
		}, func(t *testing.T, file string) {
			elsewhere := filepath.Join(t.TempDir(), "AA.json")
			if err := os.Rename(file, elsewhere); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, file); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e := tt.entry(t)
			if err := Write(dir, e); err != nil {
				t.Fatal(err)
			}
			if tt.plant != nil {
				tt.plant(t, filepath.Join(dir, e.SerialNumber+".json"))
			}
			list, err := List(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(list) == 1; got != tt.listed {
				t.Fatalf("listed = %v, want %v (%+v)", got, tt.listed, list)
			}
			if _, err := Read(dir, e.SerialNumber); (err == nil) != tt.listed {
				t.Fatalf("Read err = %v, want listed=%v", err, tt.listed)
			}
		})
	}
}

// TestUntrustedRegistryFolder: a registry folder another user controls is
// refused as a whole, for reading and for writing, with a message that
// says what to do. The default one too: another user who creates the
// per-user folder in the shared temp dir first gains nothing.
func TestUntrustedRegistryFolder(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) string // returns the registry folder
	}{
		{"writable by others", func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "reg")
			if err := os.Mkdir(d, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(d, 0o777); err != nil {
				t.Fatal(err)
			}
			return d
		}},
		{"a symlink", func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "reg")
			if err := os.Symlink(t.TempDir(), d); err != nil {
				t.Fatal(err)
			}
			return d
		}},
		{"owned by another user", func(t *testing.T) string {
			requireRoot(t)
			d := filepath.Join(t.TempDir(), "reg")
			if err := os.Mkdir(d, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(d, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			return d
		}},
		{"default folder planted in the temp dir by another user", func(t *testing.T) string {
			requireRoot(t)
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			t.Setenv("XDG_RUNTIME_DIR", "")
			t.Setenv(EnvDir, "")
			base := rundir.Base()
			if filepath.Dir(base) != tmp {
				t.Fatalf("base %s not in %s", base, tmp)
			}
			if err := os.MkdirAll(filepath.Join(base, "sim"), 0o777); err != nil {
				t.Fatal(err)
			}
			for _, d := range []string{base, filepath.Join(base, "sim")} {
				if err := os.Chmod(d, 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.Chown(d, 65534, 65534); err != nil {
					t.Fatal(err)
				}
			}
			return Dir()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t)
			var ue *rundir.UntrustedError
			e := NewEntry("AA", "/p", heldPTY(t), os.Getpid())
			if err := Write(dir, e); !errors.As(err, &ue) {
				t.Fatalf("Write err = %v, want *rundir.UntrustedError", err)
			}
			if _, err := List(dir); !errors.As(err, &ue) {
				t.Fatalf("List err = %v, want *rundir.UntrustedError", err)
			}
			if _, err := Read(dir, "AA"); err == nil {
				t.Fatal("Read succeeded")
			}
			t.Logf("%v", ue)
		})
	}
}
