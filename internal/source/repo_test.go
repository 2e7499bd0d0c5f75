package source_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/source"
)

// --repo takes a repository the way users paste it, and refuses anything
// else with the accepted forms (never repeating a token it carried).
func TestParseRepo(t *testing.T) {
	ok := []struct{ in, want string }{
		{"acme/app", "acme/app"},
		{"acme/app.git", "acme/app"},
		{"https://github.com/acme/app", "acme/app"},
		{"https://github.com/acme/app/", "acme/app"},
		{"https://github.com/acme/app.git", "acme/app"},
		{"http://github.com/acme/app", "acme/app"},
		{"https://www.github.com/acme/my.app", "acme/my.app"},
		{"github.com/acme/app", "acme/app"},
		{"git@github.com:acme/app.git", "acme/app"},
		{"git@github.com:acme/app", "acme/app"},
		{"ssh://git@github.com/acme/app.git", "acme/app"},
		{"  acme/app  ", "acme/app"},
	}
	for _, tc := range ok {
		o, n, err := source.ParseRepo(tc.in)
		if err != nil || o+"/"+n != tc.want {
			t.Errorf("ParseRepo(%q) = %s/%s, %v; want %s", tc.in, o, n, err, tc.want)
		}
	}
	const token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz"
	bad := []struct{ in, want string }{
		{"app", "not a repository name"},
		{"acme/", "not a repository name"},
		{"/app", "not a repository name"},
		{"a/b/c", "points inside repository a/b"},
		{"https://github.com/acme/app/tree/dev/x", "--repo acme/app --branch dev/x"},
		{"https://github.com/acme/app/releases/tag/v1.0", "--repo acme/app --tag v1.0"},
		{"https://gitlab.com/acme/app", `host "gitlab.com" is not github.com`},
		{"git@gitlab.com:acme/app.git", `host "gitlab.com" is not github.com`},
		{"ftp://github.com/acme/app", `scheme "ftp"`},
		{"https://github.com/acme/app?tab=readme", "no query"},
		{"acme/a b", "only letters"},
		{"https://" + token + "@github.com/acme/app.git", "carries credentials"},
		{"https://x-access-token:" + token + "@github.com/acme/app", "carries credentials"},
	}
	for _, tc := range bad {
		_, _, err := source.ParseRepo(tc.in)
		var re *source.RepoError
		if !errors.As(err, &re) {
			t.Errorf("ParseRepo(%q) = %v, want a *RepoError", tc.in, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.want) || !strings.Contains(msg, source.RepoForms) {
			t.Errorf("ParseRepo(%q): %q lacks %q or the accepted forms", tc.in, msg, tc.want)
		}
		if strings.Contains(msg, token) {
			t.Errorf("ParseRepo(%q): the token is in the error: %s", tc.in, msg)
		}
	}
}
