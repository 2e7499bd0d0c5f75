package local_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

func newCache(t *testing.T) *cache.Cache {
	c, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPlanDir(t *testing.T) {
	repo := githubtest.NewRepo(t) // a folder with a .git inside, built by git
	repo.Write(map[string]string{"main.py": "print(1)\n", "lib/a.py": "A = 1\n", "lib/test/t.py": "T\n", "notes.txt": "n\n"})
	repo.Commit("c1")
	ctx := context.Background()
	c := newCache(t)
	p, err := local.PlanDir(ctx, c, repo.Dir, manifest.Rules{Ignore: []string{"lib/test", "notes.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range p.Files {
		paths = append(paths, f.Path)
		if want := repo.BlobSHA("HEAD", f.Path); f.BlobSHA1 != want {
			t.Errorf("%s: blob %s, git says %s", f.Path, f.BlobSHA1, want)
		}
		// The bytes are in the cache and verify on read.
		rc, err := c.Open(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || verify.SHA256(b) != f.SHA256 {
			t.Errorf("%s: cached read %v", f.Path, err)
		}
	}
	if strings.Join(paths, ",") != "lib/a.py,main.py" || p.Mode != manifest.ModeLocal {
		t.Fatalf("plan = %+v", p)
	}
	again, _ := local.PlanDir(ctx, c, repo.Dir, manifest.Rules{Ignore: []string{"lib/test", "notes.txt"}})
	// In a checkout the version is what git describe says.
	if want := repo.Git("describe", "--tags", "--always", "--dirty"); again.Version != p.Version || p.Version != want {
		t.Errorf("version not stable or not git describe (%s): %s vs %s", want, p.Version, again.Version)
	}
	os.WriteFile(filepath.Join(repo.Dir, "main.py"), []byte("print(2)\n"), 0o644)
	changed, _ := local.PlanDir(ctx, c, repo.Dir, manifest.Rules{Ignore: []string{"lib/test", "notes.txt"}})
	if !strings.HasPrefix(changed.Version, p.Version+"-dirty+") {
		t.Errorf("version %q after an edit, want %q and the content hash", changed.Version, p.Version+"-dirty+")
	}
	// An untracked file git does not ignore is a change too, with a name
	// of its own.
	os.WriteFile(filepath.Join(repo.Dir, "main.py"), []byte("print(1)\n"), 0o644)
	os.WriteFile(filepath.Join(repo.Dir, "new.py"), []byte("N\n"), 0o644)
	untracked, _ := local.PlanDir(ctx, c, repo.Dir, manifest.Rules{Ignore: []string{"lib/test", "notes.txt"}})
	if !strings.HasPrefix(untracked.Version, p.Version+"-dirty+") || untracked.Version == changed.Version {
		t.Errorf("version %q with an untracked file (edited: %q)", untracked.Version, changed.Version)
	}
	os.Remove(filepath.Join(repo.Dir, "new.py"))

	// A linked worktree has a .git file, not a directory; it is skipped too.
	wt := filepath.Join(t.TempDir(), "wt")
	repo.Git("worktree", "add", "-q", wt)
	wp, err := local.PlanDir(ctx, c, wt, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range wp.Files {
		if f.Path == ".git" {
			t.Fatal("the .git file of a worktree was planned")
		}
	}
	if len(wp.Files) != 4 {
		t.Fatalf("worktree plan = %+v", wp.Files)
	}

	if err := os.Symlink("main.py", filepath.Join(repo.Dir, "link.py")); err == nil {
		var re *manifest.RefusedError
		if _, err := local.PlanDir(ctx, c, repo.Dir, manifest.Rules{}); !errors.As(err, &re) || re.Path != "link.py" {
			t.Errorf("symlink: %v", err)
		}
	}
	var le *local.Error
	if _, err := local.PlanDir(ctx, c, filepath.Join(repo.Dir, "missing"), manifest.Rules{}); !errors.As(err, &le) {
		t.Errorf("missing dir: %v", err)
	}
}

func TestPlanGit(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{"main.py": "print('v1')\n", "lib/a.py": "A = 1\n"})
	repo.Commit("v1")
	repo.AnnotatedTag("v1.0.0")
	repo.Write(map[string]string{"main.py": "print('v2')\n"})
	repo.Commit("v2")
	repo.Write(map[string]string{"main.py": "uncommitted\n"})
	ctx := context.Background()
	c := newCache(t)
	for _, ref := range []string{"v1.0.0", "main"} {
		p, err := local.PlanGit(ctx, c, repo.Dir, ref, manifest.Rules{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Commit != repo.CommitOf(ref) || len(p.Files) != 2 {
			t.Fatalf("%s: plan %+v", ref, p)
		}
		for _, f := range p.Files {
			content := repo.ReadBlob(repo.BlobSHA(ref, f.Path))
			if f.BlobSHA1 != repo.BlobSHA(ref, f.Path) || f.SHA256 != verify.SHA256(content) {
				t.Errorf("%s %s: %+v", ref, f.Path, f)
			}
		}
	}
	if _, err := local.PlanGit(ctx, c, repo.Dir, "nope", manifest.Rules{}); err == nil {
		t.Error("unknown ref accepted")
	}
	if _, err := local.PlanGit(ctx, c, repo.Dir, "--output=x", manifest.Rules{}); err == nil {
		t.Error("option-looking ref accepted")
	}
	repo.Symlink("link.py", "main.py")
	repo.Commit("link")
	var re *manifest.RefusedError
	if _, err := local.PlanGit(ctx, c, repo.Dir, "main", manifest.Rules{}); !errors.As(err, &re) {
		t.Errorf("symlink in git: %v", err)
	}
}

// otapush's config holds the token and the Wi-Fi password: neither a
// folder nor a git checkout may put it (or any ota_config.*) in a plan.
func TestConfigsNeverPlanned(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{
		"main.py":              "print(1)\n",
		"ota_config.json":      `{"token":"ghp_x","password":"wifi"}`,
		"lib/OTA_CONFIG.yaml":  "token: ghp_x\n",
		"deploy/secrets.toml":  "token = \"ghp_x\"\n",
		"ota_config_notes.txt": "kept: not a config name\n",
	})
	repo.Commit("c1")
	loaded := filepath.Join(repo.Dir, "deploy", "secrets.toml")
	want := []string{"deploy/secrets.toml", "lib/OTA_CONFIG.yaml", "ota_config.json"}
	ctx := context.Background()
	c := newCache(t)
	plans := map[string]func() (*manifest.Plan, error){
		"folder": func() (*manifest.Plan, error) { return local.PlanDir(ctx, c, repo.Dir, manifest.Rules{}, loaded) },
		"git": func() (*manifest.Plan, error) {
			return local.PlanGit(ctx, c, repo.Dir, "main", manifest.Rules{}, loaded)
		},
	}
	for name, plan := range plans {
		p, err := plan()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for _, f := range p.Files {
			got = append(got, f.Path)
		}
		if strings.Join(got, ",") != "main.py,ota_config_notes.txt" {
			t.Errorf("%s: planned %v", name, got)
		}
		w := append([]string(nil), p.Withheld...)
		sort.Strings(w)
		if strings.Join(w, ",") != strings.Join(want, ",") {
			t.Errorf("%s: withheld %v, want %v", name, w, want)
		}
	}
}
