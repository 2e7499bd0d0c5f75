package ports

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/otapush/otapush/internal/simreg"
)

func TestListMergesSimulatedBoards(t *testing.T) {
	dir := t.TempDir()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	defer s.Close()
	dev := s.Name()
	live := simreg.NewEntry("AB12", "/tmp/by-id/usb-MicroPython_Board_in_FS_mode_AB12-if00", dev, os.Getpid())
	dead := simreg.NewEntry("DEAD", "/tmp/by-id/dead", dev, 1<<30)
	for _, e := range []simreg.Entry{live, dead} {
		if err := simreg.Write(dir, e); err != nil {
			t.Fatal(err)
		}
	}
	l := &Lister{
		Enumerate: enumOf(&Detail{Name: "/dev/ttyS0"}, &Detail{Name: "/dev/ttyACM0", IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: "E661"}),
		SimDir:    dir,
		Alive:     simreg.Alive,
	}
	got, err := l.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range got {
		paths = append(paths, p.Path)
	}
	want := "/dev/ttyACM0 /tmp/by-id/usb-MicroPython_Board_in_FS_mode_AB12-if00 /dev/ttyS0"
	if strings.Join(paths, " ") != want {
		t.Fatalf("paths %v, want %s", paths, want)
	}
	if !got[1].Simulated || !got[1].MicroPython || got[1].Device != dev || got[1].ID() != "2E8A:0005" {
		t.Errorf("simulated entry %+v", got[1])
	}
}
