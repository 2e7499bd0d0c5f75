// Package local plans a bundle from the developer's disk: a plain folder,
// or a git checkout at a ref, so the whole push path can be exercised
// without GitHub. Files are hashed on the host and copied into the blob
// cache, so the plan is a snapshot: editing the folder afterwards cannot
// change what an update pushes.
package local

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

// Error is a local source that cannot be read.
type Error struct {
	Dir string
	Err error
}

func (e *Error) Error() string { return fmt.Sprintf("local source %s: %v", e.Dir, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// IsConfigName reports whether p (a slash path) is named like an otapush
// config, ota_config.*, at any depth: such a file holds the GitHub token
// and the Wi-Fi password and never goes onto a board.
func IsConfigName(p string) bool {
	base := p[strings.LastIndex(p, "/")+1:]
	return len(base) > len("ota_config.") && strings.EqualFold(base[:len("ota_config.")], "ota_config.")
}

// withheld finds the files that must not enter a plan: anything named
// ota_config.*, and the config files otapush loaded (whatever their name).
type withheld struct {
	configs []os.FileInfo
}

func newWithheld(configs []string) *withheld {
	w := &withheld{}
	for _, c := range configs {
		if fi, err := os.Stat(c); err == nil {
			w.configs = append(w.configs, fi)
		}
	}
	return w
}

func (w *withheld) dirFile(p string, fi os.FileInfo) bool {
	if IsConfigName(p) {
		return true
	}
	for _, c := range w.configs {
		if os.SameFile(c, fi) {
			return true
		}
	}
	return false
}

// PlanDir plans the app in dir: every regular file that is part of it.
// Left out and listed in Plan.Skipped: version control folders, dot-files
// and dot-folders, __pycache__ and *.pyc, virtualenvs, and what git
// ignores when dir is in a git work tree (.gitignore, as git itself
// decides) or an .otapushignore anywhere in the tree says (gitignore
// syntax; its "!" lines bring back what the defaults or .gitignore skip).
// Nothing under a skipped folder is looked at, so a link in a virtualenv
// cannot stop the plan; any other symlink is refused, not followed. Files
// named ota_config.* and the given config files are withheld (listed in
// Plan.Withheld, never planned). A manifest.json at the top is the
// manifest (version, files, delete list, hooks) and is not pushed itself.
// Without one, the version is `git describe --tags --always --dirty` in a
// checkout (with "+" and a content hash when the folder is a subfolder or
// has changes its last commit lacks), else a hash of the content.
func PlanDir(ctx context.Context, c *cache.Cache, dir string, rules manifest.Rules, configs ...string) (*manifest.Plan, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, &Error{Dir: dir, Err: err}
	}
	if !fi.IsDir() {
		return nil, &Error{Dir: dir, Err: errors.New("not a directory")}
	}
	// --source may name a link to the app folder (a common layout); the
	// walk never follows links, so it starts at the folder itself. Links
	// inside the folder are still refused.
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		return nil, &Error{Dir: dir, Err: err}
	}
	s, err := scan(ctx, dir, rules, configs, true)
	if err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dir)
	p := &manifest.Plan{
		Source:   "local folder " + abs,
		Origin:   "local folder",
		Mode:     manifest.ModeLocal,
		Withheld: s.withheld,
		Filtered: s.filtered,
		Skipped:  s.skipped,
		Notes:    s.notes,
	}
	if s.manifest != nil {
		if err := planManifest(ctx, c, dir, p, s, rules); err != nil {
			return nil, err
		}
		return p, nil
	}
	for _, f := range s.files {
		mf, err := addFile(ctx, c, f.full, f.path, f.size)
		if err != nil {
			return nil, err
		}
		if f.exec {
			mf.Mode = "100755"
		}
		p.Files = append(p.Files, mf)
	}
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
	p.Version = gitVersion(ctx, dir, s.git, p.Files)
	if p.Version == "" {
		p.Version = contentVersion(p.Files)
	}
	return p, nil
}

// candidate is a file of the folder that passed every skip rule.
type candidate struct {
	path, full string
	size       int64
	exec       bool
}

// scanned is what walking a local folder found.
type scanned struct {
	files    []candidate
	skipped  []manifest.Skip
	filtered []string
	withheld []string
	notes    []string
	manifest *manifest.Manifest // manifest.json at the top, if any
	git      bool               // dir is in a git work tree git could read
}

// AppFiles lists the files of the app in dir as PlanDir would plan them,
// without reading them, and what it skips: for writing the folder's
// manifest.json (`otapush manifest gen`), which lists the app and never
// itself. A manifest.json at the top is skipped unread.
func AppFiles(ctx context.Context, dir string) (files []string, skipped []manifest.Skip, err error) {
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		return nil, nil, &Error{Dir: dir, Err: err}
	}
	s, err := scan(ctx, dir, manifest.Rules{}, nil, false)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range s.files {
		files = append(files, f.path)
	}
	return files, s.skipped, nil
}

// scan walks dir and sorts every entry into planned, skipped, filtered or
// withheld. useManifest reads a manifest.json at the top as the manifest;
// without it, the file is skipped unread.
func scan(ctx context.Context, dir string, rules manifest.Rules, configs []string, useManifest bool) (*scanned, error) {
	s := &scanned{}
	gv, err := newGitView(ctx, dir)
	var gitFallback bool
	var gu *gitUnusableError
	const fallback = "otapush read the folder's .gitignore files itself (without git's global excludes, and skipping even tracked files they match)"
	switch {
	case errors.Is(err, errNoGit):
		gitFallback = true
		s.notes = append(s.notes, "git is not installed, so "+fallback+"; install git to have git decide")
	case errors.As(err, &gu):
		gitFallback = true
		s.notes = append(s.notes, fmt.Sprintf("git cannot read this checkout (%v), so %s; fix what git says to have git decide", gu, fallback))
	case err != nil:
		return nil, &Error{Dir: dir, Err: err}
	}
	s.git = gv != nil
	if useManifest {
		if err := readManifest(dir, s); err != nil {
			return nil, err
		}
	}
	wh := newWithheld(configs)
	var oti, gi ignoreSet
	// Folders an .otapushignore "!" line brought back: what is below them
	// is back too, unless a later rule says otherwise.
	forced := map[string]bool{}
	var skips skipList
	readIgnores := func(full, p string) error {
		for _, ig := range []struct {
			name string
			set  *ignoreSet
			on   bool
		}{{IgnoreFileName, &oti, true}, {".gitignore", &gi, gitFallback}} {
			f := filepath.Join(full, ig.name)
			if !ig.on || !exists(f) {
				continue
			}
			r, err := readIgnoreFile(f, p, ig.name)
			if err != nil {
				return err
			}
			ig.set.add(r)
		}
		return nil
	}
	err = filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, full)
		if err != nil {
			return err
		}
		if rel == "." {
			return readIgnores(full, "")
		}
		p := filepath.ToSlash(rel)
		isDir := d.IsDir()
		isLink := d.Type()&fs.ModeSymlink != 0
		dirLike := isDir
		if isLink {
			if t, err := os.Stat(full); err == nil && t.IsDir() {
				dirLike = true
			}
		}
		skip := func(reason, rule string) error {
			skips.add(p, dirLike, reason)
			skips[len(skips)-1].Rule = rule
			if isDir {
				return fs.SkipDir
			}
			return nil
		}
		if p == manifest.FileName && (s.manifest != nil || !useManifest) {
			skips.add(p, false, SkipManifest)
			// The manifest is the plan's own record, never an app file:
			// a board that has one from before may lose it.
			skips[len(skips)-1].Dropped = true
			return nil
		}
		ign, matched, rule := oti.match(p, dirLike)
		if ign {
			return skip(SkipOtapushignore, rule)
		}
		back := forced[path.Dir(p)] || matched
		if reason := defaultSkip(d.Name(), dirLike, dirLike && isVirtualenv(d.Name(), full)); reason == SkipVCS || (reason != "" && !back) {
			return skip(reason, "")
		}
		if !back {
			if gv != nil && gv.ignored(p, dirLike) {
				return skip(SkipGitignore, "")
			}
			if ign, _, rule := gi.match(p, dirLike); ign {
				return skip(SkipGitignore, rule)
			}
		}
		if isDir {
			if back {
				forced[p] = true
			}
			return readIgnores(full, p)
		}
		if !rules.Allowed(p) {
			s.filtered = append(s.filtered, p)
			return nil
		}
		if isLink {
			return &manifest.RefusedError{Path: p, Reason: fmt.Sprintf("is a symlink; otapush never follows links. Copy the file, or add %q to %s", p, IgnoreFileName)}
		}
		if !d.Type().IsRegular() {
			return &manifest.RefusedError{Path: p, Reason: "is not a regular file"}
		}
		if err := manifest.CheckAppPath(p, "local folder"); err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if wh.dirFile(p, info) {
			s.withheld = append(s.withheld, p)
			return nil
		}
		s.files = append(s.files, candidate{path: p, full: full, size: info.Size(), exec: info.Mode()&0o111 != 0})
		return nil
	})
	if err != nil {
		var re *manifest.RefusedError
		var pe *manifest.PathError
		if errors.As(err, &re) || errors.As(err, &pe) || ctx.Err() != nil {
			return nil, err
		}
		return nil, &Error{Dir: dir, Err: err}
	}
	s.skipped = skips
	return s, nil
}

// describe names a checkout's content the way its developer does: `git
// describe --tags --always --dirty` ("" outside a checkout, or in one
// without commits).
// plannedDiffersFromHead reports whether a planned file is not in the
// folder's last commit with the same content.
func plannedDiffersFromHead(ctx context.Context, dir string, files []manifest.File) (bool, error) {
	out, err := git(ctx, dir, "ls-tree", "-r", "-z", "HEAD")
	if err != nil {
		return false, err
	}
	head := map[string]string{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		meta, p, ok := strings.Cut(string(rec), "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 {
			head[p] = f[2]
		}
	}
	for _, f := range files {
		if head[f.Path] != f.BlobSHA1 {
			return true, nil
		}
	}
	return false, nil
}

func gitVersion(ctx context.Context, dir string, inGit bool, files []manifest.File) string {
	if !inGit {
		return ""
	}
	out, err := git(ctx, dir, "describe", "--tags", "--always", "--dirty")
	if err != nil {
		return ""
	}
	d := strings.TrimSpace(string(out))
	// git describe names a commit. It names the folder's content only
	// when the folder is the whole work tree and has no edits or new
	// files: otherwise two app folders of one repository, or each edit of
	// a folder, would share a name. Those get the content hash as semver
	// build metadata (and "-dirty" when the folder has changes).
	prefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return ""
	}
	changed := strings.HasSuffix(d, "-dirty")
	if !changed {
		// Only what is planned counts: an untracked .venv the plan skips
		// changes nothing on the board.
		changed, err = plannedDiffersFromHead(ctx, dir, files)
		if err != nil {
			return ""
		}
		if changed {
			d += "-dirty"
		}
	}
	if changed || strings.TrimSpace(string(prefix)) != "" {
		d += "+" + strings.TrimPrefix(contentVersion(files), "local-")[:8]
	}
	return d
}

// addFile hashes a file into the cache. The size comes from the earlier
// stat; a file that changes while it is read fails the size or hash check
// instead of producing a plan that matches nothing.
func addFile(ctx context.Context, c *cache.Cache, full, p string, size int64) (manifest.File, error) {
	fh, err := os.Open(full)
	if err != nil {
		return manifest.File{}, err
	}
	defer fh.Close()
	s, err := verify.Sum(fh, size)
	if err != nil {
		return manifest.File{}, err
	}
	if s.Size != size {
		return manifest.File{}, fmt.Errorf("%s changed while it was read; run again", p)
	}
	if _, ok, err := c.Lookup(ctx, s.BlobSHA1); err != nil {
		return manifest.File{}, err
	} else if !ok {
		if _, err := fh.Seek(0, io.SeekStart); err != nil {
			return manifest.File{}, err
		}
		if _, err := c.Put(ctx, verify.Expect{Path: p, Size: size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256}, fh); err != nil {
			return manifest.File{}, err
		}
	}
	return manifest.File{Path: p, Size: size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256, Mode: "100644"}, nil
}

// contentVersion names a folder's content, so re-planning an unchanged
// folder gives the same version and an update can say "up to date".
func contentVersion(files []manifest.File) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%s\n", f.Path, f.BlobSHA1)
	}
	return "local-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// PlanGit plans the tree of ref in the git checkout at dir, reading blobs
// with the git command (so uncommitted edits are not included). The
// default skips and the tree's own .otapushignore files apply as in
// PlanDir (Plan.Skipped). Committed ota_config.* files and the given
// config files are withheld as in PlanDir.
func PlanGit(ctx context.Context, c *cache.Cache, dir, ref string, rules manifest.Rules, configs ...string) (*manifest.Plan, error) {
	if strings.HasPrefix(ref, "-") {
		return nil, &Error{Dir: dir, Err: fmt.Errorf("invalid ref %q", ref)}
	}
	out, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		return nil, &Error{Dir: dir, Err: fmt.Errorf("ref %q is not a commit in this repository: %v", ref, err)}
	}
	commit := strings.TrimSpace(string(out))
	out, err = git(ctx, dir, "ls-tree", "-r", "-l", "-z", "--full-tree", commit)
	if err != nil {
		return nil, &Error{Dir: dir, Err: err}
	}
	loaded := configsInRepo(ctx, dir, configs)
	var withheldPaths, filtered []string
	var files []manifest.File
	type entry struct{ p, mode, typ, sha, size string }
	var entries []entry
	blobs := map[string]string{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, p, ok := strings.Cut(string(rec), "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return nil, &Error{Dir: dir, Err: fmt.Errorf("unexpected git ls-tree line %q", rec)}
		}
		entries = append(entries, entry{p, fields[0], fields[1], fields[2], fields[3]})
		if fields[1] == "blob" {
			blobs[p] = fields[2]
		}
	}
	ts, err := newTreeSkipper(ctx, dir, blobs)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		p, mode, typ, sha := e.p, e.mode, e.typ, e.sha
		if ts.skip(p) {
			continue
		}
		if !rules.Allowed(p) {
			if typ == "blob" {
				filtered = append(filtered, p)
			}
			continue
		}
		if typ == "blob" && (IsConfigName(p) || loaded[p]) {
			withheldPaths = append(withheldPaths, p)
			continue
		}
		switch {
		case typ == "commit":
			return nil, &manifest.RefusedError{Path: p, Reason: fmt.Sprintf("is a git submodule; otapush does not follow submodules. Vendor its files or add %q to ignore", p)}
		case mode == "120000":
			return nil, &manifest.RefusedError{Path: p, Reason: fmt.Sprintf("is a symlink; otapush never follows links. Commit the file itself or add %q to ignore", p)}
		case typ != "blob":
			continue
		}
		if err := manifest.CheckAppPath(p, "git tree"); err != nil {
			return nil, err
		}
		size, err := strconv.ParseInt(e.size, 10, 64)
		if err != nil {
			return nil, &Error{Dir: dir, Err: fmt.Errorf("bad size %q of %s in git ls-tree", e.size, p)}
		}
		s, err := gitBlob(ctx, c, dir, p, sha, size)
		if err != nil {
			return nil, err
		}
		files = append(files, manifest.File{Path: p, Size: size, BlobSHA1: sha, SHA256: s.SHA256, Mode: mode})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	abs, _ := filepath.Abs(dir)
	return &manifest.Plan{
		Source:   fmt.Sprintf("local git %s at %s", abs, ref),
		Origin:   "local git checkout at " + ref,
		Ref:      ref,
		Version:  ref + "@" + commit[:7],
		Commit:   commit,
		Mode:     manifest.ModeLocal,
		Files:    files,
		Withheld: withheldPaths,
		Filtered: filtered,
		Skipped:  ts.skipped(),
	}, nil
}

// configsInRepo maps config files that lie inside the checkout at dir to
// their paths in its tree.
func configsInRepo(ctx context.Context, dir string, configs []string) map[string]bool {
	out := map[string]bool{}
	if len(configs) == 0 {
		return out
	}
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return out
	}
	root, err := filepath.EvalSymlinks(strings.TrimSpace(string(top)))
	if err != nil {
		return out
	}
	for _, c := range configs {
		abs, err := filepath.Abs(c)
		if err != nil {
			continue
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
		if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
			out[filepath.ToSlash(rel)] = true
		}
	}
	return out
}

// gitBlob streams a blob from `git cat-file` into the cache, verified
// against its SHA1 like any download.
func gitBlob(ctx context.Context, c *cache.Cache, dir, p, sha string, size int64) (verify.Sums, error) {
	if s, ok, err := c.Lookup(ctx, sha); err != nil || ok {
		return s, err
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "blob", sha)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return verify.Sums{}, err
	}
	if err := cmd.Start(); err != nil {
		return verify.Sums{}, &Error{Dir: dir, Err: fmt.Errorf("git: %w", err)}
	}
	s, perr := c.Put(ctx, verify.Expect{Path: p, Size: size, BlobSHA1: sha}, bufio.NewReader(stdout))
	if perr != nil {
		io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if perr != nil {
		return s, perr
	}
	if werr != nil {
		return s, &Error{Dir: dir, Err: fmt.Errorf("git cat-file %s: %v: %s", sha, werr, strings.TrimSpace(stderr.String()))}
	}
	return s, nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return out, fmt.Errorf("git %s: %s", args[0], msg)
		}
		return out, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}
