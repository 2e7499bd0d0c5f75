package update

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/otapush/otapush/internal/agent"
)

// agentDefaults are the agent's own defaults for the settings the host
// writes: a board without them in config.json already has these.
var agentDefaults = map[string]any{"stage_dir": ".ota_stage", "backup_dir": ".ota_backup",
	"hook_s": agent.DefaultHookTimeout.Seconds()}

// syncConfig rewrites /.ota/config.json on an idle board when the host's
// agent settings (Options.AgentConfig) differ from the board's, or the
// board's are ones the agent ignores: the config is otherwise written only
// when the agent is installed, and a setting changed later would never
// reach the board. It runs before anything is staged, since the stage
// folder is one of the settings; the agent drops a stage it no longer
// names and the board is surveyed again. The board's other settings are
// kept. The agent writes the file with temp-then-rename, like its journal.
func (r *run) syncConfig(ctx context.Context, sv agent.Survey) (agent.Survey, error) {
	s := sv.Status
	if r.o.AgentConfig == "" || s.State != agent.StateIdle || agent.NeedsInstall(s.Agent) {
		return sv, nil
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(r.o.AgentConfig), &want); err != nil {
		return sv, fmt.Errorf("agent settings %q: not a JSON object: %w", r.o.AgentConfig, err)
	}
	next := map[string]any{}
	if s.ConfigErr == "" {
		for k, v := range s.Config {
			next[k] = v
		}
	}
	differs := s.ConfigErr != ""
	for k, v := range want {
		have, ok := s.Config[k]
		if !ok {
			have = agentDefaults[k]
		}
		if !reflect.DeepEqual(have, v) {
			differs = true
		}
		next[k] = v
	}
	if !differs {
		return sv, nil
	}
	text, err := json.Marshal(next)
	if err != nil {
		return sv, err
	}
	msg := "writing the agent's settings (/.ota/config.json)"
	if s.ConfigErr != "" {
		msg = "replacing the agent's settings, which it ignores (" + s.ConfigErr + ")"
	}
	r.send(Event{Phase: PhaseInstall, Msg: msg})
	if err := r.b.SetConfig(ctx, string(text)); err != nil {
		return sv, classifyPreflight(err)
	}
	sv, err = r.b.Survey(ctx, r.paths())
	if err != nil {
		return sv, classifyPreflight(err)
	}
	return sv, nil
}
