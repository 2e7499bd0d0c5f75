package agent

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// TestChunksGoAsBulkWhereTheHeapHoldsThem: a file's chunks skip
// raw-paste (rawrepl.ExecBulk: classic raw REPL, one round trip) only when
// the board's free heap is known and holds each exec four times over; the
// board stages the file either way.
func TestChunksGoAsBulkWhereTheHeapHoldsThem(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	sb := simtest.StartT(t, simboard.Options{})
	c := dial(t, ctx, sb)
	if err := New(c, Options{}).InstallAgent(ctx, 2048, ""); err != nil {
		t.Fatal(err)
	}
	// Incompressible: every 8 KiB chunk is an 8 KiB literal on the wire.
	data := make([]byte, 40000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(r.UintN(256))
	}
	sum := sha256.Sum256(data)
	f := File{Path: "lib/blob.bin", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	tests := []struct {
		name string
		mem  int64
		bulk bool
	}{
		{"heap unknown", 0, false},
		{"heap holds each chunk four times", 1 << 20, true},
		// Afford keeps a chunk to a quarter of the heap, so only a heap
		// below four of the smallest chunks is too small for that.
		{"heap too small for that", 4 << 10, false},
	}
	for _, tt := range tests {
		b := New(c, Options{Chunk: 8192})
		b.Afford(tt.mem)
		before := c.Stats()
		firstAt := int64(-1) // execs done when the first progress came
		n, _, err := b.Upload(ctx, []File{f}, content(data), func(Progress) {
			if firstAt < 0 {
				firstAt = c.Stats().Execs - before.Execs
			}
		})
		if err != nil || n != 1 {
			t.Fatalf("%s: upload: %d %v", tt.name, n, err)
		}
		if firstAt != 0 {
			t.Errorf("%s: the first progress came after %d execs, want before the first", tt.name, firstAt)
		}
		d := c.Stats().Sub(before)
		if tt.bulk && (d.ClassicExecs < 5 || d.PasteExecs != 0) || !tt.bulk && d.ClassicExecs != 0 {
			t.Errorf("%s: %+v", tt.name, d)
		}
	}

	// A roomy board takes a 40 KB file in two execs by default: each
	// exec costs a round trip and a compile on top of its flash work.
	b := New(c, Options{})
	b.Afford(1 << 20)
	f.Path = "lib/blob2.bin"
	n, st, err := b.Upload(ctx, []File{f}, content(data), nil)
	if err != nil || n != 1 || st.Execs != 2 {
		t.Fatalf("40 KB on a roomy board: %d files in %d execs (%v), want 1 in 2", n, st.Execs, err)
	}
}
