package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/ports"
)

// TestCompletion asks the shell-completion entry point (what bash, zsh
// and fish call) for commands, flags and flag values.
func TestCompletion(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"bash script", []string{"completion", "bash"}, []string{"__start_otapush"}, nil},
		{"zsh script", []string{"completion", "zsh"}, []string{"#compdef otapush"}, nil},
		{"commands", []string{"__complete", "up"}, []string{"update"}, []string{"status"}},
		{"fleet flags", []string{"__complete", "update", "--j"}, []string{"--jobs"}, nil},
		{"reset modes", []string{"__complete", "update", "--reset-mode", ""}, []string{"hard", "soft", "none"}, nil},
		{"trial policies", []string{"__complete", "update", "--confirm", ""}, []string{"uptime", "return", "app", "host"}, nil},
		{"status --port", []string{"__complete", "status", "--port", "au"}, []string{"auto"}, nil},
		{"monitor and reset", []string{"__complete", ""}, []string{"monitor", "reset"}, nil},
		{"monitor flags", []string{"__complete", "monitor", "--"}, []string{"--port", "--json", "--raw"}, nil},
		{"monitor --port", []string{"__complete", "monitor", "--port", "au"}, []string{"auto"}, nil},
		{"reset flags", []string{"__complete", "reset", "--"}, []string{"--port", "--soft", "--json"}, nil},
		{"reset --port", []string{"__complete", "reset", "--port", "au"}, []string{"auto"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, context.Background(), tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s%s", r.code, r.out, r.errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("no %q in:\n%s", w, r.out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(r.out, n) {
					t.Errorf("%q offered:\n%s", n, r.out)
				}
			}
		})
	}
}

// TestPortCompletion: --port completes from discovery: boards by path and
// by id:SERIAL, other serial ports by path, and auto.
func TestPortCompletion(t *testing.T) {
	l := fakeLister(
		&ports.Detail{Name: "/dev/ttyACM0", IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: "E661", Manufacturer: "MicroPython", Product: "Board in FS mode"},
		&ports.Detail{Name: "/dev/ttyUSB0", IsUSB: true, VID: "10c4", PID: "ea60"},
	)
	tests := []struct {
		prefix string
		want   []string
		not    []string
	}{
		{"", []string{"/dev/ttyACM0\tMicroPython Board in FS mode", "id:E661\t", "/dev/ttyUSB0", "auto\t"}, nil},
		{"/dev/ttyA", []string{"/dev/ttyACM0"}, []string{"/dev/ttyUSB0", "auto", "id:"}},
		{"id:", []string{"id:E661"}, []string{"/dev/ttyACM0\t", "/dev/ttyUSB0"}},
	}
	for _, tt := range tests {
		t.Run("prefix "+tt.prefix, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			root := &cobra.Command{Use: "otapush"}
			root.AddCommand(updateCommand(&updateOptions{GlobalOptions: &GlobalOptions{IO: ios}, port: portArg{lister: l}}))
			root.SetOut(ios.Out)
			root.SetErr(ios.ErrOut)
			root.SetArgs([]string{"__complete", "update", "--port", tt.prefix})
			if err := root.ExecuteContext(context.Background()); err != nil {
				t.Fatalf("%v %s", err, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("no %q in:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out.String(), n) {
					t.Errorf("%q offered:\n%s", n, out)
				}
			}
			if !strings.Contains(out.String(), ":4\n") {
				t.Errorf("file names offered (want ShellCompDirectiveNoFileComp = :4):\n%s", out)
			}
		})
	}
}
