package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// decodeOne asserts that stdout is exactly one JSON document with the
// schema version 1 at its top level, and returns it.
func decodeOne(t *testing.T, what, out string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: stdout is not a JSON document: %v\n%s", what, err, out)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("%s: more than one document on stdout:\n%s", what, out)
	}
	if v, ok := doc["version"].(float64); !ok || v != 1 {
		t.Fatalf("%s: \"version\" = %v, want 1:\n%s", what, doc["version"], out)
	}
	return doc
}

// hasKeys asserts that the object at path (dot-separated; "" is the
// document) has every key.
func hasKeys(t *testing.T, what string, doc map[string]any, path string, keys ...string) {
	t.Helper()
	obj := doc
	if path != "" {
		for _, p := range strings.Split(path, ".") {
			next, ok := obj[p].(map[string]any)
			if !ok {
				t.Errorf("%s: %q is not an object in %v", what, path, doc)
				return
			}
			obj = next
		}
	}
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			t.Errorf("%s: %q lacks %q: %v", what, path, k, obj)
		}
	}
}

// TestJSONErrors: with --json every command that fails prints one error
// document on stdout, with the exit code it exits with and its kind, and
// still tells people on stderr. (update prints its report instead:
// TestUpdateReportOnFailure.)
func TestJSONErrors(t *testing.T) {
	t.Chdir(t.TempDir()) // no stray ota_config.json
	missing := filepath.Join(t.TempDir(), "missing")
	app := writeApp(t, map[string]string{"main.py": "print(1)\n"})
	nowhere := "/nonexistent/otapush-port"
	t.Setenv("GITHUB_TOKEN", secretToken)
	tests := []struct {
		name string
		args []string
		code int
		kind string
		want string // in the message
	}{
		{"unknown command", []string{"frobnicate", "--json"}, ExitUsage, "usage", "unknown command"},
		{"unknown flag", []string{"devices", "--json", "--bogus"}, ExitUsage, "usage", "--bogus"},
		{"unknown flag before --json", []string{"status", "--bogus", "--json"}, ExitUsage, "usage", "--bogus"},
		{"status: no such port", []string{"status", "--port", nowhere, "--json"}, ExitBoard, "board", nowhere},
		{"rollback: no such port", []string{"rollback", "--port", nowhere, "--json"}, ExitBoard, "board", nowhere},
		{"exec: no such port", []string{"exec", "--port", nowhere, "--json", "print(1)"}, ExitBoard, "board", nowhere},
		{"exec: no code", []string{"exec", "--json"}, ExitUsage, "usage", "-f FILE"},
		{"monitor: no such port", []string{"monitor", "--wait", "0", "--port", nowhere, "--json"}, ExitBoard, "board", nowhere},
		{"reset: no such port", []string{"reset", "--port", nowhere, "--json"}, ExitBoard, "board", nowhere},
		{"reset --soft: no such port", []string{"reset", "--soft", "--port", nowhere, "--json"}, ExitBoard, "board", nowhere},
		{"plan: missing source", []string{"plan", "--source", missing, "--json"}, ExitSource, "source", "missing"},
		{"manifest gen: --json without --out", []string{"manifest", "gen", "--version", "v1", "--json", app}, ExitUsage, "usage", "--out"},
		{"manifest gen: missing file", []string{"manifest", "gen", "--version", "v1", "--out", filepath.Join(t.TempDir(), "m.json"), "--json", "nothing.py"}, ExitUsage, "usage", "nothing.py"},
		{"a token in the message", []string{"status", "--port", nowhere + secretToken, "--json"}, ExitBoard, "board", nowhere + "[REDACTED]"},
		{"control characters", []string{"plan", "--source", missing + "\x1b[31m\x07", "--json"}, ExitSource, "source", "\x1b[31m\x07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			code := Main(context.Background(), tt.args, ios)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			doc := decodeOne(t, tt.name, out.String())
			var ed errorDoc
			if err := json.Unmarshal(out.Bytes(), &ed); err != nil {
				t.Fatal(err)
			}
			if ed.Error.ExitCode != tt.code || ed.Error.Kind != tt.kind || !strings.Contains(ed.Error.Message, tt.want) {
				t.Errorf("error = %+v, want exit %d, kind %s, message with %q", ed.Error, tt.code, tt.kind, tt.want)
			}
			hasKeys(t, tt.name, doc, "error", "message", "exit_code", "kind")
			if !strings.HasPrefix(errOut.String(), "otapush: ") {
				t.Errorf("stderr %q: the human message is missing", errOut)
			}
			if strings.Contains(out.String()+errOut.String(), secretToken) {
				t.Errorf("the token leaked:\n%s%s", out, errOut)
			}
			if bytes.ContainsAny(out.Bytes(), "\x1b\x07") {
				t.Errorf("a raw control character on stdout: %q", out)
			}
		})
	}
}

// TestJSONDocuments: each command's --json document on success, with its
// documented fields (docs/json.md). The board-backed ones (status, exec,
// rollback) are in TestUpdateCommand, on its board.
func TestJSONDocuments(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("OTAPUSH_SIM_DIR", t.TempDir()) // no simulated boards but ours (none)
	app := writeApp(t, map[string]string{"main.py": "print(1)\n", "lib/x.py": "X = 1\n"})
	manifestOut := filepath.Join(t.TempDir(), "manifest.json")
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, doc map[string]any)
	}{
		{"devices", []string{"devices", "--json"}, func(t *testing.T, doc map[string]any) {
			if _, ok := doc["ports"].([]any); !ok {
				t.Errorf("ports is not a list: %v", doc)
			}
		}},
		{"plan", []string{"plan", "--source", app, "--cache-dir", t.TempDir(), "--json"}, func(t *testing.T, doc map[string]any) {
			hasKeys(t, "plan", doc, "", "source", "app", "mode", "files", "deletes", "hooks", "bytes", "stats")
			hasKeys(t, "plan", doc, "app", "version")
			files, _ := doc["files"].([]any)
			if len(files) != 2 || doc["bytes"] != float64(len("print(1)\n")+len("X = 1\n")) {
				t.Errorf("plan: %v", doc)
			}
			for _, f := range files {
				if m, _ := f.(map[string]any); m["bytes"] == nil || m["path"] == nil || m["sha256"] == nil {
					t.Errorf("plan file %v", f)
				}
			}
		}},
		{"manifest gen", []string{"manifest", "gen", "--version", "v1.0.0", "--dir", app, "--out", manifestOut, "--json", "."}, func(t *testing.T, doc map[string]any) {
			hasKeys(t, "manifest gen", doc, "", "out", "app", "files", "bytes", "sha256")
			written, err := os.ReadFile(manifestOut)
			if err != nil || doc["files"] != float64(2) || doc["out"] != manifestOut {
				t.Errorf("manifest gen: %v (%v)", doc, err)
			}
			var m struct{ Version string }
			if json.Unmarshal(written, &m) != nil || m.Version != "v1.0.0" {
				t.Errorf("manifest written: %s", written)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			if code := Main(context.Background(), tt.args, ios); code != ExitOK {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			tt.check(t, decodeOne(t, tt.name, out.String()))
		})
	}
}

// TestWantsJSON: the error document follows --json as parsed, or as
// given when parsing stopped before it.
func TestWantsJSON(t *testing.T) {
	tests := []struct {
		args   []string
		parsed func() (bool, bool)
		want   bool
	}{
		{[]string{"status"}, func() (bool, bool) { return false, false }, false},
		{[]string{"status", "--json"}, func() (bool, bool) { return true, true }, true},
		{[]string{"status", "--json=false"}, func() (bool, bool) { return false, true }, false},
		{[]string{"status", "--bogus", "--json"}, func() (bool, bool) { return false, false }, true},
		{[]string{"status", "--bogus", "--json=true"}, func() (bool, bool) { return false, false }, true},
		{[]string{"exec", "--bogus", "--", "--json"}, func() (bool, bool) { return false, false }, false},
	}
	for _, tt := range tests {
		if got := wantsJSON(tt.args, tt.parsed); got != tt.want {
			t.Errorf("wantsJSON(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// TestOnePortFlag: every command that talks to a board reads --port the
// same way: -p, default auto, one help text, completion from discovery.
func TestOnePortFlag(t *testing.T) {
	ios, _, _, _ := TestStreams()
	root := NewRootCmd(ios)
	tests := []struct {
		cmd  string
		def  string
		list bool
	}{
		{"status", "auto", false},
		{"rollback", "auto", false},
		{"exec", "auto", false},
		{"monitor", "auto", false},
		{"reset", "auto", false},
		{"update", "[auto]", true},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			c, _, err := root.Find([]string{tt.cmd})
			if err != nil || c.Name() != tt.cmd {
				t.Fatalf("no command %s: %v", tt.cmd, err)
			}
			f := c.Flags().Lookup("port")
			if f == nil || f.Shorthand != "p" || f.DefValue != tt.def || !strings.HasPrefix(f.Usage, portHelp) {
				t.Fatalf("--port of %s: %+v", tt.cmd, f)
			}
			if list := strings.Contains(f.Value.Type(), "Slice"); list != tt.list {
				t.Errorf("--port of %s is of type %s", tt.cmd, f.Value.Type())
			}
			if _, ok := c.GetFlagCompletionFunc("port"); !ok {
				t.Errorf("--port of %s has no completion", tt.cmd)
			}
		})
	}
}

// TestEveryResultTakesJSON: every command that prints a result has
// --json. The exempt ones print no result a script would parse.
func TestEveryResultTakesJSON(t *testing.T) {
	ios, _, _, _ := TestStreams()
	root := NewRootCmd(ios)
	root.InitDefaultCompletionCmd()
	exempt := map[string]bool{"completion": true, "help": true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if exempt[sub.Name()] || (sub.Parent() != nil && exempt[sub.Parent().Name()]) {
				continue
			}
			if sub.Runnable() && sub.Flags().Lookup("json") == nil {
				t.Errorf("%s has no --json", sub.CommandPath())
			}
			walk(sub)
		}
	}
	walk(root)
}

// TestJSONKindsMatchDocs: docs/json.md's table of error kinds is the one
// otapush prints.
func TestJSONKindsMatchDocs(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| (\\d+) \\| `([a-z_]+)` \\|")
	got := map[int]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		code, _ := strconv.Atoi(m[1])
		got[code] = m[2]
	}
	for _, e := range exitCodeDocs {
		if e.Code != ExitOK && got[e.Code] != e.Kind {
			t.Errorf("exit %d: docs/json.md says kind %q, otapush %q", e.Code, got[e.Code], e.Kind)
		}
	}
	if len(got) != len(exitCodeDocs)-1 {
		t.Errorf("docs/json.md lists %d kinds, otapush %d", len(got), len(exitCodeDocs)-1)
	}
}
