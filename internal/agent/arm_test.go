package agent

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

// TestArmFallsBackToTheFullForm: arm goes out by digest; when the board's
// staged files are not the plan's, the agent answers "digest" and Arm asks
// again with every file's hash, so the error names the file (and nothing
// is armed).
func TestArmFallsBackToTheFullForm(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	sb := simtest.StartT(t, simboard.Options{})
	c := dial(t, ctx, sb)
	b := New(c, Options{})
	if err := b.InstallAgent(ctx, 2048, ""); err != nil {
		t.Fatal(err)
	}
	data := []byte("print('a')\n")
	sum := sha256.Sum256(data)
	f := File{Path: "lib/a.py", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	if _, _, err := b.Upload(ctx, []File{f}, content(data), nil); err != nil {
		t.Fatal(err)
	}
	spec := ArmSpec{Version: "v1", Files: map[string]string{f.Path: f.SHA256}}

	// Flash rot in the stage between upload and arm.
	key := sha256.Sum256([]byte(f.Path))
	staged := "/.ota/.ota_stage/" + hex.EncodeToString(key[:])[:24]
	if _, err := c.Exec(ctx, "with open('"+staged+"','w') as f:\n f.write('print(1)')\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(sb.FlashDir(), filepath.FromSlash(staged))); err != nil {
		t.Fatalf("the test's idea of the stage is off: %v", err)
	}
	_, err := b.Arm(ctx, spec)
	var be *Error
	if !errors.As(err, &be) || be.Code != ErrMissing || !bytes.Contains([]byte(be.Msg), []byte(f.Path)) {
		t.Fatalf("arm over a rotten stage: got %v, want %q naming %s", err, ErrMissing, f.Path)
	}

	// Staged again, the digest form arms it.
	if _, _, err := b.Upload(ctx, []File{f}, content(data), nil); err != nil {
		t.Fatal(err)
	}
	if r, err := b.Arm(ctx, spec); err != nil || r.State != "apply" {
		t.Fatalf("arm: %+v %v", r, err)
	}
	if st, err := b.Abort(ctx); err != nil || st != "idle" {
		t.Fatalf("abort: %s %v", st, err)
	}
}

// dial opens the raw REPL of a simulated board for the test.
func dial(t *testing.T, ctx context.Context, sb *simboard.Board) *rawrepl.Conn {
	t.Helper()
	l := &ports.Lister{SimDir: sb.RegistryDir(), Alive: simreg.Alive}
	p, err := l.Resolve(ctx, sb.Port())
	if err != nil {
		t.Fatal(err)
	}
	c, err := rawrepl.Open(ctx, p, rawrepl.Options{ExecTimeout: 30 * time.Second, Lister: l})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// content opens data as every file's bytes.
func content(data []byte) func(File) (io.ReadCloser, error) {
	return func(File) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}
