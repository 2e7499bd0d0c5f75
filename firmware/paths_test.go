package firmware_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// The agent's check() mirrors manifest.CheckAppPath: every path the host
// refuses, the board refuses too (defence in depth), and every path the
// host lets through, the board takes. Non-UTF-8 names cannot be sent at
// all (a Python str is text), so the host's refusal is the only one.
func TestAgentPathRulesMirrorHost(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	long := strings.Repeat("n", manifest.MaxNameBytes)
	paths := []string{
		"main.py", "boot.py", "lib/main.py", "lib/version.json", "lib/.ota/x", "lib/_app_main.py",
		"_app_main.txt", ".otarc", "ünïcode/名前.py", long, "lib/" + long,
		"version.json", "ota_agent.py", "ota_agent.mpy", "_app_main.py", "_app_boot.py", "_app_other.py", ".ota", ".ota/x",
		"boot.py/x", "main.py/lib/x.py", "version.json/x", "ota_agent.py/x", "_app_main.py/x",
		"a\nb.py", "a\x1b[31m.py", "a\x7f.py", long + "x", "lib/" + long + "x/a.py", strings.Repeat("é", 128),
		"../x", "/abs", `a\b`, "a//b", "a/./b",
	}
	for _, p := range paths {
		host := manifest.CheckAppPath(p, "test")
		var h agent.Hashes
		err := d.call(ctx, &h, "hashes", []string{p})
		var ae *agent.Error
		board := errors.As(err, &ae) && ae.Code == agent.ErrPath
		if err != nil && !board {
			t.Fatalf("hashes(%q): %v", p, err)
		}
		if board != (host != nil) {
			t.Errorf("%.40q: host refuses=%v (%v), board refuses=%v (%v)", p, host != nil, host, board, err)
		}
	}
}

// Thousands of paths in one call: the host used to send them as a list
// display, which exhausted the board's stack ("pystack exhausted").
func TestAgentTakesThousandsOfPaths(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	paths := make([]string, 3000)
	for i := range paths {
		paths[i] = fmt.Sprintf("lib/d%02d/m%04d.py", i%30, i)
	}
	var sv agent.Survey
	if err := d.call(ctx, &sv, "survey", paths); err != nil {
		t.Fatalf("survey of %d paths: %v", len(paths), err)
	}
	if len(sv.Live) != len(paths) {
		t.Errorf("survey answered %d paths, want %d", len(sv.Live), len(paths))
	}
}
