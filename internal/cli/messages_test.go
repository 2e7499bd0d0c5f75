package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/update"
)

func ver(v string) update.Version { return update.Version{Version: v} }

// TestBoardLineVersions: a board's result line names the version it ran
// and the version this run pushed (the target) whatever the outcome,
// never the board's version twice, never "(none) -> (none)" for a board
// that was never read, and never an empty port name.
func TestBoardLineVersions(t *testing.T) {
	tests := []struct {
		name string
		b    fleet.BoardReport
		want []string
		not  []string
	}{
		{"committed", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Committed, Before: ver("v1"), After: ver("v2"), Target: ver("v2")},
			[]string{"/dev/ttyACM0: committed  v1 -> v2"}, nil},
		{"armed", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Armed, Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v2")},
			[]string{"armed (the swap runs at the next boot)  v1 -> v2"}, []string{"v1 -> v1"}},
		{"armed by --resume, the target read from the board", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Armed, Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v3")},
			[]string{"v1 -> v3"}, []string{"the armed version"}},
		{"failed at connect", fleet.BoardReport{Port: "/dev/ttyACM9", Outcome: fleet.Failed, StoppedAt: "connect", Target: ver("v2"), Error: "port unavailable"},
			[]string{"/dev/ttyACM9: FAILED at connect (pushing v2): port unavailable; the board was not changed"}, []string{"(none)", "stays on"}},
		{"interrupted in the upload", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Interrupted, StoppedAt: "upload", Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Error: "context canceled"},
			[]string{"interrupted at upload (v1 -> v2): context canceled; the board stays on v1"}, []string{"v1 -> v1"}},
		{"failed on a board without an app", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "preflight", Target: ver("v2"), Error: "not enough space"},
			[]string{"FAILED at preflight ((none) -> v2)", "no app version yet"}, []string{"stays on its version"}},
		{"failed after arming", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "reset", Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Error: "gone"},
			[]string{"(v1 -> v2)", "armed: it swaps to v2 at its next boot"}, nil},
		{"abort failed: no target", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "preflight", Before: ver("v1"), Error: "busy"},
			[]string{"FAILED at preflight: busy; the board stays on v1"}, []string{"->"}},
		{"rolled back", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.RolledBack, Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Why: "ValueError"},
			[]string{"ROLLED BACK (ValueError): v2 failed, the board runs v1"}, nil},
		{"no port name", fleet.BoardReport{Outcome: fleet.Failed, StoppedAt: "connect", Target: ver("v2"), Error: "no board"},
			[]string{"(unnamed port): FAILED"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := boardLine(tt.b)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
			if strings.HasPrefix(got, ":") || strings.HasPrefix(got, " ") {
				t.Errorf("no port name: %s", got)
			}
		})
	}
}

// TestStatusPlurals: counts read as English ("1 file staged").
func TestStatusPlurals(t *testing.T) {
	for n, want := range map[int]string{1: ", 1 file staged", 2: ", 2 files staged"} {
		var b strings.Builder
		writeStatusText(&b, "/dev/ttyACM0", agent.Status{Agent: "1.5.1", API: 1, State: agent.StateApply, Staged: n})
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

// TestMissingPortPointsToDevices: a --port path with nothing behind it
// says so and names `otapush devices`, on every command that opens one
// (exit 5); the message is otapush's, not the OS's.
func TestMissingPortPointsToDevices(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "ttyACM9")
	for _, args := range [][]string{
		{"update", "--source", "../../examples/blinky/v1"},
		{"status"},
		{"rollback"},
		{"exec", "print(1)"},
		{"reset"},
	} {
		t.Run(args[0], func(t *testing.T) {
			r := runCLI(t, context.Background(), append(args, "--port", missing)...)
			if r.code != ExitBoard {
				t.Errorf("exit %d, want %d\n%s%s", r.code, ExitBoard, r.out, r.errOut)
			}
			all := r.out + r.errOut
			for _, w := range []string{"no port " + missing + ": nothing at that path", "'otapush devices'"} {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in\n%s", w, all)
				}
			}
			if strings.Contains(all, "no such file or directory") {
				t.Errorf("the OS's words instead of otapush's:\n%s", all)
			}
		})
	}
}

// TestAmbiguousAutoIsUsage: --port auto with two boards is the command
// line's fault (exit 2) and names both; one board, or none, is not.
func TestAmbiguousAutoIsUsage(t *testing.T) {
	a := &ports.Detail{Name: "/dev/ttyACM0", IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: "E661A", Manufacturer: "MicroPython"}
	b := &ports.Detail{Name: "/dev/ttyACM1", IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: "E661B", Manufacturer: "MicroPython"}
	tests := []struct {
		name  string
		ds    []*ports.Detail
		code  int
		wants []string
	}{
		{"two boards", []*ports.Detail{a, b}, ExitUsage, []string{"2 MicroPython boards found", "/dev/ttyACM0", "/dev/ttyACM1", "--port id:SERIAL"}},
		{"no board", nil, ExitBoard, []string{"no MicroPython board found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := portArg{lister: fakeLister(tt.ds...)}
			_, err := p.resolve(context.Background(), "auto")
			if err == nil || exitCodeFor(err) != tt.code {
				t.Fatalf("exit %d (%v), want %d", exitCodeFor(err), err, tt.code)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("no %q in %v", w, err)
				}
			}
		})
	}
	t.Run("update", func(t *testing.T) {
		ios, _, out, errOut := TestStreams()
		code := runUpdateCmd(t, context.Background(), ios, fakeLister(a, b), "--port", "auto", "--source", "../../examples/blinky/v1", "--json")
		if code != ExitUsage || !strings.Contains(out.String(), `"exit_code": 2`) {
			t.Errorf("exit %d, want %d\n%s%s", code, ExitUsage, out, errOut)
		}
	})
}

// TestEveryCommandHonoursConfig: --config is read by every command, not
// only those that read a source: a missing or broken file is exit 2
// everywhere; its "port" is --port's default (the flag wins) and its
// "debug" turns on --debug.
func TestEveryCommandHonoursConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "nope.json")
	broken := write("broken.json", `{"repoo": "x"}`)
	for _, args := range [][]string{{"exec", "print(1)"}, {"status"}, {"devices"}, {"sim"}, {"rollback"}, {"monitor"}, {"reset"}, {"plan"}} {
		for _, c := range []struct{ path, want string }{{missing, "cannot read it"}, {broken, `did you mean "repo"?`}} {
			r := runCLI(t, context.Background(), append(args, "--config", c.path)...)
			if r.code != ExitUsage || !strings.Contains(r.errOut, c.want) {
				t.Errorf("%s --config %s: exit %d, want %d and %q\n%s%s", args[0], filepath.Base(c.path), r.code, ExitUsage, c.want, r.out, r.errOut)
			}
		}
	}
	fromConfig := filepath.Join(dir, "ttyFromConfig")
	cfg := write("port.yaml", "port: "+fromConfig+"\n")
	r := runCLI(t, context.Background(), "exec", "--config", cfg, "print(1)")
	if r.code != ExitBoard || !strings.Contains(r.errOut, "no port "+fromConfig) {
		t.Errorf("the config's port is not used: exit %d\n%s", r.code, r.errOut)
	}
	fromFlag := filepath.Join(dir, "ttyFromFlag")
	r = runCLI(t, context.Background(), "status", "--config", cfg, "--port", fromFlag)
	if r.code != ExitBoard || !strings.Contains(r.errOut, "no port "+fromFlag) {
		t.Errorf("--port does not win over the config: exit %d\n%s", r.code, r.errOut)
	}

	g := &GlobalOptions{ConfigPath: write("debug.json", `{"debug": true, "port": "id:E661"}`)}
	cmd := newStatusCmd(g)
	if err := g.applyConfig(cmd, nil); err != nil {
		t.Fatal(err)
	}
	if !g.Debug || cmd.Flags().Lookup("port").Value.String() != "id:E661" || cmd.Flags().Changed("port") {
		t.Errorf("debug %v, port %q (changed %v)", g.Debug, cmd.Flags().Lookup("port").Value, cmd.Flags().Changed("port"))
	}
}

// TestRestartWarning: a board lost before its app was restarted is said
// to be gone, not "at its prompt"; one that refused is at its prompt, and
// the warning names the way out.
func TestRestartWarning(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
		not  string
	}{
		{"unplugged", fmt.Errorf("restarting the app: %w", rawrepl.ErrClosed), "the board is gone (unplugged", "at its prompt"},
		{"port vanished", fmt.Errorf("x: %w", rawrepl.ErrDisconnected), "it boots its app when it is powered again", "at its prompt"},
		{"refused", errors.New("restarting the app: Traceback"), "the board stays at its prompt: restarting the app: Traceback; 'otapush reset' restarts its app", "gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf strings.Builder
			printFleet(&buf, fleet.Report{Boards: []fleet.BoardReport{{Port: "/dev/ttyACM0", Outcome: fleet.Committed, Target: ver("v2"),
				RestartError: tt.err.Error(), RestartErr: tt.err}}})
			got := buf.String()
			if !strings.Contains(got, "    warning: "+tt.want) && !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
				t.Errorf("want %q, not %q:\n%s", tt.want, tt.not, got)
			}
		})
	}
}

// TestExecSaysWhatIsMissing: exec without code says the code is missing
// and how to give it; with both, it says both were given.
func TestExecSaysWhatIsMissing(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "tty")
	tests := []struct {
		args []string
		want string
		not  string
	}{
		{[]string{"exec"}, "no code to run: give it as one argument", "not both"},
		{[]string{"exec", "-f", "x.py", "print(1)"}, "both code and -f x.py", "no code"},
	}
	for _, tt := range tests {
		r := runCLI(t, context.Background(), append(tt.args, "--port", missing)...)
		if r.code != ExitUsage || !strings.Contains(r.errOut, tt.want) || strings.Contains(r.errOut, tt.not) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", tt.args, r.code, tt.want, r.errOut)
		}
	}
}

// TestShortPortNames: a by-id path (80 characters) is shown as id:SERIAL
// (what --port takes) on result lines, progress lines and in the devices
// table; short paths stay; --json keeps the full path.
func TestShortPortNames(t *testing.T) {
	long := "/run/user/1000/otapush/sim/by-id/usb-MicroPython_Board_in_FS_mode_DBA577B57A36E441-if00"
	line := boardLine(fleet.BoardReport{Port: long, Serial: "DBA577B57A36E441", Outcome: fleet.Committed, Before: ver("v1"), After: ver("v2"), Target: ver("v2")})
	if !strings.HasPrefix(line, "id:DBA577B57A36E441: committed") || strings.Contains(line, "by-id") {
		t.Errorf("result line: %s", line)
	}
	if line := boardLine(fleet.BoardReport{Port: "/dev/ttyACM0", Serial: "E661", Outcome: fleet.Committed}); !strings.HasPrefix(line, "/dev/ttyACM0 (E661): committed") {
		t.Errorf("short path: %s", line)
	}

	ios, _, _, errOut := TestStreams()
	v := newFleetView(ios, false, []fleet.Target{{Port: ports.Port{Path: long, SerialNumber: "DBA577B57A36E441"}}})
	v.event(fleet.Event{Event: update.Event{Phase: update.PhaseArm}})
	v.event(fleet.Event{Event: update.Event{Phase: update.PhaseTrial, Msg: "hello"}})
	v.close()
	if got := errOut.String(); strings.Contains(got, "by-id") || strings.Count(got, "id:DBA577B57A36E441") != 2 {
		t.Errorf("progress lines:\n%s", got)
	}

	l := &ports.Lister{SimDir: "", Enumerate: func() ([]*ports.Detail, error) {
		return []*ports.Detail{{Name: long, IsUSB: true, VID: "2E8A", PID: "0005", SerialNumber: "DBA577B57A36E441", Manufacturer: "MicroPython"}}, nil
	}}
	for _, js := range []bool{false, true} {
		ios, _, out, errOut := TestStreams()
		if err := runDevices(context.Background(), &devicesOptions{GlobalOptions: &GlobalOptions{IO: ios}, JSON: js, lister: l}); err != nil {
			t.Fatal(err)
		}
		if js != strings.Contains(out.String(), long) {
			t.Errorf("json %v: the full path shown %v:\n%s", js, !js, out)
		}
		if !js && (!strings.Contains(out.String(), "id:DBA577B57A36E441") || !strings.Contains(errOut.String(), "--json gives each port's path")) {
			t.Errorf("devices table:\n%s%s", out, errOut)
		}
		for _, l := range strings.Split(out.String(), "\n") {
			if !js && len(l) > 100 {
				t.Errorf("%d columns: %q", len(l), l)
			}
		}
	}
}
