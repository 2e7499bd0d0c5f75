package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

func TestSimCommand(t *testing.T) {
	simtest.RequireT(t)
	reg := t.TempDir()
	t.Setenv(simreg.EnvDir, reg)
	flash := t.TempDir()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	ios := &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"sim", "--json", "--flash", flash, "--serial", "0123456789abcdef"}, ios)
	}()

	// The board is up once its description is printed. The command
	// bounds the boot by the simulator's progress (simboard.Start) and
	// fails when it runs out; the test's own deadline is the only wall
	// clock here.
	tctx, tcancel := simtest.ContextT(t)
	defer tcancel()
	for !strings.HasSuffix(out.String(), "}\n") {
		select {
		case code := <-done:
			t.Fatalf("sim exited %d before printing its description (stderr %q)", code, errOut.String())
		case <-tctx.Done():
			t.Fatalf("no description printed (stderr %q)", errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	e, err := simreg.Read(reg, "0123456789ABCDEF")
	if err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(e.Port); err != nil || target != e.Device {
		t.Errorf("port link = %q, %v; want %q", target, err, e.Device)
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit code %d, stderr %q", code, errOut.String())
		}
	case <-tctx.Done(): // the test binary's -timeout: a hang
		t.Fatal("sim did not stop on cancel")
	}
	var info simInfo
	dec := json.NewDecoder(strings.NewReader(out.String()))
	if err := dec.Decode(&info); err != nil {
		t.Fatalf("--json output %q: %v", out.String(), err)
	}
	if info.Port != e.Port || info.Version != 1 || info.FlashBytes != 848*1024 || info.Serial != e.SerialNumber || !strings.HasSuffix(info.Port, "usb-MicroPython_Board_in_FS_mode_0123456789ABCDEF-if00") {
		t.Errorf("json = %+v (entry %+v)", info, e)
	}
	if list, _ := simreg.List(reg); len(list) != 0 {
		t.Errorf("registry not cleaned up: %+v", list)
	}
	if _, err := os.Lstat(e.Port); err == nil {
		t.Errorf("port link left behind")
	}
}

func TestSimUsage(t *testing.T) {
	for _, args := range [][]string{{"sim", "--link", "usb-hs"}, {"sim", "--torn"}} {
		ios, _, _, _ := TestStreams()
		if code := Main(context.Background(), args, ios); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
