package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

var v1Files = map[string]string{
	"boot.py":           "import ota_agent\n",
	"main.py":           "print('v1')\n",
	"lib/util.py":       "def add(a, b):\n    return a + b\n",
	"lib/sub/deep.py":   "DEEP = True\n",
	"data/logo.bin":     "\x89PNG\x00\x01\x02\xff",
	"README.md":         "# app\n",
	"hooks/post.py":     "print('post')\n",
	"tests/test_app.py": "assert True\n",
}

type env struct {
	repo  *githubtest.Repo
	srv   *githubtest.Server
	cache *cache.Cache
}

func newEnv(t *testing.T) *env {
	repo := githubtest.NewRepo(t)
	repo.Write(v1Files)
	repo.Commit("v1")
	repo.AnnotatedTag("v1.0.0")
	repo.Write(map[string]string{"main.py": "print('v2')\n", "new.py": "NEW = 1\n"})
	repo.Remove("README.md")
	repo.Commit("v2")
	repo.Tag("v2.0.0")
	srv := githubtest.NewServer(t, repo, "acme", "app")
	c, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return &env{repo: repo, srv: srv, cache: c}
}

func (e *env) client(t *testing.T, token string) *github.Client {
	c, err := github.New(github.Options{APIURL: e.srv.URL, Token: token, Retries: 2,
		Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *env) build(t *testing.T, o Options) (*manifest.Plan, Stats, error) {
	t.Helper()
	o.Owner, o.Repo = "acme", "app"
	return Build(context.Background(), o, e.client(t, e.srv.Token), e.cache)
}

// gitFiles lists rev's files as git sees them, for comparison.
func (e *env) gitFiles(t *testing.T, rev string) map[string]string {
	out := e.repo.Git("ls-tree", "-r", "--name-only", rev)
	m := map[string]string{}
	for _, p := range strings.Split(out, "\n") {
		m[p] = e.repo.BlobSHA(rev, p)
	}
	return m
}

// checkAgainstGit asserts the plan's files are exactly rev's files (minus
// skip), with git's blob SHA1s and SHA-256s of git's bytes.
func (e *env) checkAgainstGit(t *testing.T, p *manifest.Plan, rev string, skip ...string) {
	t.Helper()
	want := e.gitFiles(t, rev)
	for _, s := range skip {
		delete(want, s)
	}
	if len(p.Files) != len(want) {
		t.Fatalf("plan has %d files, git %d: %+v", len(p.Files), len(want), p.Files)
	}
	if !sort.SliceIsSorted(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path }) {
		t.Error("files not sorted")
	}
	for _, f := range p.Files {
		if want[f.Path] != f.BlobSHA1 {
			t.Errorf("%s: blob %s, git says %s", f.Path, f.BlobSHA1, want[f.Path])
		}
		content := e.repo.ReadBlob(f.BlobSHA1)
		if f.SHA256 != verify.SHA256(content) || f.Size != int64(len(content)) {
			t.Errorf("%s: sha256/size %s/%d wrong", f.Path, f.SHA256, f.Size)
		}
	}
}

func TestDeveloperBranch(t *testing.T) {
	e := newEnv(t)
	p, st, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
	if err != nil {
		t.Fatal(err)
	}
	commit := e.repo.CommitOf("main")
	if p.Commit != commit || p.Mode != manifest.ModeTree || p.Version != "main@"+commit[:7] || p.Ref != "main" {
		t.Fatalf("plan = %+v", p)
	}
	e.checkAgainstGit(t, p, "main")
	if st.Downloaded != len(p.Files) || st.Cached != 0 {
		t.Fatalf("stats %+v", st)
	}

	// Second plan of the same ref: everything from the cache, zero blobs.
	e.srv.ResetLog()
	p2, st2, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Downloaded != 0 || st2.Cached != len(p.Files) || e.srv.Count("/git/blobs/") != 0 {
		t.Fatalf("second plan downloaded %d blobs (server saw %d)", st2.Downloaded, e.srv.Count("/git/blobs/"))
	}
	if st2.APICalls != 2 { // ref + tree
		t.Errorf("second plan made %d API calls, want 2", st2.APICalls)
	}
	if fmt.Sprint(p2.Files) != fmt.Sprint(p.Files) {
		t.Error("second plan differs")
	}
}

func TestStableLatestReleaseWithoutManifest(t *testing.T) {
	e := newEnv(t)
	e.srv.AddRelease("v1.0.0", nil)
	e.srv.AddRelease("v2.0.0", nil)
	p, _, err := e.build(t, Options{Channel: ChannelStable})
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != "v2.0.0" || p.Commit != e.repo.CommitOf("v2.0.0") || p.Mode != manifest.ModeTree || p.Channel != "stable" {
		t.Fatalf("plan = %+v", p)
	}
	e.checkAgainstGit(t, p, "v2.0.0")

	// --tag picks an older release; its annotated tag is peeled.
	p, _, err = e.build(t, Options{Channel: ChannelStable, Tag: "v1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Commit != e.repo.CommitOf("v1.0.0") {
		t.Fatalf("commit %s, want the peeled v1.0.0 commit", p.Commit)
	}
	e.checkAgainstGit(t, p, "v1.0.0")
}

func TestTagWithoutRelease(t *testing.T) {
	e := newEnv(t)
	p, _, err := e.build(t, Options{Channel: ChannelStable, Tag: "v1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Commit != e.repo.CommitOf("v1.0.0") || !strings.Contains(p.Source, "no release") {
		t.Fatalf("plan = %+v", p)
	}
	if _, _, err := e.build(t, Options{Channel: ChannelStable}); !github.IsNotFound(err) {
		t.Fatalf("no release at all: %v", err)
	}
	if _, _, err := e.build(t, Options{Channel: ChannelStable, Tag: "v9"}); !github.IsNotFound(err) {
		t.Fatalf("missing tag: %v", err)
	}
}

func manifestFor(t *testing.T, e *env, rev string, paths []string, extra func(*manifest.Manifest)) []byte {
	m := &manifest.Manifest{Version: "1.0.0-manifest"}
	for _, p := range paths {
		content := e.repo.ReadBlob(e.repo.BlobSHA(rev, p))
		size := int64(len(content))
		m.Files = append(m.Files, manifest.Entry{Path: p, Size: &size, SHA1: e.repo.BlobSHA(rev, p), SHA256: verify.SHA256(content)})
	}
	if extra != nil {
		extra(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestManifestMode(t *testing.T) {
	e := newEnv(t)
	doc := manifestFor(t, e, "v1.0.0", []string{"main.py", "lib/util.py", "hooks/post.py"}, func(m *manifest.Manifest) {
		m.Delete = []string{"old.py", "lib/legacy.py"}
		m.PostUpdate = "hooks/post.py"
		m.Files[1].SHA256 = "" // the seed's manifests carry only sha1
		m.Files[1].Size = nil
	})
	e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": doc})
	p, _, err := e.build(t, Options{Channel: ChannelStable})
	if err != nil {
		t.Fatal(err)
	}
	if p.Mode != manifest.ModeManifest || p.Version != "1.0.0-manifest" || p.Hooks.PostUpdate != "hooks/post.py" ||
		fmt.Sprint(p.Deletes) != "[lib/legacy.py old.py]" || len(p.Files) != 3 {
		t.Fatalf("plan = %+v", p)
	}
	for _, f := range p.Files {
		content := e.repo.ReadBlob(e.repo.BlobSHA("v1.0.0", f.Path))
		if f.SHA256 != verify.SHA256(content) || f.BlobSHA1 != e.repo.BlobSHA("v1.0.0", f.Path) {
			t.Errorf("%s: hashes %+v", f.Path, f)
		}
	}
	if e.srv.Count("/git/trees/") != 0 {
		t.Error("manifest mode should not need the tree")
	}
	// The asset came through the redirect to the object store.
	objects := 0
	for _, r := range e.srv.Requests() {
		if r.Host == "objects" {
			objects++
		}
	}
	if objects != 1 {
		t.Errorf("object store hits = %d, want 1", objects)
	}

	// Allow/ignore apply to manifest files and the delete list alike.
	p, _, err = e.build(t, Options{Channel: ChannelStable, Rules: manifest.Rules{Allow: []string{"lib", "hooks"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 2 || p.Files[1].Path != "lib/util.py" || fmt.Sprint(p.Deletes) != "[lib/legacy.py]" || fmt.Sprint(p.Filtered) != "[main.py]" {
		t.Fatalf("filtered plan = %+v", p)
	}
	// A filter that leaves out a hook leaves a version the board would
	// refuse at arm: refused here, as update refuses it.
	_, _, err = e.build(t, Options{Channel: ChannelStable, Rules: manifest.Rules{Allow: []string{"lib"}}})
	var pe *manifest.PathError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "hooks/post.py") {
		t.Fatalf("a filtered-out hook: err = %v", err)
	}
}

func TestManifestBlobMissing(t *testing.T) {
	e := newEnv(t)
	doc := []byte(`{"version":"v1","files":[{"path":"main.py","sha1":"` + strings.Repeat("ab", 20) + `"}]}`)
	e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": doc})
	_, _, err := e.build(t, Options{Channel: ChannelStable})
	if !github.IsNotFound(err) || !strings.Contains(err.Error(), "must be committed") {
		t.Fatalf("err = %v", err)
	}
}

func TestHostileManifestRefused(t *testing.T) {
	sha := strings.Repeat("ab", 20)
	tests := []struct{ name, path string }{
		{"dotdot", "../../boot.py"},
		{"absolute", "/main.py"},
		{"backslash", `lib\evil.py`},
		{"nul", "main.py\u0000.txt"},
		{"empty segment", "lib//x.py"},
	}
	for _, tt := range tests {
		for _, where := range []string{"files", "delete"} {
			t.Run(tt.name+" in "+where, func(t *testing.T) {
				e := newEnv(t)
				m := map[string]any{"version": "v1", "files": []map[string]string{{"path": "main.py", "sha1": sha}}}
				if where == "files" {
					m["files"] = []map[string]string{{"path": tt.path, "sha1": sha}}
				} else {
					m["delete"] = []string{tt.path}
				}
				doc, _ := json.Marshal(m)
				e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": doc})
				_, _, err := e.build(t, Options{Channel: ChannelStable})
				var pe *manifest.PathError
				if !errors.As(err, &pe) {
					t.Fatalf("err = %v, want *manifest.PathError", err)
				}
				if e.srv.Count("/git/blobs/") != 0 {
					t.Fatal("blobs were fetched for a hostile manifest")
				}
			})
		}
	}
}

func TestTamperedBlobStopsTheRun(t *testing.T) {
	e := newEnv(t)
	good := e.repo.BlobSHA("main", "lib/util.py")
	e.srv.Tamper(good, []byte("def add(a, b):\n    return a - b\n"))
	_, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
	var me *verify.MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want a mismatch", err)
	}
	if me.Path != "lib/util.py" || me.Want != good || me.Got != verify.BlobSHA1([]byte("def add(a, b):\n    return a - b\n")) {
		t.Fatalf("mismatch = %+v", me)
	}
	if !strings.Contains(err.Error(), good) || !strings.Contains(err.Error(), me.Got) {
		t.Fatalf("message must name both hashes: %v", err)
	}
	if _, ok, _ := e.cache.Lookup(context.Background(), good); ok {
		t.Fatal("tampered content was cached")
	}
}

func TestSidecars(t *testing.T) {
	t.Run("tree sidecar ok", func(t *testing.T) {
		e := newEnv(t)
		e.repo.Write(map[string]string{"lib/util.py.sha256": verify.SHA256([]byte(v1Files["lib/util.py"])) + "  lib/util.py\n"})
		e.repo.Commit("sidecar")
		p, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
		if err != nil {
			t.Fatal(err)
		}
		e.checkAgainstGit(t, p, "main", "lib/util.py.sha256")
	})
	t.Run("tree sidecar wrong", func(t *testing.T) {
		e := newEnv(t)
		e.repo.Write(map[string]string{"lib/util.py.sha256": strings.Repeat("0", 64) + "\n"})
		e.repo.Commit("bad sidecar")
		_, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
		var me *verify.MismatchError
		if !errors.As(err, &me) || me.Path != "lib/util.py" || me.Algo != verify.AlgoSHA256 {
			t.Fatalf("err = %v", err)
		}
		if _, ok, _ := e.cache.Lookup(context.Background(), e.repo.BlobSHA("main", "lib/util.py")); ok {
			t.Fatal("content failing its sidecar was cached")
		}
	})
	t.Run("release asset sidecar wrong", func(t *testing.T) {
		e := newEnv(t)
		e.srv.AddRelease("v2.0.0", map[string][]byte{"main.py.sha256": []byte(strings.Repeat("1", 64))})
		_, _, err := e.build(t, Options{Channel: ChannelStable})
		var me *verify.MismatchError
		if !errors.As(err, &me) || me.Path != "main.py" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("release asset sidecar ok", func(t *testing.T) {
		e := newEnv(t)
		e.srv.AddRelease("v2.0.0", map[string][]byte{"main.py.sha256": []byte(verify.SHA256([]byte("print('v2')\n")))})
		if _, _, err := e.build(t, Options{Channel: ChannelStable}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("garbage sidecar", func(t *testing.T) {
		e := newEnv(t)
		e.repo.Write(map[string]string{"main.py.sha256": "not a hash\n"})
		e.repo.Commit("garbage")
		_, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
		var pe *manifest.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestRefusedEntries(t *testing.T) {
	t.Run("symlink", func(t *testing.T) {
		e := newEnv(t)
		e.repo.Symlink("lib/link.py", "util.py")
		e.repo.Commit("link")
		_, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
		var re *manifest.RefusedError
		if !errors.As(err, &re) || re.Path != "lib/link.py" || !strings.Contains(err.Error(), "symlink") {
			t.Fatalf("err = %v", err)
		}
		// Ignored, it is no longer in the way.
		if _, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main", Rules: manifest.Rules{Ignore: []string{"lib/link.py"}}}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("submodule", func(t *testing.T) {
		e := newEnv(t)
		e.repo.Submodule("vendor/lib", e.repo.CommitOf("v1.0.0"))
		e.repo.CommitIndex("submodule")
		_, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
		var re *manifest.RefusedError
		if !errors.As(err, &re) || re.Path != "vendor/lib" || !strings.Contains(err.Error(), "submodule") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestRulesAndTruncatedTree(t *testing.T) {
	e := newEnv(t)
	e.srv.TruncateTrees = true
	rules := manifest.Rules{Allow: []string{"lib/", "main.py", "data"}, Ignore: []string{"lib/sub"}}
	p, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main", Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Files {
		got = append(got, f.Path)
	}
	if fmt.Sprint(got) != "[data/logo.bin lib/util.py main.py]" {
		t.Fatalf("files = %v", got)
	}
	if e.srv.Count("/git/trees/") < 3 {
		t.Fatalf("truncated tree was not walked (%d tree calls)", e.srv.Count("/git/trees/"))
	}
}

func TestPrivateRepo(t *testing.T) {
	e := newEnv(t)
	e.srv.Token = "ghp_PRIVATEtoken42"
	e.srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": manifestFor(t, e, "v1.0.0", []string{"main.py"}, nil)})
	p, _, err := e.build(t, Options{Channel: ChannelStable})
	if err != nil || len(p.Files) != 1 {
		t.Fatalf("plan %+v, %v", p, err)
	}
	for _, r := range e.srv.Requests() {
		if r.Host == "api" && r.Auth != "Bearer ghp_PRIVATEtoken42" {
			t.Errorf("API request without auth: %s", r.Path)
		}
		if r.Host == "objects" && r.Auth != "" {
			t.Errorf("object store got auth")
		}
	}
	e.srv.Token = "other"
	_, _, err = Build(context.Background(), Options{Owner: "acme", Repo: "app", Channel: ChannelStable}, e.client(t, ""), e.cache)
	if !github.IsNotFound(err) {
		t.Fatalf("anonymous on private: %v", err)
	}
}

func TestValidateNames(t *testing.T) {
	for _, ok := range []string{"main", "feature/x", "v1.2.0", "release-2026_01"} {
		if err := ValidateRefName("branch", ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "../x", "a..b", "/x", "x/", "a//b", ".hidden", "a/.b", "x.lock", "a b", "a~1", "a^", "a:b", "a\\b", "a\x00"} {
		if err := ValidateRefName("branch", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := ValidateRepo("acme", "app.py-1_x"); err != nil {
		t.Error(err)
	}
	for _, bad := range [][2]string{{"", "x"}, {"..", "x"}, {"a", "."}, {"a/b", "c"}, {"a", "b?c"}} {
		if err := ValidateRepo(bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	// Build refuses them before any request.
	_, _, err := Build(context.Background(), Options{Owner: "acme", Repo: "app", Channel: ChannelDeveloper, Branch: "../x"}, &github.Client{}, nil)
	var ie *InvalidNameError
	if !errors.As(err, &ie) {
		t.Fatalf("Build with a bad branch: %v", err)
	}
}

func TestBrokenDownloadIsRestarted(t *testing.T) {
	e := newEnv(t)
	sha := e.repo.BlobSHA("main", "lib/util.py")
	e.srv.CutBlob(sha, 1)
	p, st, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: "main", Retries: 2})
	if err != nil {
		t.Fatal(err)
	}
	e.checkAgainstGit(t, p, "main")
	if st.Downloaded != len(p.Files) {
		t.Errorf("stats %+v", st)
	}

	// Without retries the run stops with the network error, and nothing
	// half-downloaded is cached.
	e2 := newEnv(t)
	e2.srv.CutBlob(sha, 1)
	_, _, err = e2.build(t, Options{Channel: ChannelDeveloper, Branch: "main"})
	if err == nil || !brokenOff(err) {
		t.Fatalf("err = %v, want a broken-off download", err)
	}
	if _, ok, _ := e2.cache.Lookup(context.Background(), sha); ok {
		t.Fatal("a partial blob was cached")
	}
}

// A repository without a release suggests the developer channel (with its
// default branch) instead of "check the name"; a repository that does not
// exist still says "check the name".
func TestNoReleaseSuggestsBranch(t *testing.T) {
	e := newEnv(t) // tags, but no release
	e.srv.Token = "ghp_SECRETtoken42"
	_, _, err := e.build(t, Options{Channel: ChannelStable})
	var nr *NoReleaseError
	if !errors.As(err, &nr) || nr.DefaultBranch != "main" {
		t.Fatalf("err = %v, want a NoReleaseError naming main", err)
	}
	for _, want := range []string{"no published release", "--repo acme/app --branch main"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), e.srv.Token) || strings.Contains(err.Error(), "check the name") {
		t.Errorf("err = %q", err)
	}
	// The suggestion works as given.
	if p, _, err := e.build(t, Options{Channel: ChannelDeveloper, Branch: nr.DefaultBranch}); err != nil || p.Commit != e.repo.CommitOf("main") {
		t.Fatalf("the suggested --branch: %v", err)
	}
	_, _, err = Build(context.Background(), Options{Owner: "acme", Repo: "nope", Channel: ChannelStable}, e.client(t, e.srv.Token), e.cache)
	if !github.IsNotFound(err) || errors.As(err, &nr) || !strings.Contains(err.Error(), "check the name") {
		t.Fatalf("missing repository: %v", err)
	}
}
