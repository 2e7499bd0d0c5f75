package update_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// TestAgentUpgradeFromOlder seeds a board with an older agent (the
// embedded one with its VERSION lowered) and checks that an update first
// upgrades it, byte for byte, and then commits as usual.
func TestAgentUpgradeFromOlder(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	current := `VERSION = "` + agent.Version + `"`
	seed := map[string][]byte{}
	// The simulator loads .mpy v6: the upgrade ships the agent as bytecode.
	embedded := agent.Shipped(agent.MPYVersion)[0].Data
	for _, f := range agent.Files() {
		data := f.Data
		if f.Name == agent.AgentFile {
			if !bytes.Contains(data, []byte(current)) {
				t.Fatalf("%s does not declare %s", f.Name, current)
			}
			data = bytes.Replace(data, []byte(current), []byte(`VERSION = "0.9.0"`), 1)
		}
		seed[f.Name] = data
	}
	b := simtest.StartT(t, simboard.Options{Files: seed})
	c := dial(t, ctx, b)

	r, err := push(t, ctx, c, v1, update.Options{Confirm: "return"})
	if err != nil || r.Outcome != update.Committed || !r.AgentInstall {
		t.Fatalf("update over agent 0.9.0: %+v %v", r, err)
	}
	if r.Agent != agent.Version {
		t.Errorf("agent after the update = %q, want %q", r.Agent, agent.Version)
	}
	got, err := os.ReadFile(filepath.Join(b.FlashDir(), agent.AgentMPYFile))
	if err != nil || !bytes.Equal(got, embedded) {
		t.Errorf("the board's %s is not the embedded agent (%v)", agent.AgentMPYFile, err)
	}
	if _, err := os.Stat(filepath.Join(b.FlashDir(), agent.AgentFile)); err == nil {
		t.Errorf("the older agent's %s is left beside %s: the board would import it first", agent.AgentFile, agent.AgentMPYFile)
	}
	sameApp(t, appFiles(t, b), v1)

	// A second run finds the current agent and installs nothing.
	r, err = push(t, ctx, c, v1, update.Options{Confirm: "return"})
	if err != nil || r.Outcome != update.UpToDate || r.AgentInstall {
		t.Fatalf("second run: %+v %v", r, err)
	}
	if left := stageLeft(t, b); len(left) > 0 {
		t.Errorf("transaction leftovers: %s", strings.Join(left, ", "))
	}
}
