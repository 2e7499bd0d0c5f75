package github_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/githubtest"
)

// A failed download from storage must not print the signed URL.
func TestSignedURLNeverInErrors(t *testing.T) {
	_, srv := fixture(t)
	rel := srv.AddRelease("v1.0.0", map[string][]byte{"manifest.json": []byte("{}")})
	srv.AddFault(githubtest.Fault{Path: "/releases/assets/", Status: http.StatusFound, Times: -1,
		Header: map[string]string{"Location": "http://127.0.0.1:1/objects/1?X-Amz-Signature=objectsecret&X-Amz-Expires=300"}})
	c, _ := newClient(t, srv, "", nil)
	a := github.Asset{ID: rel.Assets[0].ID, Name: "manifest.json"}
	_, err := c.Asset(context.Background(), "acme", "app", a, 1<<20)
	if err == nil {
		t.Fatal("download from a closed port succeeded")
	}
	if strings.Contains(err.Error(), "objectsecret") {
		t.Errorf("signed URL in the error: %v", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("error does not name the storage host: %v", err)
	}
}

// Rate-limit waits are announced with their length, and --debug's trace
// shows every retry.
func TestWaitsAreAnnounced(t *testing.T) {
	_, srv := fixture(t)
	srv.AddRelease("v1.0.0", nil)
	srv.AddFault(githubtest.TooManyRequests("/releases/latest", 7*time.Second, 1))
	srv.AddFault(githubtest.Fault{Path: "/releases/latest", Status: 503, Times: 1})
	var mu sync.Mutex
	var waits []github.Wait
	var trace bytes.Buffer
	c, err := github.New(github.Options{APIURL: srv.URL, Retries: 3, Backoff: time.Second, Trace: &trace,
		Sleep:  func(ctx context.Context, d time.Duration) error { return ctx.Err() },
		OnWait: func(w github.Wait) { mu.Lock(); waits = append(waits, w); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Release(context.Background(), "acme", "app", ""); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 2 || !waits[0].RateLimit || waits[0].Delay != 7*time.Second || waits[1].RateLimit || waits[0].Host != c.APIHost() {
		t.Fatalf("waits %+v", waits)
	}
	if n := strings.Count(trace.String(), "http: retry "); n != 2 || !strings.Contains(trace.String(), "in 7s after 429") {
		t.Errorf("trace shows %d retries:\n%s", n, trace.String())
	}
}

// A name that does not resolve is an answer, not an accident: no retry.
func TestDNSFailureNotRetried(t *testing.T) {
	dials := 0
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials++
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "ghe.invalid", IsNotFound: true}}
	}}
	sl := &sleeps{}
	c, err := github.New(github.Options{APIURL: "https://ghe.invalid/api/v3", Retries: 3, Backoff: time.Second, Sleep: sl.sleep, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Release(context.Background(), "acme", "app", "")
	if err == nil || !strings.Contains(err.Error(), "no such host") || !strings.Contains(err.Error(), "ghe.invalid") {
		t.Fatalf("err %v", err)
	}
	if dials != 1 || len(sl.d) != 0 {
		t.Errorf("%d dials, slept %v: a DNS failure was retried", dials, sl.d)
	}
}
