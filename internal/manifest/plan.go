package manifest

import (
	"context"
	"io"
	"strings"
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
	Source string // human description, e.g. "github.com/o/r release v1.2.0"
	// Origin is what the board records as the source in version.json
	// when it differs from Source: a local plan's Source names a folder
	// on the host, which is no business of the board's ("" = Source).
	Origin  string
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
	// Skipped are a local source's files and folders ("name/") that are
	// not part of the app: version control, dot-files, Python caches,
	// virtualenvs, what .gitignore and .otapushignore leave out. Like
	// Filtered, an update does not delete them from a board without
	// --prune.
	Skipped []Skip
	// Notes are facts about how the plan was made worth telling the user
	// (e.g. git was missing, so .gitignore was read without it).
	Notes []string
}

// Skip is one skipped entry of a local source and why.
type Skip struct {
	Path   string // slash path; a folder ends in "/"
	Reason string // one of a few fixed phrases (see internal/local)
	Rule   string // the ignore file and line that decided, if any
	// Dropped: the plan leaves the file out on purpose (a manifest.json
	// that does not list it), so an update deletes it from a board like
	// any file a version drops, without --prune.
	Dropped bool
}

// BoardSource is the source the board records in version.json.
func (p *Plan) BoardSource() string {
	if p.Origin != "" {
		return p.Origin
	}
	return p.Source
}

// LeftOut reports whether path is a file of the source that the plan
// leaves out on purpose (Filtered, or under a Skipped entry): deleting it
// from a board needs --prune.
func (p *Plan) LeftOut(path string) bool {
	for _, f := range p.Filtered {
		if f == path {
			return true
		}
	}
	for _, s := range p.Skipped {
		if s.Dropped {
			continue
		}
		if s.Path == path || (strings.HasSuffix(s.Path, "/") && strings.HasPrefix(path, s.Path)) {
			return true
		}
	}
	return false
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
