package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/update"
)

// hostile is text that would clear the screen, retitle the window and
// hide what follows if it reached a terminal raw.
const hostile = "\x1b[2J\x1b]0;pwned\x07\u202e\u009b31m"

func assertNoControl(t *testing.T, where, out string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
		if strings.Contains(out, bad) {
			t.Errorf("%s: raw control %q reached the output:\n%q", where, bad, out)
		}
	}
	if !strings.Contains(out, `\x1b[2J`) {
		t.Errorf("%s: the hostile text is not shown escaped:\n%q", where, out)
	}
}

// Names and versions from a repository and text from a board are printed
// escaped in human output (plan, update, status, devices, fleet, errors);
// JSON keeps them exact.
func TestHumanOutputNeutralisesControls(t *testing.T) {
	t.Run("plan of a local folder", func(t *testing.T) {
		// A name with control characters is refused (the path rules), and
		// the refusal that quotes it is escaped.
		dir := t.TempDir()
		t.Chdir(t.TempDir())
		if err := os.WriteFile(filepath.Join(dir, "evil"+hostile+".py"), []byte("x\n"), 0o644); err != nil {
			t.Skip("the file system refuses the name:", err)
		}
		for _, human := range []bool{true, false} {
			ios, _, out, errOut := TestStreams()
			args := []string{"plan", "--source", dir, "--cache-dir", t.TempDir()}
			if !human {
				args = append(args, "--json")
			}
			if code := Main(context.Background(), args, ios); code != ExitVerify {
				t.Fatalf("exit %d, want %d: %s", code, ExitVerify, errOut)
			}
			assertNoControl(t, "plan refusal", errOut.String())
			if human {
				continue
			}
			var doc errorDoc
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil || doc.Error.Kind != "verification" || !strings.Contains(doc.Error.Message, "control character") {
				t.Errorf("JSON error %+v, %v", doc, err)
			}
		}
	})
	t.Run("plan version from a manifest", func(t *testing.T) {
		e := newCLIEnv(t)
		m := &manifest.Manifest{Version: "1.0" + hostile, Files: []manifest.Entry{{Path: "main.py", SHA1: e.repo.BlobSHA("v1.0.0", "main.py")}}}
		b, _ := json.Marshal(m)
		e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": b})
		code, out, errOut := e.run(t, "plan", "--repo", "acme/app")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		assertNoControl(t, "plan", out)
	})
	t.Run("update result and progress", func(t *testing.T) {
		var buf bytes.Buffer
		b := fleet.BoardReport{Port: "/dev/ttyACM0", Serial: "E66" + hostile, Outcome: fleet.RolledBack, Why: "boot failed: " + hostile,
			RestartError: "gone " + hostile}
		b.Before.Version, b.After.Version, b.Target.Version = "v1"+hostile, "v1"+hostile, "v2"+hostile
		printFleet(&buf, fleet.Report{Boards: []fleet.BoardReport{b}})
		assertNoControl(t, "update", buf.String())
		buf.Reset()
		b.Why = "Traceback (most recent call last):\n  File \"main.py\", line 1\nValueError: " + hostile
		printFleet(&buf, fleet.Report{Boards: []fleet.BoardReport{b, b}})
		assertNoControl(t, "update, a traceback", buf.String())
		ios, _, _, errOut := TestStreams()
		v := newFleetView(ios, false, []fleet.Target{{Port: ports.Port{Path: "/dev/ttyACM0" + hostile}}})
		v.event(fleet.Event{Event: update.Event{Phase: update.PhaseVerified, Path: "evil" + hostile, FilesDone: 1, FilesTotal: 1}})
		v.event(fleet.Event{Event: update.Event{Phase: update.PhaseInstall, Msg: "agent says " + hostile}})
		v.event(fleet.Event{Event: update.Event{Phase: update.PhaseTrial, Msg: "app says " + hostile}})
		v.event(fleet.Event{Event: update.Event{Phase: update.PhaseVerdict, Msg: "rolled_back" + hostile}})
		assertNoControl(t, "update progress", errOut.String())
	})
	t.Run("status", func(t *testing.T) {
		var buf bytes.Buffer
		var s agent.Status
		s.Agent, s.FS, s.State = "1.4.0"+hostile, "lfs2"+hostile, agent.StateTrial
		s.App.Version, s.App.Commit = "v1"+hostile, hostile
		s.Txn = &agent.Txn{State: agent.StateTrial, Boots: 1}
		s.Last = &agent.Outcome{Result: agent.Result("rolled_back" + hostile), Why: hostile}
		writeStatusText(&buf, "/dev/ttyACM0", s)
		assertNoControl(t, "status", buf.String())
	})
	t.Run("devices", func(t *testing.T) {
		ios, _, out, errOut := TestStreams()
		o := &devicesOptions{GlobalOptions: &GlobalOptions{IO: ios}, lister: &ports.Lister{
			Enumerate: func() ([]*ports.Detail, error) {
				return []*ports.Detail{{Name: "/dev/ttyACM0", IsUSB: true, VID: "2E8A", PID: "0005", SerialNumber: "E66" + hostile, Product: "Board in FS mode" + hostile}}, nil
			},
			Alive: func(int) bool { return false },
		}}
		if err := runDevices(context.Background(), o); err != nil {
			t.Fatalf("%v: %s", err, errOut)
		}
		assertNoControl(t, "devices", out.String())
	})
	t.Run("errors", func(t *testing.T) {
		ios, _, _, errOut := TestStreams()
		code := Main(context.Background(), []string{"plan", "--source", filepath.Join(t.TempDir(), "missing"+hostile)}, ios)
		if code == ExitOK {
			t.Fatal("a missing folder planned")
		}
		assertNoControl(t, "error", errOut.String())
	})
}
