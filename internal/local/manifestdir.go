package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

// readManifest reads manifest.json at the top of dir, with the same schema
// and checks as a release's manifest asset.
func readManifest(dir string, s *scanned) error {
	full := filepath.Join(dir, manifest.FileName)
	fi, err := os.Lstat(full)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return &Error{Dir: dir, Err: err}
	case fi.Mode()&os.ModeSymlink != 0:
		return &manifest.RefusedError{Path: manifest.FileName, Reason: "is a symlink; otapush never follows links. Copy the file"}
	case !fi.Mode().IsRegular():
		return nil
	}
	f, err := os.Open(full)
	if err != nil {
		return &Error{Dir: dir, Err: err}
	}
	defer f.Close()
	m, err := manifest.Parse(f, manifest.FileName+" in the local folder")
	if err != nil {
		var pe *manifest.ParseError
		if errors.As(err, &pe) {
			pe.Err = fmt.Errorf("%w (a manifest.json at the top of --source is otapush's manifest; an app file of that name belongs in a subfolder)", pe.Err)
		}
		return err
	}
	s.manifest = m
	return nil
}

// planManifest makes the plan the folder's manifest.json describes: its
// version, delete list and hooks, and exactly the files it lists, each
// read from the folder and checked against the manifest's hashes (a stale
// manifest is refused, not pushed). The folder's other files are skipped.
// Skip rules do not apply to listed files (the manifest names them on
// purpose); allow/ignore and the withheld config names do.
func planManifest(ctx context.Context, c *cache.Cache, dir string, p *manifest.Plan, s *scanned, rules manifest.Rules) error {
	m := s.manifest
	p.Version = m.Version
	p.Origin = "local folder (manifest.json)"
	p.Source += " (manifest.json)"
	p.Hooks = manifest.Hooks{PostUpdate: m.PostUpdate, Rollback: m.Rollback, TimeoutSec: m.HookTimeoutSec}
	listed := map[string]bool{}
	for _, e := range m.Files {
		listed[e.Path] = true
		if !rules.Allowed(e.Path) {
			p.Filtered = append(p.Filtered, e.Path)
			continue
		}
		if IsConfigName(e.Path) {
			p.Withheld = append(p.Withheld, e.Path)
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(e.Path))
		// The manifest's path must be the file itself: no link anywhere
		// on the way (the root was resolved already).
		real, err := filepath.EvalSymlinks(full)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return &manifest.PathError{Path: e.Path, Where: "manifest.json files", Reason: "is listed but not in the folder; regenerate the manifest (otapush manifest gen) or add the file"}
			}
			return &Error{Dir: dir, Err: err}
		}
		if real != full {
			return &manifest.RefusedError{Path: e.Path, Reason: "is a symlink or lies under one; otapush never follows links. Copy the file"}
		}
		fi, err := os.Lstat(full)
		if err != nil {
			return &Error{Dir: dir, Err: err}
		}
		if !fi.Mode().IsRegular() {
			return &manifest.RefusedError{Path: e.Path, Reason: "is not a regular file"}
		}
		f, err := addFile(ctx, c, full, e.Path, fi.Size())
		if err != nil {
			return err
		}
		stale := func(algo, want, got string) error {
			return fmt.Errorf("%w; manifest.json is stale: regenerate it (otapush manifest gen) after editing the files", &verify.MismatchError{Path: e.Path, Algo: algo, Want: want, Got: got})
		}
		switch {
		case f.BlobSHA1 != e.SHA1:
			return stale(verify.AlgoGitSHA1, e.SHA1, f.BlobSHA1)
		case e.SHA256 != "" && e.SHA256 != f.SHA256:
			return stale(verify.AlgoSHA256, e.SHA256, f.SHA256)
		case e.Size != nil && *e.Size != f.Size:
			return stale(verify.AlgoSize, fmt.Sprint(*e.Size), fmt.Sprint(f.Size))
		}
		if fi.Mode()&0o111 != 0 {
			f.Mode = "100755"
		}
		p.Files = append(p.Files, f)
	}
	for _, f := range s.files {
		if !listed[f.path] {
			p.Skipped = append(p.Skipped, manifest.Skip{Path: f.path, Reason: SkipNotInManifest, Dropped: true})
		}
	}
	for _, d := range m.Delete {
		if rules.Allowed(d) {
			p.Deletes = append(p.Deletes, d)
		}
	}
	sort.Strings(p.Deletes)
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
	return nil
}
