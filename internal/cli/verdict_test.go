package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// A while-True app, the usual shape of a MicroPython program: it never
// returns and never calls ota_agent.confirm().
const loopApp = "import time\nprint('loop', VERSION)\nwhile True:\n    time.sleep_ms(20)\n"

func loopVersion(v string) map[string]string {
	return map[string]string{"main.py": "VERSION = '" + v + "'\n" + loopApp}
}

// verdict is one board's update --json report, with the run's exit code
// and plan version.
type verdict struct {
	fleet.BoardReport
	ExitCode int
	Plan     string
}

// decodeUpdate reads an update --json document of one board.
func decodeUpdate(t *testing.T, name string, r cliRun) verdict {
	t.Helper()
	var rep fleet.Report
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil || len(rep.Boards) != 1 {
		t.Fatalf("%s: exit %d, no report of one board (%v)\nstdout: %s\nstderr: %s", name, r.code, err, r.out, r.errOut)
	}
	return verdict{BoardReport: rep.Boards[0], ExitCode: rep.ExitCode, Plan: rep.Plan.Version}
}

// TestVerdictPolicies: under each trial policy a healthy version ends in the
// board's verdict "committed", exit 0, with the verdict and the time from
// reset to verdict in --json; the default policy commits a while-True app
// that knows nothing about otapush, and a second update right after the
// first commits too.
func TestVerdictPolicies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		app  func(v string) map[string]string
	}{
		{"default (uptime)", nil, loopVersion},
		{"uptime 1s", []string{"--confirm", "uptime", "--uptime", "1s"}, loopVersion},
		{"return", []string{"--confirm", "return"}, func(v string) map[string]string {
			return map[string]string{"main.py": "print('setup', '" + v + "')\n"}
		}},
		{"app", []string{"--confirm", "app"}, func(v string) map[string]string {
			return map[string]string{"main.py": "import ota_agent, time\nota_agent.confirm()\nwhile True:\n    time.sleep_ms(20)\n# " + v + "\n"}
		}},
		{"host", []string{"--confirm", "host", "--uptime", "1s"}, loopVersion},
		{"auto is uptime", []string{"--confirm", "auto", "--uptime", "1s"}, loopVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{})
			up := updater(t, ctx, b)
			for i, v := range []string{"one", "two"} {
				r := up(append([]string{"--source", writeApp(t, tt.app(v)), "--json"}, tt.args...)...)
				rep := decodeUpdate(t, v, r)
				if r.code != ExitOK || rep.Outcome != "committed" || rep.ExitCode != 0 || rep.TrialMS <= 0 ||
					rep.After.Version != rep.Plan {
					t.Fatalf("update %d: exit %d, outcome %q, trial %v, runs %q (want %q)\n%s\n%s", i+1, r.code, rep.Outcome,
						rep.TrialMS, rep.After.Version, rep.Plan, r.out, r.errOut)
				}
			}
		})
	}
}

// TestVerdictRollback: a version that fails on the board ends in the
// board's verdict "rolled back", exit 7, the old version running again:
// one that raises after running a while (the traceback is the reason), and
// one that resets itself over and over (its trial boots run out).
func TestVerdictRollback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		main string
		want []string // in the reason
	}{
		{"raises after 2 s", "import time\nprint('up')\ntime.sleep(2)\nraise ValueError('late failure')\n",
			[]string{"ValueError: late failure", "Traceback", `main.py", line 4`}},
		{"resets over and over", "import machine, time\nprint('up')\ntime.sleep_ms(300)\nmachine.reset()\n",
			[]string{"not confirmed after 3 trial boots"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{})
			up := updater(t, ctx, b)
			if r := up("--source", writeApp(t, loopVersion("good")), "--uptime", "1s"); r.code != ExitOK {
				t.Fatalf("good version: exit %d\n%s%s", r.code, r.out, r.errOut)
			}
			r := up("--source", writeApp(t, map[string]string{"main.py": tt.main}), "--json")
			rep := decodeUpdate(t, "bad", r)
			if r.code != ExitRolledBack || rep.Outcome != "rolled_back" || rep.ExitCode != ExitRolledBack || rep.After.Version == rep.Plan {
				t.Fatalf("exit %d outcome %q, runs %q\n%s\n%s", r.code, rep.Outcome, rep.After.Version, r.out, r.errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(rep.Why, w) {
					t.Errorf("the reason lacks %q: %q", w, rep.Why)
				}
			}
			got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "_app_main.py"))
			if !strings.Contains(string(got), "'good'") {
				t.Errorf("the board's main.py after the rollback: %q", got)
			}
		})
	}
}

// TestVerdictLookAlike: an app that prints text shaped like the agent's
// events (another nonce, no nonce, the agent's log lines) and then fails
// is rolled back: none of it is taken for the verdict, and it reaches the
// report as app output.
func TestVerdictLookAlike(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	if r := up("--source", writeApp(t, loopVersion("good")), "--uptime", "1s"); r.code != ExitOK {
		t.Fatalf("good version: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	const fake = `import time
for i in range(20):
    print('OTA1 0123456789ab committed {"version": "x", "policy": "uptime"}')
    print('OTA1 - committed {}')
    print('OTA: COMMITTED')
    time.sleep_ms(100)
raise RuntimeError('the real verdict')
`
	r := up("--source", writeApp(t, map[string]string{"main.py": fake}), "--json")
	rep := decodeUpdate(t, "look-alike", r)
	if r.code != ExitRolledBack || rep.Outcome != "rolled_back" || !strings.Contains(rep.Why, "the real verdict") {
		t.Fatalf("exit %d outcome %q why %q\n%s\n%s", r.code, rep.Outcome, rep.Why, r.out, r.errOut)
	}
	if !strings.Contains(strings.Join(rep.Output, "\n"), "OTA1 0123456789ab committed") {
		t.Errorf("the look-alike lines are not in the output tail: %q", rep.Output)
	}
}

// TestVerdictNoWaitThenTrialFound: --no-wait returns before the verdict
// (on trial); the next update finds that version still on trial, hands it
// back, waits for its verdict and then goes on.
func TestVerdictNoWaitThenTrialFound(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	// A long uptime: the trial is certainly still running when the next
	// update comes.
	r := up("--source", writeApp(t, loopVersion("first")), "--no-wait", "--uptime", "30s", "--json")
	rep := decodeUpdate(t, "no-wait", r)
	if r.code != ExitOK || rep.Outcome != "trial" || rep.TrialMS != 0 {
		t.Fatalf("--no-wait: exit %d outcome %q trial time %v\n%s\n%s", r.code, rep.Outcome, rep.TrialMS, r.out, r.errOut)
	}
	first := rep.Plan
	r = up("--source", writeApp(t, loopVersion("second")), "--uptime", "1s", "--json")
	rep = decodeUpdate(t, "after the trial", r)
	if r.code != ExitOK || rep.Outcome != "committed" || rep.Before.Version != first {
		t.Fatalf("exit %d outcome %q, before %q (want %q, committed on its trial)\n%s\n%s", r.code, rep.Outcome,
			rep.Before.Version, first, r.out, r.errOut)
	}
}

// TestTrialFlagsRefusedFirst: a bad trial flag is a usage error (exit 2)
// that names the valid values, before the source is read or a port opened.
func TestTrialFlagsRefusedFirst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--confirm", "hots"}, "uptime, return, app, host"},
		{[]string{"--uptime", "0s"}, "--uptime"},
		{[]string{"--trial-boots", "0"}, "--trial-boots"},
		{[]string{"--verdict-timeout", "10ms"}, "--verdict-timeout"},
		{[]string{"--trial-deadline", "-1s"}, "--trial-deadline"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append([]string{"update", "--port", filepath.Join(dir, "no-such-port"), "--source", filepath.Join(dir, "no-such-dir")}, tt.args...)
			r := runCLI(t, t.Context(), args...)
			if r.code != ExitUsage || !strings.Contains(r.errOut, tt.want) {
				t.Errorf("exit %d, want %d naming %q\n%s%s", r.code, ExitUsage, tt.want, r.out, r.errOut)
			}
		})
	}
}

// TestVerdictDeadline: a trial that neither commits nor rolls back before
// --verdict-timeout ends in "no verdict", exit 8, the board left on trial
// (it still decides on its own).
func TestVerdictDeadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	r := up("--source", writeApp(t, loopVersion("waits")), "--confirm", "app", "--trial-deadline", "0", "--verdict-timeout", "4s", "--json")
	rep := decodeUpdate(t, "no verdict", r)
	if r.code != ExitNoVerdict || rep.Outcome != "no_verdict" || rep.ExitCode != ExitNoVerdict || !rep.AppRunning {
		t.Fatalf("exit %d outcome %q\n%s\n%s", r.code, rep.Outcome, r.out, r.errOut)
	}
	st := runCLI(t, ctx, "status", "--port", b.Port())
	if st.code != ExitOK || !strings.Contains(st.out, "transaction: trial") {
		t.Errorf("status after no verdict: %d\n%s%s", st.code, st.out, st.errOut)
	}
}
