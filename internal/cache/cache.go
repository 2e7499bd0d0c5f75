// Package cache keeps verified blobs on disk, addressed by their git blob
// SHA1, so planning the same ref twice (or updating many boards) downloads
// each blob once. Only verified bytes are ever stored, and every read
// verifies again: a corrupted entry is discarded, never served.
package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

// Cache is a directory of blobs. Safe for concurrent use by several
// goroutines and processes: entries appear atomically by rename.
type Cache struct {
	dir string
}

// DefaultDir is otapush's folder in the user's cache dir.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory (%v); pass --cache-dir", err)
	}
	return filepath.Join(d, "otapush"), nil
}

// New opens (creating) a cache rooted at dir.
func New(dir string) (*Cache, error) {
	for _, d := range []string{filepath.Join(dir, "blobs"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	return &Cache{dir: dir}, nil
}

// Dir is the cache's root directory.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(blobSHA1 string) (string, error) {
	if !verify.ValidHex(blobSHA1, 40) {
		return "", fmt.Errorf("cache: %q is not a git blob SHA1", blobSHA1)
	}
	return filepath.Join(c.dir, "blobs", blobSHA1[:2], blobSHA1[2:]), nil
}

// Lookup reports whether a valid entry for blobSHA1 exists and returns its
// sums (reading it fully, which also yields its SHA-256). An entry whose
// content no longer hashes to its name is deleted and reported as absent,
// so the caller fetches it again.
func (c *Cache) Lookup(ctx context.Context, blobSHA1 string) (verify.Sums, bool, error) {
	p, err := c.path(blobSHA1)
	if err != nil {
		return verify.Sums{}, false, err
	}
	f, fi, err := openRegular(p)
	if errors.Is(err, os.ErrNotExist) {
		return verify.Sums{}, false, nil
	}
	if err != nil {
		return verify.Sums{}, false, err
	}
	defer f.Close()
	s, err := verify.Sum(readerCtx{ctx, f}, fi.Size())
	if err != nil {
		if ctx.Err() != nil {
			return s, false, ctx.Err()
		}
		return s, false, fmt.Errorf("cache: read %s: %w", p, err)
	}
	if s.BlobSHA1 != blobSHA1 || s.Size != fi.Size() {
		os.Remove(p)
		return verify.Sums{}, false, nil
	}
	return s, true, nil
}

// Put streams r into the cache, verifying it against e (e.BlobSHA1 is the
// key and must be set). Nothing is stored unless every check passed.
func (c *Cache) Put(ctx context.Context, e verify.Expect, r io.Reader) (verify.Sums, error) {
	p, err := c.path(e.BlobSHA1)
	if err != nil {
		return verify.Sums{}, err
	}
	tmp, err := os.CreateTemp(filepath.Join(c.dir, "tmp"), "blob-*")
	if err != nil {
		return verify.Sums{}, fmt.Errorf("cache: %w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	s, err := verify.Copy(tmp, readerCtx{ctx, r}, e)
	if err != nil {
		return s, err
	}
	if err := tmp.Close(); err != nil {
		return s, fmt.Errorf("cache: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return s, fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return s, fmt.Errorf("cache: %w", err)
	}
	done = true
	return s, nil
}

// Open implements manifest.BlobStore. The returned reader verifies size,
// blob SHA1 and SHA-256 while streaming and fails with a
// *verify.MismatchError (instead of io.EOF) if the entry was corrupted
// since it was planned; the bad entry is then removed.
func (c *Cache) Open(ctx context.Context, f manifest.File) (io.ReadCloser, error) {
	p, err := c.path(f.BlobSHA1)
	if err != nil {
		return nil, err
	}
	fh, _, err := openRegular(p)
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("cache: %s (%s) is not in the cache any more; plan again: %w", f.Path, f.BlobSHA1, err)
	}
	e := verify.Expect{Path: f.Path, Size: f.Size, BlobSHA1: f.BlobSHA1, SHA256: f.SHA256}
	return &entryReader{ctx: ctx, f: fh, v: verify.NewReader(fh, e), path: p}, nil
}

// NotRegularError is a cache entry that is a link, device, pipe or
// directory: something put it there, and reading it could hang (a link to
// /dev/zero never ends) or read another file. It is never followed.
type NotRegularError struct {
	Path string
	Mode os.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("cache: %s is not a regular file (%s); otapush never follows it. Remove it (or the whole cache folder) and run again", e.Path, e.Mode.Type())
}

// openRegular opens p only if it is a regular file, checked without
// following links, and is still the same file once open.
func openRegular(p string) (*os.File, os.FileInfo, error) {
	li, err := os.Lstat(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("cache: %w", err)
	}
	if !li.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Path: p, Mode: li.Mode()}
	}
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("cache: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cache: %w", err)
	}
	if !fi.Mode().IsRegular() || !os.SameFile(li, fi) {
		f.Close()
		return nil, nil, &NotRegularError{Path: p, Mode: fi.Mode()}
	}
	return f, fi, nil
}

type entryReader struct {
	ctx  context.Context
	f    *os.File
	v    *verify.Reader
	path string
}

func (r *entryReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := r.v.Read(p)
	var me *verify.MismatchError
	if errors.As(err, &me) {
		os.Remove(r.path)
	}
	return n, err
}

func (r *entryReader) Close() error { return r.f.Close() }

// readerCtx stops a long copy when ctx is cancelled.
type readerCtx struct {
	ctx context.Context
	r   io.Reader
}

func (r readerCtx) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

var _ manifest.BlobStore = (*Cache)(nil)
