package manifest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestPathRules is the one rule set plan, update and the agent share:
// every path a bundle may not hold, and its neighbours it may.
func TestPathRules(t *testing.T) {
	long := strings.Repeat("n", MaxNameBytes)
	tests := []struct {
		path   string
		ok     bool
		reason string // part of the refusal
	}{
		{"main.py", true, ""},
		{"boot.py", true, ""},
		{"lib/main.py", true, ""},
		{"lib/version.json", true, ""},
		{"lib/.ota/x", true, ""},
		{"lib/_app_main.py", true, ""},
		{"_app_main.txt", true, ""},
		{"app_main.py", true, ""},
		{".otarc", true, ""},
		{"ünïcode/名前.py", true, ""},
		{long, true, ""},
		{"lib/" + long, true, ""},

		{"version.json", false, "reserved for the otapush agent"},
		{"ota_agent.py", false, "reserved for the otapush agent"},
		{"ota_agent.mpy", false, "reserved for the otapush agent"},
		{"_app_main.py", false, "reserved for the otapush agent"},
		{"_app_boot.py", false, "reserved for the otapush agent"},
		{"_app_other.py", false, "reserved for the otapush agent"},
		{".ota", false, "agent's own folder"},
		{".ota/x", false, "agent's own folder"},
		{".ota/state.json", false, "agent's own folder"},
		{"boot.py/x", false, "cannot be a folder"},
		{"main.py/lib/x.py", false, "cannot be a folder"},
		{"version.json/x", false, "cannot be a folder"},
		{"ota_agent.py/x", false, "cannot be a folder"},
		{"_app_main.py/x", false, "cannot be a folder"},
		{"bad\xffname.py", false, "not valid UTF-8"},
		{"lib/\xc3", false, "not valid UTF-8"},
		{"a\nb.py", false, "control character"},
		{"a\x1b[31m.py", false, "control character"},
		{"a\x7f.py", false, "control character"},
		{long + "x", false, "at most 255 bytes"},
		{"lib/" + long + "x/a.py", false, "at most 255 bytes"},
		{strings.Repeat("é", 128), false, "at most 255 bytes"}, // 256 bytes, 128 characters
		{"../x", false, "'..'"},
		{"/abs", false, "absolute"},
		{`a\b`, false, "backslash"},
		{"a//b", false, "empty path segment"},
		{"a/\x00", false, "NUL"},
	}
	for _, tt := range tests {
		err := CheckAppPath(tt.path, "test")
		if (err == nil) != tt.ok {
			t.Errorf("CheckAppPath(%q) = %v, want ok=%v", tt.path, err, tt.ok)
			continue
		}
		if err == nil {
			continue
		}
		var pe *PathError
		if !errors.As(err, &pe) {
			t.Errorf("CheckAppPath(%q): %T, want *PathError", tt.path, err)
		}
		if !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("CheckAppPath(%q) = %q, want it to say %q", tt.path, err, tt.reason)
		}
	}
	// Filters may name reserved paths: ignoring them is the way out.
	if err := (Rules{Ignore: []string{"version.json", ".ota"}}).Validate(); err != nil {
		t.Errorf("ignore rules naming reserved paths refused: %v", err)
	}
}

func TestCheckFiles(t *testing.T) {
	many := make([]string, MaxFiles+1)
	for i := range many {
		many[i] = fmt.Sprintf("f/%05d.py", i)
	}
	tests := []struct {
		name   string
		paths  []string
		reason string // "" = accepted
	}{
		{"plain", []string{"main.py", "lib/a.py", "lib/b/c.py"}, ""},
		{"none", nil, ""},
		{"at the limit", many[:MaxFiles], ""},
		{"twice", []string{"a.py", "a.py"}, "listed twice"},
		{"file and folder", []string{"lib", "lib/a.py"}, "both a file and a folder"},
		{"file and deep folder", []string{"a/b/c.py", "a/b"}, "both a file and a folder"},
		{"case", []string{"Main.py", "main.py"}, "only in case"},
		{"case of a folder", []string{"Lib/a.py", "lib/b.py"}, "only in case"},
		{"file and folder by case", []string{"LIB", "lib/a.py"}, "only in case"},
		{"too many", many, fmt.Sprintf("at most %d files", MaxFiles)},
	}
	for _, tt := range tests {
		err := CheckFiles(tt.paths, "test")
		switch {
		case tt.reason == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.reason != "" && (err == nil || !strings.Contains(err.Error(), tt.reason)):
			t.Errorf("%s: got %v, want a refusal saying %q", tt.name, err, tt.reason)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	f := func(paths ...string) []File {
		var fs []File
		for _, p := range paths {
			fs = append(fs, File{Path: p})
		}
		return fs
	}
	tests := []struct {
		name   string
		plan   *Plan
		reason string
	}{
		{"ok", &Plan{Version: "v1", Files: f("main.py", "lib/a.py"), Deletes: []string{"old.py"}, Hooks: Hooks{PostUpdate: "lib/a.py"}}, ""},
		{"empty is a valid plan (refused higher up unless --allow-empty)", &Plan{Version: "v1"}, ""},
		{"no version", &Plan{Files: f("main.py")}, "without a version"},
		{"reserved file", &Plan{Version: "v1", Files: f("main.py", "version.json")}, "reserved"},
		{"reserved delete", &Plan{Version: "v1", Files: f("main.py"), Deletes: []string{".ota/state.json"}}, "agent's own folder"},
		{"delete is a file", &Plan{Version: "v1", Files: f("main.py"), Deletes: []string{"main.py"}}, "also a file"},
		{"hook not a file", &Plan{Version: "v1", Files: f("main.py"), Hooks: Hooks{Rollback: "rb.py"}}, "not a file of this version"},
		{"case collision", &Plan{Version: "v1", Files: f("a.py", "A.py")}, "only in case"},
	}
	for _, tt := range tests {
		err := tt.plan.Validate()
		switch {
		case tt.reason == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.reason != "" && (err == nil || !strings.Contains(err.Error(), tt.reason)):
			t.Errorf("%s: got %v, want a refusal saying %q", tt.name, err, tt.reason)
		}
	}
}
