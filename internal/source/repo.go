package source

import (
	"fmt"
	"net/url"
	"strings"
)

// RepoForms are the ways --repo may name a GitHub repository, for help
// and errors.
const RepoForms = "OWNER/NAME, OWNER/NAME.git, https://github.com/OWNER/NAME (with or without .git) or git@github.com:OWNER/NAME.git"

// RepoError is a --repo that names no repository otapush can use. Its
// message never repeats credentials the input carried.
type RepoError struct {
	Input string // as shown: credentials masked
	Why   string
}

func (e *RepoError) Error() string {
	return fmt.Sprintf("--repo %q: %s (accepted: %s)", e.Input, e.Why, RepoForms)
}

// ParseRepo reads a repository name the way users paste it: OWNER/NAME,
// with or without .git, as a github.com web or clone URL, or the SSH
// form. A web URL that points into the repository (a branch, a release)
// is refused with the flags that say the same thing, rather than guessed
// at.
func ParseRepo(s string) (owner, name string, err error) {
	shown := maskCredentials(s)
	bad := func(why string) error { return &RepoError{Input: shown, Why: why} }
	in := strings.TrimSpace(s)
	var rest string
	switch {
	case strings.HasPrefix(in, "git@"):
		host, p, ok := strings.Cut(strings.TrimPrefix(in, "git@"), ":")
		if !ok || !isGitHubHost(host) {
			return "", "", bad(notGitHub(host))
		}
		rest = p
	case strings.Contains(in, "://"):
		u, perr := url.Parse(in)
		if perr != nil {
			return "", "", bad("not a URL otapush can read")
		}
		if u.User != nil && !(u.Scheme == "ssh" && u.User.Username() == "git") {
			return "", "", bad("carries credentials; leave them out (pass a token with --token or $GITHUB_TOKEN)")
		}
		if u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "ssh" && u.Scheme != "git" {
			return "", "", bad(fmt.Sprintf("scheme %q is not one otapush reads", u.Scheme))
		}
		if !isGitHubHost(u.Hostname()) {
			return "", "", bad(notGitHub(u.Hostname()))
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return "", "", bad("a repository URL has no query or #fragment; use https://github.com/OWNER/NAME")
		}
		rest = strings.TrimPrefix(u.Path, "/")
	case strings.HasPrefix(strings.ToLower(in), "github.com/"), strings.HasPrefix(strings.ToLower(in), "www.github.com/"):
		_, rest, _ = strings.Cut(in, "/")
	default:
		rest = in
	}
	rest = strings.TrimSuffix(rest, "/")
	parts := strings.Split(rest, "/")
	if len(parts) > 2 && parts[0] != "" && parts[1] != "" {
		repo := parts[0] + "/" + strings.TrimSuffix(parts[1], ".git")
		switch {
		case parts[2] == "tree" && len(parts) > 3:
			return "", "", bad(fmt.Sprintf("points at branch %s; say so with flags: --repo %s --branch %s", strings.Join(parts[3:], "/"), repo, strings.Join(parts[3:], "/")))
		case parts[2] == "releases" && len(parts) > 4 && parts[3] == "tag":
			return "", "", bad(fmt.Sprintf("points at release %s; say so with flags: --repo %s --tag %s", strings.Join(parts[4:], "/"), repo, strings.Join(parts[4:], "/")))
		}
		return "", "", bad(fmt.Sprintf("points inside repository %s; name the repository itself, e.g. --repo %s", repo, repo))
	}
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", "", bad("not a repository name")
	}
	owner, name = parts[0], strings.TrimSuffix(parts[1], ".git")
	if err := ValidateRepo(owner, name); err != nil {
		return "", "", bad(err.Error())
	}
	return owner, name, nil
}

func isGitHubHost(h string) bool {
	h = strings.ToLower(h)
	return h == "github.com" || h == "www.github.com"
}

func notGitHub(host string) string {
	return fmt.Sprintf("host %q is not github.com; for GitHub Enterprise pass --repo OWNER/NAME with --api-url https://%s/api/v3", host, host)
}

// maskCredentials hides a URL's password or token-as-user: the input is
// repeated in errors, and a pasted clone URL may carry a token.
func maskCredentials(s string) string {
	i := strings.Index(s, "://")
	if i < 0 {
		return s
	}
	rest := s[i+3:]
	at := strings.LastIndex(rest, "@")
	slash := strings.Index(rest, "/")
	if at < 0 || (slash >= 0 && at > slash) {
		return s
	}
	return s[:i+3] + "***@" + rest[at+1:]
}
