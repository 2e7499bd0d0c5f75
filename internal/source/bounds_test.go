package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/manifest"
)

func tmpFiles(t *testing.T, e *env) int {
	ents, err := os.ReadDir(filepath.Join(e.cache.Dir(), "tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

// A declared size past the limit is refused before any byte is fetched;
// a blob without a declared size stops at the limit.
func TestFileSizeBounds(t *testing.T) {
	huge := int64(1e13)
	tests := []struct {
		name    string
		setup   func(t *testing.T, e *env)
		o       Options
		path    string
		noBlobs bool // refused before any blob request
	}{
		{"manifest declares 10^13 bytes", func(t *testing.T, e *env) {
			e.srv.AddRelease("v1.0.0", map[string][]byte{manifest.FileName: manifestFor(t, e, "v1.0.0", []string{"main.py", "lib/util.py"}, func(m *manifest.Manifest) {
				m.Files[1].Size = &huge
			})})
		}, Options{Channel: ChannelStable}, "main.py", true},
		{"tree entry over --max-file-size", nil,
			Options{Channel: ChannelDeveloper, Branch: "main", MaxFileSize: 20}, "lib/util.py", true},
		{"unsized blob that never ends", func(t *testing.T, e *env) {
			e.srv.AddRelease("v1.0.0", map[string][]byte{manifest.FileName: manifestFor(t, e, "v1.0.0", []string{"main.py"}, func(m *manifest.Manifest) {
				m.Files[0].Size = nil
			})})
			e.srv.AddFault(githubtest.Fault{Path: "/git/blobs/", Status: 200, Times: -1, Body: "x", Endless: "xxxxxxxx"})
		}, Options{Channel: ChannelStable, MaxFileSize: 1 << 20}, "main.py", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			_, _, err := e.build(t, tt.o)
			var fe *FileTooLargeError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "--max-file-size") || (tt.noBlobs && !strings.Contains(msg, "declared size")) {
				t.Errorf("message %q", msg)
			}
			if tt.noBlobs && e.srv.Count("/git/blobs/") != 0 {
				t.Errorf("%d blob requests before refusing", e.srv.Count("/git/blobs/"))
			}
			if n := tmpFiles(t, e); n != 0 {
				t.Errorf("%d temporary files left", n)
			}
			if sent := e.srv.EndlessSent(); sent > 64<<20 {
				t.Errorf("the endless blob sent %d bytes before the client stopped", sent)
			}
		})
	}
}

// Blobs of unknown size are held in memory whole: only a few at once.
func TestUnsizedBlobsFewAtOnce(t *testing.T) {
	e := newEnv(t)
	paths := []string{"boot.py", "main.py", "lib/util.py", "lib/sub/deep.py", "data/logo.bin", "hooks/post.py"}
	e.srv.AddRelease("v1.0.0", map[string][]byte{manifest.FileName: manifestFor(t, e, "v1.0.0", paths, func(m *manifest.Manifest) {
		for i := range m.Files {
			m.Files[i].Size = nil
		}
	})})
	// Stall each blob so downloads that may overlap do overlap.
	e.srv.AddFault(githubtest.Fault{Path: "/git/blobs/", Delay: 300 * time.Millisecond, Times: -1})
	o := Options{Channel: ChannelStable, Owner: "acme", Repo: "app"}
	p, _, err := Build(context.Background(), o, e.client(t, ""), e.cache)
	if err != nil || len(p.Files) != len(paths) {
		t.Fatalf("plan %v, %v", p, err)
	}
	if n := e.srv.MaxInFlight(); n > maxUnsizedAtOnce {
		t.Errorf("%d requests in flight at once, want at most %d", n, maxUnsizedAtOnce)
	}
}
