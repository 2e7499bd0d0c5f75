// Package github is otapush's narrow view of the GitHub REST API (go-github
// v62): resolve a release, tag or branch to a commit, list its tree, fetch
// blobs by SHA and release assets. It adds what v62 lacks: retries with
// backoff, 429 handling, token-safe redirects and a debug trace that never
// shows the token.
package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	gh "github.com/google/go-github/v62/github"
)

// DefaultAPIURL is github.com's API root.
const DefaultAPIURL = "https://api.github.com/"

// DefaultMaxBody bounds one JSON answer. GitHub's largest, a recursive
// tree, is cut at 7 MB (100,000 entries); twice that leaves room for
// GitHub Enterprise without letting an endless body fill memory.
const DefaultMaxBody = 16 << 20

// MaxTreeEntries bounds the entries of one tree, walked sub-tree by
// sub-tree included: GitHub's own recursive limit.
const MaxTreeEntries = 100_000

// Options configure a Client. Zero values get sensible defaults.
type Options struct {
	APIURL         string // GitHub Enterprise: https://HOST/api/v3/
	Token          string
	ConnectTimeout time.Duration
	HTTPTimeout    time.Duration // per request attempt, body included
	Retries        int
	Backoff        time.Duration
	// MaxWait is the longest rate-limit pause sat through silently; a
	// longer one fails with a *RateLimitError that says when to come back.
	MaxWait time.Duration
	// MaxBody bounds every API answer (JSON and error bodies); default
	// DefaultMaxBody. Raw blob and asset bodies are bounded by their
	// callers, by the size they expect.
	MaxBody int64
	// OnWait, when set, is told before every pause between attempts, so
	// a rate-limit wait is never silent.
	OnWait func(Wait)
	// Trace, when set, receives one line per HTTP request and per retry
	// (never the token).
	Trace io.Writer
	// Transport is the base transport (tests); default is a clone of
	// http.DefaultTransport with ConnectTimeout.
	Transport http.RoundTripper
	// Sleep and Now let tests run retries without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
}

// Client talks to one GitHub API host.
type Client struct {
	api     *gh.Client
	raw     *http.Client // for asset redirects; shares the transport stack
	apiURL  *url.URL
	token   string
	now     func() time.Time
	calls   atomic.Int64
	blobs   atomic.Int64
	assets  atomic.Int64
	traceTr *traceTransport
}

// New builds a client.
func New(o Options) (*Client, error) {
	if o.APIURL == "" {
		o.APIURL = DefaultAPIURL
	}
	u, err := ParseAPIURL(o.APIURL)
	if err != nil {
		return nil, err
	}
	if o.Token != "" && u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, &InsecureURLError{Host: u.Host}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.MaxWait == 0 {
		o.MaxWait = time.Minute
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	base := o.Transport
	if base == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if o.ConnectTimeout > 0 {
			tr.DialContext = (&net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
			tr.TLSHandshakeTimeout = o.ConnectTimeout
		}
		base = tr
	}
	c := &Client{apiURL: u, token: o.Token, now: o.Now}
	c.traceTr = &traceTransport{next: base, apiHost: u.Host, calls: &c.calls, w: o.Trace, token: o.Token}
	stack := &retryTransport{
		next:    &limitTransport{next: &authTransport{next: c.traceTr, apiScheme: u.Scheme, apiHost: u.Host, token: o.Token}, max: o.MaxBody},
		retries: o.Retries, backoff: o.Backoff, maxWait: o.MaxWait, timeout: o.HTTPTimeout,
		sleep: o.Sleep, now: o.Now,
		onWait: o.OnWait, trace: o.Trace, mu: &c.traceTr.mu, token: o.Token,
	}
	// go-github swaps CheckRedirect on its http.Client during asset
	// downloads, so it gets a client of its own.
	c.api = gh.NewClient(&http.Client{Transport: stack})
	c.api.BaseURL = u
	c.api.UploadURL = u
	c.api.UserAgent = "otapush"
	c.raw = &http.Client{Transport: stack}
	return c, nil
}

// ParseAPIURL accepts https://api.github.com, a GHE host (…/api/v3 is
// added when the path is empty) or a full API root, and always returns it
// with the trailing slash go-github needs to keep the path prefix.
func ParseAPIURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid API URL %q: want e.g. https://api.github.com or https://ghe.example.com/api/v3", s)
	}
	if u.User != nil {
		return nil, fmt.Errorf("invalid API URL: do not put credentials in the URL; use --token")
	}
	if u.Path == "" || u.Path == "/" {
		if u.Host != "api.github.com" {
			u.Path = "/api/v3"
		}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// IsLoopback reports whether host (without port) names this machine:
// plain http is acceptable only there, where nobody can listen in.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// APIHost is the host:port every request with the token goes to.
func (c *Client) APIHost() string { return c.apiURL.Host }

// Host is the API host, used to describe sources.
func (c *Client) Host() string {
	if c.apiURL.Host == "api.github.com" {
		return "github.com"
	}
	return c.apiURL.Host
}

// Stats counts requests made through the client.
type Stats struct {
	APICalls int64 // requests to the API host, every retry included
	Blobs    int64 // blob downloads started (answered 200)
	Assets   int64 // release asset downloads that succeeded
}

// Stats returns the counters so far.
func (c *Client) Stats() Stats {
	return Stats{APICalls: c.calls.Load(), Blobs: c.blobs.Load(), Assets: c.assets.Load()}
}

// Release is the part of a GitHub release otapush uses.
type Release struct {
	Tag    string
	Name   string
	Assets []Asset
}

// Asset is a release asset.
type Asset struct {
	ID   int64
	Name string
	Size int64
}

// FindAsset returns the asset called name.
func (r *Release) FindAsset(name string) (Asset, bool) {
	for _, a := range r.Assets {
		if a.Name == name {
			return a, true
		}
	}
	return Asset{}, false
}

// Release returns the latest release, or the release of tag when set.
func (c *Client) Release(ctx context.Context, owner, repo, tag string) (*Release, error) {
	var rel *gh.RepositoryRelease
	var err error
	what := fmt.Sprintf("latest release of %s/%s", owner, repo)
	if tag == "" {
		rel, _, err = c.api.Repositories.GetLatestRelease(ctx, owner, repo)
	} else {
		what = fmt.Sprintf("release %s of %s/%s", tag, owner, repo)
		rel, _, err = c.api.Repositories.GetReleaseByTag(ctx, owner, repo, url.PathEscape(tag))
	}
	if err != nil {
		return nil, c.wrap(err, what)
	}
	out := &Release{Tag: rel.GetTagName(), Name: rel.GetName()}
	if out.Tag == "" {
		return nil, fmt.Errorf("%s has no tag name", what)
	}
	for _, a := range rel.Assets {
		out.Assets = append(out.Assets, Asset{ID: a.GetID(), Name: a.GetName(), Size: int64(a.GetSize())})
	}
	return out, nil
}

// DefaultBranch returns the repository's default branch; it also tells
// "no such repository" (a NotFoundError) from "no release yet".
func (c *Client) DefaultBranch(ctx context.Context, owner, repo string) (string, error) {
	r, _, err := c.api.Repositories.Get(ctx, owner, repo)
	if err != nil {
		return "", c.wrap(err, fmt.Sprintf("repository %s/%s", owner, repo))
	}
	return r.GetDefaultBranch(), nil
}

// maxTagDepth bounds tag-of-a-tag chains; real ones are one level deep.
const maxTagDepth = 8

// RefCommit resolves "heads/BRANCH" or "tags/TAG" to a commit SHA, peeling
// annotated tags. It uses the refs API, never the branches API (which has
// no rate-limit handling in v62 and escapes differently).
func (c *Client) RefCommit(ctx context.Context, owner, repo, ref string) (string, error) {
	what := fmt.Sprintf("%s in %s/%s", describeRef(ref), owner, repo)
	r, _, err := c.api.Git.GetRef(ctx, owner, repo, ref)
	if err != nil {
		return "", c.wrap(err, what)
	}
	// An exact /git/ref/ lookup can still answer for a different ref on
	// some servers; never trust a ref we did not ask for.
	if got := strings.TrimPrefix(r.GetRef(), "refs/"); got != ref {
		return "", &NotFoundError{What: what, Authenticated: c.token != ""}
	}
	typ, sha := r.GetObject().GetType(), r.GetObject().GetSHA()
	for depth := 0; typ == "tag"; depth++ {
		if depth == maxTagDepth {
			return "", fmt.Errorf("%s: tag chain deeper than %d", what, maxTagDepth)
		}
		t, _, err := c.api.Git.GetTag(ctx, owner, repo, sha)
		if err != nil {
			return "", c.wrap(err, "annotated tag object of "+what)
		}
		typ, sha = t.GetObject().GetType(), t.GetObject().GetSHA()
	}
	if typ != "commit" {
		return "", fmt.Errorf("%s points to a %s, not a commit", what, typ)
	}
	if len(sha) != 40 {
		return "", fmt.Errorf("%s: GitHub returned an invalid commit SHA %q", what, sha)
	}
	return sha, nil
}

func describeRef(ref string) string {
	switch {
	case strings.HasPrefix(ref, "heads/"):
		return "branch " + strings.TrimPrefix(ref, "heads/")
	case strings.HasPrefix(ref, "tags/"):
		return "tag " + strings.TrimPrefix(ref, "tags/")
	}
	return "ref " + ref
}

// TreeEntry is one entry of a git tree, with its full path.
type TreeEntry struct {
	Path string
	Mode string // "100644", "100755", "120000" (symlink), "160000" (submodule), "040000"
	Type string // "blob", "tree", "commit"
	SHA  string
	Size int64
}

// Tree lists every entry under the commit or tree sha, recursively. When
// GitHub truncates the recursive listing (100,000 entries / 7 MB), it
// walks the sub-trees one by one instead.
func (c *Client) Tree(ctx context.Context, owner, repo, sha string) ([]TreeEntry, error) {
	what := fmt.Sprintf("tree of %s in %s/%s", sha, owner, repo)
	t, _, err := c.api.Git.GetTree(ctx, owner, repo, sha, true)
	if err != nil {
		return nil, c.wrap(err, what)
	}
	if !t.GetTruncated() {
		if len(t.Entries) > MaxTreeEntries {
			return nil, &TooManyError{What: what, Host: c.apiURL.Host, Max: MaxTreeEntries}
		}
		return convertEntries("", t.Entries), nil
	}
	var out []TreeEntry
	if err := c.walkTree(ctx, owner, repo, sha, "", &out, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// maxTreeDepth stops a malicious or broken server from recursing forever.
const maxTreeDepth = 64

func (c *Client) walkTree(ctx context.Context, owner, repo, sha, prefix string, out *[]TreeEntry, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("tree %s in %s/%s is nested deeper than %d levels", prefix, owner, repo, maxTreeDepth)
	}
	t, _, err := c.api.Git.GetTree(ctx, owner, repo, sha, false)
	if err != nil {
		return c.wrap(err, fmt.Sprintf("sub-tree %q of %s/%s", prefix, owner, repo))
	}
	if t.GetTruncated() {
		return fmt.Errorf("GitHub truncated even the non-recursive tree %q of %s/%s; the directory is too large", prefix, owner, repo)
	}
	if len(*out)+len(t.Entries) > MaxTreeEntries {
		return &TooManyError{What: fmt.Sprintf("tree of %s/%s", owner, repo), Host: c.apiURL.Host, Max: MaxTreeEntries}
	}
	for _, e := range convertEntries(prefix, t.Entries) {
		*out = append(*out, e)
		if e.Type == "tree" {
			if err := c.walkTree(ctx, owner, repo, e.SHA, e.Path+"/", out, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func convertEntries(prefix string, in []*gh.TreeEntry) []TreeEntry {
	out := make([]TreeEntry, 0, len(in))
	for _, e := range in {
		out = append(out, TreeEntry{Path: prefix + e.GetPath(), Mode: e.GetMode(), Type: e.GetType(), SHA: e.GetSHA(), Size: int64(e.GetSize())})
	}
	return out
}

// OpenBlob streams a blob's raw bytes by SHA (the same request as
// go-github's GetBlobRaw, which would buffer the whole blob). Reading more
// than max bytes fails with a *TooLargeError, so a server cannot fill the
// disk with an endless body. The caller verifies the bytes and closes the
// reader.
func (c *Client) OpenBlob(ctx context.Context, owner, repo, sha string, max int64) (io.ReadCloser, error) {
	what := fmt.Sprintf("blob %s in %s/%s", sha, owner, repo)
	req, err := c.api.NewRequest(http.MethodGet, fmt.Sprintf("repos/%v/%v/git/blobs/%v", owner, repo, sha), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	req.Header.Set("Accept", "application/vnd.github.v3.raw")
	resp, err := c.api.BareDo(ctx, req)
	if err != nil {
		return nil, c.wrap(err, what)
	}
	c.blobs.Add(1)
	return &boundedBody{ReadCloser: resp.Body, left: max, err: &TooLargeError{What: what, Host: c.apiURL.Host, Max: max}}, nil
}

// Asset downloads a release asset, refusing more than maxSize bytes. The
// redirect to the storage host is fetched here, with ctx, asking for
// octet-stream, and with the token only if it stays on the API host.
func (c *Client) Asset(ctx context.Context, owner, repo string, a Asset, maxSize int64) ([]byte, error) {
	what := fmt.Sprintf("release asset %s of %s/%s", a.Name, owner, repo)
	rc, loc, err := c.api.Repositories.DownloadReleaseAsset(ctx, owner, repo, a.ID, nil)
	if err != nil {
		return nil, c.wrap(err, what)
	}
	if rc == nil {
		u, err := c.apiURL.Parse(loc)
		if err != nil {
			// The parse error would quote the signed location.
			return nil, fmt.Errorf("%s (%s): GitHub redirected to a malformed location", what, c.apiURL.Host)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		req.Header.Set("Accept", "application/octet-stream")
		req.Header.Set("User-Agent", "otapush")
		resp, err := c.raw.Do(req)
		if err != nil {
			return nil, fmt.Errorf("download %s from %s: %w", what, u.Host, scrubURL(err, c.apiURL.Host))
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, &StatusError{What: fmt.Sprintf("%s (%s)", what, u.Host), Status: resp.StatusCode}
		}
		rc = resp.Body
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", what, scrubURL(err, c.apiURL.Host))
	}
	if int64(len(b)) > maxSize {
		return nil, fmt.Errorf("%s is larger than %d bytes; refusing it", what, maxSize)
	}
	c.assets.Add(1)
	return b, nil
}

// IsNotFound reports whether err means the thing asked for does not exist
// (or is invisible without a token).
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
