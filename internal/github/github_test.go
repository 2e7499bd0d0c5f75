package github_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/githubtest"
)

type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func fixture(t *testing.T) (*githubtest.Repo, *githubtest.Server) {
	repo := githubtest.NewRepo(t)
	repo.Write(map[string]string{"main.py": "print('v1')\n", "lib/util.py": "X = 1\n"})
	repo.Commit("v1")
	repo.AnnotatedTag("v1.0.0")
	repo.Write(map[string]string{"main.py": "print('v2')\n"})
	repo.Commit("v2")
	repo.Tag("v2.0.0")
	srv := githubtest.NewServer(t, repo, "acme", "app")
	return repo, srv
}

func newClient(t *testing.T, srv *githubtest.Server, token string, trace *bytes.Buffer) (*github.Client, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	o := github.Options{APIURL: srv.URL, Token: token, Retries: 3, Backoff: time.Second, Sleep: sl.sleep, HTTPTimeout: 10 * time.Second}
	if trace != nil {
		o.Trace = trace
	}
	c, err := github.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

func TestRefCommitPeelsAnnotatedTags(t *testing.T) {
	repo, srv := fixture(t)
	c, _ := newClient(t, srv, "", nil)
	ctx := context.Background()
	for _, ref := range []string{"tags/v1.0.0", "tags/v2.0.0", "heads/main"} {
		got, err := c.RefCommit(ctx, "acme", "app", ref)
		want := repo.CommitOf(strings.TrimPrefix(strings.TrimPrefix(ref, "tags/"), "heads/"))
		if err != nil || got != want {
			t.Errorf("RefCommit(%s) = %s, %v; want %s", ref, got, err, want)
		}
	}
	if srv.Count("/git/tags/") != 1 {
		t.Errorf("annotated tag object fetched %d times, want 1", srv.Count("/git/tags/"))
	}
	if srv.Count("/branches/") != 0 {
		t.Error("the branches API must not be used")
	}
	_, err := c.RefCommit(ctx, "acme", "app", "heads/nope")
	if !github.IsNotFound(err) || !strings.Contains(err.Error(), "branch nope") || !strings.Contains(err.Error(), "GITHUB_TOKEN") {
		t.Errorf("missing branch: %v", err)
	}
}

func TestTreeTruncatedFallback(t *testing.T) {
	repo, srv := fixture(t)
	c, _ := newClient(t, srv, "", nil)
	ctx := context.Background()
	commit := repo.CommitOf("main")
	full, err := c.Tree(ctx, "acme", "app", commit)
	if err != nil {
		t.Fatal(err)
	}
	srv.TruncateTrees = true
	srv.ResetLog()
	walked, err := c.Tree(ctx, "acme", "app", commit)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) != 3 || len(walked) != len(full) {
		t.Fatalf("full %v\nwalked %v", full, walked)
	}
	for i := range full {
		if full[i] != walked[i] {
			t.Errorf("entry %d: %+v vs %+v", i, full[i], walked[i])
		}
	}
	// recursive (truncated) + root + lib
	if n := srv.Count("/git/trees/"); n != 3 {
		t.Errorf("tree requests = %d, want 3", n)
	}
}

func TestRetriesAndFaults(t *testing.T) {
	farReset := time.Now().Add(50 * time.Minute)
	tests := []struct {
		name       string
		faults     []githubtest.Fault
		wantErr    string // "" means success
		errType    any
		wantSleeps []time.Duration
	}{
		{name: "500 twice then ok", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 500, Times: 2}},
			wantSleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "502 with Retry-After", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 502, Times: 1, Header: map[string]string{"Retry-After": "4"}}},
			wantSleeps: []time.Duration{4 * time.Second}},
		{name: "429 honours Retry-After", faults: []githubtest.Fault{githubtest.TooManyRequests("/releases/latest", 7*time.Second, 1)},
			wantSleeps: []time.Duration{7 * time.Second}},
		{name: "dropped connection then ok", faults: []githubtest.Fault{{Path: "/releases/latest", Drop: true, Times: 1}},
			wantSleeps: []time.Duration{time.Second}},
		{name: "500 forever", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 500, Times: -1}},
			wantErr: "500", errType: &github.StatusError{}, wantSleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{name: "rate limit far away", faults: []githubtest.Fault{githubtest.RateLimited("/releases/latest", farReset, -1)},
			wantErr: "resets at", errType: &github.RateLimitError{}},
		{name: "429 far away is typed", faults: []githubtest.Fault{githubtest.TooManyRequests("/releases/latest", time.Hour, -1)},
			wantErr: "GITHUB_TOKEN", errType: &github.RateLimitError{}},
		{name: "404", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 404, Times: 1}},
			wantErr: "not found", errType: &github.NotFoundError{}},
		{name: "401", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 401, Times: 1, Body: `{"message":"Bad credentials"}`}},
			wantErr: "requires authentication", errType: &github.AuthError{}},
		{name: "403 forbidden is not retried", faults: []githubtest.Fault{{Path: "/releases/latest", Status: 403, Times: 1, Body: `{"message":"Resource not accessible"}`}},
			wantErr: "forbidden", errType: &github.AuthError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := fixture(t)
			srv.AddRelease("v1.0.0", nil)
			for _, f := range tt.faults {
				srv.AddFault(f)
			}
			c, sl := newClient(t, srv, "", nil)
			rel, err := c.Release(context.Background(), "acme", "app", "")
			if tt.wantErr == "" {
				if err != nil || rel.Tag != "v1.0.0" {
					t.Fatalf("Release = %+v, %v", rel, err)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				switch tt.errType.(type) {
				case *github.StatusError:
					var e *github.StatusError
					if !errors.As(err, &e) {
						t.Fatalf("err %T, want StatusError", err)
					}
				case *github.RateLimitError:
					var e *github.RateLimitError
					if !errors.As(err, &e) || e.Reset.IsZero() {
						t.Fatalf("err %T %v, want RateLimitError with a reset time", err, err)
					}
				case *github.NotFoundError:
					if !github.IsNotFound(err) {
						t.Fatalf("err %T, want NotFoundError", err)
					}
				case *github.AuthError:
					var e *github.AuthError
					if !errors.As(err, &e) {
						t.Fatalf("err %T, want AuthError", err)
					}
				}
			}
			if len(sl.d) != len(tt.wantSleeps) {
				t.Fatalf("slept %v, want %v", sl.d, tt.wantSleeps)
			}
			for i := range sl.d {
				if sl.d[i] != tt.wantSleeps[i] {
					t.Errorf("sleep %d = %v, want %v", i, sl.d[i], tt.wantSleeps[i])
				}
			}
		})
	}
}

func TestRateLimitResetSoonIsWaited(t *testing.T) {
	_, srv := fixture(t)
	srv.AddRelease("v1.0.0", nil)
	srv.AddFault(githubtest.RateLimited("/releases/latest", time.Now().Add(20*time.Second), 1))
	c, sl := newClient(t, srv, "", nil)
	if _, err := c.Release(context.Background(), "acme", "app", ""); err != nil {
		t.Fatal(err)
	}
	if len(sl.d) != 1 || sl.d[0] < 15*time.Second || sl.d[0] > 25*time.Second {
		t.Fatalf("slept %v, want about 20s (X-RateLimit-Reset)", sl.d)
	}
}

func TestAssetRedirectAndPrivateRepoAuth(t *testing.T) {
	_, srv := fixture(t)
	srv.Token = "ghp_SECRETsecret123"
	srv.AddRelease("v1.0.0", map[string][]byte{"notes.txt": []byte("hello asset")})
	var trace bytes.Buffer
	c, _ := newClient(t, srv, srv.Token, &trace)
	ctx := context.Background()
	rel, err := c.Release(ctx, "acme", "app", "")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := rel.FindAsset("notes.txt")
	b, err := c.Asset(ctx, "acme", "app", a, 1024)
	if err != nil || string(b) != "hello asset" {
		t.Fatalf("Asset = %q, %v", b, err)
	}
	if _, err := c.Asset(ctx, "acme", "app", a, 4); err == nil {
		t.Fatal("an asset over the size limit was accepted")
	}
	for _, r := range srv.Requests() {
		switch r.Host {
		case "api":
			if r.Auth != "Bearer "+srv.Token {
				t.Errorf("API request %s without the token", r.Path)
			}
		case "objects":
			if r.Auth != "" {
				t.Errorf("token sent to the object store: %s", r.Path)
			}
			if r.Accept != "application/octet-stream" {
				t.Errorf("object request Accept = %q", r.Accept)
			}
		}
	}
	tr := trace.String()
	if strings.Contains(tr, srv.Token) || strings.Contains(tr, "objectsecret") {
		t.Fatalf("trace leaks a secret:\n%s", tr)
	}
	if !strings.Contains(tr, "GET "+srv.URL+"repos/acme/app/releases/latest -> 200") || !strings.Contains(tr, "/objects/") {
		t.Fatalf("trace lacks requests:\n%s", tr)
	}
	if st := c.Stats(); st.Assets != 2-1 || st.APICalls < 3 {
		t.Errorf("stats = %+v", st)
	}

	// Without a token the private repo is invisible; with a wrong one, 401.
	anon, _ := newClient(t, srv, "", nil)
	if _, err := anon.Release(ctx, "acme", "app", ""); !github.IsNotFound(err) || !strings.Contains(err.Error(), "private") {
		t.Errorf("anonymous: %v", err)
	}
	wrong, _ := newClient(t, srv, "ghp_wrong", nil)
	var ae *github.AuthError
	if _, err := wrong.Release(ctx, "acme", "app", ""); !errors.As(err, &ae) || ae.Status != http.StatusUnauthorized || strings.Contains(err.Error(), "ghp_wrong") {
		t.Errorf("wrong token: %v", err)
	}
}

func TestParseAPIURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.github.com", "https://api.github.com/"},
		{"https://ghe.example.com", "https://ghe.example.com/api/v3/"},
		{"https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/"},
		{"http://127.0.0.1:8080/api-v3/", "http://127.0.0.1:8080/api-v3/"},
	}
	for _, tt := range tests {
		u, err := github.ParseAPIURL(tt.in)
		if err != nil || u.String() != tt.want {
			t.Errorf("ParseAPIURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	for _, bad := range []string{"ftp://x", "not a url", "https://user:tok@ghe.example.com"} {
		if _, err := github.ParseAPIURL(bad); err == nil {
			t.Errorf("ParseAPIURL(%q) accepted", bad)
		}
	}
}

func TestTimeoutIsRetriedThenReported(t *testing.T) {
	_, srv := fixture(t)
	srv.AddRelease("v1.0.0", nil)
	// A stall that never ends, and a timeout a busy machine's local
	// answer stays well inside (200 ms is not safe on a loaded machine).
	srv.AddFault(githubtest.Fault{Path: "/releases/latest", Delay: time.Hour, Times: 1})
	sl := &sleeps{}
	c, err := github.New(github.Options{APIURL: srv.URL, Retries: 1, HTTPTimeout: 5 * time.Second, Sleep: sl.sleep})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rel, err := c.Release(context.Background(), "acme", "app", "")
	if err != nil || rel.Tag != "v1.0.0" || len(sl.d) != 1 {
		t.Fatalf("Release = %+v, %v after %v (sleeps %v)", rel, err, time.Since(start), sl.d)
	}
	srv.AddFault(githubtest.Fault{Path: "/releases/latest", Delay: time.Hour, Times: -1})
	if _, err := c.Release(context.Background(), "acme", "app", ""); err == nil || !strings.Contains(err.Error(), "latest release of acme/app") {
		t.Fatalf("persistent stall: %v", err)
	}
}

func TestCancelStopsRetries(t *testing.T) {
	_, srv := fixture(t)
	srv.AddFault(githubtest.Fault{Path: "/releases/latest", Status: 503, Times: -1})
	ctx, cancel := context.WithCancel(context.Background())
	c, err := github.New(github.Options{APIURL: srv.URL, Retries: 100, Backoff: time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Release(ctx, "acme", "app", ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := srv.Count("/releases/latest"); n != 1 {
		t.Fatalf("%d requests after cancel, want 1", n)
	}
}
