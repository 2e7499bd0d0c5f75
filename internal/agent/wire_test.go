package agent

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// allBytes holds every byte value, each followed once by every byte value
// (so every escape meets every neighbour: an octal escape before a digit,
// a quote before the closing quotes, CR before LF).
func allBytes() []byte {
	b := make([]byte, 0, 256*256*2)
	for x := range 256 {
		for y := range 256 {
			b = append(b, byte(x), byte(y))
		}
	}
	return append(b, '\'', '\\', '\'')
}

func TestPyBytesNeverCarriesAControlByte(t *testing.T) {
	lit := PyBytes(allBytes())
	if !strings.HasPrefix(lit, "b'''") || !strings.HasSuffix(lit, "'''") {
		t.Fatalf("not a triple-quoted bytes literal: %.20q...%q", lit, lit[len(lit)-8:])
	}
	body := lit[4 : len(lit)-3]
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c <= 0x05:
			t.Fatalf("byte %#x at %d: the raw REPL acts on it", c, i)
		case c == '\r':
			t.Fatalf("CR at %d: the lexer turns it into LF", i)
		}
	}
	if strings.Contains(body, "'''") {
		t.Fatal("the body closes the literal")
	}
}

// TestBytesLiteralRoundTripsOnTheBoard: every byte value, next to every
// other, reaches the board's file as it was sent (MicroPython's lexer, the
// raw REPL and the link), and the escapes stay cheap.
func TestBytesLiteralRoundTripsOnTheBoard(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	sb := simtest.StartT(t, simboard.Options{})
	c := dial(t, ctx, sb)
	b := New(c, Options{NoCompress: true, Chunk: 8192})
	if err := b.InstallAgent(ctx, 2048, ""); err != nil {
		t.Fatal(err)
	}
	data := allBytes()
	sum := sha256.Sum256(data)
	f := File{Path: "lib/all.bin", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	n, st, err := b.Upload(ctx, []File{f}, content(data), nil)
	if err != nil || n != 1 {
		t.Fatalf("upload of every byte value: %d staged, %v", n, err)
	}
	if st.Encoded != int64(len(data)) {
		t.Errorf("encoded %d bytes of %d: NoCompress sends them as they are", st.Encoded, len(data))
	}
	var h Hashes
	if err := b.Call(ctx, &h, "hashes", []string{f.Path}, true); err != nil {
		t.Fatal(err)
	}
	if got := h[f.Path]; got == nil || got.SHA256 != f.SHA256 {
		t.Fatalf("staged %+v, want sha256 %s", got, f.SHA256)
	}
	// 9 of 256 byte values are escaped, each with one or three more
	// characters: far under base64's 4/3.
	if r := float64(len(PyBytes(data))) / float64(len(data)); r > 1.07 {
		t.Errorf("literal is %.3f bytes a byte, want <= 1.07", r)
	}
}
