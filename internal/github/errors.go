package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	gh "github.com/google/go-github/v62/github"
)

const tokenHint = "pass a token with --token, GITHUB_TOKEN or GH_TOKEN (or \"token\" in the config)"

// InsecureURLError: a token would travel over plain http to a host that is
// not this machine.
type InsecureURLError struct {
	Host string
}

func (e *InsecureURLError) Error() string {
	return fmt.Sprintf("refusing to send the GitHub token over plain http to %s: use an https:// API URL (plain http is allowed only for localhost)", e.Host)
}

// TooLargeError: an answer went on past what it may be (an endless or
// hostile body); reading stopped there.
type TooLargeError struct {
	What string
	Host string
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s (%s): the answer is larger than %d bytes; refusing the rest", e.What, e.Host, e.Max)
}

// TooManyError: a listing has more entries than any real bundle.
type TooManyError struct {
	What string
	Host string
	Max  int
}

func (e *TooManyError) Error() string {
	return fmt.Sprintf("%s (%s): more than %d entries; refusing it (use allow/ignore on a smaller repository, or publish a manifest.json)", e.What, e.Host, e.Max)
}

// NotFoundError: a repository, release, ref or blob does not exist, or is
// private and the request was not authenticated.
type NotFoundError struct {
	What          string
	Authenticated bool
}

func (e *NotFoundError) Error() string {
	if e.Authenticated {
		return fmt.Sprintf("%s: not found on GitHub (check the name, or that the token can read this repository)", e.What)
	}
	return fmt.Sprintf("%s: not found on GitHub (check the name; if the repository is private, %s)", e.What, tokenHint)
}

// AuthError: GitHub refused the credentials (401) or the access (403).
type AuthError struct {
	What          string
	Status        int
	Message       string
	Authenticated bool
}

func (e *AuthError) Error() string {
	switch {
	case e.Status == http.StatusUnauthorized && e.Authenticated:
		return fmt.Sprintf("%s: GitHub rejected the token (401 %s); check that it is valid and not expired", e.What, e.Message)
	case e.Status == http.StatusUnauthorized:
		return fmt.Sprintf("%s: GitHub requires authentication (401 %s); %s", e.What, e.Message, tokenHint)
	}
	return fmt.Sprintf("%s: access forbidden (%d %s); check the token's permissions", e.What, e.Status, e.Message)
}

// RateLimitError: the API's rate limit is exhausted and the wait is too
// long to sit through.
type RateLimitError struct {
	What          string
	Limit         int
	Reset         time.Time // zero when unknown
	Now           time.Time
	Authenticated bool
}

func (e *RateLimitError) Error() string {
	when := "later"
	if !e.Reset.IsZero() {
		when = fmt.Sprintf("at %s (in %s)", e.Reset.UTC().Format("15:04:05 MST"), e.Reset.Sub(e.Now).Round(time.Second))
	}
	limit := ""
	if e.Limit > 0 {
		limit = fmt.Sprintf(" (%d requests/hour)", e.Limit)
	}
	if e.Authenticated {
		return fmt.Sprintf("%s: GitHub API rate limit exhausted%s; it resets %s, try again then", e.What, limit, when)
	}
	return fmt.Sprintf("%s: GitHub API rate limit exhausted%s; it resets %s. Unauthenticated clients get 60 requests/hour: %s to get 5000", e.What, limit, when, tokenHint)
}

// StatusError is any other unexpected HTTP status.
type StatusError struct {
	What    string
	Status  int
	Message string
}

func (e *StatusError) Error() string {
	msg := ""
	if e.Message != "" && e.Message != http.StatusText(e.Status) {
		msg = ": " + e.Message
	}
	return fmt.Sprintf("%s: GitHub answered %d %s%s", e.What, e.Status, http.StatusText(e.Status), msg)
}

// scrubURL hides the query of a URL in err when it is not on the API host:
// a redirect to storage carries a signed query that is as good as a
// password for as long as it lives. The error chain is kept.
func scrubURL(err error, apiHost string) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		ue.URL = "(unparsable URL)"
		return err
	}
	if u.Host != apiHost && u.RawQuery != "" {
		u.RawQuery = "REDACTED"
		ue.URL = u.String()
	}
	return err
}

// wrap turns go-github's errors into ours. go-github messages include the
// request URL, which is fine (it never holds the token), but ours say what
// was being fetched and what to do.
func (c *Client) wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	err = scrubURL(err, c.apiURL.Host)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s (%s): %w", what, c.apiURL.Host, err)
	}
	// Every message names the host that answered, so an API URL that
	// came from somewhere unexpected shows at once.
	what = fmt.Sprintf("%s (%s)", what, c.apiURL.Host)
	authed := c.token != ""
	var rl *gh.RateLimitError
	if errors.As(err, &rl) {
		return &RateLimitError{What: what, Limit: rl.Rate.Limit, Reset: rl.Rate.Reset.Time, Now: c.now(), Authenticated: authed}
	}
	var ab *gh.AbuseRateLimitError
	if errors.As(err, &ab) {
		e := &RateLimitError{What: what, Now: c.now(), Authenticated: authed}
		if ab.RetryAfter != nil {
			e.Reset = c.now().Add(*ab.RetryAfter)
		}
		return e
	}
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		status := er.Response.StatusCode
		switch {
		case status == http.StatusNotFound:
			return &NotFoundError{What: what, Authenticated: authed}
		case status == http.StatusTooManyRequests:
			// v62 does not type 429; read the headers ourselves.
			e := &RateLimitError{What: what, Now: c.now(), Authenticated: authed}
			e.Limit, _ = strconv.Atoi(er.Response.Header.Get("X-RateLimit-Limit"))
			if d, ok := retryAfter(er.Response.Header, c.now()); ok {
				e.Reset = c.now().Add(d)
			} else if d, ok := rateReset(er.Response.Header, c.now()); ok {
				e.Reset = c.now().Add(d)
			}
			return e
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return &AuthError{What: what, Status: status, Message: er.Message, Authenticated: authed}
		}
		return &StatusError{What: what, Status: status, Message: er.Message}
	}
	return fmt.Errorf("%s: %w", what, err)
}
