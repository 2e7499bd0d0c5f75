package source

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/manifest"
)

// Request is what the user asked for: the loaded config, the flags given on
// the command line and the environment. Select turns it into a Selection.
type Request struct {
	Config config.Config
	// ConfigNamed is true when the user named the config file (--config).
	// Only a named file may choose where the token goes.
	ConfigNamed bool
	Flags       Flags
	// Getenv reads the environment (GITHUB_TOKEN, GH_TOKEN); nil reads
	// nothing.
	Getenv func(string) string
}

// Flags are the command-line choices. A nil pointer is a flag not given,
// which is not the same as one given empty: an empty --api-url still
// overrides the config's, and an empty --repo is an error.
type Flags struct {
	Repo, Channel, Tag, Branch *string
	// Source is --source DIR: plan a local folder ("" = GitHub).
	Source string
	Ref    *string
	// Version is --version: a local bundle's version.
	Version *string
	// Token is --token ("" = not given: the environment, then a named
	// config, supply it).
	Token         string
	APIURL        *string
	Allow, Ignore *[]string
	MaxFileSize   int64
}

// Selection is where the bundle comes from and with which credentials.
type Selection struct {
	Options Options
	// Config is the config as Select trusted it: without token and api_url
	// when the file was only picked up from the working directory.
	Config config.Config
	// Token and APIURL are for the GitHub client; both "" for a local
	// source. APIURLFrom names where APIURL came from ("--api-url" or the
	// config file), for telling the user where the token goes.
	Token, APIURL, APIURLFrom string
	// Notices are worth telling the user (on stderr).
	Notices []string
}

// Local reports whether the bundle comes from a local folder.
func (s Selection) Local() bool { return s.Options.Dir != "" }

// UsageError is a request that cannot be met as asked: conflicting or
// malformed choices. The command line reports it as a usage error.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// Select applies the source-selection policy: flags win over the config; a
// local folder excludes every GitHub choice; --branch alone means the
// developer channel; the token comes from --token, then $GITHUB_TOKEN, then
// $GH_TOKEN, then a config file the user named. Errors are *UsageError,
// or *config.Error when the config contradicts itself.
func Select(r Request) (Selection, error) {
	cfg, f := r.Config, r.Flags
	var s Selection
	if !r.ConfigNamed && (cfg.Token != "" || cfg.APIURL != "") {
		// Whoever can drop a file into the working directory (a cloned
		// app repository, a pull request in CI) would otherwise choose
		// where GITHUB_TOKEN goes. Only a file the user named is trusted.
		s.Notices = append(s.Notices, fmt.Sprintf("ignoring \"token\" and \"api_url\" in %s: it was read only because it is in the working directory; pass --config %s to use them, or --token / --api-url",
			cfg.Path, cfg.Path))
		cfg.Token, cfg.APIURL = "", ""
	}
	if len(cfg.Unused) > 0 {
		s.Notices = append(s.Notices, fmt.Sprintf("config keys %s are for the on-board updater; otapush ignores them on the host", strings.Join(cfg.Unused, ", ")))
	}
	s.Config = cfg

	o := Options{MaxFileSize: f.MaxFileSize, Rules: manifest.Rules{Allow: cfg.Allow, Ignore: cfg.Ignore}}
	if f.Allow != nil {
		o.Rules.Allow = *f.Allow
	}
	if f.Ignore != nil {
		o.Rules.Ignore = *f.Ignore
	}
	if err := o.Rules.Validate(); err != nil {
		return Selection{}, &UsageError{Err: err}
	}

	if f.Source != "" {
		if f.Repo != nil || f.Tag != nil || f.Branch != nil || f.Channel != nil {
			return Selection{}, usagef("--source plans a local folder; it cannot be combined with --repo, --channel, --tag or --branch")
		}
		o.Dir = f.Source
		if f.Ref != nil {
			o.Ref = *f.Ref
		}
		if f.Version != nil {
			if err := ValidateVersion(*f.Version); err != nil {
				return Selection{}, &UsageError{Err: err}
			}
			o.Version = *f.Version
		}
		if cfg.Path != "" {
			o.Configs = []string{cfg.Path}
		}
		s.Options = o
		return s, nil
	}
	if f.Ref != nil {
		return Selection{}, usagef("--ref needs --source DIR (a local git checkout); for GitHub use --tag or --branch")
	}
	if f.Version != nil {
		return Selection{}, usagef("--version names a local bundle's version and needs --source DIR; a GitHub bundle's version is its release tag, its manifest.json's version or branch@commit")
	}

	owner, name, err := repoOf(cfg, f.Repo)
	if err != nil {
		return Selection{}, err
	}
	o.Owner, o.Repo = owner, name
	o.Retries = cfg.Retries
	if err := selectRef(&o, cfg, f); err != nil {
		return Selection{}, err
	}
	s.Options = o

	s.Token = tokenOf(f.Token, r.Getenv, cfg.Token)
	s.APIURL, s.APIURLFrom = cfg.APIURL, cfg.Path
	if f.APIURL != nil {
		s.APIURL, s.APIURLFrom = *f.APIURL, "--api-url"
	}
	return s, nil
}

// repoOf is the GitHub repository: --repo, else the config's owner and
// repo (which may be written "owner/name" in repo alone).
func repoOf(cfg config.Config, flag *string) (owner, name string, err error) {
	owner, name = cfg.Owner, cfg.Repo
	if strings.ContainsAny(name, "/:") {
		o, n, err := ParseRepo(name)
		if err != nil {
			var re *RepoError
			if errors.As(err, &re) {
				return "", "", &config.Error{Path: cfg.Path, Key: "repo", Msg: fmt.Sprintf("%q: %s (accepted: %s)", re.Input, re.Why, RepoForms)}
			}
			return "", "", err
		}
		if owner != "" && owner != o {
			return "", "", &config.Error{Path: cfg.Path, Key: "repo", Msg: fmt.Sprintf("%q names owner %q but \"owner\" is %q; use one or the other", name, o, owner)}
		}
		owner, name = o, n
	}
	if flag != nil {
		if owner, name, err = ParseRepo(*flag); err != nil {
			return "", "", &UsageError{Err: err}
		}
	}
	if owner == "" || name == "" {
		return "", "", usagef("no source: pass --repo OWNER/NAME (or owner and repo in the config), or --source DIR")
	}
	if err := ValidateRepo(owner, name); err != nil {
		return "", "", &UsageError{Err: err}
	}
	return owner, name, nil
}

// selectRef sets o's channel, branch and tag: flags over the config, and a
// --branch without a channel anywhere means the developer channel.
func selectRef(o *Options, cfg config.Config, f Flags) error {
	o.Channel = cfg.Channel
	switch {
	case f.Channel != nil:
		o.Channel = *f.Channel
		if o.Channel != ChannelStable && o.Channel != ChannelDeveloper {
			return usagef("--channel must be stable or developer, got %q", o.Channel)
		}
	case f.Branch != nil && !cfg.Set["channel"]:
		o.Channel = ChannelDeveloper
	}
	o.Branch, o.Tag = cfg.Branch, cfg.Tag
	if f.Branch != nil {
		o.Branch = *f.Branch
	}
	if f.Tag != nil {
		o.Tag = *f.Tag
	}
	for _, r := range []struct{ what, name string }{{"branch", o.Branch}, {"tag", o.Tag}} {
		if r.name != "" {
			if err := ValidateRefName(r.what, r.name); err != nil {
				return &UsageError{Err: err}
			}
		}
	}
	if o.Channel == ChannelStable && f.Branch != nil {
		return usagef("--branch selects the developer channel's branch; the stable channel uses releases (--tag)")
	}
	if o.Channel == ChannelDeveloper && f.Tag != nil {
		return usagef("--tag selects a release on the stable channel; the developer channel uses --branch")
	}
	return nil
}

// tokenOf is the first of --token, $GITHUB_TOKEN, $GH_TOKEN and the
// (trusted) config's token that is not blank.
func tokenOf(flag string, getenv func(string) string, cfgToken string) string {
	token := strings.TrimSpace(flag)
	for _, v := range []string{"GITHUB_TOKEN", "GH_TOKEN"} {
		if token == "" && getenv != nil {
			token = strings.TrimSpace(getenv(v))
		}
	}
	if token == "" {
		token = cfgToken
	}
	return token
}

// ValidateVersion checks a --version: it is shown on terminals and
// recorded on the board, so it is one short line of printable text.
func ValidateVersion(v string) error {
	bad := func(why string) error { return &InvalidNameError{What: "version", Name: v, Why: why} }
	switch {
	case strings.TrimSpace(v) == "":
		return bad("empty; give a name such as v1.2.0, or leave --version out")
	case len(v) > 64:
		return bad("longer than 64 bytes")
	case !utf8.ValidString(v):
		return bad("not valid UTF-8")
	}
	for _, c := range v {
		if unicode.IsControl(c) {
			return bad("control characters are not allowed")
		}
	}
	return nil
}
