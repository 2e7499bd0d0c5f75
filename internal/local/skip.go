package local

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/otapush/otapush/internal/manifest"
)

// Why a file or folder of a local source was skipped (manifest.Skip.Reason).
const (
	SkipVCS           = "version control"
	SkipDot           = "dot-file"
	SkipPycache       = "python cache"
	SkipPyc           = "compiled python"
	SkipVirtualenv    = "virtualenv"
	SkipGitignore     = "gitignored"
	SkipOtapushignore = ".otapushignore"
	SkipNotInManifest = "not in manifest.json"
	SkipManifest      = "the manifest (used, not pushed)"
)

// IgnoreFileName is the per-folder ignore file of a local source, in
// gitignore syntax.
const IgnoreFileName = ".otapushignore"

// defaultSkip is the reason a name is never part of an app by default, ""
// when it is. isDir: a folder (or a link to one); venv: a folder that is a
// virtualenv (isVirtualenv on disk, venvInTree in a git tree).
func defaultSkip(name string, isDir, venv bool) string {
	switch {
	case isDir && (name == ".git" || name == ".hg" || name == ".svn"):
		return SkipVCS
	case name == ".git": // a linked worktree's or submodule's .git file
		return SkipVCS
	case isDir && venv:
		return SkipVirtualenv
	case strings.HasPrefix(name, "."):
		return SkipDot
	case isDir && name == "__pycache__":
		return SkipPycache
	case !isDir && (strings.HasSuffix(name, ".pyc") || strings.HasSuffix(name, ".pyo")):
		return SkipPyc
	}
	return ""
}

// isVirtualenv: python -m venv writes pyvenv.cfg at the top; older
// virtualenv and conda-style layouts are known by their interpreter under
// the usual names.
func isVirtualenv(name, full string) bool {
	return venvBy(name, func(rel string) bool { return exists(filepath.Join(full, filepath.FromSlash(rel))) })
}

func venvBy(name string, has func(rel string) bool) bool {
	if has("pyvenv.cfg") {
		return true
	}
	switch name {
	case "venv", ".venv", "env":
		return has("bin/python") || has("Scripts/python.exe")
	}
	return false
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// gitView is what git itself says belongs to the folder: every file it
// tracks or would track (`git ls-files --cached --others
// --exclude-standard`), so .gitignore files, .git/info/exclude and the
// user's core.excludesFile are applied exactly as git applies them, and a
// tracked file stays in even when a pattern matches it.
type gitView struct {
	listed map[string]bool // files (and nested repositories) git lists
	dirs   map[string]bool // every folder that holds a listed file
}

// errNoGit is git missing from PATH.
var errNoGit = errors.New("git is not installed")

// gitUnusableError is a checkout git refuses to read.
type gitUnusableError struct{ err error }

func (e *gitUnusableError) Error() string { return e.err.Error() }

// newGitView asks git about dir. It returns nil, nil when dir is not in a
// git work tree (or is itself ignored by it: then nothing in it would be
// listed, and the folder was named on purpose).
func newGitView(ctx context.Context, dir string) (*gitView, error) {
	if _, err := exec.LookPath("git"); err != nil {
		if inGitCheckout(dir) {
			return nil, errNoGit
		}
		return nil, nil
	}
	out, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree")
	if err != nil && inGitCheckout(dir) {
		// A checkout git will not read (another user's: "dubious
		// ownership"; a broken .git): say so rather than drop .gitignore.
		return nil, &gitUnusableError{err: err}
	}
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		return nil, nil
	}
	if _, err := git(ctx, dir, "check-ignore", "-q", "."); err == nil {
		return nil, nil
	}
	out, err = git(ctx, dir, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	v := &gitView{listed: map[string]bool{}, dirs: map[string]bool{}}
	for _, rec := range bytes.Split(out, []byte{0}) {
		p := strings.TrimSuffix(string(rec), "/") // "sub/": an untracked nested repository
		if p == "" {
			continue
		}
		v.listed[p] = true
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if v.dirs[d] {
				break
			}
			v.dirs[d] = true
		}
	}
	return v, nil
}

// inGitCheckout looks for a .git entry in dir or above it, for telling
// "git is missing" from "this is not a checkout" without git.
func inGitCheckout(dir string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		if exists(filepath.Join(d, ".git")) {
			return true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false
		}
		d = parent
	}
}

// ignored reports whether git leaves p out. under is true when a folder
// above p is itself listed (a submodule or nested repository, whose files
// git does not list one by one).
func (v *gitView) ignored(p string, isDir bool) bool {
	if v.listed[p] || (isDir && v.dirs[p]) {
		return false
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if v.listed[d] {
			return false
		}
	}
	return true
}

// skipList collects skipped entries; a folder is one entry ("name/").
type skipList []manifest.Skip

func (s *skipList) add(p string, isDir bool, reason string) {
	if isDir {
		p += "/"
	}
	*s = append(*s, manifest.Skip{Path: p, Reason: reason})
}
