package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// clock is a hand-driven time for poll: the debounce is decided by the
// times the test names, never by how fast the machine runs.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newTree starts a Tree on dir with the clock at start.
func newTree(t *testing.T, dir string, c *clock, o Options) *Tree {
	t.Helper()
	tr, err := New(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	tr.now = c.now
	// New walked with the real clock; walk again on the test's.
	tr.base = tr.scan(snapshot{})
	tr.last = tr.base
	return tr
}

func TestPollDebounce(t *testing.T) {
	const ms = time.Millisecond
	type step struct {
		at   time.Duration // since the start
		edit func(t *testing.T, dir string)
		fire bool // poll at that time reports a change
	}
	edit := func(rel, content string) func(*testing.T, string) {
		return func(t *testing.T, dir string) { write(t, dir, rel, content) }
	}
	tests := []struct {
		name  string
		skip  func(string) bool
		steps []step
	}{
		{"nothing changes", nil, []step{{at: 0}, {at: 1000 * ms}}},
		{"one edit after the quiet time", nil, []step{
			{at: 0, edit: edit("main.py", "print(2)\n")},
			{at: 100 * ms},
			{at: 300 * ms, fire: true},
			{at: 1000 * ms}, // reported once
		}},
		{"two quick edits are one change", nil, []step{
			{at: 0, edit: edit("main.py", "print(2)\n")},
			{at: 200 * ms, edit: edit("lib/util.py", "X = 2\n")},
			{at: 400 * ms}, // 200 ms quiet only: the second edit restarted it
			{at: 500 * ms, fire: true},
			{at: 2000 * ms},
		}},
		{"a new file, then its removal", nil, []step{
			{at: 0, edit: edit("new.py", "")},
			{at: 300 * ms, fire: true},
			{at: 400 * ms, edit: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "new.py")) }},
			{at: 700 * ms, fire: true},
		}},
		{"a skipped folder is not watched", func(rel string) bool { return rel == ".git" }, []step{
			{at: 0, edit: edit(".git/index", "changed")},
			{at: 1000 * ms},
			{at: 1100 * ms, edit: edit(".gitignore", "x")}, // a file named like it is
			{at: 1400 * ms, fire: true},
		}},
		{"the folder goes away and comes back", nil, []step{
			{at: 0, edit: func(t *testing.T, dir string) { os.RemoveAll(dir) }},
			{at: 300 * ms, fire: true},
			{at: 400 * ms, edit: edit("main.py", "print(3)\n")},
			{at: 700 * ms, fire: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "main.py", "print(1)\n")
			write(t, dir, "lib/util.py", "X = 1\n")
			write(t, dir, ".git/index", "x")
			start := time.Now().Add(time.Hour)
			c := &clock{t: start}
			tr := newTree(t, dir, c, Options{Quiet: 300 * ms, SkipDir: tt.skip})
			for i, s := range tt.steps {
				c.t = start.Add(s.at)
				if s.edit != nil {
					s.edit(t, dir)
				}
				if got := tr.poll(); got != s.fire {
					t.Fatalf("step %d (at %v): poll = %v, want %v", i, s.at, got, s.fire)
				}
			}
		})
	}
}

// TestRacyRewrite: a file written again within its file system's
// timestamp granularity, to the same size, keeps its size and mtime; its
// content tells the change. Once the window passed, the unchanged file
// is not reported again.
func TestRacyRewrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "main.py")
	mtime := time.Now().Add(-time.Minute).Truncate(time.Second)
	set := func(content string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	set("x = 1\n")
	c := &clock{t: mtime.Add(500 * time.Millisecond)} // as a coarse clock sees it
	tr := newTree(t, dir, c, Options{Quiet: -1})
	set("x = 2\n")
	if !tr.poll() {
		t.Fatal("a same-size rewrite within the timestamp granularity was not seen")
	}
	c.t = mtime.Add(time.Hour)
	if tr.poll() {
		t.Fatal("the file was reported again once it was no longer racy")
	}
	if tr.poll() {
		t.Fatal("reported twice")
	}
}

// TestNext: Next returns for an edit made while nobody was waiting (a
// push in flight), and ctx's error when it ends first.
func TestNext(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.py", "print(1)\n")
	tr, err := New(dir, Options{Poll: 10 * time.Millisecond, Quiet: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "main.py", "print(22)\n")
	if err := tr.Next(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := tr.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Next after cancel: %v", err)
	}
	// A root that is a link to the folder (--source may name one).
	link := filepath.Join(t.TempDir(), "app")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	lt, err := New(link, Options{Poll: 10 * time.Millisecond, Quiet: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "main.py", "print(333)\n")
	lctx, lcancel := context.WithTimeout(t.Context(), time.Minute) // generous: a miss is a hang
	defer lcancel()
	if err := lt.Next(lctx); err != nil {
		t.Fatalf("an edit under a linked root: %v", err)
	}
	if _, err := New(filepath.Join(dir, "main.py"), Options{}); err == nil {
		t.Fatal("New on a file: no error")
	}
}
