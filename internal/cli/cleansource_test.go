package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `plan --source` on a developer's project folder lists what it skipped
// and why, in text and JSON; --version names the bundle.
func TestPlanLocalSkipped(t *testing.T) {
	e := newCLIEnv(t)
	dir := e.repo.Dir
	for p, body := range map[string]string{
		".vscode/settings.json": "{}\n", "__pycache__/main.cpython-312.pyc": "x", "scratch.txt": "s\n",
		".gitignore": "scratch.txt\n", "venv/pyvenv.cfg": "home = /usr\n", "docs/.otapushignore": "*\n", "docs/x.md": "d\n",
	} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := e.run(t, "plan", "--source", dir, "--json", "--version", "v9-dev")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc PlanJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range doc.Files {
		files = append(files, f.Path)
	}
	if strings.Join(files, ",") != "hooks/post.py,lib/util.py,main.py" || doc.App.Version != "v9-dev" {
		t.Fatalf("files %v, version %q", files, doc.App.Version)
	}
	want := map[string]string{".git/": "version control", ".vscode/": "dot-file", ".gitignore": "dot-file",
		"__pycache__/": "python cache", "scratch.txt": "gitignored", "venv/": "virtualenv",
		"docs/.otapushignore": ".otapushignore", "docs/x.md": ".otapushignore"}
	got := map[string]string{}
	for _, s := range doc.Skipped {
		got[s.Path] = s.Reason
	}
	for p, r := range want {
		if got[p] != r {
			t.Errorf("skipped[%s] = %q, want %q (all: %v)", p, got[p], r, got)
		}
	}
	if strings.Contains(doc.Source, dir) == false {
		t.Errorf("the host's view names the folder: %q", doc.Source)
	}

	code, out, errOut = e.run(t, "plan", "--source", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range []string{"scratch.txt (gitignored)", "venv/ (virtualenv)", "docs/x.md (.otapushignore docs/.otapushignore:1)"} {
		if !strings.Contains(out, line) {
			t.Errorf("text output lacks %q:\n%s", line, out)
		}
	}

	code, _, errOut = e.run(t, "plan", "--repo", "acme/app", "--version", "v1")
	if code != ExitUsage || !strings.Contains(errOut, "--version") {
		t.Errorf("--version with a GitHub source: exit %d, %s", code, errOut)
	}
}

// --repo takes a repository the way it is pasted; anything else is a
// usage error that shows the accepted forms and never the token.
func TestPlanRepoForms(t *testing.T) {
	e := newCLIEnv(t)
	for _, repo := range []string{"acme/app", "acme/app.git", "https://github.com/acme/app", "https://github.com/acme/app.git/", "git@github.com:acme/app.git"} {
		code, out, errOut := e.run(t, "plan", "--repo", repo, "--branch", "main", "--json")
		var doc PlanJSON
		if code != ExitOK || json.Unmarshal([]byte(out), &doc) != nil || doc.Repo != "acme/app" {
			t.Errorf("--repo %s: exit %d, repo %q: %s", repo, code, doc.Repo, errOut)
		}
	}
	for _, tc := range []struct{ repo, want string }{
		{"https://github.com/acme/app/tree/dev", "--repo acme/app --branch dev"},
		{"https://" + secretToken + "@github.com/acme/app", "carries credentials"},
		{"https://gitlab.com/acme/app", "--api-url"},
		{"acme", "accepted: OWNER/NAME"},
	} {
		code, out, errOut := e.run(t, "plan", "--repo", tc.repo)
		if code != ExitUsage || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "git@github.com:OWNER/NAME.git") {
			t.Errorf("--repo %s: exit %d, stderr %s", tc.repo, code, errOut)
		}
		if strings.Contains(out+errOut, secretToken) {
			t.Errorf("--repo %s: the token is in the output", tc.repo)
		}
	}
}

// A repository without releases suggests the developer channel; the
// token the request carried is not in the message.
func TestPlanNoReleaseSuggestsBranch(t *testing.T) {
	e := newCLIEnv(t)
	e.srv.Token = secretToken
	code, out, errOut := e.run(t, "plan", "--repo", "https://github.com/acme/app", "--token", secretToken)
	if code != ExitSource || !strings.Contains(errOut, "--repo acme/app --branch main") || strings.Contains(errOut, "check the name") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out+errOut, secretToken) {
		t.Fatal("token in the output")
	}
}

// manifest gen on a project folder lists only what a local source plans
// (never an older manifest.json, nor junk), so the folder's manifest.json
// it writes is then used by plan --source as is.
func TestManifestGenForAFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for p, body := range map[string]string{
		"main.py": "print(1)\n", "lib/u.py": "U\n", ".vscode/s.json": "{}\n", "lib/__pycache__/u.pyc": "x",
		"manifest.json": "stale, not even JSON", "notes.txt": "n\n", ".otapushignore": "notes.txt\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644)
	}
	run := func(args ...string) (int, string, string) {
		ios, _, out, errOut := TestStreams()
		return Main(context.Background(), args, ios), out.String(), errOut.String()
	}
	code, _, errOut := run("manifest", "gen", "--version", "v2.0.0", "--out", "manifest.json", ".")
	if code != ExitOK || !strings.Contains(errOut, "notes.txt (.otapushignore)") {
		t.Fatalf("gen: exit %d: %s", code, errOut)
	}
	code, out, errOut := run("plan", "--source", ".", "--json", "--cache-dir", t.TempDir())
	if code != ExitOK {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	var doc PlanJSON
	json.Unmarshal([]byte(out), &doc)
	var files []string
	for _, f := range doc.Files {
		files = append(files, f.Path)
	}
	if doc.App.Version != "v2.0.0" || strings.Join(files, ",") != "lib/u.py,main.py" {
		t.Fatalf("plan of the generated manifest: version %q, files %v", doc.App.Version, files)
	}
	// An edit after gen: the manifest is stale and refused.
	os.WriteFile(filepath.Join(dir, "main.py"), []byte("print(2)\n"), 0o644)
	if code, _, errOut := run("plan", "--source", ".", "--cache-dir", t.TempDir()); code != ExitVerify || !strings.Contains(errOut, "manifest gen") {
		t.Errorf("stale manifest: exit %d: %s", code, errOut)
	}
}
