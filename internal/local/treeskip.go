package local

import (
	"context"
	"path"
	"sort"
	"strings"

	"github.com/otapush/otapush/internal/manifest"
)

// treeSkipper applies a folder's clean-source rules to a git tree (PlanGit
// plans a commit, not the disk): the default skips, and the .otapushignore
// files committed in that tree. .gitignore needs no check: an ignored file
// is not committed, and a committed one is kept, as git keeps it.
type treeSkipper struct {
	present map[string]bool // every blob path of the tree
	ign     ignoreSet
	dirs    map[string]treeDir
	skips   skipList
}

type treeDir struct {
	skip, rule string
	forced     bool // brought back by a "!" line: so is what is below
}

// newTreeSkipper reads the tree's .otapushignore files (blobs: path ->
// SHA1), shallow before deep, as the folder walk meets them.
func newTreeSkipper(ctx context.Context, dir string, blobs map[string]string) (*treeSkipper, error) {
	t := &treeSkipper{present: map[string]bool{}, dirs: map[string]treeDir{}}
	var ignores []string
	for p := range blobs {
		t.present[p] = true
		if path.Base(p) == IgnoreFileName {
			ignores = append(ignores, p)
		}
	}
	sort.Slice(ignores, func(i, j int) bool {
		di, dj := strings.Count(ignores[i], "/"), strings.Count(ignores[j], "/")
		return di < dj || di == dj && ignores[i] < ignores[j]
	})
	for _, p := range ignores {
		data, err := git(ctx, dir, "cat-file", "blob", blobs[p])
		if err != nil {
			return nil, &Error{Dir: dir, Err: err}
		}
		base := path.Dir(p)
		if base == "." {
			base = ""
		}
		rules, err := parseIgnore(data, base, IgnoreFileName)
		if err != nil {
			return nil, &Error{Dir: dir, Err: err}
		}
		t.ign.add(rules)
	}
	return t, nil
}

// skip reports whether the file p is left out; when it is, the reason is
// recorded once (for a folder, once for the whole folder).
func (t *treeSkipper) skip(p string) bool {
	parent := treeDir{}
	if d := path.Dir(p); d != "." {
		parent = t.dir(d)
		if parent.skip != "" {
			return true
		}
	}
	ign, matched, rule := t.ign.match(p, false)
	if ign {
		t.skips.add(p, false, SkipOtapushignore)
		t.skips[len(t.skips)-1].Rule = rule
		return true
	}
	if r := defaultSkip(path.Base(p), false, false); r != "" && (r == SkipVCS || !(parent.forced || matched)) {
		t.skips.add(p, false, r)
		return true
	}
	return false
}

// dir decides a folder once: skipped (listed the first time), or kept.
func (t *treeSkipper) dir(d string) treeDir {
	if v, ok := t.dirs[d]; ok {
		return v
	}
	parent := treeDir{}
	if up := path.Dir(d); up != "." {
		parent = t.dir(up)
	}
	var v treeDir
	switch {
	case parent.skip != "":
		v = treeDir{skip: parent.skip}
	default:
		ign, matched, rule := t.ign.match(d, true)
		name := path.Base(d)
		venv := venvBy(name, func(rel string) bool { return t.present[d+"/"+rel] })
		r := defaultSkip(name, true, venv)
		switch {
		case ign:
			v = treeDir{skip: SkipOtapushignore, rule: rule}
		case r != "" && (r == SkipVCS || !(parent.forced || matched)):
			v = treeDir{skip: r}
		default:
			v = treeDir{forced: parent.forced || matched}
		}
		if v.skip != "" {
			t.skips.add(d, true, v.skip)
			t.skips[len(t.skips)-1].Rule = v.rule
		}
	}
	t.dirs[d] = v
	return v
}

// skipped is the list, sorted by path.
func (t *treeSkipper) skipped() []manifest.Skip {
	out := append([]manifest.Skip(nil), t.skips...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
