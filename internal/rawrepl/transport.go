package rawrepl

import (
	"errors"
	"fmt"
	"time"

	"go.bug.st/serial"

	"github.com/otapush/otapush/internal/ports"
)

// Transport is the byte pipe to a board. Production uses a serial port;
// tests use scripted fakes. Implementations must let Close unblock a Read
// running in another goroutine: that is how context cancellation works.
type Transport interface {
	// Read waits at most timeout for at least one byte. It returns (0, nil)
	// when the timeout passes with nothing read; timeout 0 only polls.
	Read(p []byte, timeout time.Duration) (int, error)
	Write(p []byte) (int, error)
	Close() error
}

// baudRate is what every MicroPython board accepts; native USB ignores it.
// Never 1200: several boards jump to their bootloader when a port opened
// at 1200 baud is closed.
const baudRate = 115200

// serialTransport adapts go.bug.st/serial, whose timeout is a port setting
// rather than a Read argument; it only issues the ioctl when it changes.
type serialTransport struct {
	port    serial.Port
	timeout time.Duration
	set     bool
}

func (s *serialTransport) Read(p []byte, timeout time.Duration) (int, error) {
	if timeout < 0 {
		timeout = 0
	}
	if !s.set || timeout != s.timeout {
		if err := s.port.SetReadTimeout(timeout); err != nil {
			return 0, err
		}
		s.timeout, s.set = timeout, true
	}
	n, err := s.port.Read(p)
	var pe *serial.PortError
	if errors.As(err, &pe) && pe.Code() == serial.PortClosed {
		return n, ErrDisconnected
	}
	return n, err
}

func (s *serialTransport) Write(p []byte) (int, error) { return s.port.Write(p) }
func (s *serialTransport) Close() error                { return s.port.Close() }

// OpenSerial opens path with the modem lines the board's wiring needs.
// Modem-line errors are ignored on purpose: a pty (the simulated board)
// answers ENOTTY, and a board that cannot take the lines works without them.
func OpenSerial(path string, kind ports.Kind) (Transport, error) {
	p, err := serial.Open(path, &serial.Mode{BaudRate: baudRate, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit})
	if err != nil {
		var pe *serial.PortError
		if errors.As(err, &pe) {
			switch pe.Code() {
			case serial.PortBusy:
				return nil, fmt.Errorf("%s is busy (another program such as Thonny, mpremote or ModemManager has it open): %w", path, ErrPortUnavailable)
			case serial.PortNotFound:
				return nil, fmt.Errorf("%s: %w", path, ErrPortUnavailable)
			case serial.PermissionDenied:
				return nil, fmt.Errorf("%s: permission denied (on Linux, join the dialout group): %w", path, ErrPortUnavailable)
			}
		}
		return nil, fmt.Errorf("opening %s: %v: %w", path, err, ErrPortUnavailable)
	}
	switch kind {
	case ports.KindUARTBridge:
		// Auto-reset circuits on ESP boards pull EN/BOOT through DTR/RTS.
		_ = p.SetDTR(false)
		_ = p.SetRTS(false)
	default:
		// TinyUSB drops everything it would send while DTR is low, so
		// assert it even though most OSes do on open.
		_ = p.SetDTR(true)
	}
	return &serialTransport{port: p}, nil
}
