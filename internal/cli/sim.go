package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/simboard"
)

// The values --link and --fs-model take (completion; a test holds them to
// what simboard accepts).
var (
	simLinks    = []string{"none", "usb-fs", "uart-115200"}
	simFSModels = []string{"littlefs", "posix"}
)

type simOptions struct {
	*GlobalOptions
	board simboard.Options
	json  bool
}

func newSimCmd(g *GlobalOptions) *cobra.Command {
	o := &simOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Run a simulated Raspberry Pi Pico W on a local serial port",
		Long: `Start a simulated Raspberry Pi Pico W running MicroPython 1.27 on a
pseudo-terminal and print its port, so that other otapush commands (and any
raw REPL tool) can use it from another terminal:

  otapush sim --flash ./board
  otapush exec --port <printed port> 'print(1)'

The port path is stable (a udev-like by-id link): machine.reset() makes the
port disappear and come back as on a real Pico. The flash is a host folder
with littlefs semantics. The board runs until Ctrl-C or SIGTERM.

Without hardware nearby, --link usb-fs makes it as slow as a Pico on USB
(flash erase and program times included: the board stalls while it erases), and
--cut-at N cuts the power before the Nth flash write (the board powers up
again at once), to watch an update survive it.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.Validate(c); err != nil {
				return err
			}
			return runSim(c.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.board.FlashDir, "flash", "", "host folder that is the board's flash (default: a temporary folder, removed at exit)")
	f.IntVar(&o.board.FlashKB, "flash-kb", 848, "flash capacity in KiB")
	f.StringVar(&o.board.Serial, "serial", "", "USB serial number, hex (default: derived from the flash folder)")
	f.StringVar(&o.board.Link, "link", "none", "link model: none, usb-fs or uart-115200")
	f.IntVar(&o.board.Window, "window", 128, "raw-paste window in bytes")
	f.BoolVar(&o.board.NoRawPaste, "no-raw-paste", false, "refuse raw-paste like firmware older than 1.14")
	f.BoolVar(&o.board.PasteStrict, "paste-strict", false, "drop raw-paste bytes sent beyond the window (and report them)")
	f.IntVar(&o.board.CutAt, "cut-at", 0, "cut the power before the Nth mutating flash operation (then power on again)")
	f.BoolVar(&o.board.Torn, "torn", false, "with --cut-at: the cut write is torn")
	f.StringVar(&o.board.FSModel, "fs-model", "littlefs", "flash durability: littlefs (data durable at flush/close) or posix (at every write)")
	f.StringVar(&o.board.TraceFS, "trace-fs", "", "append one JSON line per mutating flash operation to this file")
	f.DurationVar(&o.board.ResetDelay, "reset-delay", 300*time.Millisecond, "how long the port is gone after machine.reset()")
	f.StringVar(&o.board.PicosimDir, "picosim", "", "the tools/picosim folder (default: $"+simboard.EnvPicosim+", next to the binary, or the source tree)")
	registerValueCompletion(cmd, "link", simLinks...)
	registerValueCompletion(cmd, "fs-model", simFSModels...)
	_ = cmd.MarkFlagDirname("flash")
	_ = cmd.MarkFlagDirname("picosim")
	f.BoolVar(&o.json, "json", false, "print the board's description as one JSON document, then one JSON line per power cut (see docs/json.md)")
	return cmd
}

// simInfo is the --json document.
type simInfo struct {
	Version    int    `json:"version"`
	Port       string `json:"port"`
	Device     string `json:"device"`
	Serial     string `json:"serial"`
	FlashDir   string `json:"flash_dir"`
	FlashBytes int64  `json:"flash_bytes"`
	Link       string `json:"link"`
	Registry   string `json:"registry_dir"`
}

// simEvent is a line `sim --json` prints while the board runs.
type simEvent struct {
	Version int    `json:"version"`
	Event   string `json:"event"` // power_cut
	Op      int    `json:"op"`    // the mutating flash operation the power was cut before, counted as --cut-at counts
	Torn    bool   `json:"torn"`  // the operation was left half done
}

func runSim(ctx context.Context, o *simOptions) error {
	b, err := simboard.Start(ctx, o.board)
	if err != nil {
		var ni *simboard.NotInstalledError
		if errors.As(err, &ni) {
			return WithExit(ExitBoard, err)
		}
		if ctx.Err() != nil {
			return nil
		}
		return WithExit(ExitBoard, err)
	}
	defer b.Close()

	info := simInfo{Version: jsonVersion, Port: b.Port(), Device: b.Device(), Serial: b.Serial(), FlashDir: b.FlashDir(),
		FlashBytes: int64(b.Options().FlashKB) * 1024, Link: o.board.Link, Registry: b.RegistryDir()}
	if o.json {
		if err := writeJSON(o.IO.Out, info); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(o.IO.Out, "Simulated Raspberry Pi Pico W (MicroPython 1.27) is running.\n")
		fmt.Fprintf(o.IO.Out, "  port:   %s\n", info.Port)
		fmt.Fprintf(o.IO.Out, "  device: %s (changes when the board resets)\n", info.Device)
		fmt.Fprintf(o.IO.Out, "  serial: %s (USB 2E8A:0005)\n", info.Serial)
		temp := ""
		if o.board.FlashDir == "" {
			temp = ", temporary: removed at exit"
		}
		fmt.Fprintf(o.IO.Out, "  flash:  %s (%d KiB%s)\n", info.FlashDir, info.FlashBytes/1024, temp)
		fmt.Fprintf(o.IO.Out, "  link:   %s\n", info.Link)
		fmt.Fprintf(o.IO.ErrOut, "Press Ctrl-C to stop.\n")
	}

	for {
		select {
		case <-ctx.Done():
			return nil
		case <-b.Exited():
		}
		werr := b.Wait(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var pc *simboard.PowerCutError
		if !errors.As(werr, &pc) {
			return WithExit(ExitBoard, fmt.Errorf("simulated board stopped: %w", werr))
		}
		// Power returns at once, as when a cable is plugged back in.
		if o.json {
			// One line per event, so a reader can follow them as they come.
			_ = json.NewEncoder(o.IO.Out).Encode(simEvent{Version: jsonVersion, Event: "power_cut", Op: pc.Op, Torn: pc.Torn})
		} else {
			fmt.Fprintf(o.IO.ErrOut, "%v; powering on again\n", werr)
		}
		if err := b.Restart(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return WithExit(ExitBoard, err)
		}
	}
}
