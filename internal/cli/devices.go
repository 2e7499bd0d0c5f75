package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/termsafe"
)

type devicesOptions struct {
	*GlobalOptions
	JSON   bool
	lister *ports.Lister // nil = the system's; tests inject one
}

func newDevicesCmd(g *GlobalOptions) *cobra.Command {
	o := &devicesOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "devices",
		Short: "List serial ports, marking MicroPython boards (and running simulated boards)",
		Long: `List the serial ports otapush can see, with USB VID:PID, serial number,
manufacturer and product. MicroPython boards (e.g. a Raspberry Pi Pico at
2E8A:0005) are marked; simulated boards started with 'otapush sim' appear too.
'--port auto' picks the board marked here when there is exactly one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDevices(cmd.Context(), o) },
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the ports as one JSON document instead of a table (see docs/json.md)")
	return cmd
}

// devicesReport is the --json document; an object so fields can be added.
type devicesReport struct {
	Version int          `json:"version"`
	Ports   []devicePort `json:"ports"`
}

// devicePort is one port of devicesReport, in the names the other
// documents use ("port", "serial").
type devicePort struct {
	Port         string     `json:"port"`
	Device       string     `json:"device,omitempty"` // what port links to (simulated boards)
	VID          string     `json:"vid,omitempty"`
	PID          string     `json:"pid,omitempty"`
	Serial       string     `json:"serial,omitempty"`
	Manufacturer string     `json:"manufacturer,omitempty"`
	Product      string     `json:"product,omitempty"`
	Kind         ports.Kind `json:"kind"`
	MicroPython  bool       `json:"micropython"`
	Simulated    bool       `json:"simulated"`
	Note         string     `json:"note,omitempty"`
}

func runDevices(ctx context.Context, o *devicesOptions) error {
	l := o.lister
	if l == nil {
		l = ports.System()
	}
	list, err := l.List(ctx)
	if err != nil {
		return WithExit(ExitBoard, err)
	}
	if list == nil {
		list = []ports.Port{}
	}
	if o.JSON {
		doc := devicesReport{Version: jsonVersion, Ports: []devicePort{}}
		for _, p := range list {
			doc.Ports = append(doc.Ports, devicePort{Port: p.Path, Device: p.Device, VID: p.VID, PID: p.PID, Serial: p.SerialNumber,
				Manufacturer: p.Manufacturer, Product: p.Product, Kind: p.Kind, MicroPython: p.MicroPython, Simulated: p.Simulated, Note: p.Note})
		}
		return writeJSON(o.IO.Out, doc)
	}
	if len(list) == 0 {
		fmt.Fprintln(o.IO.ErrOut, "no serial ports found (is the board plugged in with a data cable? start a simulated one with 'otapush sim')")
		return nil
	}
	shortened := false
	tw := tabwriter.NewWriter(o.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PORT\tVID:PID\tSERIAL\tDESCRIPTION\tBOARD")
	for _, p := range list {
		desc := strings.TrimSpace(p.Manufacturer + " " + p.Product)
		board := "-"
		switch {
		case p.Simulated:
			board = "micropython (simulated)"
		case p.MicroPython:
			board = "micropython"
		}
		if p.Note != "" {
			desc = strings.TrimSpace(desc + " [" + p.Note + "]")
		}
		// USB strings are whatever the device says about itself.
		safe := termsafe.String
		name := shortLabel(p.Path, p.SerialNumber)
		shortened = shortened || name != p.Path
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", safe(name), safe(dash(p.ID())), safe(dash(p.SerialNumber)), safe(dash(desc)), board)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if shortened {
		fmt.Fprintln(o.IO.ErrOut, "(long by-id paths are shown as id:SERIAL, which --port takes; --json gives each port's path)")
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
