package firmware_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// The agent's settings rules mirror the host's (config.CheckAgentDirs and
// the trial bounds): whatever the host refuses, config() refuses with
// ErrConfig, and whatever it takes, the board takes (issue 12 item 4).
func TestAgentConfigRulesMirrorHost(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	dirs := [][2]string{
		{".ota_stage", ".ota_backup"}, {"stage", "backup"}, {"s-1", "..b"}, {strings.Repeat("s", 64), "b"},
		{"", "b"}, {"s", ""}, {".", "b"}, {"..", "b"}, {"a/b", "b"}, {"s", `a\b`}, {"a b", "b"}, {"s\x7f", "b"},
		{strings.Repeat("s", 65), "b"}, {"x.tmp", "b"}, {"s", "x.new"}, {"same", "same"}, {".ota_backup", ".ota_backup"},
	}
	for _, n := range config.AgentReserved {
		dirs = append(dirs, [2]string{n, "b"}, [2]string{"s", n})
	}
	for _, dd := range dirs {
		host := config.CheckAgentDirs(dd[0], dd[1])
		js, _ := json.Marshal(map[string]string{"stage_dir": dd[0], "backup_dir": dd[1]})
		err := d.call(ctx, nil, "config", string(js))
		board := errors.Is(err, agent.ErrConfig)
		if err != nil && !board {
			t.Fatalf("config(%q, %q): %v", dd[0], dd[1], err)
		}
		if board != (host != nil) {
			t.Errorf("stage_dir %q backup_dir %q: host refuses=%v (%v), board refuses=%v (%v)", dd[0], dd[1], host != nil, host, board, err)
		}
	}
	for _, c := range []struct {
		json string
		ok   bool
	}{
		{`{"trial_boots":1}`, true}, {fmt.Sprintf(`{"trial_boots":%d}`, config.MaxTrialBoots), true},
		{`{"trial_boots":0}`, false}, {fmt.Sprintf(`{"trial_boots":%d}`, config.MaxTrialBoots+1), false},
		{`{"trial_boots":"3"}`, false}, {`{"trial_boots":true}`, false},
		{`{"confirm_after_s":-1}`, false}, {fmt.Sprintf(`{"deadline_s":%d}`, config.MaxTrialSec+1), false},
		{`{"confirm":"hots"}`, false}, {`{"confirm":"auto"}`, true}, {`{"keep_previous":"yes"}`, false},
		{`{"fat_mode":"strong"}`, false}, {`[1]`, false},
		{`{"hook_s":1}`, true}, {fmt.Sprintf(`{"hook_s":%d}`, config.MaxHookSec), true}, {`{"hook_s":0}`, false},
		{fmt.Sprintf(`{"hook_s":%d}`, config.MaxHookSec+1), false}, {`{"hook_s":"30"}`, false}, {`{"hook_s":true}`, false},
	} {
		err := d.call(ctx, nil, "config", c.json)
		if c.ok != (err == nil) || (err != nil && !errors.Is(err, agent.ErrConfig)) {
			t.Errorf("config(%s) = %v, want ok=%v", c.json, err, c.ok)
		}
	}
}

// A bad /.ota/config.json on the board (an older otapush wrote it, or a
// hand): boots ignore it (the defaults rule, the board stays usable and
// says why), uploads and arm refuse it with ErrConfig before touching the
// stage, and config() with good settings makes the board usable again.
func TestBadBoardConfigRefusedSafely(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	for _, bad := range []string{
		`{"stage_dir":".ota_backup"}`,             // stage = backup: a rollback restored nothing
		`{"stage_dir":"state.json"}`,              // the stage would shadow the journal
		`{"stage_dir":"s","backup_dir":"prev"}`,   // the backup would be the kept version
		`{"trial_boots":"many","confirm":"hots"}`, // the trial would not count
		`not json`,
	} {
		fl := agentFlash(nil)
		fl[".ota/config.json"] = []byte(bad)
		b := simtest.StartT(t, simboard.Options{Files: fl, ResetDelay: fastReset})
		d := &dev{t: t, b: b}
		if err := d.idle(ctx); err != nil {
			t.Fatalf("%s: %v", bad, err)
		}
		if err := d.reset(ctx); err != nil { // a boot with it reaches the REPL
			t.Fatalf("%s: boot: %v", bad, err)
		}
		st := mustStatus(t, ctx, d)
		if st.State != agent.StateIdle || st.ConfigErr == "" {
			t.Errorf("%s: status %s cfgerr %q", bad, st.State, st.ConfigErr)
		}
		err := d.push(ctx, sweepOld)
		if !errors.Is(err, agent.ErrConfig) || !strings.Contains(err.Error(), "config.json") {
			t.Errorf("%s: push = %v, want ErrConfig naming config.json", bad, err)
		}
		for p := range tree(t, b.FlashDir()) {
			if journalLeft(p) {
				t.Errorf("%s: a refused push left %s", bad, p)
			}
		}
		if err := d.call(ctx, nil, "config", `{"stage_dir":"st","backup_dir":"bk"}`); err != nil {
			t.Fatalf("%s: config: %v", bad, err)
		}
		if err := lifecycle(ctx, d, sweepOld); err != nil {
			t.Fatalf("%s: update after config(): %v", bad, err)
		}
		if st := mustStatus(t, ctx, d); st.App.Version != sweepOld.name || st.Last == nil || st.Last.Result != "committed" {
			t.Errorf("%s: after config() the update ended %+v on %s", bad, st.Last, st.App.Version)
		}
		d.drop()
		b.Close()
	}
}
