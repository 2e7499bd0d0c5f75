package github_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/github"
	"github.com/otapush/otapush/internal/githubtest"
)

// A hostile or broken server's endless answer stops at the body bound
// instead of filling memory or disk.
func TestEndlessAnswersAreBounded(t *testing.T) {
	tests := []struct {
		name  string
		fault githubtest.Fault
		call  func(c *github.Client) error
		check func(err error) bool
	}{
		{"endless release JSON", githubtest.Fault{Path: "/releases/latest", Status: 200, Times: -1,
			Body: `{"tag_name":"v1","assets":[`, Endless: `{"id":1,"name":"x","size":1},`},
			func(c *github.Client) error { _, err := c.Release(context.Background(), "acme", "app", ""); return err },
			func(err error) bool { var te *github.TooLargeError; return errors.As(err, &te) }},
		{"endless error body", githubtest.Fault{Path: "/git/ref/", Status: 404, Times: -1,
			Body: `{"message":"`, Endless: "Not Found "},
			func(c *github.Client) error {
				_, err := c.RefCommit(context.Background(), "acme", "app", "heads/main")
				return err
			},
			github.IsNotFound},
		{"endless blob", githubtest.Fault{Path: "/git/blobs/", Status: 200, Times: -1, Body: "x", Endless: "xxxxxxxx"},
			func(c *github.Client) error {
				rc, err := c.OpenBlob(context.Background(), "acme", "app", strings.Repeat("a", 40), 1<<20)
				if err != nil {
					return err
				}
				defer rc.Close()
				_, err = io.Copy(io.Discard, rc)
				return err
			},
			func(err error) bool { var te *github.TooLargeError; return errors.As(err, &te) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := fixture(t)
			srv.AddFault(tt.fault)
			c, _ := newClient(t, srv, "", nil)
			err := tt.call(c)
			if !tt.check(err) {
				t.Fatalf("got %v", err)
			}
			if strings.Contains(tt.name, "blob") || strings.Contains(tt.name, "JSON") {
				if !strings.Contains(err.Error(), "larger than") {
					t.Errorf("message %q", err)
				}
			}
		})
	}
}

func treeJSON(n int, truncated bool, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"sha":"%s","truncated":%v,"tree":[`, strings.Repeat("b", 40), truncated)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"path":"f%d.py","mode":"100644","type":"blob","sha":"%s","size":1},`, i, strings.Repeat("c", 40))
	}
	b.WriteString(extra)
	b.WriteString(`{"path":"last.py","mode":"100644","type":"blob","sha":"` + strings.Repeat("c", 40) + `","size":1}]}`)
	return b.String()
}

// A tree listing, whole or walked sub-tree by sub-tree, stops at GitHub's
// own entry limit.
func TestTreeEntriesAreBounded(t *testing.T) {
	t.Run("one listing", func(t *testing.T) {
		_, srv := fixture(t)
		srv.AddFault(githubtest.Fault{Path: "/git/trees/", Status: 200, Times: -1, Body: treeJSON(github.MaxTreeEntries, false, "")})
		c, _ := newClient(t, srv, "", nil)
		_, err := c.Tree(context.Background(), "acme", "app", strings.Repeat("d", 40))
		var tm *github.TooManyError
		if !errors.As(err, &tm) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("walked sub-trees", func(t *testing.T) {
		_, srv := fixture(t)
		// Truncated, then every sub-tree has 40,000 files and itself as
		// a sub-tree again.
		self := `{"path":"d","mode":"040000","type":"tree","sha":"` + strings.Repeat("d", 40) + `"},`
		srv.AddFault(githubtest.Fault{Path: "/git/trees/", Status: 200, Times: 1, Body: `{"sha":"x","truncated":true,"tree":[]}`})
		srv.AddFault(githubtest.Fault{Path: "/git/trees/", Status: 200, Times: -1, Body: treeJSON(40_000, false, self)})
		c, _ := newClient(t, srv, "", nil)
		_, err := c.Tree(context.Background(), "acme", "app", strings.Repeat("d", 40))
		var tm *github.TooManyError
		if !errors.As(err, &tm) {
			t.Fatalf("got %v", err)
		}
		if n := srv.Count("/git/trees/"); n > 5 {
			t.Errorf("%d tree requests before giving up", n)
		}
	})
}
