package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// authTransport adds the token only to requests for the API's scheme and
// host:port, so a redirect to an object store, another port, or from https
// down to http never carries it. net/http would keep an Authorization
// header on a same-host redirect whatever the scheme; adding it here, per
// request, instead of on the request leaves nothing for a redirect to copy.
type authTransport struct {
	next      http.RoundTripper
	apiScheme string
	apiHost   string
	token     string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") != "" {
		// Whatever put it there, only this transport decides who gets it.
		req = req.Clone(req.Context())
		req.Header.Del("Authorization")
	}
	if t.token == "" || req.URL.Host != t.apiHost || req.URL.Scheme != t.apiScheme {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.next.RoundTrip(r)
}

// limitTransport bounds every answer's body, so an endless answer fails
// instead of filling memory. Successful raw downloads (blobs, assets) are
// left to their callers, who know the size to expect.
type limitTransport struct {
	next http.RoundTripper
	max  int64
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	accept := req.Header.Get("Accept")
	raw := accept == "application/octet-stream" || accept == "application/vnd.github.v3.raw"
	if raw && resp.StatusCode/100 == 2 {
		return resp, nil
	}
	what := fmt.Sprintf("answer to %s %s", req.Method, req.URL.Path)
	resp.Body = &boundedBody{ReadCloser: resp.Body, left: t.max, err: &TooLargeError{What: what, Host: req.URL.Host, Max: t.max}}
	return resp, nil
}

// traceTransport counts API requests and writes one line per request to
// the debug trace. It sees each attempt of a retried request.
type traceTransport struct {
	next    http.RoundTripper
	apiHost string
	calls   *atomic.Int64
	mu      sync.Mutex
	w       io.Writer // nil: no trace
	token   string
}

func (t *traceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == t.apiHost {
		t.calls.Add(1)
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if t.w != nil {
		status := "error: " + redact(fmt.Sprint(err), t.token)
		if err == nil {
			status = strconv.Itoa(resp.StatusCode)
			if rem := resp.Header.Get("X-RateLimit-Remaining"); rem != "" {
				status += " (rate limit remaining " + rem + ")"
			}
		}
		line := fmt.Sprintf("http: %s %s -> %s in %s\n", req.Method, t.showURL(req.URL), status, time.Since(start).Round(time.Millisecond))
		t.mu.Lock()
		io.WriteString(t.w, redact(line, t.token))
		t.mu.Unlock()
	}
	return resp, err
}

// showURL drops credentials, and the query of non-API URLs: object-store
// redirects carry signed query strings that are as good as a password.
func (t *traceTransport) showURL(u *url.URL) string {
	c := *u
	c.User = nil
	if c.Host != t.apiHost && c.RawQuery != "" {
		c.RawQuery = "REDACTED"
	}
	return c.String()
}

func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[REDACTED]")
}

// retryTransport retries idempotent GETs on network errors, 5xx and rate
// limits, honouring Retry-After and X-RateLimit-Reset. It does the waiting
// itself because go-github v62 neither retries nor recognises 429.
type retryTransport struct {
	next    http.RoundTripper
	retries int
	backoff time.Duration
	maxWait time.Duration
	timeout time.Duration // per attempt, including reading the body
	sleep   func(ctx context.Context, d time.Duration) error
	now     func() time.Time
	onWait  func(Wait)  // nil: nobody is told
	trace   io.Writer   // nil: no trace
	mu      *sync.Mutex // shared with the trace's lines
	token   string
}

// Wait is a pause before a request is tried again.
type Wait struct {
	Host      string
	Method    string
	Path      string
	Attempt   int // the attempt that failed, from 1
	Retries   int // how many retries are allowed in all
	Delay     time.Duration
	RateLimit bool   // GitHub asked to slow down (429, 403 rate limit)
	Reason    string // "429 Too Many Requests", "503 Service Unavailable", the network error
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		ctx, cancel := context.WithCancel(req.Context())
		if t.timeout > 0 {
			ctx, cancel = context.WithTimeout(req.Context(), t.timeout)
		}
		resp, err := t.next.RoundTrip(req.WithContext(ctx))
		if req.Context().Err() != nil {
			cancel()
			return resp, req.Context().Err()
		}
		wait, retry := t.classify(resp, err, attempt)
		if req.Method != http.MethodGet || !retry || attempt >= t.retries || wait > t.maxWait {
			if resp != nil {
				resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
			} else {
				cancel()
			}
			return resp, err
		}
		w := Wait{Host: req.URL.Host, Method: req.Method, Path: req.URL.Path, Attempt: attempt + 1, Retries: t.retries, Delay: wait}
		if resp != nil {
			w.Reason = resp.Status
			w.RateLimit = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusForbidden
			// Drain before cancelling so the connection can be reused.
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		} else {
			w.Reason = redact(err.Error(), t.token)
		}
		cancel()
		t.announce(w)
		if serr := t.sleep(req.Context(), wait); serr != nil {
			return nil, serr
		}
	}
}

func (t *retryTransport) announce(w Wait) {
	if t.onWait != nil {
		t.onWait(w)
	}
	if t.trace != nil {
		line := fmt.Sprintf("http: retry %d/%d of %s %s%s in %s after %s\n", w.Attempt, w.Retries, w.Method, w.Host, w.Path, w.Delay, w.Reason)
		t.mu.Lock()
		io.WriteString(t.trace, redact(line, t.token))
		t.mu.Unlock()
	}
}

// permanent reports network errors that waiting cannot fix: a host name
// that does not resolve stays unresolved for the next few seconds.
func permanent(err error) bool {
	var de *net.DNSError
	if errors.As(err, &de) {
		return de.IsNotFound || !(de.IsTemporary || de.IsTimeout)
	}
	return false
}

func (t *retryTransport) classify(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	backoff := t.backoff << min(attempt, 3)
	if err != nil {
		if permanent(err) {
			return 0, false
		}
		return backoff, true
	}
	ra, hasRA := retryAfter(resp.Header, t.now())
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if hasRA {
			return ra, true
		}
		if reset, ok := rateReset(resp.Header, t.now()); ok {
			return reset, true
		}
		return backoff, true
	case resp.StatusCode == http.StatusForbidden:
		if hasRA {
			return ra, true // secondary rate limit
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			if reset, ok := rateReset(resp.Header, t.now()); ok {
				return reset, true
			}
		}
		return 0, false
	case resp.StatusCode >= 500:
		if hasRA {
			return ra, true
		}
		return backoff, true
	}
	return 0, false
}

func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

func rateReset(h http.Header, now time.Time) (time.Duration, bool) {
	v, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil {
		return 0, false
	}
	// One extra second: GitHub's reset is rounded down to the second.
	return max(time.Unix(v, 0).Sub(now)+time.Second, 0), true
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

// cancelOnClose keeps an attempt's timeout running while the caller reads
// the body, and releases it when the body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// boundedBody fails with err once more than left bytes arrive.
type boundedBody struct {
	io.ReadCloser
	left int64
	err  error
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.err
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		// Hang up now: go-github swaps an error answer's body for a copy
		// without closing the original, which would keep the connection
		// (and the server's endless writing) alive until the timeout.
		b.ReadCloser.Close()
		return n - 1, b.err
	}
	return n, err
}
