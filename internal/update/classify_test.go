package update

import (
	"testing"

	"github.com/otapush/otapush/internal/agent"
)

func TestClassifyOutcome(t *testing.T) {
	st := func(state, app, lastR, lastTo, why string) agent.Status {
		s := agent.Status{State: agent.State(state)}
		s.App.Version = app
		if lastR != "" {
			s.Last = &agent.Outcome{Result: agent.Result(lastR), Why: why}
			s.Last.To.Version = lastTo
		}
		return s
	}
	tests := []struct {
		name string
		s    agent.Status
		want Outcome
		why  string
	}{
		{"committed", st("idle", "v2", "committed", "v2", ""), Committed, ""},
		{"rolled back", st("idle", "v1", "rolled_back", "v2", "main.py raised"), RolledBack, "main.py raised"},
		{"an older rollback is not this one", st("idle", "v2", "rolled_back", "v9", "old"), Committed, ""},
		{"on trial", st("trial", "v2", "", "", ""), OnTrial, ""},
		{"armed", st("apply", "v1", "", "", ""), Armed, ""},
		{"idle on another version", st("idle", "v1", "committed", "v1", ""), Failed, "the board is idle on version v1"},
	}
	for _, tt := range tests {
		got, why := classify(tt.s, "v2")
		if got != tt.want || why != tt.why {
			t.Errorf("%s: %s %q, want %s %q", tt.name, got, why, tt.want, tt.why)
		}
	}
}
