package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/update"
)

// verdictSection measures the time from the reset to the board's verdict
// for a healthy app under each trial policy, with the defaults (uptime N
// 5 s), on the simulated board with the USB full-speed link model.
func verdictSection(ctx context.Context, w io.Writer) error {
	c, store, tmp, done, err := updateBench(ctx, "verdict")
	if err != nil {
		return err
	}
	defer done()
	const loop = "import time\nwhile True:\n    time.sleep_ms(20)\n"
	push := func(name, main string, pol agent.Policy) (update.Result, error) {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return update.Result{}, err
		}
		src := "# " + name + "\n" + main
		if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(src), 0o644); err != nil {
			return update.Result{}, err
		}
		pl, err := local.PlanDir(ctx, store, dir, manifest.Rules{})
		if err != nil {
			return update.Result{}, err
		}
		return update.Run(ctx, pl, store, c, update.Options{Confirm: pol}, nil)
	}
	// The agent install is a one-off; keep it out of the numbers.
	if _, err := push("warmup", "print('hi')\n", agent.PolicyReturn); err != nil {
		return err
	}
	rows := [][]string{{"policy", "app", "outcome", "reset to verdict", "whole update"}}
	for _, cs := range []struct {
		pol       agent.Policy
		what, app string
	}{
		{agent.PolicyUptime, "while True (N = 5 s)", loop},
		{agent.PolicyReturn, "returns", "print('set up')\n"},
		{agent.PolicyApp, "confirm(), then loops", "import ota_agent\nota_agent.confirm()\n" + loop},
		{agent.PolicyHost, "while True (N = 5 s)", loop},
	} {
		r, err := push(string(cs.pol), cs.app, cs.pol)
		if err != nil {
			return fmt.Errorf("%s: %w", cs.pol, err)
		}
		rows = append(rows, []string{string(cs.pol), cs.what, string(r.Outcome),
			fmt.Sprintf("%.2f s", r.TrialTime.Seconds()), fmt.Sprintf("%.2f s", r.Duration.Seconds())})
	}
	table(w, rows)
	fmt.Fprintln(w, "reset to verdict: from the reset to the board's committed (update.Result.TrialTime); uptime and host")
	fmt.Fprintln(w, "wait N by design. Events printed while the port is away are lost (usb-fs): the host then reads the status.")
	return nil
}
