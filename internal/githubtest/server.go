package githubtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Prefix is the API path prefix. A non-empty prefix makes any absolute-URL
// mistake in the client fail loudly instead of hitting the right handler.
const Prefix = "/api-v3"

// Server is the fake API for one repository, Owner/Name.
type Server struct {
	URL   string // API root for --api-url, with the trailing slash
	Owner string
	Name  string
	Repo  *Repo
	// Token makes the repository private: API requests must send
	// "Authorization: Bearer <Token>". Without it GitHub answers 404 (it
	// hides private repos); with a wrong one, 401.
	Token string
	// TruncateTrees makes every recursive tree listing come back with
	// truncated=true and only the top level, like a huge repository.
	TruncateTrees bool

	t       testing.TB
	api     *httptest.Server
	objects *httptest.Server

	mu          sync.Mutex
	releases    []*Release
	tampered    map[string][]byte
	cutBlobs    map[string]int
	faults      []*Fault
	log         []Request
	problems    []string
	nextAsset   int64
	endlessSent int64
	inFlight    int
	maxInFlight int
}

// Release is a fake release at an existing tag of the repository.
type Release struct {
	ID     int64
	Tag    string
	Assets []*Asset
}

// Asset is a release asset; its bytes are served from another host.
type Asset struct {
	ID   int64
	Name string
	Data []byte
}

// Request is one request the fake received.
type Request struct {
	Method string
	Path   string // without Prefix
	Query  string
	Host   string // "api" or "objects"
	Auth   string // the Authorization header as received
	Accept string
}

// Fault makes requests whose path contains Path fail Times times (Times < 0:
// forever) with Status, Header and Body; Drop closes the connection instead.
// Delay stalls the answer first (or, with Status 0, stalls and then serves
// the request normally), to exercise timeouts. Endless, when set, is sent
// again and again after Body until the client hangs up: a hostile server
// with an answer that never ends.
type Fault struct {
	Path    string
	Delay   time.Duration
	Status  int
	Header  map[string]string
	Body    string
	Endless string
	Drop    bool
	Times   int
}

// NewServer serves repo as owner/name. The servers stop at test cleanup.
func NewServer(t testing.TB, repo *Repo, owner, name string) *Server {
	t.Helper()
	s := &Server{Owner: owner, Name: name, Repo: repo, t: t, tampered: map[string][]byte{}, cutBlobs: map[string]int{}, nextAsset: 1000}
	objects := http.NewServeMux()
	objects.HandleFunc("GET /objects/{id}", s.serveObject)
	s.objects = httptest.NewServer(s.logged("objects", objects))

	mux := http.NewServeMux()
	base := "/repos/" + owner + "/" + name
	mux.HandleFunc("GET "+base, s.serveRepo)
	mux.HandleFunc("GET "+base+"/releases/latest", s.serveLatest)
	mux.HandleFunc("GET "+base+"/releases/tags/{tag...}", s.serveReleaseByTag)
	mux.HandleFunc("GET "+base+"/releases/assets/{id}", s.serveAsset)
	mux.HandleFunc("GET "+base+"/git/ref/{ref...}", s.serveRef)
	mux.HandleFunc("GET "+base+"/git/tags/{sha}", s.serveTag)
	mux.HandleFunc("GET "+base+"/git/trees/{sha}", s.serveTree)
	mux.HandleFunc("GET "+base+"/git/blobs/{sha}", s.serveBlob)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
	})
	root := http.NewServeMux()
	root.Handle(Prefix+"/", http.StripPrefix(Prefix, s.checked(mux)))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.problem("request outside the API prefix: %s %s (the client lost the BaseURL path)", r.Method, r.URL.Path)
		http.Error(w, "path prefix lost", http.StatusTeapot)
	})
	s.api = httptest.NewServer(s.logged("api", root))
	s.URL = s.api.URL + Prefix + "/"
	t.Cleanup(func() {
		s.api.Close()
		s.objects.Close()
		for _, p := range s.Problems() {
			t.Errorf("githubtest: %s", p)
		}
	})
	return s
}

func (s *Server) problem(format string, args ...any) {
	s.mu.Lock()
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}

// Problems lists protocol violations the fake saw (a token sent to the
// object store, a lost path prefix). They also fail the test at cleanup.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// ObjectsHost is the host:port of the asset storage server.
func (s *Server) ObjectsHost() string { return strings.TrimPrefix(s.objects.URL, "http://") }

// AddRelease publishes a release at tag (which must exist in the repo)
// with the given assets, and makes it the latest.
func (s *Server) AddRelease(tag string, assets map[string][]byte) *Release {
	s.mu.Lock()
	defer s.mu.Unlock()
	rel := &Release{ID: int64(len(s.releases) + 1), Tag: tag}
	names := make([]string, 0, len(assets))
	for n := range assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s.nextAsset++
		rel.Assets = append(rel.Assets, &Asset{ID: s.nextAsset, Name: n, Data: assets[n]})
	}
	s.releases = append(s.releases, rel)
	return rel
}

// Tamper makes the blob endpoint serve data instead of blob sha's content.
func (s *Server) Tamper(sha string, data []byte) {
	s.mu.Lock()
	s.tampered[sha] = data
	s.mu.Unlock()
}

// CutBlob makes the next times downloads of blob sha stop halfway through
// the body (the connection is dropped after the headers promised more).
func (s *Server) CutBlob(sha string, times int) {
	s.mu.Lock()
	s.cutBlobs[sha] = times
	s.mu.Unlock()
}

// AddFault injects a failure.
func (s *Server) AddFault(f Fault) {
	s.mu.Lock()
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
}

// RateLimited is a primary rate-limit answer (403, remaining 0) that
// resets at reset.
func RateLimited(path string, reset time.Time, times int) Fault {
	return Fault{Path: path, Status: http.StatusForbidden, Times: times,
		Header: map[string]string{"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(reset.Unix(), 10)},
		Body:   `{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`}
}

// TooManyRequests is a 429 with Retry-After.
func TooManyRequests(path string, retryAfter time.Duration, times int) Fault {
	return Fault{Path: path, Status: http.StatusTooManyRequests, Times: times,
		Header: map[string]string{"Retry-After": strconv.Itoa(int(retryAfter / time.Second))},
		Body:   `{"message":"You have exceeded a secondary rate limit."}`}
}

// Requests returns every request seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Count is how many API requests had a path containing sub.
func (s *Server) Count(sub string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Host == "api" && strings.Contains(r.Path, sub) {
			n++
		}
	}
	return n
}

// MaxInFlight is the most requests the fake served at the same time.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// ResetLog forgets the requests seen so far.
func (s *Server) ResetLog() {
	s.mu.Lock()
	s.log = nil
	s.mu.Unlock()
}

func (s *Server) logged(host string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, Request{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, Prefix), Query: r.URL.RawQuery,
			Host: host, Auth: r.Header.Get("Authorization"), Accept: r.Header.Get("Accept")})
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		h.ServeHTTP(w, r)
	})
}

// checked applies faults, then authentication, then rate-limit headers.
func (s *Server) checked(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := s.takeFault(r.URL.Path)
		if f != nil && f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			}
		}
		if f != nil && (f.Status != 0 || f.Drop) {
			if f.Drop {
				if hj, ok := w.(http.Hijacker); ok {
					if c, _, err := hj.Hijack(); err == nil {
						if tc, ok := c.(*net.TCPConn); ok {
							tc.SetLinger(0)
						}
						c.Close()
						return
					}
				}
			}
			for k, v := range f.Header {
				w.Header().Set(k, v)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			body := f.Body
			if body == "" {
				body = fmt.Sprintf(`{"message":%q}`, http.StatusText(f.Status))
			}
			w.Write([]byte(body))
			if f.Endless != "" {
				s.endless(w, r, f.Endless)
			}
			return
		}
		if s.Token != "" {
			switch got := r.Header.Get("Authorization"); got {
			case "Bearer " + s.Token:
			case "":
				writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
				return
			default:
				writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
				return
			}
		}
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", "4999")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		h.ServeHTTP(w, r)
	})
}

// endless writes unit until the client goes away, and records how much
// it sent so a test can show the client stopped early.
func (s *Server) endless(w http.ResponseWriter, r *http.Request, unit string) {
	chunk := []byte(strings.Repeat(unit, max(1, (64<<10)/len(unit))))
	var sent int64
	defer func() {
		s.mu.Lock()
		s.endlessSent += sent
		s.mu.Unlock()
	}()
	for r.Context().Err() == nil {
		n, err := w.Write(chunk)
		sent += int64(n)
		if err != nil {
			return
		}
	}
}

// EndlessSent is how many bytes endless answers sent in all.
func (s *Server) EndlessSent() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endlessSent
}

func (s *Server) takeFault(path string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Times != 0 && strings.Contains(path, f.Path) {
			if f.Times > 0 {
				f.Times--
			}
			c := *f
			return &c
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

func (s *Server) releaseJSON(rel *Release) map[string]any {
	assets := []map[string]any{}
	for _, a := range rel.Assets {
		assets = append(assets, map[string]any{
			"id": a.ID, "name": a.Name, "size": len(a.Data), "content_type": "application/octet-stream",
			"url": fmt.Sprintf("%s/repos/%s/%s/releases/assets/%d", strings.TrimSuffix(s.URL, "/"), s.Owner, s.Name, a.ID),
		})
	}
	return map[string]any{"id": rel.ID, "tag_name": rel.Tag, "name": "Release " + rel.Tag, "draft": false, "prerelease": false, "assets": assets}
}

// serveRepo answers the repository's metadata; the default branch is the
// branch the git repository has checked out, as GitHub's is.
func (s *Server) serveRepo(w http.ResponseWriter, r *http.Request) {
	branch, err := s.git("symbolic-ref", "--short", "HEAD")
	if err != nil {
		s.problem("default branch: %v", err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name": s.Name, "full_name": s.Owner + "/" + s.Name, "private": s.Token != "",
		"owner": map[string]string{"login": s.Owner}, "default_branch": strings.TrimSpace(string(branch)),
	})
}

func (s *Server) serveLatest(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var rel *Release
	if n := len(s.releases); n > 0 {
		rel = s.releases[n-1]
	}
	s.mu.Unlock()
	if rel == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.releaseJSON(rel))
}

func (s *Server) serveReleaseByTag(w http.ResponseWriter, r *http.Request) {
	tag := r.PathValue("tag")
	s.mu.Lock()
	var rel *Release
	for _, x := range s.releases {
		if x.Tag == tag {
			rel = x
		}
	}
	s.mu.Unlock()
	if rel == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.releaseJSON(rel))
}

func (s *Server) findAsset(id string) *Asset {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rel := range s.releases {
		for _, a := range rel.Assets {
			if strconv.FormatInt(a.ID, 10) == id {
				return a
			}
		}
	}
	return nil
}

// serveAsset answers like GitHub: JSON metadata by default, and with
// Accept: application/octet-stream a 302 to a signed URL on another host.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	a := s.findAsset(r.PathValue("id"))
	if a == nil {
		notFound(w)
		return
	}
	if r.Header.Get("Accept") != "application/octet-stream" {
		writeJSON(w, http.StatusOK, map[string]any{"id": a.ID, "name": a.Name, "size": len(a.Data)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("%s/objects/%d?X-Amz-Signature=objectsecret&X-Amz-Expires=300", s.objects.URL, a.ID), http.StatusFound)
}

func (s *Server) serveObject(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "" {
		s.problem("the token was sent to the object store host with %s", r.URL.Path)
		http.Error(w, "Only one auth mechanism allowed", http.StatusBadRequest)
		return
	}
	if r.URL.Query().Get("X-Amz-Signature") != "objectsecret" {
		http.Error(w, "signature missing", http.StatusForbidden)
		return
	}
	a := s.findAsset(r.PathValue("id"))
	if a == nil {
		http.Error(w, "no such object", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(a.Data)
}

func (s *Server) git(args ...string) ([]byte, error) { return s.Repo.run(nil, args...) }

func (s *Server) serveRef(w http.ResponseWriter, r *http.Request) {
	ref := "refs/" + r.PathValue("ref")
	out, err := s.git("show-ref", "--verify", ref)
	if err != nil {
		notFound(w)
		return
	}
	sha := strings.Fields(string(out))[0]
	typ, _ := s.git("cat-file", "-t", sha)
	writeJSON(w, http.StatusOK, map[string]any{
		"ref":    ref,
		"object": map[string]string{"type": strings.TrimSpace(string(typ)), "sha": sha},
	})
}

func (s *Server) serveTag(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	out, err := s.git("cat-file", "tag", sha)
	if err != nil {
		notFound(w)
		return
	}
	obj := map[string]string{}
	tag := ""
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "object":
			obj["sha"] = v
		case "type":
			obj["type"] = v
		case "tag":
			tag = v
		}
		if line == "" {
			break
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sha": sha, "tag": tag, "object": obj})
}

type treeEntry struct {
	Path string `json:"path"`
	Mode string `json:"mode"`
	Type string `json:"type"`
	SHA  string `json:"sha"`
	Size *int64 `json:"size,omitempty"`
}

func (s *Server) serveTree(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	recursive := r.URL.Query().Get("recursive") != ""
	args := []string{"ls-tree", "-l", "-z"}
	if recursive && !s.TruncateTrees {
		args = append(args, "-r", "-t")
	}
	out, err := s.git(append(args, sha)...)
	if err != nil {
		notFound(w)
		return
	}
	entries := []treeEntry{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, path, _ := strings.Cut(string(rec), "\t")
		f := strings.Fields(meta)
		e := treeEntry{Path: path, Mode: f[0], Type: f[1], SHA: f[2]}
		if n, err := strconv.ParseInt(f[3], 10, 64); err == nil {
			e.Size = &n
		}
		entries = append(entries, e)
	}
	treeSHA, _ := s.git("rev-parse", sha+"^{tree}")
	writeJSON(w, http.StatusOK, map[string]any{
		"sha": strings.TrimSpace(string(treeSHA)), "tree": entries, "truncated": recursive && s.TruncateTrees,
	})
}

func (s *Server) serveBlob(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	out, err := s.git("cat-file", "blob", sha)
	if err != nil {
		notFound(w)
		return
	}
	s.mu.Lock()
	if t, ok := s.tampered[sha]; ok {
		out = t
	}
	s.mu.Unlock()
	if r.Header.Get("Accept") != "application/vnd.github.v3.raw" {
		s.problem("blob %s requested without the raw media type (Accept %q)", sha, r.Header.Get("Accept"))
		http.Error(w, "want raw", http.StatusNotAcceptable)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.github.v3.raw")
	s.mu.Lock()
	cut := s.cutBlobs[sha] > 0
	if cut {
		s.cutBlobs[sha]--
	}
	s.mu.Unlock()
	if cut {
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.WriteHeader(http.StatusOK)
		w.Write(out[:len(out)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler) // drops the connection mid-body
	}
	w.Write(out)
}
