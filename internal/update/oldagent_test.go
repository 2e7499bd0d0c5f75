package update_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// TestAgentWithoutSurvey: an agent from before survey() (1.3.x) cannot
// answer the host's preflight call; the host still reads its status and
// upgrades it when it is idle, refuses to touch it while a transaction of
// its own is open, and --abort works on it with the status alone.
func TestAgentWithoutSurvey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		journal string // .ota/state.json, "" = idle
		o       update.Options
		want    update.Outcome
		busy    bool // the preflight refuses: busy and too old
	}{
		{"idle: upgraded, then updated", "", update.Options{Confirm: "return"}, update.Committed, false},
		{"busy: left alone", `{"s":"safe","why":"test"}`, update.Options{Confirm: "return"}, update.Failed, true},
		{"abort: by the status alone", "", update.Options{Abort: true}, update.Aborted, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			seed := map[string][]byte{}
			for _, f := range agent.Files() {
				data := f.Data
				if f.Name == agent.AgentFile {
					for _, r := range [][2]string{
						{"status, hashes, survey,", "status, hashes, survey_not_yet,"},
						{`VERSION = "` + agent.Version + `"`, `VERSION = "1.3.0"`},
					} {
						if !bytes.Contains(data, []byte(r[0])) {
							t.Fatalf("%s has no %q", f.Name, r[0])
						}
						data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
					}
				}
				seed[f.Name] = data
			}
			if tt.journal != "" {
				seed[".ota/state.json"] = []byte(tt.journal)
			}
			b := simtest.StartT(t, simboard.Options{Files: seed})
			c := dial(t, ctx, b)
			r, err := push(t, ctx, c, v1, tt.o)
			var pe *update.PreflightError
			if r.Outcome != tt.want || tt.busy != (errors.As(err, &pe) && errors.Is(err, agent.ErrNoAgent)) {
				t.Fatalf("got %+v %v, want %s (busy refusal %v)", r, err, tt.want, tt.busy)
			}
			if tt.want == update.Committed && (!r.AgentInstall || r.Agent != agent.Version) {
				t.Errorf("agent %q after the update (installed %v), want %s", r.Agent, r.AgentInstall, agent.Version)
			}
		})
	}
}
