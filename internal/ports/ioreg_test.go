package ports

import (
	"reflect"
	"testing"
)

// ioregSample has the shape `ioreg -r -c IOUSBHostDevice -l -w0` prints on
// macOS: a Pico running MicroPython behind a hub (the hub is a matched
// device too, so its subtree is printed again on its own), and a CP2102
// bridge whose serial number is absent.
const ioregSample = `+-o USB2.0 Hub@01100000  <class IOUSBHostDevice, id 0x100000a1b, registered, matched, active, busy 0 (2 ms), retain 18>
  | {
  |   "idProduct" = 2081
  |   "USB Product Name" = "USB2.0 Hub"
  |   "idVendor" = 1507
  | }
  | 
  +-o Board in FS mode@01110000  <class IOUSBHostDevice, id 0x100000a2c, registered, matched, active, busy 0 (7 ms), retain 25>
    | {
    |   "sessionID" = 2114512321
    |   "idProduct" = 5
    |   "USB Product Name" = "Board in FS mode"
    |   "USB Vendor Name" = "MicroPython"
    |   "idVendor" = 11914
    |   "USB Serial Number" = "e6614c311b7e6f35"
    | }
    | 
    +-o IOUSBHostInterface@0  <class IOUSBHostInterface, id 0x100000a31, registered, matched, active, busy 0 (3 ms), retain 8>
    | | {
    | |   "bInterfaceClass" = 2
    | | }
    | | 
    | +-o AppleUSBACMControl  <class AppleUSBACMControl, id 0x100000a39, registered, matched, active, busy 0 (0 ms), retain 6>
    +-o IOUSBHostInterface@1  <class IOUSBHostInterface, id 0x100000a33, registered, matched, active, busy 0 (3 ms), retain 8>
      +-o AppleUSBACMData  <class AppleUSBACMData, id 0x100000a3b, registered, matched, active, busy 0 (1 ms), retain 7>
        +-o IOModemSerialStreamSync  <class IOModemSerialStreamSync, id 0x100000a3d, registered, matched, active, busy 0 (0 ms), retain 5>
          +-o IOSerialBSDClient  <class IOSerialBSDClient, id 0x100000a3f, registered, matched, active, busy 0 (0 ms), retain 6>
              {
                "IOTTYBaseName" = "usbmodem"
                "IOCalloutDevice" = "/dev/cu.usbmodem1101"
                "IODialinDevice" = "/dev/tty.usbmodem1101"
              }
              
+-o CP2102 USB to UART Bridge Controller@01200000  <class IOUSBHostDevice, id 0x100000b10, registered, matched, active, busy 0 (4 ms), retain 22>
  | {
  |   "idProduct" = 60000
  |   "USB Product Name" = "CP2102 USB to UART Bridge Controller"
  |   "USB Vendor Name" = "Silicon Labs"
  |   "idVendor" = 4292
  | }
  | 
  +-o IOUSBHostInterface@0  <class IOUSBHostInterface, id 0x100000b12, registered, matched, active, busy 0 (2 ms), retain 8>
    +-o AppleUSBSLCOM  <class AppleUSBSLCOM, id 0x100000b14, registered, matched, active, busy 0 (1 ms), retain 7>
      +-o IOSerialBSDClient  <class IOSerialBSDClient, id 0x100000b16, registered, matched, active, busy 0 (0 ms), retain 6>
          {
            "IOCalloutDevice" = "/dev/cu.usbserial-0001"
          }
`

func TestParseIoreg(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]usbIdentity
	}{
		{"pico behind a hub and a bridge", ioregSample, map[string]usbIdentity{
			"/dev/cu.usbmodem1101":   {VID: "2E8A", PID: "0005", Serial: "e6614c311b7e6f35", Manufacturer: "MicroPython", Product: "Board in FS mode"},
			"/dev/cu.usbserial-0001": {VID: "10C4", PID: "EA60", Manufacturer: "Silicon Labs", Product: "CP2102 USB to UART Bridge Controller"},
		}},
		{"empty", "", map[string]usbIdentity{}},
		{"callout with no USB device above it is not guessed", `+-o IOSerialBSDClient  <class IOSerialBSDClient>
    {
      "IOCalloutDevice" = "/dev/cu.Bluetooth-Incoming-Port"
    }
`, map[string]usbIdentity{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseIoreg([]byte(tc.in))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestIoregIdentityClassifies: a port found through ioreg is classified
// like one from the cgo enumerator, so --port auto picks the Pico.
func TestIoregIdentityClassifies(t *testing.T) {
	id := parseIoreg([]byte(ioregSample))["/dev/cu.usbmodem1101"]
	p := Port{Path: "/dev/cu.usbmodem1101", VID: id.VID, PID: id.PID, SerialNumber: id.Serial, Manufacturer: id.Manufacturer}
	classify(&p, true)
	if !p.MicroPython || p.Kind != KindNativeUSB {
		t.Fatalf("classified %+v", p)
	}
}
