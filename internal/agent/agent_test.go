package agent

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The Go constant and the agent's own VERSION/API must never drift apart:
// the host decides upgrades from the one and the board reports the other.
func TestVersionMatchesAgent(t *testing.T) {
	src := string(Files()[0].Data)
	tests := []struct{ re, want string }{
		{`(?m)^VERSION = "([^"]+)"`, Version},
		{`(?m)^API = (\d+)`, "1"},
	}
	for _, tt := range tests {
		m := regexp.MustCompile(tt.re).FindStringSubmatch(src)
		if m == nil || m[1] != tt.want {
			t.Errorf("ota_agent.py %s: got %v, want %q", tt.re, m, tt.want)
		}
	}
	if APIVersion != 1 {
		t.Errorf("APIVersion %d, test expects 1", APIVersion)
	}
}

func TestBootFilesCarryTheMarker(t *testing.T) {
	// The installer recognises the agent's boot files by their first line;
	// without it, an upgrade would copy the agent's boot.py over the app's.
	for _, f := range Files()[1:] {
		if !strings.HasPrefix(string(f.Data), "# otapush-agent") {
			t.Errorf("%s does not start with the marker line", f.Name)
		}
	}
}

func TestPyStr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"main.py", `'main.py'`},
		{`it's`, `'it\'s'`},
		{`a\b`, `'a\\b'`},
		{"line\nbreak", `'line\nbreak'`},
		{"\x01\x02\x03\x04\x05", `'\x01\x02\x03\x04\x05'`},
		{"é", `'\xe9'`},
		{"€", `'\u20ac'`},
		{"😀", `'\U0001f600'`},
	}
	for _, tt := range tests {
		got := PyStr(tt.in)
		if got != tt.want {
			t.Errorf("PyStr(%q) = %s, want %s", tt.in, got, tt.want)
		}
		for _, c := range []byte(got) {
			if c < 0x20 || c > 0x7e {
				t.Errorf("PyStr(%q) has byte %#x: raw REPL controls must never appear", tt.in, c)
			}
		}
	}
}

func TestCall(t *testing.T) {
	tests := []struct {
		fn   string
		args []any
		want string
	}{
		{"status", nil, "ota_agent.status()"},
		{"hashes", []any{[]string{"a.py", "lib/b.py"}, true}, `ota_agent.hashes(['a.py','lib/b.py'],True)`},
		{"w", []any{[]byte("hi"), 10}, "ota_agent.w(b'''hi''',10)"},
		{"finish", []any{"x", "ab", nil}, `ota_agent.finish('x','ab',None)`},
		{"arm", []any{ArmSpec{Version: "v'1", Files: map[string]string{"a": "b"}}}, `ota_agent.arm('{"version":"v\'1","files":{"a":"b"}}')`},
	}
	for _, tt := range tests {
		got, err := pyCall(tt.fn, tt.args...)
		if err != nil {
			t.Fatalf("Call(%s): %v", tt.fn, err)
		}
		if !strings.Contains(got, tt.want) || !strings.HasPrefix(got, "import ota_agent\n") {
			t.Errorf("Call(%s) = %q, want it to contain %q", tt.fn, got, tt.want)
		}
	}
	if _, err := pyCall("arm", func() {}); err == nil {
		t.Error("Call with an unencodable argument did not fail")
	}
}

func TestParseReply(t *testing.T) {
	tests := []struct {
		name, out string
		code      string // "" = success
		noReply   bool
		state     string
	}{
		{"plain", "{\"ok\":true,\"state\":\"idle\"}\r\n", "", false, "idle"},
		{"after log lines", "OTA: COMMITTED v2\r\n{\"ok\":true,\"state\":\"trial\"}\r\n", "", false, "trial"},
		{"refusal", "{\"ok\":false,\"err\":\"fat\",\"msg\":\"no atomic rename\"}\r\n", "fat", false, ""},
		{"app printed json-ish text first", "{not json\r\n{\"ok\":true,\"state\":\"apply\"}\r\n", "", false, "apply"},
		{"nothing", "Traceback...\r\n", "", true, ""},
		{"empty", "", "", true, ""},
	}
	for _, tt := range tests {
		var v struct {
			State string `json:"state"`
		}
		err := parseReply("status", "", []byte(tt.out), &v)
		var ae *Error
		switch {
		case tt.noReply:
			if !errors.Is(err, ErrNoAgent) {
				t.Errorf("%s: got %v, want ErrNoAgent", tt.name, err)
			}
		case tt.code != "":
			if !errors.As(err, &ae) || string(ae.Code) != tt.code {
				t.Errorf("%s: got %v, want agent error %s", tt.name, err, tt.code)
			}
		default:
			if err != nil || v.State != tt.state {
				t.Errorf("%s: got %v / %q, want state %q", tt.name, err, v.State, tt.state)
			}
		}
	}
}

func TestNeedsInstall(t *testing.T) {
	tests := []struct {
		board string
		want  bool
	}{
		{"", true},
		{"0.9.9", true},
		{"1.0.0", true}, // no putn: the host must upgrade it before it uploads
		// 1.1.x lacks keep_previous and the revert: upgraded before an
		// update arms a spec that asks for it.
		{"1.1", true},
		{"1.1.1", true},
		// 1.2.x lacks putn's batch digest and arm by digest.
		{"1.2", true},
		{"1.2.1", true},
		// 1.3.x lacks survey.
		{"1.3", true},
		{"1.3.1", true},
		// 1.4.x prints no transaction events.
		{"1.4", true},
		{"1.4.1", true},
		// 1.5.0 rebuilds the outcome record from plan.json alone and has
		// no config() to rewrite its settings.
		{"1.5", true},
		{"1.5.0", true},
		// 1.5.1 runs hooks without a deadline, with Ctrl-C off, and lets
		// SystemExit or a reset in one leave the failed version live.
		// It also takes base64 only, not the bytes literals of 1.6.0.
		{"1.5.1", true},
		// 1.6.0 is shipped as source: it compiles 49 KB on the board at
		// every import (the parse tree is the RAM peak of a small board).
		{"1.6.0", true},
		// 1.7.0 allocates about 1.4 KB a path inside one survey and 4 KB a
		// file inside one arm: a 50-file update does not fit 64 KB of heap.
		{"1.7.0", true},
		{Version, false},
		{"1.8.0", false},
		{"2.0.0", false},
	}
	for _, tt := range tests {
		if got := NeedsInstall(tt.board); got != tt.want {
			t.Errorf("NeedsInstall(%q) = %v, want %v", tt.board, got, tt.want)
		}
	}
}

func TestInstallSteps(t *testing.T) {
	for _, mpy := range []int{0, 5, MPYVersion} {
		t.Run(fmt.Sprintf("mpy %d", mpy), func(t *testing.T) { testInstallSteps(t, mpy) })
	}
}

func testInstallSteps(t *testing.T, mpy int) {
	files := Shipped(mpy)
	module := AgentFile
	if mpy == MPYVersion {
		module = AgentMPYFile
	}
	if files[0].Name != module {
		t.Fatalf("a board that loads .mpy v%d gets %s, want %s", mpy, files[0].Name, module)
	}
	steps := installSteps(1000, `{"stage_dir":".s"}`, installWBits, files)
	installs := 0
	for _, s := range steps {
		if i := strings.Index(s, "_oi_install("); i >= 0 {
			installs++
			if i == 0 || !strings.HasPrefix(s, "_oi_w(") || strings.Contains(s[i:], "\n") {
				t.Errorf("an install must end the exec of its file's last chunk: %.60q", s)
			}
		}
		if len(s) > 1500 {
			t.Errorf("step of %d bytes with 1000-byte chunks", len(s))
		}
	}
	// The agent module last: a current agent reporting means the whole
	// install is on the board (the host installs by that version alone).
	cfg := -1
	for i, s := range steps {
		if strings.HasPrefix(s, "_oi_cfg(") {
			cfg = i
		}
		if strings.Contains(s, module) && cfg < 0 {
			t.Errorf("step %d touches the agent module before the config: %.40q", i, s)
		}
	}
	if installs != 3 || cfg < 0 || !strings.Contains(steps[len(steps)-1], "\n_oi_install('"+module+"'") {
		t.Errorf("want the boot files, the config, then the agent module; got %d installs, config at %d, last %.40q", installs, cfg, steps[len(steps)-1])
	}
	if !strings.HasPrefix(steps[0], "_oi_w('/.ota/boot.py.new'") {
		t.Errorf("the boot integration must be installed first, got %.40q", steps[0])
	}
}

// The host's names of the agent's states and results are the ones the
// agent writes: a typo here would make every comparison quietly false.
func TestStatesMatchTheAgent(t *testing.T) {
	src := string(Files()[0].Data)
	for _, s := range []string{
		string(StateIdle), string(StateApply), string(StateTrial), string(StateRollback),
		string(StateRestore), string(StateEnd), string(StateSafe),
		string(ResultCommitted), string(ResultRolledBack), string(ResultAborted), string(ResultNone), string(ResultReverting),
	} {
		if !strings.Contains(src, `"`+s+`"`) {
			t.Errorf("ota_agent.py never writes %q", s)
		}
	}
}

// TestAgentTravelsCompressed: the install's wire bytes (issue #15: the
// first push to a fresh board) are well under the agent's size, and no
// exec carries more than its chunk of file data.
func TestAgentTravelsCompressed(t *testing.T) {
	var source int
	for _, f := range Files() {
		source += len(f.Data)
	}
	const chunk = 8192
	for _, mpy := range []int{0, MPYVersion} {
		var wire int
		for _, s := range installSteps(chunk, "", installWBits, Shipped(mpy)) {
			wire += len(s)
			if len(s) > chunk+200 {
				t.Errorf("mpy %d: an install exec of %d bytes, chunk %d: %.50q", mpy, len(s), chunk, s)
			}
		}
		if r := float64(wire) / float64(source); r > 0.5 {
			t.Errorf("mpy %d: the install sends %d bytes for %d of agent source (%.2f), want <= 0.5", mpy, wire, source, r)
		}
		t.Logf("mpy %d: %d wire bytes for %d bytes of agent source", mpy, wire, source)
	}
}
