package faults_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// agentSet is what decides how a board boots and what the host believes
// of its agent: the agent module, its boot integration and its config.
var agentSet = []string{agent.AgentFile, agent.AgentMPYFile, agent.BootFile, agent.MainFile, ".ota/config.json"}

// imported is the agent module a board with agentSet fl imports:
// MicroPython takes ota_agent.py before ota_agent.mpy.
func imported(fl map[string]string) string {
	if c := fl[agent.AgentFile]; c != "\x00absent" {
		return c
	}
	return fl[agent.AgentMPYFile]
}

// agentFiles is the flash's agentSet; "\x00absent" for a missing file.
func agentFiles(t testing.TB, flash string) map[string]string {
	all := flashTree(t, flash)
	out := map[string]string{}
	for _, p := range agentSet {
		c, ok := all[p]
		if !ok {
			c = "\x00absent"
		}
		out[p] = c
	}
	return out
}

// ownApp is a board's own app from before otapush: it has its own
// boot.py and main.py, which the agent keeps as _app_boot.py/_app_main.py.
var ownApp = app{
	"boot.py":    "B = 1\n",
	"main.py":    "print('OWN APP')\n",
	"lib/own.py": "OWN = 1\n",
}

// olderAgent makes flash hold an older agent: the embedded one with its
// VERSION lowered (as TestAgentUpgradeFromOlder), and boot files that
// differ from this build's by a line (agent versions change them too),
// so a board left with some files of each version shows as a mix.
func olderAgent(t *testing.T, flash string) {
	t.Helper()
	current := []byte(`VERSION = "` + agent.Version + `"`)
	for _, f := range agent.Files() {
		data := f.Data
		if f.Name == agent.AgentFile {
			if !bytes.Contains(data, current) {
				t.Fatalf("%s does not declare %s", f.Name, current)
			}
			data = bytes.Replace(data, current, []byte(`VERSION = "0.9.0"`), 1)
		} else {
			nl := bytes.IndexByte(data, '\n') + 1
			data = append(append(append([]byte{}, data[:nl]...), "# (as agent 0.9.0 wrote it)\n"...), data[nl:]...)
		}
		if err := os.WriteFile(filepath.Join(flash, f.Name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var oiRe = regexp.MustCompile(`_oi_(w|install|cfg)\('/?(?:\.ota/)?([\w.]+?)(?:\.new)?'`)

// installLabel names a step of the agent install: "installer", "w
// ota_agent.py", "install boot.py", ...; "" for a step that is not one.
func installLabel(code string) string {
	if strings.Contains(code, "def _oi_install") {
		return "installer"
	}
	if m := oiRe.FindStringSubmatch(code); m != nil {
		if m[1] == "cfg" {
			return "cfg"
		}
		return m[1] + " " + m[2]
	}
	return ""
}

// TestLinkDropDuringInstall: the host loses the board after each exec
// of the agent's install (the installer script, every chunk, every
// verify-and-rename, the config) on a fresh board running its own app
// and on a board with an older agent and v1, the board powered on or
// power-cut with the link. After each: the board comes up to a usable
// REPL, the app it had is whole, the agent module is never newer than
// the boot integration the host can no longer see (the host decides to
// install by the agent's version alone: a new agent over old boot files
// would never be completed), and the next update installs the agent,
// ends on v2 and leaves exactly this build's agent files.
func TestLinkDropDuringInstall(t *testing.T) {
	t.Parallel()
	fresh := t.TempDir()
	copyDir(t, writeDir(t, ownApp), fresh)
	older := t.TempDir()
	copyDir(t, baseFlash(t), older)
	olderAgent(t, older)

	// The simulator loads .mpy v6: it gets the agent as bytecode, and an
	// older agent's ota_agent.py goes.
	want := map[string]string{agent.AgentFile: "\x00absent"}
	for _, f := range agent.Shipped(agent.MPYVersion) {
		want[f.Name] = string(f.Data)
	}

	ta := newTally()
	t.Cleanup(func() { ta.log(t) })
	boards := []struct {
		name  string
		flash string
		// live is the app the board must keep running until the update.
		live map[string]app
		// appData are the board's files no version holds.
		appData []string
	}{
		{"fresh board with its own app", fresh, nil, []string{"boot.py", "lib/own.py"}},
		{"older agent with v1", older, map[string]app{"v1": v1}, nil},
	}
	p, s := plan(t, v2)
	opts := update.Options{Confirm: "return"}
	for _, bd := range boards {
		before := agentFiles(t, bd.flash)
		after := map[string]string{}
		for k, v := range before {
			after[k] = v
		}
		for k, v := range want {
			after[k] = v
		}

		// The clean run counts the install's steps.
		census := &linkCut{}
		func() {
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := boardOn(t, bd.flash, simboard.Options{})
			defer b.Close()
			o := connOpts(b)
			o.OpenTransport = census.open
			c, err := dial(ctx, b, o)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			r, err := update.Run(ctx, p, s, c, opts, nil)
			if err != nil || r.Outcome != update.Committed || !r.AgentInstall {
				t.Fatalf("%s: clean run: %+v %v", bd.name, r, err)
			}
			if got := agentFiles(t, b.FlashDir()); treeDiff(got, after) != "" {
				t.Fatalf("%s: clean run leaves agent files [%s]", bd.name, treeDiff(after, got))
			}
		}()
		var pts []int
		var labels []string
		for i, st := range census.steps {
			l := installLabel(st)
			labels = append(labels, l)
			if l == "" {
				continue
			}
			// Only a file's last chunk: the earlier ones only make its temp
			// file shorter (make faults-full tries them too).
			if strings.HasPrefix(l, "w ") && !fullSweep() &&
				i+1 < len(census.steps) && installLabel(census.steps[i+1]) == l {
				continue
			}
			pts = append(pts, i+1)
		}
		// The installer, then one exec per file's last chunk (its
		// verify-and-rename rides with it, agent 1.6.0), the agent module
		// in more than one chunk.
		if len(pts) < 6 && fullSweep() || len(pts) < 4 {
			t.Fatalf("%s: clean run: %d install steps among %d: %q", bd.name, len(pts), len(census.steps), labels)
		}
		off := simtest.SampleOffset(t)
		for _, unplug := range []bool{false, true} {
			scenario := "install link drop: " + bd.name + "; board runs on"
			if unplug {
				scenario = "install link drop: " + bd.name + "; power too"
			}
			for _, i := range simtest.Sample(len(pts), sampledUploads, off, nil) {
				k := pts[i]
				name := fmt.Sprintf("%s/after %d %s", scenario, k, labels[k-1])
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					begin := time.Now()
					viol := installDropCase(t, bd.flash, k, unplug, before, after, bd.live, bd.appData)
					ta.add(scenario, name, begin, viol)
					for _, v := range viol {
						t.Error(v)
					}
				})
			}
		}
	}
}

func fullSweep() bool { return os.Getenv("OTAPUSH_FAULTS_FULL") != "" }

func installDropCase(t *testing.T, base string, k int, unplug bool, before, after map[string]string, live map[string]app, appData []string) (viol []string) {
	bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b, p, s, viol := dropLink(t, ctx, base, k, false, unplug, update.Options{Confirm: "return"})
	defer b.Close()
	if len(viol) > 0 {
		return viol
	}
	// The agent files: as before, all new, or on the way from one to the
	// other with the agent module last: the host installs only when the
	// agent reports an older version (or none).
	got := agentFiles(t, b.FlashDir())
	switch {
	case treeDiff(got, before) == "", treeDiff(got, after) == "":
	case imported(got) == imported(after):
		bad("the new agent module over old boot files [%s]: the host sees a current agent and never completes them", treeDiff(after, got))
	default:
		// The installer renames one file at a time: new boot files
		// behind the old module (or none) until the module goes last.
		t.Logf("between the two agent file sets: [%s] still old", treeDiff(after, got))
	}
	// The app the board had is still whole.
	fl := flashTree(t, b.FlashDir())
	if live != nil {
		if v, err := whole(t, b.FlashDir(), live); err != nil {
			bad("after the drop: %v", err)
		} else if v != "v1" {
			bad("after the drop the board runs %s", v)
		}
	} else {
		for _, n := range []string{"boot.py", "main.py"} {
			c := fl[n]
			if strings.HasPrefix(c, "# otapush-agent") {
				c = fl["_app_"+n]
			}
			if c != ownApp[n] {
				bad("after the drop the app's own %s is %q", n, c)
			}
		}
	}

	// The next otapush finishes the install and the update.
	c, err := dial(ctx, b, connOpts(b))
	if err != nil {
		bad("re-dial: %v", err)
		return
	}
	r, err := update.Run(ctx, p, s, c, update.Options{Confirm: "return"}, nil)
	c.Close()
	if err != nil || r.Outcome != update.Committed {
		bad("next update: %+v %v", r, err)
	}
	if err := quiet(ctx, b); err != nil {
		bad("after the next update: %v", err)
		return
	}
	if got := agentFiles(t, b.FlashDir()); treeDiff(got, after) != "" {
		bad("after the next update the agent files are not this build's [%s]", treeDiff(after, got))
	}
	if v, err := whole(t, b.FlashDir(), map[string]app{"v2": v2}, appData...); err != nil || v != "v2" {
		bad("after the next update: %s %v", v, err)
	}
	if left := leftovers(t, b.FlashDir()); len(left) > 0 {
		bad("after the next update /.ota keeps %v", left)
	}
	return viol
}
