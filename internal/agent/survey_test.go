package agent

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
)

// TestSurveyOfAnOlderAgent: an agent from before survey() answers the
// call with an AttributeError. Survey must make that ErrNoAgent (the host
// upgrades on it) and still read the agent's status, which tells the
// host whether it may upgrade (idle) or not (busy).
func TestSurveyOfAnOlderAgent(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	seed := map[string][]byte{}
	for _, f := range Files() {
		data := f.Data
		if f.Name == AgentFile {
			// The agent as it was before survey(): the same module
			// without the call, and an older version.
			for _, r := range [][2]string{
				{"status, hashes, survey, begin", "status, hashes, begin"},
				{"_api(_status), _api(_hashes), _api(_survey),", "_api(_status), _api(_hashes),"},
				{`VERSION = "` + Version + `"`, `VERSION = "1.3.0"`},
			} {
				if !bytes.Contains(data, []byte(r[0])) {
					t.Fatalf("%s has no %q", f.Name, r[0])
				}
				data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
			}
		}
		seed[f.Name] = data
	}
	sb := simboard.StartT(t, simboard.Options{Files: seed})
	c := New(dial(t, ctx, sb), Options{})

	sv, err := c.Survey(ctx, []string{"main.py"})
	if !errors.Is(err, ErrNoAgent) || sv.Status.Agent != "1.3.0" || sv.Status.State != StateIdle {
		t.Fatalf("survey of agent 1.3.0: %v, status %+v; want ErrNoAgent with the idle status", err, sv.Status)
	}
	if !NeedsInstall(sv.Status.Agent) {
		t.Fatalf("agent %s would not be upgraded", sv.Status.Agent)
	}

	if err := c.InstallAgent(ctx, 2048, ""); err != nil {
		t.Fatal(err)
	}
	sv, err = c.Survey(ctx, []string{"main.py"})
	if err != nil || sv.Status.Agent != Version || sv.Live == nil || sv.Staged == nil {
		t.Fatalf("survey after the upgrade: %v, %+v", err, sv)
	}
}
