// Package verify computes and checks the two hashes otapush trusts: the git
// blob SHA1 (what GitHub trees and manifests name a file by) and SHA-256
// (what boards without sha1 in their hashlib can check). Everything streams,
// so a file is never held in memory just to be hashed.
package verify

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
)

// Algorithm names used in MismatchError.
const (
	AlgoGitSHA1 = "git-blob-sha1"
	AlgoSHA256  = "sha256"
	AlgoSize    = "size"
)

// MismatchError says which file failed which check, with both values, so a
// user can tell a tampered download from a stale manifest.
type MismatchError struct {
	Path string
	Algo string
	Want string
	Got  string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("verification failed for %s: %s mismatch: expected %s, got %s (the file was changed after it was published, or the download was corrupted; nothing from it was used)",
		e.Path, e.Algo, e.Want, e.Got)
}

// Sums are the hashes of one file's content.
type Sums struct {
	Size     int64
	BlobSHA1 string
	SHA256   string
}

// Expect is what a file's content must hash to. Size and BlobSHA1 are
// required because the git blob header needs the length before the first
// byte; SHA256 is checked only when set.
type Expect struct {
	Path     string
	Size     int64
	BlobSHA1 string
	SHA256   string
}

// NewBlobHash returns a SHA1 already fed with the git blob header for a
// content of size bytes; write the content to it to get the blob id.
func NewBlobHash(size int64) hash.Hash {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.FormatInt(size, 10) + "\x00"))
	return h
}

// BlobSHA1 returns the git blob id of b.
func BlobSHA1(b []byte) string {
	h := NewBlobHash(int64(len(b)))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// SHA256 returns the hex SHA-256 of b.
func SHA256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Hasher computes both sums of a stream whose size is known in advance.
type Hasher struct {
	size int64
	n    int64
	blob hash.Hash
	s256 hash.Hash
}

// NewHasher starts hashing a content of exactly size bytes.
func NewHasher(size int64) *Hasher {
	return &Hasher{size: size, blob: NewBlobHash(size), s256: sha256.New()}
}

func (h *Hasher) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	h.blob.Write(p)
	h.s256.Write(p)
	return len(p), nil
}

// Sums returns what has been written so far. The blob SHA1 is only
// meaningful when exactly the announced size was written.
func (h *Hasher) Sums() Sums {
	return Sums{Size: h.n, BlobSHA1: hex.EncodeToString(h.blob.Sum(nil)), SHA256: hex.EncodeToString(h.s256.Sum(nil))}
}

// Check compares what was written with e and returns a *MismatchError for
// the first check that fails (size first: a wrong length makes the blob
// hash meaningless).
func (h *Hasher) Check(e Expect) (Sums, error) {
	s := h.Sums()
	if s.Size != e.Size {
		return s, &MismatchError{Path: e.Path, Algo: AlgoSize, Want: strconv.FormatInt(e.Size, 10), Got: strconv.FormatInt(s.Size, 10)}
	}
	if e.BlobSHA1 != "" && s.BlobSHA1 != e.BlobSHA1 {
		return s, &MismatchError{Path: e.Path, Algo: AlgoGitSHA1, Want: e.BlobSHA1, Got: s.BlobSHA1}
	}
	if e.SHA256 != "" && s.SHA256 != e.SHA256 {
		return s, &MismatchError{Path: e.Path, Algo: AlgoSHA256, Want: e.SHA256, Got: s.SHA256}
	}
	return s, nil
}

// Sum streams r (which must hold exactly size bytes) and returns its sums.
func Sum(r io.Reader, size int64) (Sums, error) {
	h := NewHasher(size)
	if _, err := io.Copy(h, r); err != nil {
		return Sums{}, err
	}
	return h.Sums(), nil
}

// Reader passes bytes through while hashing them. Instead of io.EOF it
// returns a *MismatchError when the stream did not match, so a consumer
// that reads to EOF can never mistake bad content for a complete file.
type Reader struct {
	r    io.Reader
	e    Expect
	h    *Hasher
	done bool
	err  error
}

// NewReader wraps r with the checks in e.
func NewReader(r io.Reader, e Expect) *Reader {
	return &Reader{r: r, e: e, h: NewHasher(e.Size)}
}

func (v *Reader) Read(p []byte) (int, error) {
	if v.done {
		return 0, v.err
	}
	// Never read past the announced size: an over-long stream is a
	// mismatch, and holding it back keeps its extra bytes out of the output.
	if rest := v.e.Size - v.h.n; int64(len(p)) > rest+1 {
		p = p[:rest+1]
	}
	n, err := v.r.Read(p)
	if n > 0 {
		v.h.Write(p[:n])
		if v.h.n > v.e.Size {
			v.done = true
			v.err = &MismatchError{Path: v.e.Path, Algo: AlgoSize, Want: strconv.FormatInt(v.e.Size, 10), Got: "more than " + strconv.FormatInt(v.e.Size, 10)}
			return 0, v.err
		}
	}
	if errors.Is(err, io.EOF) {
		v.done = true
		if _, cerr := v.h.Check(v.e); cerr != nil {
			v.err = cerr
		} else {
			v.err = io.EOF
		}
		return n, v.err
	}
	return n, err
}

// Sums returns the sums of what has been read so far.
func (v *Reader) Sums() Sums { return v.h.Sums() }

// Copy streams src to dst, verifying it against e. On a mismatch dst has
// received (part of) the bad content; callers write to a temporary place
// and discard it on error.
func Copy(dst io.Writer, src io.Reader, e Expect) (Sums, error) {
	v := NewReader(src, e)
	if _, err := io.Copy(dst, v); err != nil {
		return v.Sums(), err
	}
	// io.Copy treats io.EOF as success; check the reader really finished.
	if !v.done {
		return v.Sums(), fmt.Errorf("verify %s: stream ended early", e.Path)
	}
	return v.Sums(), nil
}

// ValidHex reports whether s is n lowercase hex digits.
func ValidHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
