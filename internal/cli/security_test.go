package cli

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/githubtest"
)

// setupFor runs plan's flag + config resolution (no request is made).
func setupFor(t *testing.T, args ...string) (*planSetup, string, error) {
	t.Helper()
	ios, _, _, _ := TestStreams()
	g := &GlobalOptions{IO: ios}
	cmd := &cobra.Command{Use: "plan"}
	cmd.Flags().StringVar(&g.ConfigPath, "config", "", "")
	var f sourceFlags
	f.register(cmd)
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	s, err := f.setup(cmd, g)
	notes := ""
	if s != nil {
		notes = strings.Join(s.notice, "\n")
	}
	return s, notes, err
}

// The implicit ./ota_config.json must not choose where the token goes.
func TestImplicitConfigCannotRedirectTheToken(t *testing.T) {
	tests := []struct {
		name     string
		file     string // planted ./ota_config.json
		args     []string
		wantHost string // API host the token would go to; "" = setup fails
		wantTok  string
		wantNote string
	}{
		{"planted api_url ignored, explicit --repo", `{"api_url":"https://evil.example.net/api/v3"}`,
			[]string{"--repo", "acme/app"}, "api.github.com", secretToken, "ignoring"},
		{"planted api_url and token ignored", `{"owner":"acme","repo":"app","api_url":"https://evil.example.net/api/v3","token":"planted"}`,
			nil, "api.github.com", secretToken, "ignoring"},
		{"explicit --config is trusted", `{"api_url":"https://ghe.example.com/api/v3"}`,
			[]string{"--repo", "acme/app", "--config", "ota_config.json"}, "ghe.example.com", secretToken, "goes to ghe.example.com"},
		{"explicit --api-url is trusted", `{}`,
			[]string{"--repo", "acme/app", "--api-url", "https://ghe.example.com"}, "ghe.example.com", secretToken, "goes to ghe.example.com"},
		{"plain http to a remote host is an error", `{"api_url":"http://evil.example.net/api/v3"}`,
			[]string{"--repo", "acme/app", "--config", "ota_config.json"}, "", "", ""},
		{"plain http to loopback is fine", `{}`,
			[]string{"--repo", "acme/app", "--api-url", "http://127.0.0.1:9/api/v3"}, "127.0.0.1:9", secretToken, "goes to 127.0.0.1:9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			t.Setenv("GITHUB_TOKEN", secretToken)
			t.Setenv("GH_TOKEN", "")
			if err := os.WriteFile("ota_config.json", []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			s, notes, err := setupFor(t, append(tt.args, "--cache-dir", t.TempDir())...)
			if tt.wantHost == "" {
				if err == nil || !strings.Contains(err.Error(), "evil.example.net") || !strings.Contains(err.Error(), "https") {
					t.Fatalf("want an error naming the host, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.gh.APIHost(); got != tt.wantHost {
				t.Errorf("token goes to %s, want %s", got, tt.wantHost)
			}
			if s.token != tt.wantTok {
				t.Errorf("token %q, want %q", s.token, tt.wantTok)
			}
			if !strings.Contains(notes, tt.wantNote) {
				t.Errorf("notes %q lack %q", notes, tt.wantNote)
			}
		})
	}
}

// `plan --source .` in an app folder holding the config: neither the
// implicit ota_config.json nor the --config file reaches the plan, and a
// world-readable config with a token is warned about.
func TestLocalPlanWithholdsConfigs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("GITHUB_TOKEN", "")
	t.Setenv("GH_TOKEN", "")
	os.WriteFile("main.py", []byte("print(1)\n"), 0o644)
	os.WriteFile("ota_config.json", []byte(`{"token":"`+secretToken+`","ssid":"home","password":"wifi"}`), 0o644)
	os.Chmod("ota_config.json", 0o644)
	os.WriteFile("deploy.toml", []byte("token = \""+secretToken+"\"\n"), 0o600)
	for _, tt := range []struct {
		args []string
		want string
	}{
		// deploy.toml is an app file until it is the config otapush loads.
		{[]string{"plan", "--source", ".", "--json"}, "deploy.toml,main.py"},
		{[]string{"plan", "--source", ".", "--json", "--config", "deploy.toml"}, "main.py"},
	} {
		args := tt.args
		ios, _, out, errOut := TestStreams()
		code := Main(context.Background(), append(args, "--cache-dir", t.TempDir()), ios)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var doc PlanJSON
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range doc.Files {
			paths = append(paths, f.Path)
		}
		if strings.Join(paths, ",") != tt.want {
			t.Errorf("%v: planned %v", args, paths)
		}
		if !strings.Contains(errOut.String(), "never pushed to a board") {
			t.Errorf("%v: stderr lacks the withheld note: %s", args, errOut)
		}
		if len(args) == 4 && !strings.Contains(errOut.String(), "readable by other users") {
			t.Errorf("no warning for the world-readable config: %s", errOut)
		}
		if strings.Contains(out.String()+errOut.String(), secretToken) {
			t.Error("token printed")
		}
	}
}

func TestMaxFileSizeFlag(t *testing.T) {
	e := newCLIEnv(t)
	for _, tt := range []struct {
		size string
		code int
		want string
	}{
		{"8", ExitVerify, "hooks/post.py: declared size 14 bytes is larger than the limit of 8 bytes"},
		{"1KiB", ExitOK, ""},
		{"lots", ExitUsage, "16MiB"},
	} {
		code, _, errOut := e.run(t, "plan", "--repo", "acme/app", "--branch", "main", "--max-file-size", tt.size)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("--max-file-size %s: exit %d, stderr %q; want %d, %q", tt.size, code, errOut, tt.code, tt.want)
		}
	}
}

func TestRateLimitWaitIsAnnounced(t *testing.T) {
	e := newCLIEnv(t)
	e.srv.AddFault(githubtest.TooManyRequests("/git/ref/", time.Second, 1))
	code, _, errOut := e.run(t, "plan", "--repo", "acme/app", "--branch", "main")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	host := strings.TrimPrefix(strings.Split(e.srv.URL, "/api")[0], "http://")
	if !strings.Contains(errOut, host+" asks to slow down (429 Too Many Requests): waiting 1s") {
		t.Errorf("stderr does not announce the wait:\n%s", errOut)
	}
}
