package ports

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func enumOf(ds ...*Detail) func() ([]*Detail, error) {
	return func() ([]*Detail, error) { return ds, nil }
}

func TestClassify(t *testing.T) {
	tests := []struct {
		vid, pid, manuf string
		wantMP          bool
		wantKind        Kind
	}{
		{"2E8A", "0005", "", true, KindNativeUSB},
		{"2e8a", "0005", "", true, KindNativeUSB}, // Linux sysfs case
		{"f055", "9802", "", true, KindNativeUSB},
		{"303a", "4001", "", true, KindNativeUSB},
		{"2341", "025e", "", true, KindNativeUSB},
		{"239A", "80F4", "", false, KindNativeUSB}, // CircuitPython
		{"10c4", "ea60", "", false, KindUARTBridge},
		{"1a86", "7523", "", false, KindUARTBridge},
		{"1234", "5678", "MicroPython", true, KindNativeUSB},
		{"1234", "5678", "Acme", false, KindUnknown},
	}
	for _, tt := range tests {
		p := Port{VID: strings.ToUpper(tt.vid), PID: strings.ToUpper(tt.pid), Manufacturer: tt.manuf}
		classify(&p, true)
		if p.MicroPython != tt.wantMP || p.Kind != tt.wantKind {
			t.Errorf("%s:%s %q: micropython=%v kind=%s", tt.vid, tt.pid, tt.manuf, p.MicroPython, p.Kind)
		}
	}
}

func TestResolve(t *testing.T) {
	one := &Detail{Name: "/dev/ttyACM0", IsUSB: true, VID: "2E8A", PID: "0005", SerialNumber: "E661AB"}
	two := &Detail{Name: "/dev/ttyACM1", IsUSB: true, VID: "2E8A", PID: "0005", SerialNumber: "E661CD"}
	other := &Detail{Name: "/dev/ttyUSB0", IsUSB: true, VID: "10C4", PID: "EA60"}
	tests := []struct {
		name     string
		ports    []*Detail
		spec     string
		wantPath string
		wantErr  string
	}{
		{"auto picks the only board", []*Detail{other, one}, "auto", "/dev/ttyACM0", ""},
		{"auto refuses several", []*Detail{one, two}, "auto", "", "2 MicroPython boards found"},
		{"auto refuses none and lists ports", []*Detail{other}, "AUTO", "", "/dev/ttyUSB0"},
		{"by serial, any case", []*Detail{one, two}, "id:e661cd", "/dev/ttyACM1", ""},
		{"unknown serial", []*Detail{one}, "id:nope", "", "no board with serial number nope"},
		{"plain path is kept", []*Detail{one}, "/dev/pts/3", "/dev/pts/3", ""},
		{"known path is enriched", []*Detail{one}, "/dev/ttyACM0", "/dev/ttyACM0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Lister{Enumerate: enumOf(tt.ports...)}
			p, err := l.Resolve(context.Background(), tt.spec)
			if tt.wantErr != "" {
				var se *SelectError
				if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || p.Path != tt.wantPath {
				t.Fatalf("got %+v, %v", p, err)
			}
			if tt.name == "known path is enriched" && (p.SerialNumber != "E661AB" || p.Kind != KindNativeUSB) {
				t.Errorf("not enriched: %+v", p)
			}
		})
	}
}
