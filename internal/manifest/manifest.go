// Package manifest holds what otapush knows about a bundle before any board
// is touched: the release manifest format, the path rules, and the Plan the
// update code consumes.
package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/otapush/otapush/internal/verify"
)

// FileName is the release asset that switches a release to manifest mode.
const FileName = "manifest.json"

// maxManifestSize bounds how much of a manifest we read; a real one is a
// few KB, so anything huge is hostile or a mistake.
const maxManifestSize = 4 << 20

// Manifest is the JSON document published as a release asset.
type Manifest struct {
	Version    string   `json:"version"`
	Files      []Entry  `json:"files"`
	Delete     []string `json:"delete,omitempty"`
	PostUpdate string   `json:"post_update,omitempty"`
	Rollback   string   `json:"rollback,omitempty"`
	// HookTimeoutSec is the board's deadline for each hook, in seconds
	// (0: the board's setting, default 30; at most MaxHookTimeoutSec).
	HookTimeoutSec int `json:"hook_timeout_sec,omitempty"`
}

// MaxHookTimeoutSec bounds a manifest's hook_timeout_sec: the board is
// unreachable while a hook runs at boot.
const MaxHookTimeoutSec = 3600

// Entry is one file of a manifest. SHA1 is the git blob SHA1; Size and
// SHA256 are optional in manifests written by the seed's manifest_gen.py.
type Entry struct {
	Path   string `json:"path"`
	Size   *int64 `json:"size,omitempty"`
	SHA1   string `json:"sha1"`
	SHA256 string `json:"sha256,omitempty"`
}

// ParseError is a manifest that is not well-formed.
type ParseError struct {
	Source string
	Err    error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("invalid manifest %s: %v", e.Source, e.Err)
}
func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads a manifest strictly: unknown fields, missing hashes, bad hex,
// duplicate paths and hostile paths are errors. source names the manifest
// in messages (e.g. "manifest.json of o/r v1.2.0").
func Parse(r io.Reader, source string) (*Manifest, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxManifestSize+1))
	if err != nil {
		return nil, &ParseError{Source: source, Err: err}
	}
	if len(data) > maxManifestSize {
		return nil, &ParseError{Source: source, Err: fmt.Errorf("larger than %d bytes", maxManifestSize)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, &ParseError{Source: source, Err: err}
	}
	if dec.More() {
		return nil, &ParseError{Source: source, Err: errors.New("trailing data after the JSON object")}
	}
	if err := m.Validate(); err != nil {
		var pe *PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &ParseError{Source: source, Err: err}
	}
	return &m, nil
}

// Validate checks the manifest's content (Parse calls it).
func (m *Manifest) Validate() error {
	if strings.TrimSpace(m.Version) == "" {
		return errors.New(`"version" is missing or empty`)
	}
	if len(m.Files) == 0 {
		return errors.New(`"files" is missing or empty`)
	}
	seen := map[string]bool{}
	for i, f := range m.Files {
		if err := CheckAppPath(f.Path, "manifest files"); err != nil {
			return err
		}
		if seen[f.Path] {
			return fmt.Errorf("files[%d]: path %q listed twice", i, f.Path)
		}
		seen[f.Path] = true
		if !verify.ValidHex(f.SHA1, 40) {
			return fmt.Errorf("files[%d] (%s): sha1 must be the 40-digit lowercase hex git blob SHA1, got %q", i, f.Path, f.SHA1)
		}
		if f.SHA256 != "" && !verify.ValidHex(f.SHA256, 64) {
			return fmt.Errorf("files[%d] (%s): sha256 must be 64 lowercase hex digits, got %q", i, f.Path, f.SHA256)
		}
		if f.Size != nil && *f.Size < 0 {
			return fmt.Errorf("files[%d] (%s): negative size", i, f.Path)
		}
	}
	for _, d := range m.Delete {
		if err := CheckAppPath(d, "delete list"); err != nil {
			return err
		}
		if seen[d] {
			return fmt.Errorf("delete list names %q, which is also a file of this version", d)
		}
	}
	if m.HookTimeoutSec < 0 || m.HookTimeoutSec > MaxHookTimeoutSec {
		return fmt.Errorf("hook_timeout_sec %d: give the seconds a hook may run, 1 to %d (or leave it out: 30)", m.HookTimeoutSec, MaxHookTimeoutSec)
	}
	for _, h := range []struct{ name, path string }{{"post_update", m.PostUpdate}, {"rollback", m.Rollback}} {
		if h.path == "" {
			continue
		}
		if err := CheckAppPath(h.path, h.name+" hook"); err != nil {
			return err
		}
		if !seen[h.path] {
			return &PathError{Path: h.path, Where: h.name + " hook", Reason: "is not a file of this version (the board runs the hook from the version's files)"}
		}
	}
	return nil
}

// Encode writes m as indented JSON with files sorted by path, so the same
// inputs always produce the same bytes.
func (m *Manifest) Encode(w io.Writer) error {
	c := *m
	c.Files = append([]Entry(nil), m.Files...)
	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].Path < c.Files[j].Path })
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(&c)
}
