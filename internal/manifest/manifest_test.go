package manifest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckPath(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
	}{
		{"main.py", true},
		{"lib/util.py", true},
		{"lib/.hidden", true},
		{"..", false},
		{"../x", false},
		{"lib/../../x", false},
		{"/etc/passwd", false},
		{`lib\util.py`, false},
		{"lib/\x00x", false},
		{"lib//x", false},
		{"lib/", false},
		{"", false},
		{"./main.py", false},
	}
	for _, tt := range tests {
		err := CheckPath(tt.path, "test")
		if (err == nil) != tt.ok {
			t.Errorf("CheckPath(%q) = %v, want ok=%v", tt.path, err, tt.ok)
		}
		var pe *PathError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("CheckPath(%q) error is %T, want *PathError", tt.path, err)
		}
	}
}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		rules Rules
		path  string
		want  bool
	}{
		{"empty allow allows all", Rules{}, "x/y.py", true},
		{"exact file", Rules{Allow: []string{"main.py"}}, "main.py", true},
		{"exact file is not a prefix", Rules{Allow: []string{"main.py"}}, "main.pyc", false},
		{"dir with slash", Rules{Allow: []string{"lib/"}}, "lib/a.py", true},
		{"dir without slash", Rules{Allow: []string{"lib"}}, "lib/sub/a.py", true},
		{"dir prefix is a segment", Rules{Allow: []string{"lib"}}, "library.py", false},
		{"not allowed", Rules{Allow: []string{"lib"}}, "main.py", false},
		{"ignore beats allow", Rules{Allow: []string{"lib"}, Ignore: []string{"lib/test"}}, "lib/test/t.py", false},
		{"ignore alone", Rules{Ignore: []string{"README.md"}}, "README.md", false},
		{"ignore leaves others", Rules{Ignore: []string{"README.md"}}, "main.py", true},
	}
	for _, tt := range tests {
		if got := tt.rules.Allowed(tt.path); got != tt.want {
			t.Errorf("%s: Allowed(%q) = %v, want %v", tt.name, tt.path, got, tt.want)
		}
	}
	if err := (Rules{Allow: []string{"../x"}}).Validate(); err == nil {
		t.Error("a rule with .. must be refused")
	}
	if err := (Rules{Allow: []string{"lib/"}, Ignore: []string{"tests"}}).Validate(); err != nil {
		t.Errorf("valid rules refused: %v", err)
	}
}

const sha1a = "ce013625030ba8dba906f756967f9e9ca394464a"

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		wantPath bool // a *PathError
		wantErr  string
	}{
		{"ok", `{"version":"v1","files":[{"path":"main.py","size":6,"sha1":"` + sha1a + `"},{"path":"hooks/post.py","sha1":"` + sha1a + `"}],"delete":["old.py"],"post_update":"hooks/post.py"}`, false, ""},
		{"hook not a file", `{"version":"v1","files":[{"path":"main.py","sha1":"` + sha1a + `"}],"post_update":"hooks/post.py"}`, true, "not a file of this version"},
		{"reserved file", `{"version":"v1","files":[{"path":"version.json","sha1":"` + sha1a + `"}]}`, true, "reserved"},
		{"file as a folder", `{"version":"v1","files":[{"path":"boot.py/x","sha1":"` + sha1a + `"}]}`, true, "cannot be a folder"},
		{"seed style without size", `{"version":"v1","files":[{"path":"main.py","sha1":"` + sha1a + `"}]}`, false, ""},
		{"unknown field", `{"version":"v1","files":[],"extra":1}`, false, "unknown field"},
		{"no files", `{"version":"v1","files":[]}`, false, "files"},
		{"no version", `{"files":[{"path":"a","sha1":"` + sha1a + `"}]}`, false, "version"},
		{"bad sha1", `{"version":"v1","files":[{"path":"a","sha1":"xyz"}]}`, false, "sha1"},
		{"bad sha256", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `","sha256":"00"}]}`, false, "sha256"},
		{"duplicate", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"},{"path":"a","sha1":"` + sha1a + `"}]}`, false, "twice"},
		{"trailing", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}]} {}`, false, "trailing"},
		{"dotdot", `{"version":"v1","files":[{"path":"../boot.py","sha1":"` + sha1a + `"}]}`, true, ".."},
		{"absolute", `{"version":"v1","files":[{"path":"/main.py","sha1":"` + sha1a + `"}]}`, true, "absolute"},
		{"backslash", `{"version":"v1","files":[{"path":"lib\\x.py","sha1":"` + sha1a + `"}]}`, true, "backslash"},
		{"nul", `{"version":"v1","files":[{"path":"a\u0000b","sha1":"` + sha1a + `"}]}`, true, "NUL"},
		{"empty segment", `{"version":"v1","files":[{"path":"lib//a","sha1":"` + sha1a + `"}]}`, true, "empty path segment"},
		{"hostile delete", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}],"delete":["../../boot.py"]}`, true, "delete list"},
		{"hostile hook", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}],"rollback":"/x.py"}`, true, "rollback hook"},
		{"hook deadline", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}],"rollback":"a","hook_timeout_sec":120}`, false, ""},
		{"hook deadline negative", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}],"hook_timeout_sec":-1}`, false, "hook_timeout_sec"},
		{"hook deadline too long", `{"version":"v1","files":[{"path":"a","sha1":"` + sha1a + `"}],"hook_timeout_sec":3601}`, false, "hook_timeout_sec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(strings.NewReader(tt.doc), "test manifest")
			if tt.wantErr == "" {
				if err != nil || m == nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse accepted %s", tt.doc)
			}
			var pe *PathError
			if errors.As(err, &pe) != tt.wantPath {
				t.Fatalf("err %T %v: PathError=%v want %v", err, err, errors.As(err, &pe), tt.wantPath)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err %q lacks %q", err, tt.wantErr)
			}
		})
	}
}

func TestGenerateDeterministicAndMatchesGit(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.py":          "print('hi')\n",
		"boot.py":          "",
		"lib/util.py":      "def f():\n    return 1\n",
		"lib/sub/data.bin": "\x00\x01\x02\xff",
		".git/HEAD":        "ref: refs/heads/main\n",
	}
	for p, c := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	ctx := context.Background()
	a, err := Generate(ctx, fsys, "v1.0.0", []string{"lib", "main.py", "boot.py"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(ctx, fsys, "v1.0.0", []string{"boot.py", "main.py", "lib/", "lib/util.py"})
	if err != nil {
		t.Fatal(err)
	}
	var ba, bb bytes.Buffer
	a.Encode(&ba)
	b.Encode(&bb)
	if ba.String() != bb.String() {
		t.Fatalf("not deterministic:\n%s\n%s", ba.String(), bb.String())
	}
	if len(a.Files) != 4 {
		t.Fatalf("files = %+v", a.Files)
	}
	for _, f := range a.Files {
		out, err := exec.Command("git", "hash-object", "--no-filters", filepath.Join(dir, f.Path)).Output()
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSpace(string(out)); f.SHA1 != want {
			t.Errorf("%s: sha1 %s, git says %s", f.Path, f.SHA1, want)
		}
	}
	// The output parses back with the strict parser.
	if _, err := Parse(&ba, "generated"); err != nil {
		t.Fatalf("generated manifest does not parse: %v", err)
	}
	whole, err := Generate(ctx, fsys, "v1.0.0", []string{"."})
	if err != nil || len(whole.Files) != 4 {
		t.Fatalf("Generate(.) = %+v, %v (must skip .git)", whole, err)
	}
}

func TestGenerateRefuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("x"), 0o644)
	if err := os.Symlink("a.py", filepath.Join(dir, "link.py")); err != nil {
		t.Skip("no symlinks here")
	}
	ctx := context.Background()
	var re *RefusedError
	if _, err := Generate(ctx, os.DirFS(dir), "v1", []string{"."}); !errors.As(err, &re) {
		t.Errorf("symlink in dir: err = %v, want RefusedError", err)
	}
	if _, err := Generate(ctx, os.DirFS(dir), "v1", []string{"link.py"}); !errors.As(err, &re) {
		t.Errorf("symlink arg: err = %v, want RefusedError", err)
	}
	var pe *PathError
	if _, err := Generate(ctx, fstest.MapFS{}, "v1", []string{"../a.py"}); !errors.As(err, &pe) {
		t.Errorf("dotdot arg: err = %v", err)
	}
	if _, err := Generate(ctx, os.DirFS(dir), "", []string{"a.py"}); err == nil {
		t.Error("missing version accepted")
	}
}
