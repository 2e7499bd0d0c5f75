// Package githubtest is a fake GitHub REST API for tests, backed by a real
// git repository built with the git command, so expected hashes come from
// git and never from otapush's own code. It is a normal package (not
// _test) so every package's tests can share it.
package githubtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a git repository in a temporary directory.
type Repo struct {
	t   testing.TB
	Dir string
}

// gitEnv makes git independent of the machine: no global or system config,
// a fixed identity and fixed dates so commit SHAs are reproducible.
func gitEnv() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=otapush test",
		"GIT_AUTHOR_EMAIL=test@otapush.invalid",
		"GIT_COMMITTER_NAME=otapush test",
		"GIT_COMMITTER_EMAIL=test@otapush.invalid",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z",
		"GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
	)
}

// NewRepo creates an empty repository whose default branch is main.
func NewRepo(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "-q", "-b", "main")
	r.Git("config", "core.autocrlf", "false")
	r.Git("config", "core.symlinks", "true")
	return r
}

// Git runs git in the repository and returns its trimmed stdout.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	out, err := r.run(nil, args...)
	if err != nil {
		r.t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

func (r *Repo) run(stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = gitEnv()
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, &gitError{args: args, err: err, stderr: stderr.String()}
	}
	return out, nil
}

type gitError struct {
	args   []string
	err    error
	stderr string
}

func (e *gitError) Error() string {
	return "git " + strings.Join(e.args, " ") + ": " + e.err.Error() + ": " + strings.TrimSpace(e.stderr)
}

// Write creates or replaces files (path -> content, '/'-separated).
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for p, c := range files {
		full := filepath.Join(r.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Remove deletes a file from the work tree.
func (r *Repo) Remove(p string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.Dir, filepath.FromSlash(p))); err != nil {
		r.t.Fatal(err)
	}
}

// Symlink adds a symlink at p pointing to target.
func (r *Repo) Symlink(p, target string) {
	r.t.Helper()
	full := filepath.Join(r.Dir, filepath.FromSlash(p))
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.Symlink(target, full); err != nil {
		r.t.Fatal(err)
	}
}

// Submodule stages a gitlink (a submodule entry) at p without cloning
// anything, which is all a tree listing shows. Commit it with CommitIndex.
func (r *Repo) Submodule(p, commit string) {
	r.t.Helper()
	r.Git("update-index", "--add", "--cacheinfo", "160000,"+commit+","+p)
}

// CommitIndex commits what is staged, as is (Commit's "add -A" would drop
// a gitlink added by Submodule, whose path has no checkout).
func (r *Repo) CommitIndex(msg string) string {
	r.t.Helper()
	r.Git("commit", "-q", "--no-gpg-sign", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// Commit stages everything and commits; it returns the commit SHA.
func (r *Repo) Commit(msg string) string {
	r.t.Helper()
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// Tag creates a lightweight tag at HEAD.
func (r *Repo) Tag(name string) { r.t.Helper(); r.Git("tag", name) }

// AnnotatedTag creates an annotated tag object at HEAD.
func (r *Repo) AnnotatedTag(name string) {
	r.t.Helper()
	r.Git("tag", "-a", "-m", "release "+name, name)
}

// BlobSHA is git's blob id of path at rev.
func (r *Repo) BlobSHA(rev, path string) string {
	r.t.Helper()
	return r.Git("rev-parse", rev+":"+path)
}

// CommitOf is the commit a ref resolves to.
func (r *Repo) CommitOf(ref string) string {
	r.t.Helper()
	return r.Git("rev-parse", ref+"^{commit}")
}

// ReadBlob is a blob's content.
func (r *Repo) ReadBlob(sha string) []byte {
	r.t.Helper()
	out, err := r.run(nil, "cat-file", "blob", sha)
	if err != nil {
		r.t.Fatal(err)
	}
	return out
}
