package ports

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// usbIdentity is what ioreg tells about the USB device behind a port.
type usbIdentity struct {
	VID, PID, Serial, Manufacturer, Product string
}

// parseIoreg reads `ioreg -r -c IOUSBHostDevice -l -w0` and maps each
// call-out device (/dev/cu.*) to the USB device it belongs to. ioreg prints
// each device as a "+-o" node whose properties come before its children's;
// the serial driver's IOSerialBSDClient node, deeper in the same subtree,
// names the device file. A node's depth is the column of its "+-o", so a
// call-out device belongs to the nearest USB device node above it with a
// smaller column. It lives in a file of its own, without build tags, so it
// is tested on every OS although only the macOS build without cgo uses it.
func parseIoreg(out []byte) map[string]usbIdentity {
	type node struct {
		col int
		id  usbIdentity
		usb bool
	}
	res := map[string]usbIdentity{}
	var stack []*node
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "+-o "); i >= 0 {
			for len(stack) > 0 && stack[len(stack)-1].col >= i {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, &node{col: i, usb: strings.Contains(line, "<class IOUSBHostDevice") || strings.Contains(line, "<class IOUSBDevice")})
			continue
		}
		key, val, ok := ioregProperty(line)
		if !ok || len(stack) == 0 {
			continue
		}
		cur := stack[len(stack)-1]
		switch key {
		case "idVendor", "idProduct":
			n, err := strconv.ParseUint(val, 0, 16)
			if err != nil || !cur.usb {
				continue
			}
			if key == "idVendor" {
				cur.id.VID = fmt.Sprintf("%04X", n)
			} else {
				cur.id.PID = fmt.Sprintf("%04X", n)
			}
		case "USB Serial Number", "kUSBSerialNumberString":
			if cur.usb {
				cur.id.Serial = unquote(val)
			}
		case "USB Vendor Name", "kUSBVendorString":
			if cur.usb {
				cur.id.Manufacturer = unquote(val)
			}
		case "USB Product Name", "kUSBProductString":
			if cur.usb {
				cur.id.Product = unquote(val)
			}
		case "IOCalloutDevice":
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].usb {
					res[unquote(val)] = stack[i].id
					break
				}
			}
		}
	}
	return res
}

// ioregProperty splits a property line (`  |   "idVendor" = 11914`).
func ioregProperty(line string) (key, val string, ok bool) {
	l := strings.TrimLeft(line, " |")
	if !strings.HasPrefix(l, `"`) {
		return "", "", false
	}
	end := strings.Index(l[1:], `"`)
	if end < 0 {
		return "", "", false
	}
	key = l[1 : end+1]
	rest := strings.TrimSpace(l[end+2:])
	if !strings.HasPrefix(rest, "=") {
		return "", "", false
	}
	return key, strings.TrimSpace(rest[1:]), true
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return strings.Trim(s, `"`)
}
