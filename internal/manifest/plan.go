package manifest

import (
	"context"
	"io"
)

// Plan modes.
const (
	ModeManifest = "manifest" // file list from a release's manifest.json
	ModeTree     = "tree"     // file list from the git tree at the resolved commit
	ModeLocal    = "local"    // file list from a local folder or git checkout
)

// Plan is everything an update needs to know about the bundle, resolved and
// verified on the host. It is plain data; the bytes of each file are read
// through a BlobStore.
type Plan struct {
	Source  string // human description, e.g. "github.com/o/r release v1.2.0"
	Repo    string // "owner/name", empty for local sources
	Channel string // "stable", "developer", or "" for local
	Ref     string // tag, branch or local ref the plan was resolved from
	Version string // what version.json on the board will say
	Commit  string // git commit SHA, empty for a plain folder
	Mode    string // ModeManifest, ModeTree or ModeLocal
	Files   []File // sorted by path
	Deletes []string
	Hooks   Hooks
	// Withheld are files of a local source left out because they hold
	// otapush's own settings and secrets (ota_config.*, the loaded config).
	Withheld []string
	// Filtered are the source's files the allow/ignore rules left out.
	// They are not pushed; an update refuses to delete one from a board
	// whose current version has it unless told to prune (a typo in a
	// filter must not delete half an app).
	Filtered []string
}

// File is one file to push. BlobSHA1 and SHA256 are both always set and
// both verified on the host: boards without sha1 check SHA256.
type File struct {
	Path     string
	Size     int64
	BlobSHA1 string
	SHA256   string
	Mode     string // git file mode: "100644" or "100755"
}

// Hooks are optional scripts (paths inside the bundle) the board runs
// inside the update transaction.
type Hooks struct {
	PostUpdate string
	Rollback   string
	// TimeoutSec is the bundle's deadline for each hook (0: the board's
	// setting, default 30 s).
	TimeoutSec int
}

// BlobStore hands out the verified bytes of a planned file. Every Open
// re-verifies what it streams: the reader returns a *verify.MismatchError
// instead of io.EOF if the stored bytes no longer match f.
type BlobStore interface {
	Open(ctx context.Context, f File) (io.ReadCloser, error)
}

// Warnings are what a user should hear about a plan that is valid but
// probably not what they meant.
func (p *Plan) Warnings() []string {
	if len(p.Files) == 0 {
		return nil // refused, or pushed on purpose with --allow-empty
	}
	for _, f := range p.Files {
		if f.Path == "main.py" {
			return nil
		}
	}
	return []string{"the bundle has no main.py: after the update the board starts no app at boot (the agent runs the app's main.py)"}
}

// TotalSize is the sum of the files' sizes.
func (p *Plan) TotalSize() int64 {
	var n int64
	for _, f := range p.Files {
		n += f.Size
	}
	return n
}
