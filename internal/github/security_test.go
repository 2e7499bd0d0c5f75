package github_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/githubtest"
)

func TestTokenOverPlainHTTPOnlyToLoopback(t *testing.T) {
	tests := []struct {
		url, token string
		refused    bool
	}{
		{"http://ghe.example.com/api/v3", "tok", true},
		{"http://10.0.0.5:8080/api/v3", "tok", true},
		{"http://127.0.0.1:8080/api/v3", "tok", false},
		{"http://[::1]:8080/api/v3", "tok", false},
		{"http://localhost:8080/api/v3", "tok", false},
		{"https://ghe.example.com/api/v3", "tok", false},
		{"http://ghe.example.com/api/v3", "", false},
	}
	for _, tt := range tests {
		_, err := github.New(github.Options{APIURL: tt.url, Token: tt.token})
		var ie *github.InsecureURLError
		if got := errors.As(err, &ie); got != tt.refused {
			t.Errorf("New(%s, token %q): err %v, want refused=%v", tt.url, tt.token, err, tt.refused)
		}
		if tt.refused && (!strings.Contains(err.Error(), "https") || strings.Contains(err.Error(), tt.token+"\"")) {
			t.Errorf("message %q", err)
		}
	}
}

// recorder is a base transport that answers from a table and keeps every
// request as the wire would have seen it.
type recorder struct {
	mu     sync.Mutex
	seen   []*http.Request
	answer func(r *http.Request) *http.Response
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.seen = append(r.seen, req)
	r.mu.Unlock()
	resp := r.answer(req)
	resp.Request = req
	return resp, nil
}

func redirectTo(loc string) *http.Response {
	return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {loc}}, Body: io.NopCloser(strings.NewReader(""))}
}

// A redirect must never carry the token anywhere but the API's own
// scheme and host:port; net/http keeps Authorization on a same-host
// redirect even from https down to http.
func TestRedirectsNeverCarryTheToken(t *testing.T) {
	tests := []struct{ name, to string }{
		{"https to http on the same host", "http://ghe.example.com/api/v3/repos/acme/app/git/blobs/x"},
		{"another host", "https://evil.example.net/blob"},
		{"another port", "https://ghe.example.com:8443/blob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{answer: func(r *http.Request) *http.Response {
				if r.URL.Host == "ghe.example.com" && r.URL.Scheme == "https" {
					return redirectTo(tt.to)
				}
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("data"))}
			}}
			c, err := github.New(github.Options{APIURL: "https://ghe.example.com/api/v3", Token: "s3cret", Transport: rec})
			if err != nil {
				t.Fatal(err)
			}
			rc, err := c.OpenBlob(context.Background(), "acme", "app", strings.Repeat("a", 40), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if len(rec.seen) != 2 {
				t.Fatalf("%d requests, want 2", len(rec.seen))
			}
			if rec.seen[0].Header.Get("Authorization") != "Bearer s3cret" {
				t.Error("the API request lacks the token")
			}
			if got := rec.seen[1].Header.Get("Authorization"); got != "" {
				t.Errorf("the redirect to %s carried Authorization %q", rec.seen[1].URL, got)
			}
		})
	}
}

// A blob redirected to the fake's object store reaches it without the
// token (the fake records any token it sees there as a problem).
func TestBlobRedirectToOtherHostHasNoToken(t *testing.T) {
	repo, srv := fixture(t)
	srv.Token = "tok"
	sha := repo.BlobSHA("main", "main.py")
	srv.AddFault(githubtest.Fault{Path: "/git/blobs/", Status: http.StatusFound, Times: 1,
		Header: map[string]string{"Location": "http://" + srv.ObjectsHost() + "/objects/1"}})
	c, _ := newClient(t, srv, "tok", nil)
	rc, err := c.OpenBlob(context.Background(), "acme", "app", sha, 1<<20)
	if err == nil {
		rc.Close()
	}
	for _, r := range srv.Requests() {
		if r.Host == "objects" && r.Auth != "" {
			t.Errorf("object store got Authorization %q", r.Auth)
		}
	}
}

func TestErrorsNameTheHost(t *testing.T) {
	_, srv := fixture(t)
	c, _ := newClient(t, srv, "", nil)
	_, err := c.RefCommit(context.Background(), "acme", "app", "heads/nope")
	host := strings.TrimPrefix(strings.Split(srv.URL, "/api")[0], "http://")
	if err == nil || !strings.Contains(err.Error(), host) {
		t.Errorf("error %v does not name %s", err, host)
	}
}
