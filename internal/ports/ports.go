// Package ports finds the serial ports a board may sit behind: the OS's USB
// serial devices (go.bug.st/serial/enumerator, or /dev/cu.* and ioreg on a
// macOS build without cgo; see enumerate_*.go) plus the simulated
// boards that announce themselves in the simreg registry, because a pty is
// invisible to the enumerator.
package ports

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/otapush/otapush/internal/simreg"
)

// Kind tells how a port is wired to its chip, which decides the modem lines
// on open: native USB CDC (TinyUSB) only transmits while DTR is asserted,
// while on a USB-UART bridge DTR/RTS are wired to reset/boot pins.
type Kind string

const (
	KindNativeUSB  Kind = "native-usb"
	KindUARTBridge Kind = "uart-bridge"
	KindSimulated  Kind = "simulated"
	KindUnknown    Kind = "unknown"
)

// Port is one candidate serial port.
type Port struct {
	Path         string `json:"port"`
	Device       string `json:"device,omitempty"` // what Path points at, when it is a link (simulated boards)
	VID          string `json:"vid,omitempty"`
	PID          string `json:"pid,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	Manufacturer string `json:"manufacturer,omitempty"`
	Product      string `json:"product,omitempty"`
	Kind         Kind   `json:"kind"`
	MicroPython  bool   `json:"micropython"`
	Simulated    bool   `json:"simulated"`
	// Note explains a classification a user may wonder about (CircuitPython,
	// a board that resets at 1200 baud...).
	Note string `json:"note,omitempty"`
}

// ID is "VID:PID" in upper case, or "" when unknown.
func (p Port) ID() string {
	if p.VID == "" && p.PID == "" {
		return ""
	}
	return strings.ToUpper(p.VID) + ":" + strings.ToUpper(p.PID)
}

// Detail is one serial port as the OS describes it. It mirrors
// go.bug.st/serial's enumerator.PortDetails so that package can stay out of
// builds where it does not compile (macOS without cgo; see enumerate_*.go).
type Detail struct {
	Name         string
	IsUSB        bool
	VID          string
	PID          string
	SerialNumber string
	Manufacturer string
	Product      string
}

// Lister enumerates ports. Its fields are seams for tests; the zero value
// is not useful, use System.
type Lister struct {
	// Enumerate returns the OS's serial ports.
	Enumerate func() ([]*Detail, error)
	// SimDir is the simulated boards' registry folder ("" = none).
	SimDir string
	// Alive reports whether a simulator process still runs.
	Alive func(pid int) bool
}

// System returns a Lister over the real OS ports and the default simulator
// registry.
func System() *Lister {
	return &Lister{
		Enumerate: systemPorts,
		SimDir:    simreg.Dir(),
		Alive:     simreg.Alive,
	}
}

// List returns every port, MicroPython boards first, then by path.
func (l *Lister) List(ctx context.Context) ([]Port, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Port
	var enumErr error
	if l.Enumerate != nil {
		details, err := l.Enumerate()
		if err != nil {
			// Keep going: the simulated boards are still worth listing on a
			// host whose enumerator is unsupported (e.g. freebsd).
			enumErr = fmt.Errorf("listing serial ports: %w", err)
		}
		for _, d := range details {
			if d == nil {
				continue
			}
			p := Port{
				Path:         d.Name,
				VID:          strings.ToUpper(d.VID),
				PID:          strings.ToUpper(d.PID),
				SerialNumber: d.SerialNumber,
				Manufacturer: d.Manufacturer,
				Product:      d.Product,
			}
			classify(&p, d.IsUSB)
			out = append(out, p)
		}
	}
	if l.SimDir != "" {
		entries, err := simreg.List(l.SimDir)
		if err != nil && enumErr == nil {
			enumErr = fmt.Errorf("reading simulated boards in %s: %w", l.SimDir, err)
		}
		for _, e := range entries {
			if l.Alive != nil && !l.Alive(e.OwnerPID) {
				continue
			}
			p := Port{
				Path:         e.Port,
				Device:       e.Device,
				VID:          strings.ToUpper(e.VID),
				PID:          strings.ToUpper(e.PID),
				SerialNumber: e.SerialNumber,
				Manufacturer: e.Manufacturer,
				Product:      e.Product,
			}
			classify(&p, true)
			p.Kind = KindSimulated
			p.Simulated = true
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].MicroPython != out[j].MicroPython {
			return out[i].MicroPython
		}
		return out[i].Path < out[j].Path
	})
	if len(out) == 0 && enumErr != nil {
		return nil, enumErr
	}
	return out, nil
}

// classify marks MicroPython boards and the wiring kind from the USB
// identity. IDs come from the boards' mpconfigboard.h files (see the peer
// tools notes); comparison is case-insensitive because Linux reports
// lowercase sysfs values and Windows uppercase ones.
func classify(p *Port, isUSB bool) {
	p.Kind = KindUnknown
	if !isUSB && p.VID == "" {
		return
	}
	switch p.ID() {
	case "2E8A:0005", // rp2 default: Pico, Pico W, Pico 2 (W)
		"2E8A:1002", "2E8A:110A", // Pimoroni Pico LiPo, Cytron
		"239A:80F2", "239A:80FE", "239A:80F8", "239A:814F", // Adafruit rp2 boards running MicroPython
		"16D0:08C7",                                                                               // Pimoroni Tiny2040
		"1B4F:0025", "1B4F:0026", "1B4F:0038", "1B4F:0039", "1B4F:0044", "1B4F:0046", "1B4F:0047", // SparkFun rp2
		"1FFB:2043", "1FFB:2044", // Pololu rp2
		"F055:9800", "F055:9802", "F055:9808", // pyboard family, samd, mimxrt
		"303A:4001": // ESP32-S2/S3 native USB with MicroPython's TinyUSB stack
		p.Kind, p.MicroPython = KindNativeUSB, true
	case "2341:025E":
		p.Kind, p.MicroPython = KindNativeUSB, true
		p.Note = "resets into the bootloader when closed at 1200 baud (otapush never uses 1200)"
	case "239A:80F4":
		p.Kind = KindNativeUSB
		p.Note = "CircuitPython, not MicroPython: code.py runs after a raw-REPL soft reset"
	case "303A:1001":
		p.Kind = KindNativeUSB
		p.Note = "ESP32 USB-Serial/JTAG: may run MicroPython"
	case "10C4:EA60", "1A86:7523", "1A86:55D3", "1A86:55D4", "0403:6001", "0403:6015":
		p.Kind = KindUARTBridge
		p.Note = "USB-UART bridge: may be an ESP32/ESP8266 running MicroPython"
	default:
		if strings.EqualFold(p.VID, "2E8A") || strings.EqualFold(p.VID, "303A") {
			p.Kind = KindNativeUSB
		}
	}
	// Boards with a custom VID keep MicroPython's default USB strings.
	if !p.MicroPython && strings.EqualFold(p.Manufacturer, "MicroPython") {
		p.MicroPython = true
		if p.Kind == KindUnknown {
			p.Kind = KindNativeUSB
		}
	}
}

const errNoBoardText = "no MicroPython board found"

// SelectError explains why --port auto could not pick a board; Candidates
// lets the command print the list.
type SelectError struct {
	Reason     string
	Candidates []Port
	// Ambiguous: several boards fit and the command line must name one
	// (a usage error, not a board's).
	Ambiguous bool
}

func (e *SelectError) Error() string {
	if len(e.Candidates) == 0 {
		return e.Reason
	}
	var b strings.Builder
	b.WriteString(e.Reason)
	b.WriteString(":")
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s", describe(c))
	}
	return b.String()
}

func describe(p Port) string {
	s := p.Path
	if id := p.ID(); id != "" {
		s += "  " + id
	}
	if p.SerialNumber != "" {
		s += "  serial " + p.SerialNumber
	}
	if p.Simulated {
		s += "  (simulated)"
	}
	return s
}

// Resolve turns a --port value into a Port: "auto" picks the single
// MicroPython board, "id:SERIAL" the board with that USB serial number, and
// anything else is a path, enriched with what discovery knows about it.
func (l *Lister) Resolve(ctx context.Context, spec string) (Port, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return Port{}, errors.New("no port given: use --port PATH, --port id:SERIAL or --port auto")
	}
	all, err := l.List(ctx)
	if strings.EqualFold(spec, "auto") {
		if err != nil {
			return Port{}, err
		}
		var mp []Port
		for _, p := range all {
			if p.MicroPython {
				mp = append(mp, p)
			}
		}
		switch len(mp) {
		case 1:
			return mp[0], nil
		case 0:
			reason := errNoBoardText
			if len(all) > 0 {
				reason += "; serial ports present"
			}
			return Port{}, &SelectError{Reason: reason, Candidates: all}
		default:
			return Port{}, &SelectError{Reason: fmt.Sprintf("--port auto: %d MicroPython boards found; name one with --port PATH or --port id:SERIAL (or --all with update)", len(mp)), Candidates: mp, Ambiguous: true}
		}
	}
	if serial, ok := strings.CutPrefix(spec, "id:"); ok {
		if err != nil {
			return Port{}, err
		}
		if p, ok := FindSerial(all, serial); ok {
			return p, nil
		}
		return Port{}, &SelectError{Reason: fmt.Sprintf("no board with serial number %s", serial), Candidates: all}
	}
	for _, p := range all {
		if p.Path == spec || (p.Device != "" && p.Device == spec) {
			return p, nil
		}
	}
	return Port{Path: spec, Kind: KindUnknown}, nil
}

// FindSerial returns the port whose USB serial number is serial (compared
// case-insensitively: Windows and Linux disagree on hex case).
func FindSerial(all []Port, serial string) (Port, bool) {
	if serial == "" {
		return Port{}, false
	}
	for _, p := range all {
		if strings.EqualFold(p.SerialNumber, serial) {
			return p, true
		}
	}
	return Port{}, false
}
