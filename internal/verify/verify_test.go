package verify

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// gitHashObject asks git itself, so the expected value never comes from our code.
func gitHashObject(t *testing.T, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "hash-object", "--no-filters", p).Output()
	if err != nil {
		t.Fatalf("git hash-object: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func TestBlobSHA1MatchesGit(t *testing.T) {
	big := bytes.Repeat([]byte("micropython\x00\xff"), 50000)
	for _, c := range [][]byte{nil, []byte("hello\n"), []byte("no newline"), big} {
		want := gitHashObject(t, c)
		if got := BlobSHA1(c); got != want {
			t.Errorf("BlobSHA1(%d bytes) = %s, git says %s", len(c), got, want)
		}
		s, err := Sum(iotest.OneByteReader(bytes.NewReader(c)), int64(len(c)))
		if err != nil || s.BlobSHA1 != want || s.SHA256 != SHA256(c) || s.Size != int64(len(c)) {
			t.Errorf("Sum = %+v, %v; want %s", s, err, want)
		}
	}
}

func TestReaderChecks(t *testing.T) {
	content := []byte("print('hello')\n")
	good := Expect{Path: "main.py", Size: int64(len(content)), BlobSHA1: BlobSHA1(content), SHA256: SHA256(content)}
	tests := []struct {
		name     string
		data     []byte
		exp      Expect
		wantAlgo string
	}{
		{"ok", content, good, ""},
		{"ok without sha256", content, Expect{Path: "main.py", Size: good.Size, BlobSHA1: good.BlobSHA1}, ""},
		{"tampered same size", []byte("print('HELLO')\n"), good, AlgoGitSHA1},
		{"short", content[:5], good, AlgoSize},
		{"long", append(append([]byte{}, content...), 'x'), good, AlgoSize},
		{"sha256 sidecar wrong", content, Expect{Path: "main.py", Size: good.Size, BlobSHA1: good.BlobSHA1, SHA256: strings.Repeat("0", 64)}, AlgoSHA256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			_, err := Copy(&out, iotest.HalfReader(bytes.NewReader(tt.data)), tt.exp)
			if tt.wantAlgo == "" {
				if err != nil {
					t.Fatalf("Copy: %v", err)
				}
				if !bytes.Equal(out.Bytes(), tt.data) {
					t.Fatalf("content changed in transit")
				}
				return
			}
			var me *MismatchError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want *MismatchError", err)
			}
			if me.Algo != tt.wantAlgo || me.Path != "main.py" || me.Want == me.Got {
				t.Fatalf("mismatch = %+v, want algo %s", me, tt.wantAlgo)
			}
			if !strings.Contains(err.Error(), me.Want) || !strings.Contains(err.Error(), me.Got) {
				t.Fatalf("message must name both hashes: %v", err)
			}
			if int64(out.Len()) > tt.exp.Size {
				t.Fatalf("reader passed %d bytes, more than the announced %d", out.Len(), tt.exp.Size)
			}
		})
	}
}

func TestReaderNeverReturnsEOFOnMismatch(t *testing.T) {
	r := NewReader(strings.NewReader("abc"), Expect{Path: "x", Size: 3, BlobSHA1: BlobSHA1([]byte("abd"))})
	_, err := io.ReadAll(r)
	var me *MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("ReadAll err = %v, want mismatch", err)
	}
	// A second read keeps failing; a retrying consumer cannot get a clean EOF.
	if _, err := r.Read(make([]byte, 4)); !errors.As(err, &me) {
		t.Fatalf("second read err = %v", err)
	}
}

func TestValidHex(t *testing.T) {
	if !ValidHex(strings.Repeat("a1", 20), 40) || ValidHex(strings.Repeat("A1", 20), 40) || ValidHex("abc", 40) {
		t.Fatal("ValidHex wrong")
	}
}
