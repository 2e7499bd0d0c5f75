package cli

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/githubtest"
	"github.com/otapush/otapush/internal/simboard"
)

// TestValueCompletions: --channel and sim's --link and --fs-model
// complete their values, and every value offered is one the simulator
// takes.
func TestValueCompletions(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "update", "--channel", ""}, []string{"stable", "developer"}},
		{[]string{"__complete", "plan", "--channel", "d"}, []string{"developer"}},
		{[]string{"__complete", "sim", "--link", ""}, simLinks},
		{[]string{"__complete", "sim", "--fs-model", ""}, simFSModels},
	}
	for _, tt := range tests {
		r := runCLI(t, context.Background(), tt.args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s%s", tt.args, r.code, r.out, r.errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.out, w+"\n") && !strings.Contains(r.out, w+"\t") {
				t.Errorf("%v: no %q in\n%s", tt.args, w, r.out)
			}
		}
	}
	for _, l := range simLinks {
		if _, err := simboard.LinkProfile(l); err != nil {
			t.Errorf("--link %s is offered but refused: %v", l, err)
		}
	}
	for _, m := range simFSModels {
		if _, err := simboard.Start(context.Background(), simboard.Options{FSModel: m, PicosimDir: t.TempDir()}); err != nil && strings.Contains(err.Error(), "FSModel") {
			t.Errorf("--fs-model %s is offered but refused: %v", m, err)
		}
	}
}

// --repo completes with the GitHub remotes of the checkout the user is in,
// whatever form the remote URL has; other hosts are not offered.
func TestRepoCompletionFromRemotes(t *testing.T) {
	repo := githubtest.NewRepo(t)
	repo.Git("remote", "add", "origin", "git@github.com:acme/app.git")
	repo.Git("remote", "add", "fork", "https://github.com/me/app-fork/")
	repo.Git("remote", "add", "lab", "https://gitlab.com/acme/other.git")
	t.Chdir(repo.Dir)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	for _, tt := range []struct {
		prefix    string
		want, not []string
	}{
		{"", []string{"acme/app\tgit remote origin", "me/app-fork\tgit remote fork"}, []string{"other", "gitlab"}},
		{"me/", []string{"me/app-fork"}, []string{"acme/app"}},
	} {
		r := runCLI(t, context.Background(), "__complete", "plan", "--repo", tt.prefix)
		for _, w := range tt.want {
			if !strings.Contains(r.out, w) {
				t.Errorf("%q: no %q in\n%s", tt.prefix, w, r.out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(r.out, n) {
				t.Errorf("%q: %q offered:\n%s", tt.prefix, n, r.out)
			}
		}
		if !strings.Contains(r.out, ":4\n") {
			t.Errorf("file names offered:\n%s", r.out)
		}
	}
	if r := runCLI(t, context.Background(), "__complete", "plan", "--version", ""); !strings.Contains(r.out, ":4\n") {
		t.Errorf("--version offers file names:\n%s", r.out)
	}
}
