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
	dir, ref, version          string
	token, apiURL, cacheDir    string
	allow, ignore              []string
	maxFileSize                byteSize
	allowEmpty                 bool
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
	fl.StringVar(&f.repo, "repo", "", "GitHub repository: OWNER/NAME, a github.com URL or git@github.com:OWNER/NAME.git (config: owner + repo)")
	fl.StringVar(&f.channel, "channel", "", "stable (a release) or developer (a branch tip); default stable, or developer with --branch")
	fl.StringVar(&f.tag, "tag", "", "stable channel: this release tag instead of the latest release")
	fl.StringVar(&f.branch, "branch", "", "developer channel: the branch (default main)")
	fl.StringVar(&f.dir, "source", "", "plan from this local folder instead of GitHub (skips .git, dot-files, __pycache__, virtualenvs, .gitignore'd and .otapushignore'd files; a manifest.json there is the manifest)")
	fl.StringVar(&f.ref, "ref", "", "with --source: plan this git ref of the checkout (committed files only)")
	fl.StringVar(&f.version, "version", "", "with --source: the version the board records (default: manifest.json's, else git describe in a checkout, else a content hash)")
	fl.StringVar(&f.token, "token", "", "GitHub token (default $GITHUB_TOKEN, $GH_TOKEN, then the config's token)")
	fl.StringVar(&f.apiURL, "api-url", "", "GitHub API root, for GitHub Enterprise (e.g. https://ghe.example.com/api/v3)")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "verified blob cache (default <user cache dir>/otapush)")
	fl.StringSliceVar(&f.allow, "allow", nil, "only these files / directory prefixes (repeatable; replaces the config's allow)")
	f.maxFileSize = source.DefaultMaxFileSize
	fl.Var(&f.maxFileSize, "max-file-size", "refuse any file larger than this (declared sizes are refused before downloading): bytes, or with KiB/MiB")
	fl.StringSliceVar(&f.ignore, "ignore", nil, "skip these files / directory prefixes (repeatable; replaces the config's ignore)")
	fl.BoolVar(&f.allowEmpty, "allow-empty", false, "accept a plan with no files (an update then deletes every file of the app on the board)")
	if f.getenv == nil {
		f.getenv = os.Getenv
	}
	registerValueCompletion(cmd, "channel", "stable", "developer")
	registerRepoCompletion(cmd, "repo")
	// A version is the user's own name: nothing to offer, and no files.
	registerValueCompletion(cmd, "version")
	_ = cmd.MarkFlagDirname("source")
	_ = cmd.MarkFlagDirname("cache-dir")
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

// setup loads the config, lets the source package decide from it and the
// flags where the bundle comes from, and builds the clients.
func (f *sourceFlags) setup(cmd *cobra.Command, g *GlobalOptions) (*planSetup, error) {
	cfg, err := g.config()
	if err != nil {
		return nil, err
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	s := &planSetup{}
	for _, w := range config.Exposure(ctx, cfg) {
		s.notice = append(s.notice, "warning: "+w)
	}
	sel, err := source.Select(source.Request{
		Config:      cfg,
		ConfigNamed: g.ConfigPath != "",
		Flags:       f.given(cmd.Flags().Changed),
		Getenv:      f.getenv,
	})
	if err != nil {
		return nil, err
	}
	s.notice = append(s.notice, sel.Notices...)
	s.cfg, s.opts, s.token = sel.Config, sel.Options, sel.Token
	if !sel.Local() {
		if s.gh, err = newGitHub(g, sel); err != nil {
			return nil, err
		}
		if s.token != "" && s.gh.Host() != "github.com" {
			s.notice = append(s.notice, fmt.Sprintf("the GitHub token goes to %s (the API URL from %s)", s.gh.APIHost(), sel.APIURLFrom))
		}
	}
	if s.cache, err = openCache(f.cacheDir); err != nil {
		return nil, err
	}
	return s, nil
}

// given maps the flags onto the source's request: only the flags the user
// set, so the config fills in the rest.
func (f *sourceFlags) given(changed func(name string) bool) source.Flags {
	str := func(name string, v *string) *string {
		if changed(name) {
			return v
		}
		return nil
	}
	list := func(name string, v *[]string) *[]string {
		if changed(name) {
			return v
		}
		return nil
	}
	return source.Flags{
		Repo: str("repo", &f.repo), Channel: str("channel", &f.channel),
		Tag: str("tag", &f.tag), Branch: str("branch", &f.branch),
		Source: f.dir, Ref: str("ref", &f.ref), Version: str("version", &f.version),
		Token: f.token, APIURL: str("api-url", &f.apiURL),
		Allow: list("allow", &f.allow), Ignore: list("ignore", &f.ignore),
		MaxFileSize: int64(f.maxFileSize),
	}
}

// newGitHub builds the client for a GitHub source; its rate-limit pauses
// are announced on stderr, and --debug traces it with the token redacted.
func newGitHub(g *GlobalOptions, sel source.Selection) (*github.Client, error) {
	cfg := sel.Config
	gopts := github.Options{
		APIURL:         sel.APIURL,
		Token:          sel.Token,
		ConnectTimeout: time.Duration(cfg.ConnectTimeoutSec) * time.Second,
		HTTPTimeout:    time.Duration(cfg.HTTPTimeoutSec) * time.Second,
		Retries:        cfg.Retries,
		Backoff:        time.Duration(cfg.BackoffSec) * time.Second,
	}
	if g.Debug || cfg.Debug {
		gopts.Trace = &redactingWriter{w: g.IO.ErrOut, secret: sel.Token}
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
	return gh, nil
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
	for _, n := range p.Notes {
		fmt.Fprintf(g.IO.ErrOut, "otapush: note: %s\n", termsafe.Text(n))
	}
	if len(p.Withheld) > 0 {
		fmt.Fprintf(g.IO.ErrOut, "otapush: note: never pushed to a board (otapush config, may hold secrets): %s\n", termsafe.String(strings.Join(p.Withheld, ", ")))
	}
	if len(p.Files) == 0 && !f.allowEmpty {
		return nil, s, st, f.emptyError(cmd, p, s)
	}
	for _, w := range p.Warnings() {
		fmt.Fprintf(g.IO.ErrOut, "otapush: warning: %s\n", w)
	}
	return p, s, st, nil
}

// emptyError refuses a plan without files, saying what the user gave that
// made it empty: pushed, it would delete the whole app from the board.
func (f *sourceFlags) emptyError(cmd *cobra.Command, p *manifest.Plan, s *planSetup) error {
	from := func(flag, key string) string {
		if cmd.Flags().Changed(flag) {
			return "--" + flag
		}
		return "the config's " + key
	}
	var why []string
	rules := s.opts.Rules
	if len(rules.Allow) > 0 {
		why = append(why, fmt.Sprintf("%s %s", from("allow", "allow"), strings.Join(rules.Allow, ",")))
	}
	if len(rules.Ignore) > 0 {
		why = append(why, fmt.Sprintf("%s %s", from("ignore", "ignore"), strings.Join(rules.Ignore, ",")))
	}
	msg := fmt.Sprintf("the plan has no files: %s holds none", p.Source)
	if len(p.Filtered) > 0 {
		verb := "leave"
		if len(why) == 1 {
			verb = "leaves"
		}
		msg = fmt.Sprintf("the plan has no files: %s %s out all %s of %s (rules match exact files or folders, case-sensitively)", strings.Join(why, " and "), verb, count(len(p.Filtered), "file"), p.Source)
	} else if len(p.Withheld) > 0 {
		msg = fmt.Sprintf("the plan has no files: %s holds only otapush config files, which are never pushed", p.Source)
	}
	return usageErrorf("%s. An update would delete every file of the app on the board; check the source and the filters, or pass --allow-empty if that is what you want", termsafe.String(msg))
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
	var ue *source.UsageError
	var fe *source.FileTooLargeError
	code := ExitSource
	switch {
	case errors.As(err, &ee):
		code = ee.Code
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &ce), errors.As(err, &ne), errors.As(err, &ue):
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
