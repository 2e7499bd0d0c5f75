package cache

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

func TestPutLookupOpen(t *testing.T) {
	ctx := context.Background()
	c, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("import machine\n")
	e := verify.Expect{Path: "main.py", Size: int64(len(content)), BlobSHA1: verify.BlobSHA1(content)}
	if _, ok, err := c.Lookup(ctx, e.BlobSHA1); ok || err != nil {
		t.Fatalf("empty cache Lookup = %v, %v", ok, err)
	}
	s, err := c.Put(ctx, e, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	if s.SHA256 != verify.SHA256(content) {
		t.Fatalf("sha256 = %s", s.SHA256)
	}
	got, ok, err := c.Lookup(ctx, e.BlobSHA1)
	if !ok || err != nil || got != s {
		t.Fatalf("Lookup = %+v %v %v, want %+v", got, ok, err, s)
	}
	f := manifest.File{Path: "main.py", Size: s.Size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256}
	rc, err := c.Open(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(b, content) {
		t.Fatalf("Open read %q, %v", b, err)
	}
}

func TestPutRefusesUnverified(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c, _ := New(dir)
	content := []byte("good")
	e := verify.Expect{Path: "a.py", Size: 4, BlobSHA1: verify.BlobSHA1(content)}
	_, err := c.Put(ctx, e, bytes.NewReader([]byte("evil")))
	var me *verify.MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("Put err = %v, want mismatch", err)
	}
	if _, ok, _ := c.Lookup(ctx, e.BlobSHA1); ok {
		t.Fatal("unverified content was stored")
	}
	left, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	if len(left) != 0 {
		t.Fatalf("temp files left behind: %v", left)
	}
}

func TestCorruptedEntryIsDiscarded(t *testing.T) {
	ctx := context.Background()
	c, _ := New(t.TempDir())
	content := []byte("payload")
	e := verify.Expect{Path: "a.py", Size: int64(len(content)), BlobSHA1: verify.BlobSHA1(content)}
	s, err := c.Put(ctx, e, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.path(e.BlobSHA1)
	f := manifest.File{Path: "a.py", Size: s.Size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256}

	// Corrupted after planning: the reader fails instead of serving it.
	os.WriteFile(p, []byte("PAYLOAD"), 0o600)
	rc, err := c.Open(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(rc)
	rc.Close()
	var me *verify.MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("read of corrupted entry: %v", err)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("corrupted entry not removed")
	}

	// Corrupted before planning: Lookup reports a miss and removes it.
	c.Put(ctx, e, bytes.NewReader(content))
	os.WriteFile(p, []byte("payloa"), 0o600)
	if _, ok, err := c.Lookup(ctx, e.BlobSHA1); ok || err != nil {
		t.Fatalf("Lookup of corrupted entry = %v, %v", ok, err)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("corrupted entry not removed by Lookup")
	}
}

// A planted link, pipe or directory in place of an entry is refused, never
// followed: a link to /dev/zero would make Lookup read forever, a link to
// another file would serve it.
func TestNonRegularEntriesRefused(t *testing.T) {
	content := []byte("print(1)\n")
	sha := verify.BlobSHA1(content)
	tests := []struct {
		name  string
		plant func(t *testing.T, entry string)
	}{
		{"link to /dev/zero", func(t *testing.T, entry string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			if err := os.Symlink("/dev/zero", entry); err != nil {
				t.Skip(err)
			}
		}},
		{"link to a file with the right bytes", func(t *testing.T, entry string) {
			other := filepath.Join(t.TempDir(), "other")
			os.WriteFile(other, content, 0o600)
			if err := os.Symlink(other, entry); err != nil {
				t.Skip(err)
			}
		}},
		{"directory", func(t *testing.T, entry string) { os.Mkdir(entry, 0o700) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			entry := filepath.Join(c.Dir(), "blobs", sha[:2], sha[2:])
			os.MkdirAll(filepath.Dir(entry), 0o700)
			tt.plant(t, entry)
			// Without the check, /dev/zero is read until this guard.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var nr *NotRegularError
			if _, ok, err := c.Lookup(ctx, sha); ok || !errors.As(err, &nr) {
				t.Errorf("Lookup = %v, %v; want a NotRegularError", ok, err)
			}
			f := manifest.File{Path: "main.py", Size: int64(len(content)), BlobSHA1: sha, SHA256: verify.SHA256(content)}
			if rc, err := c.Open(ctx, f); !errors.As(err, &nr) {
				if rc != nil {
					rc.Close()
				}
				t.Errorf("Open = %v; want a NotRegularError", err)
			}
		})
	}
}
