//go:build darwin && !cgo

package ports

import (
	"context"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

// macCalloutGlobs are the call-out devices macOS creates for USB serial
// ports: usbmodem for CDC-ACM (every native-USB MicroPython board), the
// others for the common USB-UART bridges' drivers.
var macCalloutGlobs = []string{"/dev/cu.usbmodem*", "/dev/cu.usbserial*", "/dev/cu.SLAB_USBtoUART*", "/dev/cu.wchusbserial*"}

// systemPorts lists serial ports on macOS in a build without cgo, where
// go.bug.st/serial's IOKit enumerator is not available: the call-out
// devices in /dev, with their USB identity read from `ioreg` (part of every
// macOS) when it runs. Without ioreg the ports are still listed, with
// unknown IDs, and --port names them explicitly.
func systemPorts() ([]*Detail, error) {
	var names []string
	for _, g := range macCalloutGlobs {
		m, _ := filepath.Glob(g) // only ErrBadPattern, and the patterns are fixed
		names = append(names, m...)
	}
	sort.Strings(names)
	ids := map[string]usbIdentity{}
	if len(names) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if out, err := exec.CommandContext(ctx, "ioreg", "-r", "-c", "IOUSBHostDevice", "-l", "-w0").Output(); err == nil {
			ids = parseIoreg(out)
		}
	}
	var out []*Detail
	for _, n := range names {
		d := &Detail{Name: n, IsUSB: true}
		if id, ok := ids[n]; ok {
			d.VID, d.PID, d.SerialNumber, d.Manufacturer, d.Product = id.VID, id.PID, id.Serial, id.Manufacturer, id.Product
		}
		out = append(out, d)
	}
	return out, nil
}
