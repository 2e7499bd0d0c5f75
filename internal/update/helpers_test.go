package update_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simreg"
	"github.com/otapush/otapush/internal/update"
)

// app is an app bundle as files.
type app map[string]string

// plan writes the bundle to a folder and plans it like `--source DIR`.
func plan(t *testing.T, a app) (*manifest.Plan, manifest.BlobStore) {
	t.Helper()
	dir := t.TempDir()
	for p, c := range a {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := cache.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := local.PlanDir(context.Background(), c, dir, manifest.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

// The raw REPL client's silence timeouts are wall-clock ones (a real
// board's); on a busy machine a starved simulator answers late, not never,
// so the tests give them room. The update waits for the board's verdict,
// no fixed time.
const reconnectTimeout = 30 * time.Second

func dial(t *testing.T, ctx context.Context, b *simboard.Board) *rawrepl.Conn {
	t.Helper()
	l := &ports.Lister{SimDir: b.RegistryDir(), Alive: simreg.Alive}
	p, err := l.Resolve(ctx, b.Port())
	if err != nil {
		t.Fatal(err)
	}
	o := rawrepl.Options{ExecTimeout: 60 * time.Second, ReplyTimeout: 20 * time.Second, EnterAttempts: 10,
		ReconnectTimeout: reconnectTimeout, Lister: l, Silence: b.Silence}
	if f := os.Getenv("OTAPUSH_TEST_TRACE"); f != "" {
		w, err := os.Create(f)
		if err == nil {
			o.Trace = w
			t.Cleanup(func() { w.Close() })
		}
	}
	c, err := rawrepl.Open(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func push(t *testing.T, ctx context.Context, c *rawrepl.Conn, a app, o update.Options) (update.Result, error) {
	t.Helper()
	p, s := plan(t, a)
	return update.Run(ctx, p, s, c, o, nil)
}

// appFiles reads the board's app files (agent files and .ota excluded),
// with the app's main.py/boot.py under their manifest names.
func appFiles(t *testing.T, b *simboard.Board) app {
	t.Helper()
	out := app{}
	root := b.FlashDir()
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == ".ota" {
			return filepath.SkipDir
		}
		if de.IsDir() || strings.HasSuffix(rel, ".picosim-tmp") {
			return nil
		}
		switch rel {
		case "ota_agent.py", "ota_agent.mpy", "boot.py", "main.py", "version.json":
			return nil
		case "_app_main.py":
			rel = "main.py"
		case "_app_boot.py":
			rel = "boot.py"
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameApp(t *testing.T, got, want app) {
	t.Helper()
	for p, c := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("board lacks %s", p)
		} else if g != c {
			t.Errorf("board's %s differs", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("board has extra %s", p)
		}
	}
}

// stageEmpty says whether the board holds no transaction leftovers.
func stageLeft(t *testing.T, b *simboard.Board) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(filepath.Join(b.FlashDir(), ".ota"), func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return nil
		}
		switch filepath.Base(p) {
		case "config.json", "last.json":
			return nil
		}
		left = append(left, p)
		return nil
	})
	return left
}

// idle waits for the friendly prompt without interrupting the board: an
// empty line queues behind whatever runs (boot.py, the trial main.py) and
// the REPL echoes a prompt only once they are done. The wait is bounded by
// the board's progress (30 s of its CPU time), not the wall clock.
func idle(t *testing.T, ctx context.Context, b *simboard.Board) {
	t.Helper()
	wait := b.Patience(30 * time.Second)
	for wait.Over() == nil {
		if err := b.WaitPort(ctx); err != nil {
			t.Fatal(err)
		}
		tr, err := rawrepl.OpenSerial(b.Port(), ports.KindSimulated)
		if err != nil {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		var got []byte
		buf := make([]byte, 512)
		_, werr := tr.Write([]byte("\r"))
		for werr == nil && wait.Over() == nil && !bytes.HasSuffix(got, []byte(">>> ")) {
			n, err := tr.Read(buf, 20*time.Millisecond)
			if err != nil {
				werr = err
				break
			}
			got = append(got, buf[:n]...)
		}
		tr.Close()
		if werr == nil && bytes.HasSuffix(got, []byte(">>> ")) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("board never reached its prompt: %v", wait.Over())
}
