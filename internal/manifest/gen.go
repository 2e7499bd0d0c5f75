package manifest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/otapush/otapush/internal/verify"
)

// Generate builds the manifest for the given files and directories of fsys
// (directories are walked; ".git" is skipped; symlinks are refused). The
// result does not depend on argument order or walk order.
func Generate(ctx context.Context, fsys fs.FS, version string, inputs []string) (*Manifest, error) {
	if strings.TrimSpace(version) == "" {
		return nil, errors.New("a version is required (e.g. --version v1.0.0)")
	}
	if len(inputs) == 0 {
		return nil, errors.New("no files or directories given")
	}
	files := map[string]bool{}
	for _, in := range inputs {
		p := strings.TrimSuffix(strings.TrimPrefix(in, "./"), "/")
		if p == "." || p == "" {
			p = "."
		} else if err := CheckPath(p, "manifest gen arguments"); err != nil {
			return nil, err
		}
		fi, err := fs.Lstat(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("manifest gen: %w", err)
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, &RefusedError{Path: p, Reason: "is a symlink; otapush never follows links, copy the file instead"}
		case fi.Mode().IsRegular():
			files[p] = true
		case fi.IsDir():
			err := fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				// In a linked worktree or submodule checkout .git is a file.
				if d.Name() == ".git" {
					if d.IsDir() {
						return fs.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					return &RefusedError{Path: q, Reason: "is a symlink; otapush never follows links, copy the file instead"}
				}
				if !d.Type().IsRegular() {
					return &RefusedError{Path: q, Reason: "is not a regular file"}
				}
				if err := CheckAppPath(q, "manifest gen"); err != nil {
					return err
				}
				files[q] = true
				return nil
			})
			if err != nil {
				return nil, err
			}
		default:
			return nil, &RefusedError{Path: p, Reason: "is not a regular file or directory"}
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	m := &Manifest{Version: version}
	for _, p := range paths {
		s, err := sumFile(fsys, p)
		if err != nil {
			return nil, err
		}
		size := s.Size
		m.Files = append(m.Files, Entry{Path: path.Clean(p), Size: &size, SHA1: s.BlobSHA1, SHA256: s.SHA256})
	}
	return m, nil
}

func sumFile(fsys fs.FS, p string) (verify.Sums, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return verify.Sums{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return verify.Sums{}, err
	}
	s, err := verify.Sum(f, fi.Size())
	if err != nil {
		return s, fmt.Errorf("read %s: %w", p, err)
	}
	if s.Size != fi.Size() {
		return s, fmt.Errorf("%s changed size while it was read; run again", p)
	}
	return s, nil
}
