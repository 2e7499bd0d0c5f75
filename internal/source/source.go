// Package source turns "where the bundle is" (a GitHub release or branch, a
// local folder or git checkout) into a verified manifest.Plan whose bytes
// sit in the blob cache. It is the one place both `plan` and `update` get
// their plan from, and Select (select.go) the one place that decides, from
// the config, the flags and the environment, where that is.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"

	"golang.org/x/sync/errgroup"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/verify"
)

// Channels.
const (
	ChannelStable    = "stable"
	ChannelDeveloper = "developer"
)

// Options say where the bundle comes from.
type Options struct {
	// GitHub source.
	Owner, Repo string
	Channel     string // ChannelStable or ChannelDeveloper
	Tag         string // stable: a release tag instead of the latest release
	Branch      string // developer: the branch whose tip is planned

	// Local source: a folder, or a git checkout when Ref is set.
	Dir string
	Ref string
	// Version names a local bundle's version (what version.json on the
	// board says) instead of manifest.json's, git describe's or the
	// content hash.
	Version string

	Rules manifest.Rules
	// Configs are the config files otapush loaded; a local source never
	// plans them (nor anything named ota_config.*).
	Configs []string
	// Retries is how often a blob download that broke off mid-body is
	// started again (the HTTP layer retries failed requests itself).
	Retries int
	// Concurrency bounds parallel blob downloads (default 8).
	Concurrency int
	// MaxFileSize refuses, before any download, a file whose declared size
	// is larger, and bounds blobs whose size nobody declared (default
	// DefaultMaxFileSize).
	MaxFileSize int64
}

// DefaultMaxFileSize is far above anything a microcontroller's flash holds
// (a Pico W has 2 MB), and far below what fills a host's disk.
const DefaultMaxFileSize = 16 << 20

// maxUnsizedAtOnce bounds the blobs of unknown size in flight: each is
// held in memory whole before its hash can be checked.
const maxUnsizedAtOnce = 2

// maxManifestFiles bounds a manifest's file list; no board holds more.
const maxManifestFiles = 10_000

// FileTooLargeError is a file refused before download for its size.
type FileTooLargeError struct {
	Path     string
	Size     int64 // declared; -1 when it was unknown and the body ran past Max
	Max      int64
	Declared bool
}

func (e *FileTooLargeError) Error() string {
	if e.Declared {
		return fmt.Sprintf("%s: declared size %d bytes is larger than the limit of %d bytes; refused before downloading (raise it with --max-file-size if the file is real)", e.Path, e.Size, e.Max)
	}
	return fmt.Sprintf("%s: no size was published and the download ran past the limit of %d bytes; refused (raise it with --max-file-size if the file is real)", e.Path, e.Max)
}

// Stats describe what building the plan cost.
type Stats struct {
	Downloaded int // blobs fetched from GitHub
	Cached     int // blobs served from the verified cache
	APICalls   int64
}

// Build resolves o to a Plan. gh may be nil for local sources. Every file
// of the returned plan is in c, verified against its blob SHA1 (and the
// published SHA-256 when there is one).
func Build(ctx context.Context, o Options, gh *github.Client, c *cache.Cache) (*manifest.Plan, Stats, error) {
	if err := o.Rules.Validate(); err != nil {
		return nil, Stats{}, err
	}
	if o.Dir != "" {
		var p *manifest.Plan
		var err error
		if o.Ref != "" {
			p, err = local.PlanGit(ctx, c, o.Dir, o.Ref, o.Rules, o.Configs...)
		} else {
			p, err = local.PlanDir(ctx, c, o.Dir, o.Rules, o.Configs...)
		}
		if err == nil && o.Version != "" {
			p.Version = o.Version
		}
		if err == nil {
			err = p.Validate()
		}
		if err != nil {
			return nil, Stats{}, err
		}
		return p, Stats{}, nil
	}
	if gh == nil {
		return nil, Stats{}, errors.New("internal: no GitHub client for a GitHub source")
	}
	if err := ValidateRepo(o.Owner, o.Repo); err != nil {
		return nil, Stats{}, err
	}
	for _, r := range []struct{ what, name string }{{"branch", o.Branch}, {"tag", o.Tag}} {
		if r.name != "" {
			if err := ValidateRefName(r.what, r.name); err != nil {
				return nil, Stats{}, err
			}
		}
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	b := &builder{o: o, gh: gh, c: c, unsized: make(chan struct{}, maxUnsizedAtOnce)}
	before := gh.Stats().APICalls
	p, err := b.build(ctx)
	if err == nil {
		// The same rules update applies, so plan refuses what update would.
		err = p.Validate()
	}
	st := Stats{Downloaded: int(b.downloaded.Load()), Cached: int(b.cached.Load()), APICalls: gh.Stats().APICalls - before}
	return p, st, err
}

type builder struct {
	o          Options
	gh         *github.Client
	c          *cache.Cache
	downloaded atomic.Int64
	cached     atomic.Int64
	unsized    chan struct{} // semaphore: blobs of unknown size in flight
}

func (b *builder) repo() string { return b.o.Owner + "/" + b.o.Repo }

func (b *builder) build(ctx context.Context) (*manifest.Plan, error) {
	o := b.o
	p := &manifest.Plan{Repo: b.repo(), Channel: o.Channel}
	var rel *github.Release
	switch o.Channel {
	case ChannelDeveloper:
		if o.Branch == "" {
			return nil, errors.New("the developer channel needs a branch (--branch or \"branch\" in the config)")
		}
		commit, err := b.gh.RefCommit(ctx, o.Owner, o.Repo, "heads/"+o.Branch)
		if err != nil {
			return nil, err
		}
		p.Ref, p.Commit = o.Branch, commit
		p.Version = o.Branch + "@" + commit[:7]
		p.Source = fmt.Sprintf("%s/%s branch %s", b.gh.Host(), b.repo(), o.Branch)
	case ChannelStable, "":
		p.Channel = ChannelStable
		r, err := b.gh.Release(ctx, o.Owner, o.Repo, o.Tag)
		switch {
		case err == nil:
			// The tag comes from the server and goes into the next path.
			if err := ValidateRefName("release tag", r.Tag); err != nil {
				return nil, err
			}
			rel = r
			p.Ref = r.Tag
			p.Source = fmt.Sprintf("%s/%s release %s", b.gh.Host(), b.repo(), r.Tag)
		case o.Tag != "" && github.IsNotFound(err):
			// A tag without a release is still a fixed, reviewable
			// version; plan it from its tree.
			p.Ref = o.Tag
			p.Source = fmt.Sprintf("%s/%s tag %s (no release)", b.gh.Host(), b.repo(), o.Tag)
		case github.IsNotFound(err):
			return nil, b.noRelease(ctx, err)
		default:
			return nil, err
		}
		commit, err := b.gh.RefCommit(ctx, o.Owner, o.Repo, "tags/"+p.Ref)
		if err != nil {
			return nil, err
		}
		p.Commit, p.Version = commit, p.Ref
	default:
		return nil, fmt.Errorf("unknown channel %q; use stable or developer", o.Channel)
	}

	if rel != nil {
		if a, ok := rel.FindAsset(manifest.FileName); ok {
			p.Mode = manifest.ModeManifest
			if err := b.fromManifest(ctx, p, rel, a); err != nil {
				return nil, err
			}
			return p, nil
		}
	}
	p.Mode = manifest.ModeTree
	entries, err := b.gh.Tree(ctx, o.Owner, o.Repo, p.Commit)
	if err != nil {
		return nil, err
	}
	if err := b.fromTree(ctx, p, rel, entries); err != nil {
		return nil, err
	}
	return p, nil
}

// NoReleaseError is a repository that exists but has no published
// release, so the stable channel has nothing to plan.
type NoReleaseError struct {
	Repo, DefaultBranch string
	Err                 error // GitHub's not-found answer for the latest release
}

func (e *NoReleaseError) Unwrap() error { return e.Err }

func (e *NoReleaseError) Error() string {
	return fmt.Sprintf("%s has no published release (drafts and pre-releases do not count), so the stable channel has nothing to push. Push the tip of a branch with the developer channel: --repo %s --branch %s; or publish a release (or pass --tag TAG for a tag)", e.Repo, e.Repo, e.DefaultBranch)
}

// noRelease explains a latest-release 404: GitHub gives the same answer for
// a repository without releases and for one that does not exist (or is
// private), and only the first has a better way forward than "check the
// name".
func (b *builder) noRelease(ctx context.Context, notFound error) error {
	branch, err := b.gh.DefaultBranch(ctx, b.o.Owner, b.o.Repo)
	if err != nil || branch == "" {
		return notFound
	}
	return &NoReleaseError{Repo: b.repo(), DefaultBranch: branch, Err: notFound}
}

// checkWanted applies the file-set rules before anything is downloaded.
func checkWanted(ws []want, where string) error {
	paths := make([]string, len(ws))
	for i, w := range ws {
		paths[i] = w.path
	}
	return manifest.CheckFiles(paths, where)
}

// sidecarMax bounds a .sha256 file: "hex  name\n" is well under 1 KB.
const sidecarMax = 4096

// want is one file to fetch and verify.
type want struct {
	path     string
	blob     string
	size     int64 // -1: unknown (seed manifests have no size)
	mode     string
	sha256   string // expected, from the manifest or a sidecar
	sidecar  string // expected, from a sidecar, when the manifest also has one
	internal bool   // a sidecar itself: verified and cached, never planned
}

func (b *builder) fromTree(ctx context.Context, p *manifest.Plan, rel *github.Release, entries []github.TreeEntry) error {
	blobs := map[string]github.TreeEntry{}
	for _, e := range entries {
		if !b.o.Rules.Allowed(e.Path) {
			if e.Type == "blob" {
				p.Filtered = append(p.Filtered, e.Path)
			}
			continue
		}
		switch {
		case e.Type == "commit":
			return &manifest.RefusedError{Path: e.Path, Reason: fmt.Sprintf("is a git submodule; otapush does not follow submodules. Vendor its files or add %q to ignore", e.Path)}
		case e.Type == "blob" && e.Mode == "120000":
			return &manifest.RefusedError{Path: e.Path, Reason: fmt.Sprintf("is a symlink; otapush never follows links. Commit the file itself or add %q to ignore", e.Path)}
		case e.Type == "blob":
			if err := manifest.CheckAppPath(e.Path, "git tree"); err != nil {
				return err
			}
			if e.Size > b.o.MaxFileSize {
				return &FileTooLargeError{Path: e.Path, Size: e.Size, Max: b.o.MaxFileSize, Declared: true}
			}
			blobs[e.Path] = e
		}
	}
	var files []want
	var sidecars []want
	for path, e := range blobs {
		if base, ok := strings.CutSuffix(path, ".sha256"); ok {
			if _, isSidecar := blobs[base]; isSidecar {
				sidecars = append(sidecars, want{path: path, blob: e.SHA, size: e.Size, internal: true})
				continue
			}
		}
		files = append(files, want{path: path, blob: e.SHA, size: e.Size, mode: e.Mode})
	}
	if err := checkWanted(files, "git tree"); err != nil {
		return err
	}
	sums, err := b.sidecarSums(ctx, rel, sidecars, files)
	if err != nil {
		return err
	}
	for i := range files {
		files[i].sha256 = sums[files[i].path]
	}
	p.Files, err = b.fetchAll(ctx, files)
	return err
}

func (b *builder) fromManifest(ctx context.Context, p *manifest.Plan, rel *github.Release, a github.Asset) error {
	data, err := b.gh.Asset(ctx, b.o.Owner, b.o.Repo, a, 4<<20)
	if err != nil {
		return err
	}
	m, err := manifest.Parse(bytes.NewReader(data), fmt.Sprintf("%s of %s %s", manifest.FileName, b.repo(), rel.Tag))
	if err != nil {
		return err
	}
	p.Version = m.Version
	p.Hooks = manifest.Hooks{PostUpdate: m.PostUpdate, Rollback: m.Rollback, TimeoutSec: m.HookTimeoutSec}
	if len(m.Files) > maxManifestFiles {
		return &manifest.ParseError{Source: fmt.Sprintf("%s of %s %s", manifest.FileName, b.repo(), rel.Tag), Err: fmt.Errorf("lists %d files; more than %d is refused", len(m.Files), maxManifestFiles)}
	}
	var files []want
	for _, e := range m.Files {
		if !b.o.Rules.Allowed(e.Path) {
			p.Filtered = append(p.Filtered, e.Path)
			continue
		}
		w := want{path: e.Path, blob: e.SHA1, size: -1, mode: "100644", sha256: e.SHA256}
		if e.Size != nil {
			w.size = *e.Size
			if w.size > b.o.MaxFileSize {
				return &FileTooLargeError{Path: e.Path, Size: w.size, Max: b.o.MaxFileSize, Declared: true}
			}
		}
		files = append(files, w)
	}
	for _, d := range m.Delete {
		if b.o.Rules.Allowed(d) {
			p.Deletes = append(p.Deletes, d)
		}
	}
	sort.Strings(p.Deletes)
	if err := checkWanted(files, "manifest files"); err != nil {
		return err
	}
	sums, err := b.sidecarSums(ctx, rel, nil, files)
	if err != nil {
		return err
	}
	for i := range files {
		if s, ok := sums[files[i].path]; ok {
			if files[i].sha256 == "" {
				files[i].sha256 = s
			} else {
				files[i].sidecar = s
			}
		}
	}
	p.Files, err = b.fetchAll(ctx, files)
	if err != nil {
		var nf *github.NotFoundError
		if errors.As(err, &nf) {
			return fmt.Errorf("%w; every file a manifest lists must be committed in %s at %s (its sha1 is the git blob SHA1)", err, b.repo(), rel.Tag)
		}
	}
	return err
}

// sidecarSums reads the published SHA-256 sidecars: tree files
// "<path>.sha256" (fetched as blobs, verified and cached) and release assets
// named "<path>.sha256".
func (b *builder) sidecarSums(ctx context.Context, rel *github.Release, tree []want, files []want) (map[string]string, error) {
	out := map[string]string{}
	if len(tree) > 0 {
		for _, s := range tree {
			if s.size > sidecarMax {
				return nil, &FileTooLargeError{Path: s.path, Size: s.size, Max: sidecarMax, Declared: true}
			}
		}
		if _, err := b.fetchAll(ctx, tree); err != nil {
			return nil, err
		}
		for _, s := range tree {
			data, err := b.readCached(ctx, s)
			if err != nil {
				return nil, err
			}
			base := strings.TrimSuffix(s.path, ".sha256")
			sum, err := parseSidecar(data, s.path)
			if err != nil {
				return nil, err
			}
			out[base] = sum
		}
	}
	if rel != nil {
		for _, f := range files {
			a, ok := rel.FindAsset(f.path + ".sha256")
			if !ok {
				continue
			}
			data, err := b.gh.Asset(ctx, b.o.Owner, b.o.Repo, a, sidecarMax)
			if err != nil {
				return nil, err
			}
			sum, err := parseSidecar(data, "release asset "+a.Name)
			if err != nil {
				return nil, err
			}
			if prev, ok := out[f.path]; ok && prev != sum {
				return nil, &verify.MismatchError{Path: f.path, Algo: verify.AlgoSHA256 + " (tree sidecar vs release sidecar)", Want: prev, Got: sum}
			}
			out[f.path] = sum
		}
	}
	return out, nil
}

func (b *builder) readCached(ctx context.Context, w want) ([]byte, error) {
	s, ok, err := b.c.Lookup(ctx, w.blob)
	if err != nil || !ok {
		return nil, fmt.Errorf("sidecar %s vanished from the cache: %v", w.path, err)
	}
	rc, err := b.c.Open(ctx, manifest.File{Path: w.path, Size: s.Size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(rc)
	return buf.Bytes(), err
}

// parseSidecar accepts "HEX", "HEX  name" (sha256sum output) and any case.
func parseSidecar(data []byte, name string) (string, error) {
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return "", &manifest.ParseError{Source: name, Err: errors.New("empty SHA-256 sidecar")}
	}
	sum := strings.ToLower(f[0])
	if !verify.ValidHex(sum, 64) {
		return "", &manifest.ParseError{Source: name, Err: fmt.Errorf("not a SHA-256 sidecar: first field %q is not 64 hex digits", f[0])}
	}
	return sum, nil
}

// fetchAll makes every wanted blob present and verified in the cache, and
// returns the planned files sorted by path.
func (b *builder) fetchAll(ctx context.Context, ws []want) ([]manifest.File, error) {
	n := b.o.Concurrency
	if n <= 0 {
		n = 8
	}
	out := make([]manifest.File, len(ws))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	for i, w := range ws {
		g.Go(func() error {
			s, err := b.fetch(gctx, w)
			if err != nil {
				return err
			}
			out[i] = manifest.File{Path: w.path, Size: s.Size, BlobSHA1: s.BlobSHA1, SHA256: s.SHA256, Mode: w.mode}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// download streams a blob into the cache, verified on the way. Only a blob
// of unknown size is buffered, because the git blob header needs the size
// before the first byte; those are bounded by MaxFileSize and only a few
// are in flight at once.
func (b *builder) download(ctx context.Context, w want) (verify.Sums, error) {
	// One byte past the declared size gets through, so that a blob longer
	// than its tree entry says is reported by the verifier as what it is:
	// a size mismatch (exit 4), not an oversized answer.
	max := w.size + 1
	if w.size < 0 {
		max = b.o.MaxFileSize
		select {
		case b.unsized <- struct{}{}:
			defer func() { <-b.unsized }()
		case <-ctx.Done():
			return verify.Sums{}, ctx.Err()
		}
	}
	rc, err := b.gh.OpenBlob(ctx, b.o.Owner, b.o.Repo, w.blob, max)
	if err != nil {
		return verify.Sums{}, err
	}
	defer rc.Close()
	var r io.Reader = rc
	size := w.size
	if size < 0 {
		data, err := io.ReadAll(rc)
		var tl *github.TooLargeError
		if errors.As(err, &tl) {
			return verify.Sums{}, &FileTooLargeError{Path: w.path, Size: -1, Max: max}
		}
		if err != nil {
			return verify.Sums{}, fmt.Errorf("download %s: %w", w.path, err)
		}
		size, r = int64(len(data)), bytes.NewReader(data)
	}
	return b.c.Put(ctx, verify.Expect{Path: w.path, Size: size, BlobSHA1: w.blob, SHA256: w.sha256}, r)
}

// brokenOff reports a download that ended early because the connection
// failed, as opposed to content that arrived and was wrong (never retried:
// a mismatch is an answer, not an accident).
func brokenOff(err error) bool {
	var me *verify.MismatchError
	if errors.As(err, &me) {
		return false
	}
	var ne net.Error
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.As(err, &ne)
}

func (b *builder) fetch(ctx context.Context, w want) (verify.Sums, error) {
	if !verify.ValidHex(w.blob, 40) {
		return verify.Sums{}, fmt.Errorf("%s: invalid blob SHA1 %q", w.path, w.blob)
	}
	s, ok, err := b.c.Lookup(ctx, w.blob)
	if err != nil {
		return s, err
	}
	if ok {
		b.cached.Add(1)
		// The cache proves the blob SHA1; size and SHA-256 still have to
		// match what was published.
		if w.size >= 0 && s.Size != w.size {
			return s, &verify.MismatchError{Path: w.path, Algo: verify.AlgoSize, Want: fmt.Sprint(w.size), Got: fmt.Sprint(s.Size)}
		}
	} else {
		attempts := 0
		for {
			attempts++
			s, err = b.download(ctx, w)
			if err == nil || attempts > b.o.Retries || !brokenOff(err) || ctx.Err() != nil {
				break
			}
		}
		var me *verify.MismatchError
		var ft *FileTooLargeError
		switch {
		case err == nil:
		case errors.As(err, &me), errors.As(err, &ft):
			return s, err // names the path already
		case brokenOff(err):
			// A bare "unexpected EOF" would not say what was being read.
			return s, fmt.Errorf("%s: download of blob %s broke off (%d attempts): %w", w.path, w.blob, attempts, err)
		default:
			return s, fmt.Errorf("%s: %w", w.path, err)
		}
		b.downloaded.Add(1)
	}
	for _, want := range []string{w.sha256, w.sidecar} {
		if want != "" && want != s.SHA256 {
			return s, &verify.MismatchError{Path: w.path, Algo: verify.AlgoSHA256, Want: want, Got: s.SHA256}
		}
	}
	return s, nil
}

// InvalidNameError is a repository, branch or tag name that cannot be
// right; checking it here keeps "..", "/" and friends out of API paths.
type InvalidNameError struct {
	What, Name, Why string
}

func (e *InvalidNameError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.What, e.Name, e.Why)
}

// ValidateRepo checks GitHub owner and repository names.
func ValidateRepo(owner, name string) error {
	for _, x := range []struct{ what, v string }{{"repository owner", owner}, {"repository name", name}} {
		if x.v == "" || x.v == "." || x.v == ".." {
			return &InvalidNameError{What: x.what, Name: x.v, Why: "use OWNER/NAME, e.g. acme/app"}
		}
		for _, c := range x.v {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
				return &InvalidNameError{What: x.what, Name: x.v, Why: "only letters, digits, '-', '_' and '.' are allowed"}
			}
		}
	}
	return nil
}

// ValidateRefName applies the parts of git's ref name rules that matter
// for building API paths (see git check-ref-format).
func ValidateRefName(what, name string) error {
	bad := func(why string) error { return &InvalidNameError{What: what, Name: name, Why: why} }
	if name == "" || name == "@" {
		return bad("empty")
	}
	if strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") || strings.Contains(name, "//") {
		return bad("no leading, trailing or doubled '/'")
	}
	if strings.Contains(name, "..") || strings.Contains(name, "@{") || strings.HasSuffix(name, ".lock") || strings.HasSuffix(name, ".") {
		return bad("git does not allow '..', '@{', a trailing '.' or '.lock'")
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return bad("no path component may start with '.'")
		}
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f || strings.ContainsRune(" ~^:?*[\\", c) {
			return bad("no spaces, control characters or any of ~^:?*[\\")
		}
	}
	return nil
}
