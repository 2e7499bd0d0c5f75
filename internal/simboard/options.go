// Package simboard runs a simulated Raspberry Pi Pico W (tools/picosim:
// MicroPython 1.27 compiled to wasm, behind a board-faithful REPL and a
// littlefs-like flash folder) on a real pseudo-terminal, so otapush's serial
// code talks to it exactly as to /dev/ttyACM0.
//
// The harness owns the pty and relays bytes between it and the simulator's
// stdin/stdout. That is what lets it model USB: on machine.reset() the port
// disappears (the pty is closed, host reads fail) and a new one appears
// after a re-enumeration delay, re-linked under a stable udev-like by-id
// path and re-registered in the discovery registry (internal/simreg). The
// link model (per-byte rate and per-transfer latency) is applied in the
// relay too; flash program cost is applied inside the simulator.
//
// In a test:
//
//	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": src}})
//	port, _ := serial.Open(b.Port(), &serial.Mode{BaudRate: 115200})
//	... talk raw REPL; read b.FlashDir() to check what the board wrote ...
//
// Power cuts: Options.CutAt = n ends the board before its nth mutating
// flash op; Wait returns a *PowerCutError; Restart powers it on again on the
// same flash (boot.py, then main.py). Kill is a cut at a command boundary.
package simboard

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Options configure one simulated board. The zero value is a fresh Pico W
// with a temporary flash folder.
type Options struct {
	// FlashDir is the host folder that is the board's flash. Empty: a new
	// temporary folder, removed by Close.
	FlashDir string
	// FlashKB is the flash capacity (default 848 KiB, a Pico W); statvfs and
	// ENOSPC follow it.
	FlashKB int
	// Serial is the USB serial number, also hex(machine.unique_id()).
	// Empty: derived from the flash folder's path, so it is stable per folder.
	Serial string
	// CutAt > 0 cuts the power just before the board's CutAt-th mutating
	// flash operation, counted from power-on (boots included). Only the
	// first power-on of a Board uses it; Restart powers on without a cut.
	CutAt int
	// Torn makes the cut operation a torn write.
	Torn bool
	// TraceFS appends one JSON line per mutating flash operation to this file.
	TraceFS string
	// Link is the link model: "none" (default, as fast as possible),
	// "usb-fs" (a Pico on USB full speed) or "uart-115200". The hardware
	// links come with the Pico's flash timing (see FlashTiming).
	Link string
	// FlashTiming overrides the link's flash timing model: "none" (flash
	// work is free) or "pico" (a Pico W's erase and page-program times as
	// littlefs incurs them, input stalled while the flash is busy, and the
	// Pico's 768 bytes of USB input buffering). Empty: the link's default,
	// which is "pico" for usb-fs and uart-115200 and "none" otherwise, so
	// ordinary tests on the default link stay fast.
	FlashTiming string
	// Window is the raw-paste window (default 128, as rp2).
	Window int
	// NoRawPaste answers raw-paste requests like firmware older than 1.14.
	NoRawPaste bool
	// PasteStrict drops raw-paste bytes a host sends beyond its credit and
	// counts them (PasteViolations), proving a client honours the window.
	PasteStrict bool
	// ResetDelay is how long the port is gone after machine.reset()
	// (USB re-enumeration). Default 300ms.
	ResetDelay time.Duration
	// Files pre-seed the flash: path (slash-separated, relative to the flash
	// root) -> contents. Existing files are overwritten.
	Files map[string][]byte
	// ExtraArgs are passed to the simulator as they are.
	ExtraArgs []string
	// NodeFlags go to node itself, before the simulator's script. They
	// change how fast the simulator runs on the host, never what the
	// board does.
	NodeFlags []string
	// RegistryDir is the discovery registry directory; the by-id links live
	// in its by-id subfolder. Empty: simreg.Dir().
	RegistryDir string
	// PicosimDir is tools/picosim. Empty: located with FindPicosim.
	PicosimDir string
	// FSModel is "littlefs" (default) or "posix" (every write durable at
	// once; torn writes leave half their bytes).
	FSModel string
	// StartTimeout bounds power-on to the first prompt, in the simulator's
	// own CPU time (default 20s), so a busy machine cannot break it; a
	// simulator that uses no CPU for DefaultStall fails too.
	StartTimeout time.Duration
}

// Link is a link model profile. Delays are applied per transfer (a read
// from one side of the relay), pipelined: bytes never overtake each other.
type Link struct {
	Name string
	// Latency is added once per transfer in each direction.
	Latency time.Duration
	// HostToBoard and BoardToHost are the time per byte.
	HostToBoard, BoardToHost time.Duration
	// FlashTiming is the simulator's flash timing model ("" or "none":
	// free; "pico": see Options.FlashTiming).
	FlashTiming string
}

// LinkProfile returns the named built-in link model.
//
// usb-fs: host->board at 125 KB/s (8 us per byte: mpytool's speedtest
// measures 120-157 KB/s of raw upload), board->host close to USB full
// speed, no added latency: the relay's own round trip (about 1 ms) is
// already what mpremote's published rate allows (18 ms per exec on an
// RP2040, 10 of them its own polling sleep). Calibrated with the Pico's
// flash timing so that mpremote- and mpytool-style copies of the fixed
// corpus land within 1.5x of their published RP2040 rates (`make bench`,
// calibration section; tools/picosim/README.md).
func LinkProfile(name string) (Link, error) {
	switch name {
	case "", "none":
		return Link{Name: "none"}, nil
	case "usb-fs":
		return Link{Name: name, Latency: 0, HostToBoard: 8 * time.Microsecond,
			BoardToHost: 1 * time.Microsecond, FlashTiming: "pico"}, nil
	case "uart-115200":
		// 10 bits per byte on the wire.
		return Link{Name: name, Latency: 200 * time.Microsecond, HostToBoard: 87 * time.Microsecond,
			BoardToHost: 87 * time.Microsecond, FlashTiming: "pico"}, nil
	}
	return Link{}, fmt.Errorf("simboard: unknown link %q (want none, usb-fs or uart-115200)", name)
}

const (
	defaultFlashKB      = 848
	defaultWindow       = 128
	defaultResetDelay   = 300 * time.Millisecond
	defaultStartTimeout = 20 * time.Second
	// picoRelayRead is the input relay's read size under the Pico model:
	// TinyUSB's CDC receive FIFO.
	picoRelayRead = 256
	// ExitPowerCut is the simulator's exit status after a --cut-at power cut.
	ExitPowerCut = 86
	// EnvPicosim points at tools/picosim for installed binaries.
	EnvPicosim = "OTAPUSH_PICOSIM"
	// picosimMain is the simulator's entry file inside PicosimDir.
	picosimMain = "picosim.mjs"
	// wasmPackage is what `npm ci` installs; its absence means "not installed".
	wasmPackage = "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"
)

// FindPicosim locates tools/picosim: explicit, then $OTAPUSH_PICOSIM, then
// next to (or one level above) the running executable, then walking up
// from the working directory (which finds it from tests in any package).
func FindPicosim(explicit string) (string, error) {
	var cands []string
	if explicit != "" {
		cands = append(cands, explicit)
	}
	if env := os.Getenv(EnvPicosim); env != "" {
		cands = append(cands, env)
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			d := filepath.Dir(exe)
			cands = append(cands,
				filepath.Join(d, "picosim"),
				filepath.Join(d, "tools", "picosim"),
				filepath.Join(d, "..", "tools", "picosim"),
				filepath.Join(d, "..", "share", "otapush", "picosim"))
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			cands = append(cands, filepath.Join(d, "tools", "picosim"))
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				break // the module root: stop before wandering into other projects
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, c := range cands {
		if st, err := os.Stat(filepath.Join(c, picosimMain)); err == nil && !st.IsDir() {
			return filepath.Abs(c)
		}
	}
	return "", &NotInstalledError{What: "tools/picosim", Hint: "run otapush from its source tree, or set " + EnvPicosim + " to the tools/picosim folder"}
}
