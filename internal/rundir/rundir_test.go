package rundir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

func TestBase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no owner checks on windows")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	good := t.TempDir() // 0700, ours: a runtime dir as the login manager makes it
	open := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(open, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	fallback := filepath.Join(tmp, "otapush-"+strconv.Itoa(os.Getuid()))
	tests := []struct {
		xdg, want string
	}{
		{"", fallback},
		{good, filepath.Join(good, "otapush")},
		{"relative/dir", fallback},
		{open, fallback}, // a runtime dir others can write to is no runtime dir
		{filepath.Join(tmp, "missing"), fallback},
	}
	for _, tt := range tests {
		t.Setenv("XDG_RUNTIME_DIR", tt.xdg)
		if got := Base(); got != tt.want {
			t.Errorf("XDG_RUNTIME_DIR=%q: Base() = %q, want %q", tt.xdg, got, tt.want)
		}
	}
}

func TestEnsure(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no owner checks on windows")
	}
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("XDG_RUNTIME_DIR", "")
	dir := Path("locks")
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{Base(), dir} {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != 0o700 {
			t.Fatalf("%s: mode %v, %v; want 0700", d, fi.Mode().Perm(), err)
		}
	}
	// Ours but left open (a loose umask): Ensure closes it.
	if err := os.Chmod(Base(), 0o777); err != nil {
		t.Fatal(err)
	}
	var ue *UntrustedError
	if err := Check(dir); !errors.As(err, &ue) || ue.Path != Base() {
		t.Fatalf("Check under an open base = %v", err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	// A folder the user chose outside the base is theirs to fix.
	mine := filepath.Join(t.TempDir(), "mine")
	if err := os.Mkdir(mine, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(mine, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(mine); !errors.As(err, &ue) {
		t.Fatalf("Ensure(open folder outside the base) = %v", err)
	}
	if fi, _ := os.Stat(mine); fi.Mode().Perm() != 0o777 {
		t.Fatalf("mode changed to %v", fi.Mode().Perm())
	}
	if err := Check(filepath.Join(mine, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
}

func TestEnsureRefusesAnotherUsersBase(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a folder to another user (uid 65534)")
	}
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("XDG_RUNTIME_DIR", "")
	if err := os.Mkdir(Base(), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(Base(), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(Base(), 65534, 65534); err != nil {
		t.Fatal(err)
	}
	var ue *UntrustedError
	if err := Ensure(Path("locks")); !errors.As(err, &ue) || ue.Path != Base() {
		t.Fatalf("Ensure = %v, want the base refused", err)
	}
	if fi, _ := os.Stat(Base()); fi.Mode().Perm() != 0o777 {
		t.Fatalf("another user's folder was changed: %v", fi.Mode().Perm())
	}
}

func TestAlive(t *testing.T) {
	if !Alive(os.Getpid()) || Alive(0) || Alive(-1) || Alive(1<<30) {
		t.Fatal("Alive")
	}
}
