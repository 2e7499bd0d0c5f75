package cache

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

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
