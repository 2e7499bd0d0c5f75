package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

const secretToken = "ghp_TESTsecretTOKEN0123456789"

type cliEnv struct {
	repo     *githubtest.Repo
	srv      *githubtest.Server
	cacheDir string
}

func newCLIEnv(t *testing.T) *cliEnv {
	t.Setenv("GITHUB_TOKEN", "")
	t.Setenv("GH_TOKEN", "")
	t.Chdir(t.TempDir()) // no stray ota_config.json
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{"main.py": "print('v1')\n", "lib/util.py": "X = 1\n", "hooks/post.py": "print('post')\n"})
	repo.Commit("v1")
	repo.AnnotatedTag("v1.0.0")
	srv := githubtest.NewServer(t, repo, "acme", "app")
	return &cliEnv{repo: repo, srv: srv, cacheDir: t.TempDir()}
}

func (e *cliEnv) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := TestStreams()
	full := append([]string{}, args...)
	if len(args) > 0 && args[0] == "plan" {
		full = append(full, "--api-url", e.srv.URL, "--cache-dir", e.cacheDir)
	}
	code := Main(context.Background(), full, ios)
	return code, out.String(), errOut.String()
}

func (e *cliEnv) manifestAsset(t *testing.T, rev string, paths ...string) []byte {
	m := &manifest.Manifest{Version: "1.0.0", Delete: []string{"old.py"}}
	for _, p := range paths {
		m.Files = append(m.Files, manifest.Entry{Path: p, SHA1: e.repo.BlobSHA(rev, p)})
		if p == "hooks/post.py" {
			m.PostUpdate = p // a hook is a file of the version
		}
	}
	b, _ := json.Marshal(m)
	return b
}

func TestPlanJSON(t *testing.T) {
	e := newCLIEnv(t)
	e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": e.manifestAsset(t, "v1.0.0", "main.py", "lib/util.py", "hooks/post.py")})
	code, out, errOut := e.run(t, "plan", "--repo", "acme/app", "--channel", "stable", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc PlanJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if doc.Version != 1 || doc.App.Version != "1.0.0" || doc.App.Commit != e.repo.CommitOf("v1.0.0") || doc.Mode != "manifest" ||
		len(doc.Files) != 3 || len(doc.Deletes) != 1 || doc.Hooks.PostUpdate != "hooks/post.py" {
		t.Fatalf("doc = %+v", doc)
	}
	for _, f := range doc.Files {
		content := e.repo.ReadBlob(e.repo.BlobSHA("v1.0.0", f.Path))
		if f.SHA1 != e.repo.BlobSHA("v1.0.0", f.Path) || f.SHA256 != verify.SHA256(content) || f.Action != "push" || f.Size != int64(len(content)) {
			t.Errorf("file %+v", f)
		}
	}
	if doc.Stats.Downloaded != 3 {
		t.Errorf("stats %+v", doc.Stats)
	}
	// Same ref again: nothing downloaded.
	_, out, _ = e.run(t, "plan", "--repo", "acme/app", "--json")
	json.Unmarshal([]byte(out), &doc)
	if doc.Stats.Downloaded != 0 || doc.Stats.Cached != 3 {
		t.Errorf("second plan stats %+v", doc.Stats)
	}
}

func TestPlanHumanOutput(t *testing.T) {
	e := newCLIEnv(t)
	code, out, errOut := e.run(t, "plan", "--repo", "acme/app", "--branch", "main", "--ignore", "hooks")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	commit := e.repo.CommitOf("main")
	for _, want := range []string{"Version:  main@" + commit[:7], "Commit:   " + commit, "Mode:     tree", "ACTION", "lib/util.py", e.repo.BlobSHA("main", "main.py")} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if regexp.MustCompile(`push .*hooks/post\.py`).MatchString(out) {
		t.Error("--ignore hooks was not applied")
	}
	if !regexp.MustCompile(`filtered .*hooks/post\.py`).MatchString(out) {
		t.Errorf("the file --ignore left out is not listed:\n%s", out)
	}
	if !strings.Contains(errOut, "fetched 2 blobs") {
		t.Errorf("stderr = %q", errOut)
	}
}

// Each source flag reaches the policy and each kind of error its exit
// code; the policy itself is tested in internal/source (TestSelect*).
func TestPlanExitCodes(t *testing.T) {
	hostile := []byte(`{"version":"v1","files":[{"path":"../../boot.py","sha1":"` + strings.Repeat("a", 40) + `"}]}`)
	tests := []struct {
		name    string
		setup   func(e *cliEnv)
		args    []string
		want    int
		wantErr string
	}{
		{"no source", nil, []string{"plan"}, ExitUsage, "no source"},
		{"bad repo", nil, []string{"plan", "--repo", "acme"}, ExitUsage, "OWNER/NAME"},
		{"config owner conflicts", func(e *cliEnv) {
			os.WriteFile("ota_config.json", []byte(`{"owner":"a","repo":"b/c"}`), 0o600)
		}, []string{"plan"}, ExitUsage, `key "repo"`},
		{"bad channel", nil, []string{"plan", "--repo", "acme/app", "--channel", "beta"}, ExitUsage, "--channel: \"beta\" is not one of stable, developer"},
		{"tag on developer", nil, []string{"plan", "--repo", "acme/app", "--channel", "developer", "--tag", "v1"}, ExitUsage, "--tag"},
		{"branch on stable", nil, []string{"plan", "--repo", "acme/app", "--channel", "stable", "--branch", "x"}, ExitUsage, "--branch"},
		{"source with repo", nil, []string{"plan", "--source", ".", "--repo", "a/b"}, ExitUsage, "--source"},
		{"ref without source", nil, []string{"plan", "--repo", "a/b", "--ref", "x"}, ExitUsage, "--ref"},
		{"hostile allow", nil, []string{"plan", "--repo", "acme/app", "--allow", "../x"}, ExitUsage, ".."},
		{"bad config", func(e *cliEnv) { os.WriteFile("ota_config.json", []byte(`{"debug":"true"}`), 0o600) }, []string{"plan", "--repo", "acme/app"}, ExitUsage, `key "debug"`},
		{"missing repo", nil, []string{"plan", "--repo", "acme/nope"}, ExitSource, "not found"},
		{"missing branch", nil, []string{"plan", "--repo", "acme/app", "--branch", "nope"}, ExitSource, "branch nope"},
		{"rate limited", func(e *cliEnv) {
			e.srv.AddFault(githubtest.RateLimited("/git/ref/", time.Now().Add(time.Hour), -1))
		}, []string{"plan", "--repo", "acme/app", "--branch", "main"}, ExitSource, "resets at"},
		{"tampered blob", func(e *cliEnv) { e.srv.Tamper(e.repo.BlobSHA("main", "main.py"), []byte("evil\n")) },
			[]string{"plan", "--repo", "acme/app", "--branch", "main"}, ExitVerify, "main.py"},
		{"hostile manifest", func(e *cliEnv) { e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": hostile}) },
			[]string{"plan", "--repo", "acme/app"}, ExitVerify, "refused path"},
		{"symlink", func(e *cliEnv) { e.repo.Symlink("link.py", "main.py"); e.repo.Commit("l") },
			[]string{"plan", "--repo", "acme/app", "--branch", "main"}, ExitVerify, "symlink"},
		{"missing local dir", nil, []string{"plan", "--source", "does-not-exist"}, ExitSource, "does-not-exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newCLIEnv(t)
			if tt.setup != nil {
				tt.setup(e)
			}
			code, _, errOut := e.run(t, tt.args...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.want, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Fatalf("stderr %q lacks %q", errOut, tt.wantErr)
			}
		})
	}
}

// The token must never appear in any output: not in the --debug trace,
// not in results, not in errors.
func TestTokenNeverPrinted(t *testing.T) {
	tests := []struct {
		name  string
		env   bool // pass via GITHUB_TOKEN instead of --token
		cfg   bool // pass via the config file
		args  []string
		wantC int
	}{
		{"flag ok", false, false, []string{"--repo", "acme/app", "--json"}, ExitOK},
		{"env ok", true, false, []string{"--repo", "acme/app"}, ExitOK},
		{"config ok", false, true, []string{"--repo", "acme/app"}, ExitOK},
		{"token in a failing request", false, false, []string{"--repo", "acme/" + secretToken}, ExitSource},
		{"failing ref", false, false, []string{"--repo", "acme/app", "--branch", "nope"}, ExitSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newCLIEnv(t)
			e.srv.Token = secretToken
			e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": e.manifestAsset(t, "v1.0.0", "main.py")})
			args := append([]string{"plan", "--debug"}, tt.args...)
			switch {
			case tt.env:
				t.Setenv("GITHUB_TOKEN", secretToken)
			case tt.cfg:
				os.WriteFile("ota.yaml", []byte("token: "+secretToken+"\nssid: home\n"), 0o600)
				args = append(args, "--config", "ota.yaml")
			default:
				args = append(args, "--token", secretToken)
			}
			code, out, errOut := e.run(t, args...)
			if code != tt.wantC {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantC, errOut)
			}
			if strings.Contains(out+errOut, secretToken) || strings.Contains(out+errOut, secretToken[4:20]) {
				t.Fatalf("token leaked:\nstdout:\n%s\nstderr:\n%s", out, errOut)
			}
			if !strings.Contains(errOut, "http: GET ") {
				t.Fatalf("--debug trace missing:\n%s", errOut)
			}
			if tt.cfg && !strings.Contains(errOut, "ssid") {
				t.Errorf("unused ssid not reported: %s", errOut)
			}
		})
	}
}

func TestPlanFromConfigAndLocal(t *testing.T) {
	e := newCLIEnv(t)
	os.WriteFile("ota_config.toml", []byte("owner = \"acme\"\nrepo = \"app\"\nchannel = \"developer\"\nbranch = \"main\"\nallow = [\"lib\"]\n"), 0o600)
	code, out, errOut := e.run(t, "plan", "--config", "ota_config.toml", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc PlanJSON
	json.Unmarshal([]byte(out), &doc)
	if doc.Channel != "developer" || len(doc.Files) != 1 || doc.Files[0].Path != "lib/util.py" {
		t.Fatalf("doc %+v", doc)
	}
	// A flag overrides the config's allow list.
	_, out, _ = e.run(t, "plan", "--config", "ota_config.toml", "--json", "--allow", "main.py")
	json.Unmarshal([]byte(out), &doc)
	if len(doc.Files) != 1 || doc.Files[0].Path != "main.py" {
		t.Fatalf("override doc %+v", doc)
	}

	// Local git checkout at a ref, and the plain folder.
	code, out, errOut = e.run(t, "plan", "--source", e.repo.Dir, "--ref", "v1.0.0", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	json.Unmarshal([]byte(out), &doc)
	if doc.Mode != "local" || doc.App.Commit != e.repo.CommitOf("v1.0.0") || len(doc.Files) != 3 {
		t.Fatalf("local git doc %+v", doc)
	}
	code, out, _ = e.run(t, "plan", "--source", e.repo.Dir)
	if code != ExitOK || !strings.Contains(out, "local folder") || strings.Contains(out, ".git/HEAD") {
		t.Fatalf("local folder: %d %s", code, out)
	}
}

func TestManifestGen(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll(filepath.Join(dir, "app", "lib"), 0o755)
	os.WriteFile(filepath.Join(dir, "app", "main.py"), []byte("print(1)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "app", "lib", "u.py"), []byte("U = 1\n"), 0o644)
	run := func(args ...string) (int, string, string) {
		ios, _, out, errOut := TestStreams()
		return Main(context.Background(), args, ios), out.String(), errOut.String()
	}
	code, _, errOut := run("manifest", "gen", "--version", "v1.0.0", "--dir", "app", "--out", "m1.json", "main.py", "lib")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, out, _ := run("manifest", "gen", "--version", "v1.0.0", "--dir", "app", "lib/u.py", "lib/", "main.py")
	if code != ExitOK {
		t.Fatal(code)
	}
	m1, _ := os.ReadFile("m1.json")
	if !bytes.Equal(m1, []byte(out)) {
		t.Fatalf("not deterministic:\n%s\n%s", m1, out)
	}
	m, err := manifest.Parse(bytes.NewReader(m1), "m1.json")
	if err != nil || len(m.Files) != 2 || m.Files[0].Path != "lib/u.py" || m.Files[0].SHA256 != verify.SHA256([]byte("U = 1\n")) {
		t.Fatalf("manifest %+v, %v", m, err)
	}
	for _, bad := range [][]string{
		{"manifest", "gen", "main.py"},
		{"manifest", "gen", "--version", "v1", "--dir", "app", "../x"},
		{"manifest", "gen", "--version", "v1", "--dir", "app", "missing.py"},
		{"manifest", "gen", "--version", "v1"},
	} {
		if code, _, _ := run(bad...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
}

func TestPlanInterrupted(t *testing.T) {
	e := newCLIEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ios, _, _, errOut := TestStreams()
	code := Main(ctx, []string{"plan", "--repo", "acme/app", "--branch", "main", "--api-url", e.srv.URL, "--cache-dir", e.cacheDir}, ios)
	if code != ExitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, ExitInterrupted, errOut)
	}
}
