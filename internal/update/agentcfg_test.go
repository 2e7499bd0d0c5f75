package update_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// TestAgentSettingsReachBoard: the agent's settings are written at install
// and, when the host's differ later (or the board's are bad), rewritten
// before anything is staged (issue 12 item 4); the old stage and backup
// folders do not linger.
func TestAgentSettingsReachBoard(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	c := dial(t, ctx, b)
	settings := func(stage, backup string) string {
		return fmt.Sprintf(`{"stage_dir":%q,"backup_dir":%q}`, stage, backup)
	}
	boardCfg := func() map[string]any {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(b.FlashDir(), ".ota", "config.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("config.json %q: %v", data, err)
		}
		return m
	}
	steps := []struct {
		name          string
		board         string // written to /.ota/config.json first ("" : as it is)
		a             app
		stage, backup string
	}{
		{"install", "", v1, "st1", "bk1"},
		{"changed setting", "", v2, "st2", "bk2"},
		{"bad config on the board", `{"stage_dir":"state.json","backup_dir":"state.json"}`, v1, "st2", "bk2"},
	}
	for _, s := range steps {
		if s.board != "" {
			code := fmt.Sprintf("with open('/.ota/config.json','w') as f:\n    f.write(%q)\n", s.board)
			if _, err := c.Exec(ctx, code); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		r, err := push(t, ctx, c, s.a, update.Options{Confirm: "return", AgentConfig: settings(s.stage, s.backup)})
		if err != nil || r.Outcome != update.Committed {
			t.Fatalf("%s: %+v %v", s.name, r, err)
		}
		if got := boardCfg(); got["stage_dir"] != s.stage || got["backup_dir"] != s.backup {
			t.Errorf("%s: board's config.json %v, want stage_dir %s, backup_dir %s", s.name, got, s.stage, s.backup)
		}
		sameApp(t, appFiles(t, b), s.a)
		if left := stageLeft(t, b); len(left) > 0 {
			t.Errorf("%s: leftovers %v", s.name, left)
		}
	}
}
