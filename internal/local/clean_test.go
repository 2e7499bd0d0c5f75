package local_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func planned(p *manifest.Plan) string {
	var out []string
	for _, f := range p.Files {
		out = append(out, f.Path)
	}
	return strings.Join(out, ",")
}

func skipped(p *manifest.Plan) map[string]string {
	out := map[string]string{}
	for _, s := range p.Skipped {
		out[s.Path] = s.Reason
	}
	return out
}

// A developer's project folder: only the app is planned, everything else is
// listed as skipped with its reason, and links inside skipped folders (a
// virtualenv's bin/python) do not stop the plan.
func TestCleanSource(t *testing.T) {
	app := map[string]string{
		"main.py":          "print(1)\n",
		"lib/util.py":      "U = 1\n",
		"lib/data.json":    "{}\n",
		"keep/.well-known": "kept by a ! rule\n",
		"sub/a.py":         "A\n",
	}
	junk := map[string]string{
		".vscode/settings.json":        "{}\n",
		".env":                         "TOKEN=secret\n",
		".DS_Store":                    "x",
		"__pycache__/main.cpython.pyc": "pyc",
		"lib/util.pyc":                 "pyc",
		"lib/__pycache__/u.pyc":        "pyc",
		"venv/pyvenv.cfg":              "home = /usr/bin\n",
		"venv/lib/site.py":             "x\n",
		"env/bin/python":               "#!\n",
		"tools/env2/pyvenv.cfg":        "x\n",
		"scratch.txt":                  "scratch\n",
		"build/out.bin":                "b\n",
		"sub/notes.md":                 "n\n",
		"sub/deep/x.tmp":               "t\n",
		"tracked.log":                  "tracked\n",
	}
	tests := []struct {
		name string
		git  bool
		want map[string]string // skipped path -> reason
	}{
		{"git checkout", true, map[string]string{
			".git/": local.SkipVCS, ".vscode/": local.SkipDot, ".env": local.SkipDot, ".DS_Store": local.SkipDot,
			".gitignore": local.SkipDot, ".otapushignore": local.SkipDot, "sub/.otapushignore": local.SkipDot,
			"__pycache__/": local.SkipPycache, "lib/util.pyc": local.SkipPyc, "lib/__pycache__/": local.SkipPycache,
			"venv/": local.SkipVirtualenv, "env/": local.SkipVirtualenv, "tools/env2/": local.SkipVirtualenv,
			".venv/": local.SkipVirtualenv, "scratch.txt": local.SkipGitignore, "build/": local.SkipGitignore,
			"sub/notes.md": local.SkipOtapushignore, "sub/deep/": local.SkipOtapushignore,
		}},
		{"plain folder", false, map[string]string{
			".vscode/": local.SkipDot, ".env": local.SkipDot, ".DS_Store": local.SkipDot,
			".gitignore": local.SkipDot, ".otapushignore": local.SkipDot, "sub/.otapushignore": local.SkipDot,
			"__pycache__/": local.SkipPycache, "lib/util.pyc": local.SkipPyc, "lib/__pycache__/": local.SkipPycache,
			"venv/": local.SkipVirtualenv, "env/": local.SkipVirtualenv, "tools/env2/": local.SkipVirtualenv,
			".venv/":       local.SkipVirtualenv,
			"sub/notes.md": local.SkipOtapushignore, "sub/deep/": local.SkipOtapushignore,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var dir string
			var repo *githubtest.Repo
			if tc.git {
				repo = githubtest.NewRepo(t)
				dir = repo.Dir
			} else {
				dir = t.TempDir()
			}
			writeTree(t, dir, app)
			writeTree(t, dir, junk)
			writeTree(t, dir, map[string]string{
				".gitignore":         "scratch.txt\nbuild/\n*.log\n",
				".otapushignore":     "# keep the dot-file in keep/\n!keep/\n",
				"sub/.otapushignore": "*.md\ndeep/\n",
			})
			// A virtualenv made by python -m venv links its interpreter,
			// often to a path that does not exist on this machine.
			if err := os.MkdirAll(filepath.Join(dir, ".venv", "bin"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeTree(t, dir, map[string]string{".venv/pyvenv.cfg": "home = /nowhere\n"})
			if err := os.Symlink("/nowhere/python3", filepath.Join(dir, ".venv", "bin", "python")); err != nil {
				t.Skip("symlinks not supported:", err)
			}
			wantFiles := "keep/.well-known,lib/data.json,lib/util.py,main.py,sub/a.py"
			if tc.git {
				// Tracked files stay in even when a .gitignore pattern
				// matches them, as git itself decides.
				repo.Git("add", "-f", "tracked.log", "main.py")
				repo.Git("commit", "-q", "-m", "c1")
				wantFiles = "keep/.well-known,lib/data.json,lib/util.py,main.py,sub/a.py,tracked.log"
			} else {
				// Not a checkout: .gitignore means nothing.
				wantFiles = "build/out.bin,keep/.well-known,lib/data.json,lib/util.py,main.py,scratch.txt,sub/a.py,tracked.log"
			}
			p, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
			if err != nil {
				t.Fatal(err)
			}
			if got := planned(p); got != wantFiles {
				t.Errorf("planned %s\nwant    %s", got, wantFiles)
			}
			got := skipped(p)
			for path, reason := range tc.want {
				if got[path] != reason {
					t.Errorf("skipped[%q] = %q, want %q", path, got[path], reason)
				}
			}
			for path := range got {
				if _, ok := tc.want[path]; !ok {
					t.Errorf("skipped %q (%s) unexpectedly", path, got[path])
				}
			}
			if p.Origin != "local folder" || strings.Contains(p.BoardSource(), dir) {
				t.Errorf("the board would record %q: a host path", p.BoardSource())
			}
			if !tc.git && !strings.HasPrefix(p.Version, "local-") {
				t.Errorf("version outside a checkout = %q, want the content hash", p.Version)
			}
		})
	}
}

// A symlink the rules do not skip is still refused, with a hint that names
// the ignore file.
func TestSymlinkOutsideSkippedFolders(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.py": "x\n"})
	if err := os.Symlink("main.py", filepath.Join(dir, "alias.py")); err != nil {
		t.Skip(err)
	}
	var re *manifest.RefusedError
	_, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
	if !errors.As(err, &re) || re.Path != "alias.py" || !strings.Contains(err.Error(), ".otapushignore") {
		t.Fatalf("err = %v", err)
	}
	writeTree(t, dir, map[string]string{".otapushignore": "alias.py\n"})
	p, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
	if err != nil || planned(p) != "main.py" || skipped(p)["alias.py"] != local.SkipOtapushignore {
		t.Fatalf("plan %v, err %v", p, err)
	}
}

// The .otapushignore matcher follows gitignore(5): the same patterns as a
// .gitignore leave out exactly the files git leaves out.
func TestOtapushignoreMatchesGit(t *testing.T) {
	patterns := strings.Join([]string{
		"# comment", "", "*.tmp", "!keep.tmp", "/rootonly.txt", "docs/", "a/**/z.py", "**/gen", "x/*.c",
		"logs/**", "b?.py", "[cd]*.md", "[!e]x.txt", `\#hash.py`, "trailing.py   ", "nested/deeper/",
		"*.bak", "!important.bak", "m/n/", "q/*", "!q/r.py",
	}, "\n")
	files := []string{
		"main.py", "a.tmp", "keep.tmp", "sub/b.tmp", "rootonly.txt", "sub/rootonly.txt", "docs/x.py", "sub/docs/y.py",
		"a/z.py", "a/b/z.py", "a/b/c/z.py", "z.py", "gen/x.py", "sub/gen/y.py", "x/f.c", "x/y/f.c", "logs/1.txt", "logs/a/2.txt",
		"b1.py", "b12.py", "c.md", "d.md", "e.md", "ex.txt", "fx.txt", "#hash.py", "trailing.py", "nested/deeper/w.py",
		"deeper/w.py", "x.bak", "important.bak", "m/n/o.py", "n/o.py", "q/r.py", "q/s.py",
	}
	repo := githubtest.NewRepo(t)
	body := map[string]string{".gitignore": patterns + "\n"}
	for _, f := range files {
		body[f] = f + "\n"
	}
	repo.Write(body)
	out := repo.Git("ls-files", "--others", "--exclude-standard")
	var want []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && l != ".gitignore" {
			want = append(want, l)
		}
	}
	sort.Strings(want)

	dir := t.TempDir()
	body[".otapushignore"] = patterns + "\n"
	delete(body, ".gitignore")
	writeTree(t, dir, body)
	p, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if got := planned(p); got != strings.Join(want, ",") {
		t.Errorf(".otapushignore kept %s\ngit kept            %s", got, strings.Join(want, ","))
	}
}

// Without git on PATH the folder's .gitignore files are still honoured,
// and the plan says how.
func TestGitMissingFallback(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{"main.py": "x\n", "scratch.txt": "s\n", "sub/.gitignore": "*.log\n", "sub/a.log": "l\n", "sub/a.py": "a\n", ".gitignore": "scratch.txt\n"})
	repo.Commit("c1")
	t.Setenv("PATH", t.TempDir())
	if _, err := exec.LookPath("git"); err == nil {
		t.Skip("git still found")
	}
	p, err := local.PlanDir(context.Background(), newCache(t), repo.Dir, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if got := planned(p); got != "main.py,sub/a.py" {
		t.Errorf("planned %s", got)
	}
	s := skipped(p)
	if s["scratch.txt"] != local.SkipGitignore || s["sub/a.log"] != local.SkipGitignore {
		t.Errorf("skipped %v", s)
	}
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "git is not installed") {
		t.Errorf("notes %q", p.Notes)
	}
	if !strings.HasPrefix(p.Version, "local-") {
		t.Errorf("version %q without git, want the content hash", p.Version)
	}
}

// A manifest.json at the top is the manifest: its version, files, delete
// list and hooks, checked like a release's; it is never pushed itself.
func TestManifestInFolder(t *testing.T) {
	files := map[string]string{"main.py": "print(1)\n", "lib/a.py": "A\n", "post.py": "P\n", "extra.py": "E\n"}
	// Expected hashes come from git, never from otapush's own code.
	sha := func(s string) string {
		cmd := exec.Command("git", "hash-object", "--stdin")
		cmd.Stdin = strings.NewReader(s)
		out, err := cmd.Output()
		if err != nil {
			t.Skip("git:", err)
		}
		return strings.TrimSpace(string(out))
	}
	good := `{"version":"v2.0.0","files":[{"path":"main.py","sha1":"` + sha(files["main.py"]) + `"},{"path":"lib/a.py","sha1":"` + sha(files["lib/a.py"]) + `","size":2},{"path":"post.py","sha1":"` + sha(files["post.py"]) + `"}],"delete":["old.py"],"post_update":"post.py"}`
	tests := []struct {
		name, manifest string
		check          func(t *testing.T, p *manifest.Plan, err error)
	}{
		{"used", good, func(t *testing.T, p *manifest.Plan, err error) {
			if err != nil {
				t.Fatal(err)
			}
			if p.Version != "v2.0.0" || planned(p) != "lib/a.py,main.py,post.py" || strings.Join(p.Deletes, ",") != "old.py" || p.Hooks.PostUpdate != "post.py" {
				t.Errorf("plan %+v", p)
			}
			s := skipped(p)
			if s["extra.py"] != local.SkipNotInManifest || s["manifest.json"] != local.SkipManifest {
				t.Errorf("skipped %v", s)
			}
			if strings.Contains(p.BoardSource(), "/") {
				t.Errorf("board source %q", p.BoardSource())
			}
		}},
		{"stale", strings.Replace(good, sha(files["main.py"]), sha("print(0)\n"), 1), func(t *testing.T, p *manifest.Plan, err error) {
			var me *verify.MismatchError
			if !errors.As(err, &me) || me.Path != "main.py" || !strings.Contains(err.Error(), "manifest gen") {
				t.Errorf("err = %v", err)
			}
		}},
		{"missing file", strings.Replace(good, `"path":"lib/a.py"`, `"path":"gone.py"`, 1), func(t *testing.T, p *manifest.Plan, err error) {
			var pe *manifest.PathError
			if !errors.As(err, &pe) || pe.Path != "gone.py" {
				t.Errorf("err = %v", err)
			}
		}},
		{"bad schema", `{"version":"v1","files":[],"extra":1}`, func(t *testing.T, p *manifest.Plan, err error) {
			var pe *manifest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), "belongs in a subfolder") {
				t.Errorf("err = %v", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, files)
			writeTree(t, dir, map[string]string{"manifest.json": tc.manifest})
			p, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
			tc.check(t, p, err)
		})
	}
}

// Two app folders of one clean checkout share git describe, so each gets
// its content hash too: different apps never carry the same version.
func TestVersionOfSubfolders(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{"a/main.py": "A\n", "b/main.py": "B\n"})
	repo.Commit("c1")
	repo.Tag("v1.0.0")
	c := newCache(t)
	var versions []string
	for _, sub := range []string{"a", "b"} {
		p, err := local.PlanDir(context.Background(), c, filepath.Join(repo.Dir, sub), manifest.Rules{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Version, "v1.0.0+") {
			t.Errorf("%s: version %q, want v1.0.0+<content hash>", sub, p.Version)
		}
		versions = append(versions, p.Version)
	}
	if versions[0] == versions[1] {
		t.Errorf("both folders are %s", versions[0])
	}
	p, err := local.PlanDir(context.Background(), c, repo.Dir, manifest.Rules{})
	if err != nil || p.Version != "v1.0.0" {
		t.Errorf("the clean top level: %q, %v; want v1.0.0", p.Version, err)
	}
}

// --ref plans a commit: the same default skips and the tree's own
// .otapushignore files apply, read from the commit, not the disk.
func TestPlanGitCleanTree(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{
		"main.py": "M\n", "lib/x.py": "X\n", ".vscode/settings.json": "{}\n", "__pycache__/m.pyc": "p",
		"lib/x.pyc": "p", "venv/pyvenv.cfg": "h\n", "venv/lib/site.py": "s\n", "docs/a.md": "a\n",
		".otapushignore": "docs/\n!keep/\n", "keep/.well-known": "k\n", "sub/.otapushignore": "*.txt\n", "sub/n.txt": "n\n", "sub/s.py": "s\n",
	})
	repo.Commit("c1")
	// The disk differs from the commit: only the commit counts.
	writeTree(t, repo.Dir, map[string]string{".otapushignore": "main.py\n"})
	p, err := local.PlanGit(context.Background(), newCache(t), repo.Dir, "main", manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if got := planned(p); got != "keep/.well-known,lib/x.py,main.py,sub/s.py" {
		t.Errorf("planned %s", got)
	}
	want := map[string]string{".vscode/": local.SkipDot, "__pycache__/": local.SkipPycache, "lib/x.pyc": local.SkipPyc,
		"venv/": local.SkipVirtualenv, "docs/": local.SkipOtapushignore, ".otapushignore": local.SkipDot,
		"sub/.otapushignore": local.SkipDot, "sub/n.txt": local.SkipOtapushignore}
	got := skipped(p)
	if len(got) != len(want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("skipped[%s] = %q, want %q", k, got[k], v)
		}
	}
	if strings.Contains(p.BoardSource(), repo.Dir) {
		t.Errorf("board source %q", p.BoardSource())
	}
}

// A folder git ignores as a whole (a build output) was named on purpose:
// its files are planned, not all skipped as gitignored.
func TestIgnoredFolderNamedOnPurpose(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{".gitignore": "dist/\n", "src.py": "s\n"})
	repo.Commit("c1")
	writeTree(t, repo.Dir, map[string]string{"dist/main.py": "m\n", "dist/lib/a.py": "a\n"})
	p, err := local.PlanDir(context.Background(), newCache(t), filepath.Join(repo.Dir, "dist"), manifest.Rules{})
	if err != nil || planned(p) != "lib/a.py,main.py" || len(p.Skipped) != 0 {
		t.Fatalf("plan %+v, %v", p, err)
	}
}

// A checkout git refuses to read (here: a broken .git) still has its
// .gitignore honoured, and the plan says why git did not decide.
func TestGitUnusableFallback(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/HEAD": "garbage\n", ".gitignore": "scratch.txt\n", "main.py": "m\n", "scratch.txt": "s\n"})
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	p, err := local.PlanDir(context.Background(), newCache(t), dir, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if planned(p) != "main.py" || skipped(p)["scratch.txt"] != local.SkipGitignore {
		t.Errorf("planned %s, skipped %v", planned(p), skipped(p))
	}
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "git cannot read this checkout") {
		t.Errorf("notes %q", p.Notes)
	}
}
