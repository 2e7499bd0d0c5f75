package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/cache"
	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/source"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/verify"
)

// sourceFlags are the flags of every command that needs a plan (plan,
// update). A command calls register in its constructor and resolvePlan in
// its run function; nothing else about sources lives in the command.
type sourceFlags struct {
	repo, channel, tag, branch string
	dir, ref                   string
	token, apiURL, cacheDir    string
	allow, ignore              []string
	maxFileSize                byteSize
	getenv                     func(string) string
}

// byteSize is a flag value in bytes: 1048576, 512KiB, 16MiB, 2MB.
type byteSize int64

func (b *byteSize) String() string {
	switch n := int64(*b); {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	default:
		return strconv.FormatInt(n, 10)
	}
}
func (b *byteSize) Type() string { return "size" }

func (b *byteSize) Set(s string) error {
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	mult := map[string]int64{"": 1, "B": 1, "K": 1 << 10, "KIB": 1 << 10, "KB": 1000, "M": 1 << 20, "MIB": 1 << 20, "MB": 1000 * 1000, "G": 1 << 30, "GIB": 1 << 30, "GB": 1000 * 1000 * 1000}
	m, ok := mult[strings.ToUpper(strings.TrimSpace(s[len(num):]))]
	n, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || n <= 0 || n > math.MaxInt64/m {
		return fmt.Errorf("want a positive size such as 1048576, 512KiB or 16MiB, got %q", s)
	}
	*b = byteSize(n * m)
	return nil
}

func (f *sourceFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.repo, "repo", "", "GitHub repository OWNER/NAME (config: owner + repo)")
	fl.StringVar(&f.channel, "channel", "", "stable (a release) or developer (a branch tip); default stable, or developer with --branch")
	fl.StringVar(&f.tag, "tag", "", "stable channel: this release tag instead of the latest release")
	fl.StringVar(&f.branch, "branch", "", "developer channel: the branch (default main)")
	fl.StringVar(&f.dir, "source", "", "plan from this local folder instead of GitHub")
	fl.StringVar(&f.ref, "ref", "", "with --source: plan this git ref of the checkout (committed files only)")
	fl.StringVar(&f.token, "token", "", "GitHub token (default $GITHUB_TOKEN, $GH_TOKEN, then the config's token)")
	fl.StringVar(&f.apiURL, "api-url", "", "GitHub API root, for GitHub Enterprise (e.g. https://ghe.example.com/api/v3)")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "verified blob cache (default <user cache dir>/otapush)")
	fl.StringSliceVar(&f.allow, "allow", nil, "only these files / directory prefixes (repeatable; replaces the config's allow)")
	f.maxFileSize = source.DefaultMaxFileSize
	fl.Var(&f.maxFileSize, "max-file-size", "refuse any file larger than this (declared sizes are refused before downloading): bytes, or with KiB/MiB")
	fl.StringSliceVar(&f.ignore, "ignore", nil, "skip these files / directory prefixes (repeatable; replaces the config's ignore)")
	if f.getenv == nil {
		f.getenv = os.Getenv
	}
}

// planSetup is what resolving flags and config produced.
type planSetup struct {
	cfg    config.Config
	opts   source.Options
	gh     *github.Client // nil for local sources
	cache  *cache.Cache
	token  string
	notice []string // things worth telling the user on stderr
}

// setup merges config and flags (flags win) and builds the clients.
func (f *sourceFlags) setup(cmd *cobra.Command, g *GlobalOptions) (*planSetup, error) {
	cfg, err := config.Load(g.ConfigPath)
	if err != nil {
		return nil, err
	}
	s := &planSetup{cfg: cfg}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	for _, w := range config.Exposure(ctx, cfg) {
		s.notice = append(s.notice, "warning: "+w)
	}
	if g.ConfigPath == "" && (cfg.Token != "" || cfg.APIURL != "") {
		// Whoever can drop a file into the working directory (a cloned
		// app repository, a pull request in CI) would otherwise choose
		// where GITHUB_TOKEN goes. Only a file the user named is trusted.
		s.notice = append(s.notice, fmt.Sprintf("ignoring \"token\" and \"api_url\" in %s: it was read only because it is in the working directory; pass --config %s to use them, or --token / --api-url",
			cfg.Path, cfg.Path))
		cfg.Token, cfg.APIURL = "", ""
		s.cfg = cfg
	}
	if len(cfg.Unused) > 0 {
		s.notice = append(s.notice, fmt.Sprintf("config keys %s are for the on-board updater; otapush ignores them on the host", strings.Join(cfg.Unused, ", ")))
	}
	changed := cmd.Flags().Changed
	o := source.Options{MaxFileSize: int64(f.maxFileSize)}

	if changed("allow") {
		cfg.Allow = f.allow
	}
	if changed("ignore") {
		cfg.Ignore = f.ignore
	}
	o.Rules = manifest.Rules{Allow: cfg.Allow, Ignore: cfg.Ignore}
	if err := o.Rules.Validate(); err != nil {
		return nil, usageErrorf("%v", err)
	}

	dir := f.dir
	if dir != "" {
		if changed("repo") || changed("tag") || changed("branch") || changed("channel") {
			return nil, usageErrorf("--source plans a local folder; it cannot be combined with --repo, --channel, --tag or --branch")
		}
		o.Dir, o.Ref = dir, f.ref
		if cfg.Path != "" {
			o.Configs = []string{cfg.Path}
		}
		c, err := openCache(f.cacheDir)
		if err != nil {
			return nil, err
		}
		s.opts, s.cache = o, c
		return s, nil
	}
	if changed("ref") {
		return nil, usageErrorf("--ref needs --source DIR (a local git checkout); for GitHub use --tag or --branch")
	}

	owner, name := cfg.Owner, cfg.Repo
	if o, n, ok := strings.Cut(name, "/"); ok {
		if owner != "" && owner != o {
			return nil, &config.Error{Path: cfg.Path, Key: "repo", Msg: fmt.Sprintf("%q names owner %q but \"owner\" is %q; use one or the other", name, o, owner)}
		}
		owner, name = o, n
	}
	if changed("repo") {
		var ok bool
		owner, name, ok = strings.Cut(f.repo, "/")
		if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
			return nil, usageErrorf("--repo must be OWNER/NAME, got %q", f.repo)
		}
	}
	if owner == "" || name == "" {
		return nil, usageErrorf("no source: pass --repo OWNER/NAME (or owner and repo in the config), or --source DIR")
	}
	if err := source.ValidateRepo(owner, name); err != nil {
		return nil, usageErrorf("%v", err)
	}
	o.Owner, o.Repo = owner, name
	o.Retries = cfg.Retries

	channel := cfg.Channel
	switch {
	case changed("channel"):
		channel = f.channel
		if channel != source.ChannelStable && channel != source.ChannelDeveloper {
			return nil, usageErrorf("--channel must be stable or developer, got %q", channel)
		}
	case changed("branch") && !cfg.Set["channel"]:
		channel = source.ChannelDeveloper
	}
	o.Channel = channel
	o.Branch, o.Tag = cfg.Branch, cfg.Tag
	if changed("branch") {
		o.Branch = f.branch
	}
	if changed("tag") {
		o.Tag = f.tag
	}
	for _, r := range []struct{ what, name string }{{"branch", o.Branch}, {"tag", o.Tag}} {
		if r.name != "" {
			if err := source.ValidateRefName(r.what, r.name); err != nil {
				return nil, usageErrorf("%v", err)
			}
		}
	}
	if channel == source.ChannelStable && changed("branch") {
		return nil, usageErrorf("--branch selects the developer channel's branch; the stable channel uses releases (--tag)")
	}
	if channel == source.ChannelDeveloper && changed("tag") {
		return nil, usageErrorf("--tag selects a release on the stable channel; the developer channel uses --branch")
	}

	token := strings.TrimSpace(f.token)
	for _, v := range []string{"GITHUB_TOKEN", "GH_TOKEN"} {
		if token == "" {
			token = strings.TrimSpace(f.getenv(v))
		}
	}
	if token == "" {
		token = cfg.Token
	}
	s.token = token
	apiURL := cfg.APIURL
	if changed("api-url") {
		apiURL = f.apiURL
	}
	gopts := github.Options{
		APIURL:         apiURL,
		Token:          token,
		ConnectTimeout: time.Duration(cfg.ConnectTimeoutSec) * time.Second,
		HTTPTimeout:    time.Duration(cfg.HTTPTimeoutSec) * time.Second,
		Retries:        cfg.Retries,
		Backoff:        time.Duration(cfg.BackoffSec) * time.Second,
	}
	if g.Debug || cfg.Debug {
		gopts.Trace = &redactingWriter{w: g.IO.ErrOut, secret: token}
	}
	var waitMu sync.Mutex
	gopts.OnWait = func(w github.Wait) {
		// A rate-limit pause can last a minute: say so, and for how long,
		// instead of looking hung. Other retries show in --debug.
		if !w.RateLimit {
			return
		}
		waitMu.Lock()
		defer waitMu.Unlock()
		fmt.Fprintf(g.IO.ErrOut, "otapush: %s asks to slow down (%s): waiting %s before trying again (retry %d of %d)\n",
			termsafe.String(w.Host), termsafe.String(w.Reason), w.Delay.Round(time.Second), w.Attempt, w.Retries)
	}
	gh, err := github.New(gopts)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if token != "" && gh.Host() != "github.com" {
		s.notice = append(s.notice, fmt.Sprintf("the GitHub token goes to %s (the API URL from %s)", gh.APIHost(), apiURLOrigin(changed("api-url"), cfg.Path)))
	}
	c, err := openCache(f.cacheDir)
	if err != nil {
		return nil, err
	}
	s.opts, s.gh, s.cache = o, gh, c
	return s, nil
}

func apiURLOrigin(flag bool, path string) string {
	if flag {
		return "--api-url"
	}
	return path
}

func openCache(dir string) (*cache.Cache, error) {
	if dir == "" {
		d, err := cache.DefaultDir()
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		dir = d
	}
	c, err := cache.New(dir)
	if err != nil {
		return nil, WithExit(ExitGeneric, err)
	}
	return c, nil
}

// resolvePlan is the one entry point commands use: flags + config in, a
// verified plan (bytes in s.cache, which is its manifest.BlobStore) out.
// Errors come back classified with exit codes and scrubbed of the token.
func (f *sourceFlags) resolvePlan(ctx context.Context, cmd *cobra.Command, g *GlobalOptions) (*manifest.Plan, *planSetup, source.Stats, error) {
	s, err := f.setup(cmd, g)
	if err != nil {
		return nil, nil, source.Stats{}, classifySourceError(err, "")
	}
	for _, n := range s.notice {
		n = termsafe.Text(n)
		if strings.HasPrefix(n, "warning: ") {
			fmt.Fprintf(g.IO.ErrOut, "otapush: %s\n", n)
			continue
		}
		fmt.Fprintf(g.IO.ErrOut, "otapush: note: %s\n", n)
	}
	p, st, err := source.Build(ctx, s.opts, s.gh, s.cache)
	if err != nil {
		return nil, s, st, classifySourceError(err, s.token)
	}
	if len(p.Withheld) > 0 {
		fmt.Fprintf(g.IO.ErrOut, "otapush: note: never pushed to a board (otapush config, may hold secrets): %s\n", termsafe.String(strings.Join(p.Withheld, ", ")))
	}
	return p, s, st, nil
}

// classifySourceError maps the source side's typed errors to exit codes.
func classifySourceError(err error, token string) error {
	if err == nil {
		return nil
	}
	var ee *ExitError
	var ce *config.Error
	var me *verify.MismatchError
	var pe *manifest.PathError
	var re *manifest.RefusedError
	var mpe *manifest.ParseError
	var le *local.Error
	var ne *source.InvalidNameError
	var fe *source.FileTooLargeError
	code := ExitSource
	switch {
	case errors.As(err, &ee):
		code = ee.Code
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &ce), errors.As(err, &ne):
		code = ExitUsage
	case errors.As(err, &me), errors.As(err, &pe), errors.As(err, &re), errors.As(err, &mpe), errors.As(err, &fe):
		// A file refused for its size is refused like a symlink: the
		// bundle is not one otapush will push as it stands.
		code = ExitVerify
	case errors.As(err, &le):
		code = ExitSource
	}
	if token != "" && strings.Contains(err.Error(), token) {
		err = &redactedError{err: err, msg: strings.ReplaceAll(err.Error(), token, "[REDACTED]")}
	}
	return WithExit(code, err)
}

// redactedError keeps the error chain (for errors.As) but never prints the
// token.
type redactedError struct {
	err error
	msg string
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactingWriter is a last line of defence for debug traces: whatever a
// lower layer writes, the token never reaches the terminal. Lines are
// written whole by the trace, so a token cannot straddle two writes.
type redactingWriter struct {
	w      io.Writer
	secret string
}

func (r *redactingWriter) Write(p []byte) (int, error) {
	if r.secret == "" {
		return r.w.Write(p)
	}
	s := strings.ReplaceAll(string(p), r.secret, "[REDACTED]")
	if _, err := io.WriteString(r.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
