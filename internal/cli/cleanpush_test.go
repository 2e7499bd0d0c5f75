package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// A developer's project folder pushed to the simulated board: what the
// clean source skips (version control, editor settings, caches, a
// virtualenv with a dangling link, gitignored and .otapushignore'd files)
// never reaches the flash; version.json names no host path; and a file
// that a later .gitignore line skips is not deleted from the board
// without --prune.
func TestCleanSourceOnTheBoard(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)

	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{
		"main.py": "print('clean')\n", "lib/util.py": "U = 1\n", "secrets.py": "SSID = 'home'\n",
		".gitignore": "scratch.txt\n", ".otapushignore": "notes/\n",
	})
	repo.Commit("c1")
	repo.Tag("v1.0.0")
	junk := map[string]string{
		".vscode/settings.json": "{}\n", ".env": "TOKEN=x\n", "__pycache__/main.cpython-312.pyc": "pyc",
		"lib/util.pyc": "pyc", "scratch.txt": "scratch\n", "notes/todo.md": "todo\n", ".venv/pyvenv.cfg": "home = /nowhere\n",
	}
	for p, body := range junk {
		full := filepath.Join(repo.Dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(repo.Dir, ".venv", "bin"), 0o755)
	if err := os.Symlink("/nowhere/python3", filepath.Join(repo.Dir, ".venv", "bin", "python")); err != nil {
		t.Skip("symlinks:", err)
	}

	r := up("--source", repo.Dir, "--confirm", "return")
	if r.code != ExitOK || !strings.Contains(r.out, "(none) -> v1.0.0") {
		t.Fatalf("push: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	flash, err := simboard.Snapshot(b.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	for p := range flash {
		_, isJunk := junk[p]
		for _, dir := range []string{".vscode/", "__pycache__/", "notes/", ".venv/", ".git/"} {
			isJunk = isJunk || strings.HasPrefix(p, dir)
		}
		if isJunk || p == ".gitignore" || p == ".otapushignore" || strings.HasSuffix(p, ".pyc") {
			t.Errorf("%s reached the board", p)
		}
	}
	for _, p := range []string{"lib/util.py", "secrets.py"} {
		if _, ok := flash[p]; !ok {
			t.Errorf("%s is not on the board", p)
		}
	}
	vj := flash["version.json"]
	if !strings.Contains(vj, `"v1.0.0"`) || !strings.Contains(vj, "local folder") || strings.Contains(vj, repo.Dir) || strings.Contains(vj, os.TempDir()) {
		t.Errorf("version.json = %s", vj)
	}

	// secrets.py becomes gitignored: the plan skips it, and the update
	// refuses to delete it from the board unless told to.
	if err := os.WriteFile(filepath.Join(repo.Dir, ".gitignore"), []byte("scratch.txt\nsecrets.py\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo.Git("rm", "-q", "--cached", "secrets.py")
	repo.Commit("c2")
	before, _ := simboard.Snapshot(b.FlashDir())
	r = up("--source", repo.Dir, "--confirm", "return")
	if r.code != ExitUsage || !strings.Contains(r.errOut, "secrets.py") || !strings.Contains(r.errOut, "--prune") {
		t.Fatalf("skipped file on the board: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	after, _ := simboard.Snapshot(b.FlashDir())
	if d := simboard.DiffSnapshots(before, after); d != "" {
		t.Fatalf("the refused update changed the flash: %s", d)
	}
	r = up("--source", repo.Dir, "--confirm", "return", "--prune")
	if r.code != ExitOK {
		t.Fatalf("--prune: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if _, err := os.Stat(filepath.Join(b.FlashDir(), "secrets.py")); !os.IsNotExist(err) {
		t.Errorf("secrets.py after --prune: %v", err)
	}
}

// A manifest.json in the folder is the manifest on the board too: its
// version is recorded, its delete list and the files it does not list
// leave the board (no --prune: the manifest says so), and the manifest
// itself is never pushed.
func TestFolderManifestOnTheBoard(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	b := simtest.StartT(t, simboard.Options{})
	up := updater(t, ctx, b)
	dir := writeApp(t, map[string]string{"main.py": "print('v1')\n", "extra.py": "E\n", "old.py": "O\n"})
	if r := up("--source", dir, "--confirm", "return"); r.code != ExitOK {
		t.Fatalf("v1: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	main2 := "print('v2')\n"
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(main2), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "old.py"))
	// The hash comes from git, never from otapush's own code.
	sha := strings.TrimSpace(githubtest.NewRepo(t).Git("hash-object", filepath.Join(dir, "main.py")))
	m := `{"version": "v2.0.0", "files": [{"path": "main.py", "sha1": "` + sha + `"}], "delete": ["old.py"]}`
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	r := up("--source", dir, "--confirm", "return")
	if r.code != ExitOK || !strings.Contains(r.out, "-> v2.0.0") {
		t.Fatalf("v2: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	flash, err := simboard.Snapshot(b.FlashDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"extra.py", "old.py", "manifest.json"} {
		if _, ok := flash[gone]; ok {
			t.Errorf("%s is on the board", gone)
		}
	}
	if flash["_app_main.py"] != main2 || !strings.Contains(flash["version.json"], `"v2.0.0"`) || strings.Contains(flash["version.json"], dir) {
		t.Errorf("main %q, version.json %s", flash["_app_main.py"], flash["version.json"])
	}
}
