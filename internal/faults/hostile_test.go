package faults_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cli"
	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// hostileEnv is what one hostile case gets to build its source: a git
// repository served by the fake GitHub API, and a folder for --source.
type hostileEnv struct {
	repo *githubtest.Repo
	srv  *githubtest.Server
	dir  string
}

// manifestAsset publishes release v1.0.0 with a manifest.json listing
// entries (path -> git blob sha1) as they are given.
func (e *hostileEnv) manifestAsset(entries [][2]string) {
	var files []map[string]string
	for _, en := range entries {
		files = append(files, map[string]string{"path": en[0], "sha1": en[1]})
	}
	doc, _ := json.Marshal(map[string]any{"version": "9.9.9", "files": files})
	e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": doc})
}

func (e *hostileEnv) blob(p string) string { return e.repo.BlobSHA("HEAD", p) }

// TestHostileInputsLeaveTheBoardUntouched drives each hostile input
// through the whole `otapush update` path (source → plan → verify →
// preflight → board) against a board running v1, and checks the error
// message, the exit code, and that the board's flash is byte for byte
// what it was: nothing of a hostile input may ever reach it.
func TestHostileInputsLeaveTheBoardUntouched(t *testing.T) {
	t.Parallel()
	base := baseFlash(t)
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte(noise(3000)))
	}))
	t.Cleanup(garbage.Close)

	stable := []string{"--channel", "stable"}
	dev := []string{"--channel", "developer", "--branch", "main"}
	tests := []struct {
		name string
		// setup builds the source; it returns the source flags.
		setup   func(t *testing.T, e *hostileEnv) []string
		flashKB int
		// board seeds files on the board beyond v1 (app-created ones).
		board map[string][]byte
		code  int
		msg   []string // all must appear in stderr
	}{
		{"manifest path with ..", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}, {"lib/../../boot.py", e.blob("lib/util.py")}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{`refused path "lib/../../boot.py"`, "'..' is not allowed"}},
		{"manifest absolute path", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"/main.py", e.blob("main.py")}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{`refused path "/main.py"`, "absolute paths are not allowed"}},
		{"manifest path with a backslash", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}, {`lib\util.py`, e.blob("lib/util.py")}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{`refused path "lib\\util.py"`, "backslash"}},
		{"file named with a backslash in a folder", func(t *testing.T, e *hostileEnv) []string {
			writeFile(t, e.dir, `lib\evil.py`, "EVIL = 1\n")
			return []string{"--source", e.dir}
		}, 0, nil, cli.ExitVerify, []string{"lib\\\\evil.py", "backslash"}},
		{"manifest path reserved for the agent", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}, {".ota/state.json", e.blob("lib/util.py")}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{`".ota/state.json"`, "reserved for the otapush agent"}},
		{"a path that is a file and a folder in one version", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}, {"lib", e.blob("lib/util.py")}, {"lib/util.py", e.blob("lib/util.py")}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{`"lib"`, "both a file and a folder"}},
		{"symlink in a folder", func(t *testing.T, e *hostileEnv) []string {
			if err := os.Symlink("/etc/passwd", filepath.Join(e.dir, "lib", "passwd.py")); err != nil {
				t.Fatal(err)
			}
			return []string{"--source", e.dir}
		}, 0, nil, cli.ExitVerify, []string{"lib/passwd.py", "is a symlink"}},
		{"symlink in the repository", func(t *testing.T, e *hostileEnv) []string {
			e.repo.Symlink("lib/link.py", "../main.py")
			e.repo.Commit("link")
			return dev
		}, 0, nil, cli.ExitVerify, []string{"lib/link.py", "is a symlink"}},
		{"submodule in the repository", func(t *testing.T, e *hostileEnv) []string {
			e.repo.Submodule("vendor/dep", e.repo.CommitOf("HEAD"))
			e.repo.CommitIndex("submodule")
			return dev
		}, 0, nil, cli.ExitVerify, []string{"vendor/dep", "is a git submodule"}},
		{"2 MB file for a 1 MB board", func(t *testing.T, e *hostileEnv) []string {
			writeFile(t, e.dir, "assets/huge.bin", noise(2<<20))
			return []string{"--source", e.dir}
		}, 1024, nil, cli.ExitBoard, []string{"preflight", "blocks", "free"}},
		{"blob whose bytes do not match its hash", func(t *testing.T, e *hostileEnv) []string {
			e.srv.Tamper(e.blob("lib/util.py"), []byte("N = 'evil'\n"))
			return dev
		}, 0, nil, cli.ExitVerify, []string{"lib/util.py", "mismatch"}},
		{"manifest hash of another file", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}, {"lib/util.py", strings.Repeat("ab", 20)}})
			return stable
		}, 0, nil, cli.ExitSource, []string{"lib/util.py", "not found"}},
		{"truncated download", func(t *testing.T, e *hostileEnv) []string {
			e.srv.CutBlob(e.blob("lib/util.py"), 1000)
			return dev
		}, 0, nil, cli.ExitSource, []string{"lib/util.py", "broke off"}},
		// Only the board can see this one (the folder is the app's own,
		// unknown to version.json): it refuses at arm, after the upload;
		// the host must drop the stage.
		{"a file where the board has the app's folder", func(t *testing.T, e *hostileEnv) []string {
			writeFile(t, e.dir, "logs", "not a folder\n")
			return []string{"--source", e.dir}
		}, 0, map[string][]byte{"logs/today.txt": []byte("app log\n")}, cli.ExitVerify, []string{"logs is a folder on the board and a file in the new version"}},
		{"asset redirected to a host answering garbage", func(t *testing.T, e *hostileEnv) []string {
			e.manifestAsset([][2]string{{"main.py", e.blob("main.py")}})
			e.srv.AddFault(githubtest.Fault{Path: "/releases/assets/", Status: http.StatusFound, Times: -1,
				Header: map[string]string{"Location": garbage.URL + "/objects/1"}})
			return stable
		}, 0, nil, cli.ExitVerify, []string{"manifest"}},
	}
	ta := newTally()
	t.Cleanup(func() { ta.log(t) })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			begin := time.Now()
			var viol []string
			bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
			defer func() {
				ta.add("hostile inputs", tt.name, begin, viol)
				for _, v := range viol {
					t.Error(v)
				}
			}()
			e := &hostileEnv{repo: githubtest.NewRepo(t), dir: writeDir(t, v2)}
			e.repo.Write(v2)
			e.repo.Commit("v2")
			e.repo.AnnotatedTag("v1.0.0")
			e.srv = githubtest.NewServer(t, e.repo, "acme", "app")
			src := tt.setup(t, e)
			if src[0] != "--source" {
				src = append([]string{"--repo", "acme/app", "--api-url", e.srv.URL}, src...)
			}

			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := boardOn(t, base, simboard.Options{FlashKB: tt.flashKB, Files: tt.board})
			before := flashTree(t, b.FlashDir())
			ios, _, out, errOut := cli.TestStreams()
			code := cli.Main(ctx, append([]string{"update", "--port", b.Port(), "--cache-dir", t.TempDir(), "--confirm", "return"}, src...), ios)
			if code != tt.code {
				bad("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, m := range tt.msg {
				if !strings.Contains(errOut.String(), m) {
					bad("stderr lacks %q: %s", m, errOut)
				}
			}
			// The board is still at its prompt, and its flash is as it was.
			if err := quiet(ctx, b); err != nil {
				bad("board after the refusal: %v", err)
			}
			if err := b.Close(); err != nil {
				bad("power off: %v", err)
			}
			if d := treeDiff(before, flashTree(t, b.FlashDir())); d != "" {
				bad("the board's flash changed: %s", d)
			}
		})
	}
}

// TestFileBecomesFolder: a path that is a file in one version and a
// folder in the next is not hostile but a type change; otapush must carry
// it out whole (the journal deletes the file before creating the folder),
// and the reverse change back too.
func TestFileBecomesFolder(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{ResetDelay: fastReset})
	cache := t.TempDir()
	asFile := app{"main.py": "print('file')\n", "plugins": "# a file\n", "lib/util.py": "N = 1\n"}
	asFolder := app{"main.py": "print('folder')\n", "plugins/p0.py": "P = 0\n", "plugins/sub/p1.py": "P = 1\n", "lib/util.py": "N = 1\n"}
	versions := map[string]app{"file": asFile, "folder": asFolder}
	for _, step := range []struct {
		name string
		a    app
	}{{"file", asFile}, {"folder", asFolder}, {"file", asFile}} {
		ios, _, out, errOut := cli.TestStreams()
		code := cli.Main(ctx, []string{"update", "--port", b.Port(), "--cache-dir", cache, "--confirm", "return", "--source", writeDir(t, step.a)}, ios)
		if code != cli.ExitOK || !strings.Contains(out.String(), "committed") {
			t.Fatalf("%s: exit %d\n%s\n%s", step.name, code, out, errOut)
		}
		if err := quiet(ctx, b); err != nil {
			t.Fatal(err)
		}
		if got, err := whole(t, b.FlashDir(), versions); err != nil || got != step.name {
			t.Fatalf("after %s: %s %v", step.name, got, err)
		}
		if left := leftovers(t, b.FlashDir()); len(left) > 0 {
			t.Fatalf("after %s the journal keeps %v", step.name, left)
		}
	}
}

func writeFile(t *testing.T, dir, p, content string) {
	t.Helper()
	fp := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
