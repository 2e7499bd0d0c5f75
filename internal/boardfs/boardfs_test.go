package boardfs

import (
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"", "/", ""},
		{"/", "/", ""},
		{":", "/", ""},
		{"lib/x.py", "/lib/x.py", ""},
		{"/lib/x.py", "/lib/x.py", ""},
		{":lib/x.py", "/lib/x.py", ""},
		{"/lib/", "/lib", ""},
		{`x'); import os; os.remove('y'); ('.py`, `/x'); import os; os.remove('y'); ('.py`, ""},
		{"/lib/../main.py", "", "'..'"},
		{"/a//b", "", "empty path segment"},
		{"/a/./b", "", "'.' segments"},
		{"/a\nb", "", "control character"},
		{"/a\x03b", "", "control character"},
		{`/a\b`, "", "backslash"},
		{"/a\xffb", "", "UTF-8"},
		{"/" + strings.Repeat("n", 256), "", "255 bytes"},
		{"//etc", "", "absolute"},
	}
	for _, tt := range tests {
		got, err := Clean(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Clean(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestProtectedMatchesTheAgent: the names fs protects are the ones the
// agent owns (firmware's list, the agent package's names and the bundle
// rules agree), and app files are not protected.
func TestProtectedMatchesTheAgent(t *testing.T) {
	own := []string{"/" + agent.AgentFile, "/" + agent.StateDir, "/.ota/state.json", "/" + agent.VersionFile,
		"/" + agent.AppBootFile, "/" + agent.AppMainFile, "/ota_agent.mpy", "/_app_other.py"}
	for _, p := range own {
		if Protected(p) == "" {
			t.Errorf("%s is not protected", p)
		}
		if p != "/ota_agent.mpy" && manifest.CheckAppPath(strings.TrimPrefix(p, "/"), "test") == nil {
			t.Errorf("%s is protected but a bundle may hold it", p)
		}
	}
	for _, p := range []string{"/main.py", "/boot.py", "/lib/ota_agent.py", "/lib/.ota", "/app.py", "/_app_x.txt", "/lib/_app_boot.py"} {
		if why := Protected(p); why != "" {
			t.Errorf("%s is protected: %s", p, why)
		}
	}
	if !WrapperName("/boot.py") || !WrapperName("/main.py") || WrapperName("/lib/boot.py") {
		t.Errorf("WrapperName")
	}
	ws := agent.Wrappers()
	if len(ws) != 2 || ws[0] != (agent.Wrapper{Name: agent.BootFile, App: agent.AppBootFile}) || ws[1] != (agent.Wrapper{Name: agent.MainFile, App: agent.AppMainFile}) {
		t.Errorf("agent.Wrappers() = %v", ws)
	}
	for _, f := range agent.Files() {
		if f.Name != agent.AgentFile {
			if !strings.HasPrefix(string(f.Data), agent.Marker) {
				t.Errorf("the agent's %s does not start with the marker %q", f.Name, agent.Marker)
			}
		}
	}
}
