package local_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
)

// --source naming a link to the app folder plans the folder: the walk
// used to stop at the link and plan nothing, and an update of that empty
// plan deleted the app. Links inside the folder are still refused, and
// what the rules leave out is listed in Filtered.
func TestPlanDirThroughLinkedRoot(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "app")
	for p, c := range map[string]string{"main.py": "print(1)\n", "lib/a.py": "A = 1\n", "README.md": "r\n"} {
		fp := filepath.Join(app, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "current")
	if err := os.Symlink("app", link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	for _, src := range []string{link, link + "/"} {
		p, err := local.PlanDir(context.Background(), newCache(t), src, manifest.Rules{Ignore: []string{"README.md"}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range p.Files {
			got = append(got, f.Path)
		}
		if fmt.Sprint(got) != "[lib/a.py main.py]" || fmt.Sprint(p.Filtered) != "[README.md]" {
			t.Errorf("%s: files %v filtered %v", src, got, p.Filtered)
		}
	}
	if err := os.Symlink("../main.py", filepath.Join(app, "lib", "link.py")); err != nil {
		t.Fatal(err)
	}
	if _, err := local.PlanDir(context.Background(), newCache(t), link, manifest.Rules{}); err == nil {
		t.Error("a link inside the linked folder was followed")
	}
}
