//go:build !darwin || cgo

package ports

import "go.bug.st/serial/enumerator"

// systemPorts lists the OS's serial ports through go.bug.st/serial's
// enumerator (sysfs on Linux, SetupAPI on Windows, IOKit on macOS with cgo).
func systemPorts() ([]*Detail, error) {
	ds, err := enumerator.GetDetailedPortsList()
	out := make([]*Detail, 0, len(ds))
	for _, d := range ds {
		if d == nil {
			continue
		}
		out = append(out, &Detail{
			Name: d.Name, IsUSB: d.IsUSB, VID: d.VID, PID: d.PID,
			SerialNumber: d.SerialNumber, Manufacturer: d.Manufacturer, Product: d.Product,
		})
	}
	return out, err
}
