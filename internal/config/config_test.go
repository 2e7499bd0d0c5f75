package config

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The seed README's three sample configs must load as they are.
func TestSeedSamplesLoad(t *testing.T) {
	var first Config
	for i, name := range []string{"ota_config.json", "ota_config.yaml", "ota_config.toml"} {
		c, err := Load(filepath.Join("testdata", "config", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Owner != "YOUR_GITHUB_USERNAME" || c.Repo != "ota" || c.Channel != "developer" || c.Branch != "main" ||
			!reflect.DeepEqual(c.Allow, []string{"README.md"}) || len(c.Ignore) != 0 || c.Chunk != 512 ||
			c.ConnectTimeoutSec != 20 || c.HTTPTimeoutSec != 20 || c.Retries != 3 || c.BackoffSec != 3 ||
			c.ResetMode != "hard" || c.Debug || c.StageDir != ".ota_stage" || c.BackupDir != ".ota_backup" {
			t.Errorf("%s loaded as %+v", name, c)
		}
		if !reflect.DeepEqual(c.Unused, []string{"password", "ssid"}) {
			t.Errorf("%s: Unused = %v, want password, ssid", name, c.Unused)
		}
		if i == 0 {
			first = c
			continue
		}
		// The three samples say the same thing.
		a, b := first, c
		a.Path, b.Path, a.Set, b.Set = "", "", nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs from the JSON sample:\n%+v\n%+v", name, b, a)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, file, body string
		key              string // the key the message must name ("" for file-level errors)
		want             string
	}{
		{"unknown key json", "c.json", `{"owner":"o","colour":"red"}`, "colour", "unknown key"},
		{"unknown key yaml", "c.yaml", "owner: o\ncolour: red\n", "colour", "allowed keys are"},
		{"unknown key toml", "c.toml", "owner = \"o\"\ncolour = \"red\"\n", "colour", "unknown key"},
		{"quoted bool json", "c.json", `{"debug":"false"}`, "debug", "without quotes"},
		{"quoted bool yaml", "c.yml", "force: \"true\"\n", "force", "without quotes"},
		{"yaml yes is not a bool", "c.yaml", "force: yes\n", "force", "without quotes"},
		{"quoted bool toml", "c.toml", "debug = \"false\"\n", "debug", "without quotes"},
		{"quoted keep_previous", "c.json", `{"keep_previous":"true"}`, "keep_previous", "without quotes"},
		{"capital bool json", "c.json", `{"debug":"True"}`, "debug", "without quotes"},
		{"string for int json", "c.json", `{"chunk":"512"}`, "chunk", "without quotes"},
		{"string for int toml", "c.toml", "retries = \"3\"\n", "retries", "without quotes"},
		{"fraction json", "c.json", `{"chunk":51.5}`, "chunk", "whole number"},
		{"fraction yaml", "c.yaml", "backoff_sec: 1.5\n", "backoff_sec", "whole number"},
		{"negative", "c.json", `{"retries":-1}`, "retries", "at least 0"},
		{"zero chunk", "c.toml", "chunk = 0\n", "chunk", "at least 1"},
		{"huge chunk", "c.json", `{"chunk":1048576}`, "chunk", "at most 32768"},
		{"int for string", "c.json", `{"owner":5}`, "owner", "must be a string"},
		{"string for list", "c.json", `{"allow":"main.py"}`, "allow", "list of strings"},
		{"number in list", "c.yaml", "ignore: [1]\n", "ignore", "item 0"},
		{"bad channel json", "c.json", `{"channel":"beta"}`, "channel", "stable, developer"},
		{"bad channel yaml", "c.yaml", "channel: Stable\n", "channel", "stable, developer"},
		{"bad reset_mode", "c.toml", "reset_mode = \"warm\"\n", "reset_mode", "hard, soft, none"},
		{"hostile allow", "c.json", `{"allow":["../etc"]}`, "allow", ".."},
		{"bad json", "c.json", `{"owner":`, "", "not valid JSON"},
		{"bad yaml", "c.yaml", "owner: [\n", "", "not valid YAML"},
		{"bad toml", "c.toml", "owner = \n", "", "not valid TOML"},
		{"empty", "c.yaml", "", "", "empty file"},
		{"bad extension", "c.ini", "owner=o", "", "unknown extension"},
		{"null value", "c.json", `{"owner":null}`, "owner", "got null"},
		// Agent settings (issue 12 item 4): refused before any board is touched.
		{"stage_dir empty", "c.json", `{"stage_dir":""}`, "stage_dir", "one plain folder name"},
		{"stage_dir nested", "c.json", `{"stage_dir":"a/b"}`, "stage_dir", "no slash"},
		{"stage_dir dotdot", "c.yaml", "stage_dir: ..\n", "stage_dir", "not . or .."},
		{"stage_dir dot", "c.json", `{"stage_dir":"."}`, "stage_dir", "not . or .."},
		{"stage_dir state.json", "c.json", `{"stage_dir":"state.json"}`, "stage_dir", "agent's own"},
		{"backup_dir plan.json", "c.toml", "backup_dir = \"plan.json\"\n", "backup_dir", "agent's own"},
		{"backup_dir prev", "c.json", `{"backup_dir":"prev"}`, "backup_dir", "agent's own"},
		{"stage_dir config.json", "c.json", `{"stage_dir":"config.json"}`, "stage_dir", "agent's own"},
		{"stage_dir temp name", "c.json", `{"stage_dir":"x.tmp"}`, "stage_dir", ".tmp"},
		{"backup_dir backslash", "c.json", `{"backup_dir":"a\\b"}`, "backup_dir", "backslash"},
		{"backup_dir space", "c.json", `{"backup_dir":"a b"}`, "backup_dir", "space"},
		{"backup_dir too long", "c.json", `{"backup_dir":"` + strings.Repeat("b", 65) + `"}`, "backup_dir", "64 bytes"},
		{"stage equals backup", "c.json", `{"stage_dir":"s","backup_dir":"s"}`, "backup_dir", "must differ"},
		{"stage equals default backup", "c.json", `{"stage_dir":".ota_backup"}`, "backup_dir", "must differ"},
		{"trial_boots zero", "c.json", `{"trial_boots":0}`, "trial_boots", "at least 1"},
		{"trial_boots huge", "c.json", `{"trial_boots":1000}`, "trial_boots", "at most 100"},
		{"uptime_sec huge", "c.json", `{"uptime_sec":100000}`, "uptime_sec", "at most 86400"},
		{"trial_deadline_sec negative", "c.json", `{"trial_deadline_sec":-1}`, "trial_deadline_sec", "at least 0"},
		{"hook_timeout_sec zero", "c.json", `{"hook_timeout_sec":0}`, "hook_timeout_sec", "at least 1"},
		{"hook_timeout_sec huge", "c.json", `{"hook_timeout_sec":3601}`, "hook_timeout_sec", "at most 3600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(p, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Load = %v, want *config.Error", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, p) {
				t.Errorf("message %q does not name the file", msg)
			}
			if tt.key != "" && !strings.Contains(msg, `"`+tt.key+`"`) {
				t.Errorf("message %q does not name the key %q", msg, tt.key)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
		})
	}
}

// TestAgentDirsAllowed: plain names pass, so the rules refuse only what
// breaks the agent.
func TestAgentDirsAllowed(t *testing.T) {
	for _, tt := range [][2]string{
		{".ota_stage", ".ota_backup"}, {"stage", "backup"}, {"s-1", "b_2"}, {"..x", "prev2"},
		{strings.Repeat("s", 64), "b"},
	} {
		if err := CheckAgentDirs(tt[0], tt[1]); err != nil {
			t.Errorf("CheckAgentDirs(%q, %q) = %v, want nil", tt[0], tt[1], err)
		}
	}
	c := Defaults()
	if err := c.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestDefaultFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c, err := Load("")
	if err != nil || c.Path != "" || c.Channel != "stable" || c.ResetMode != "hard" {
		t.Fatalf("no default file: %+v, %v", c, err)
	}
	os.WriteFile(filepath.Join(dir, DefaultFile), []byte(`{"owner":"me","repo":"app","api_url":"https://ghe.example/api/v3"}`), 0o600)
	c, err = Load("")
	if err != nil || c.Owner != "me" || c.APIURL != "https://ghe.example/api/v3" || !c.Set["owner"] || c.Set["token"] {
		t.Fatalf("default file: %+v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("missing explicit file: %v", err)
	}
}

// A token pasted with its newline must be sent, and redacted, as the bare
// token: otherwise the padded string is what redaction looks for.
func TestTokenWhitespaceTrimmed(t *testing.T) {
	for _, src := range []struct{ name, data string }{
		{"c.json", "{\"token\": \"  ghp_abc\\n\"}"},
		{"c.yaml", "token: \"ghp_abc \\t\"\n"},
		{"c.toml", "token = \"\\nghp_abc\\n\"\n"},
	} {
		c, err := Parse(src.name, []byte(src.data))
		if err != nil || c.Token != "ghp_abc" {
			t.Errorf("%s: token %q, %v", src.name, c.Token, err)
		}
	}
}

func TestExposure(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t.invalid"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	write := func(name, data string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), mode)
		os.Chmod(p, mode)
		return p
	}
	tests := []struct {
		name, file, data string
		mode             os.FileMode
		track            bool
		want             []string
	}{
		{"private, untracked", "a.json", `{"token":"t"}`, 0o600, false, nil},
		{"world readable", "b.json", `{"token":"t"}`, 0o644, false, []string{"readable by other users", "chmod 600"}},
		{"tracked", "c.json", `{"token":"t"}`, 0o600, true, []string{"tracked by git", "git rm --cached"}},
		{"no token: nothing to say", "d.json", `{"owner":"o"}`, 0o644, true, nil},
	}
	for _, tt := range tests {
		p := write(tt.file, tt.data, tt.mode)
		if tt.track {
			git("add", tt.file)
		}
		c, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(Exposure(context.Background(), c), "\n")
		if len(tt.want) == 0 && got != "" {
			t.Errorf("%s: unexpected warning %q", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: warning %q lacks %q", tt.name, got, w)
			}
		}
	}
}
