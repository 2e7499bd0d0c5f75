// Package watch tells when the files under a folder changed and then
// stayed unchanged for a while: the trigger of `otapush update --watch`.
//
// It polls: a stat walk of the tree every Poll. A walk of an app folder
// (tens to a few thousand files) costs a few milliseconds, works the same
// on every OS and on the folders where change notification does not
// (network shares, container bind mounts, WSL's Windows drives), and
// needs no per-folder bookkeeping as folders come and go. What the tree
// holds is decided elsewhere: a change here only makes the caller build
// its plan again, and the plan says whether anything that matters moved.
package watch

import (
	"context"
	"errors"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"time"
)

// Defaults for Options.
const (
	DefaultPoll  = 150 * time.Millisecond
	DefaultQuiet = 300 * time.Millisecond
)

// racyWindow: a file modified this recently may be modified again
// within the file system's timestamp granularity (2 s on FAT, 1 s on
// HFS+) without its size or mtime changing, so its content is hashed (the
// "racy git" problem).
const racyWindow = 2 * time.Second

// maxHashed bounds the content read to tell racy files apart; a bigger
// file is compared by size and mtime only.
const maxHashed = 4 << 20

// Options tune a Tree.
type Options struct {
	// Poll is the time between two walks (0: DefaultPoll).
	Poll time.Duration
	// Quiet is how long the tree must stay unchanged after a change
	// before Next reports it (0: DefaultQuiet). Negative: report at the
	// first walk that sees the change.
	Quiet time.Duration
	// SkipDir reports folders not to walk, by their slash path relative
	// to the root (e.g. ".git"). nil: walk everything.
	SkipDir func(rel string) bool
}

// Tree watches the files under one folder. It is not safe for concurrent
// use: one goroutine calls Next at a time.
type Tree struct {
	root string
	o    Options
	now  func() time.Time
	// base is the tree as of the last change reported (or New); last is
	// the latest walk, changed the time last first differed from the
	// walk before it.
	base, last snapshot
	changed    time.Time
}

type entry struct {
	size  int64
	mtime int64
	mode  fs.FileMode
	sum   uint64 // content hash of a racy file (0: not hashed)
}

type snapshot struct {
	files map[string]entry
	err   string // the root could not be walked (gone, unreadable)
}

func (s snapshot) equal(o snapshot) bool {
	return s.err == o.err && maps.Equal(s.files, o.files)
}

// New takes the tree's current state as the baseline: Next reports the
// first change after it.
func New(root string, o Options) (*Tree, error) {
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.Quiet == 0 {
		o.Quiet = DefaultQuiet
	}
	fi, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "watch", Path: root, Err: errors.New("not a folder")}
	}
	// A walk does not enter a link, the root included: watch the folder
	// a linked root names.
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	t := &Tree{root: root, o: o, now: time.Now}
	t.base = t.scan(snapshot{})
	t.last = t.base
	return t, nil
}

// Next waits until the tree differs from the last change reported (or
// from New's baseline) and then stayed unchanged for Options.Quiet, and
// returns nil; the tree as it is then is the new baseline. Changes made
// while the caller is busy between two Next calls are reported by the
// second: none is lost, and any number of them is one report. It returns
// ctx's error when ctx ends first.
func (t *Tree) Next(ctx context.Context) error {
	tick := time.NewTicker(t.o.Poll)
	defer tick.Stop()
	for {
		if t.poll() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// poll walks the tree once and reports whether a change is due.
func (t *Tree) poll() bool {
	cur := t.scan(t.last)
	now := t.now()
	if !cur.equal(t.last) {
		t.last, t.changed = cur, now
	}
	if t.last.equal(t.base) || now.Sub(t.changed) < t.o.Quiet {
		return false
	}
	t.base = t.last
	return true
}

// scan walks the tree; prev lends the content hashes of files that did
// not change since, so a file is read only while it is racy.
func (t *Tree) scan(prev snapshot) snapshot {
	s := snapshot{files: map[string]entry{}}
	now := t.now()
	err := filepath.WalkDir(t.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == t.root {
				return err
			}
			// A file removed mid-walk, a folder we may not read: what
			// is readable still counts.
			return nil
		}
		rel, rerr := filepath.Rel(t.root, p)
		if rerr != nil || rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if t.o.SkipDir != nil && t.o.SkipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		e := entry{size: fi.Size(), mtime: fi.ModTime().UnixNano(), mode: fi.Mode()}
		switch old, ok := prev.files[rel]; {
		case fi.Mode().IsRegular() && now.Sub(fi.ModTime()) < racyWindow && e.size <= maxHashed:
			// Read it again at every walk: its size and mtime may not
			// move when it is written again.
			e.sum = hashFile(p)
		case ok && old.size == e.size && old.mtime == e.mtime && old.mode == e.mode:
			// No longer racy: the hash it had keeps it equal to the walk
			// that read it.
			e.sum = old.sum
		}
		s.files[rel] = e
		return nil
	})
	if err != nil {
		s.err = err.Error()
	}
	return s
}

// hashFile is a file's content hash, never 0 (0 means "not hashed").
func hashFile(p string) uint64 {
	f, err := os.Open(p)
	if err != nil {
		return 1
	}
	defer f.Close()
	h := fnv.New64a()
	if _, err := io.Copy(h, io.LimitReader(f, maxHashed)); err != nil {
		return 1
	}
	return h.Sum64() | 1
}
