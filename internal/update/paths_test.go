package update_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/update"
)

// update refuses, before any I/O, every plan `otapush plan` refuses: the
// one rule set of internal/manifest, applied to the whole set.
func TestPlanRulesBeforeAnyIO(t *testing.T) {
	t.Parallel()
	files := func(paths ...string) []manifest.File {
		var fs []manifest.File
		for _, p := range paths {
			fs = append(fs, manifest.File{Path: p, Size: 1, SHA256: "00"})
		}
		return fs
	}
	many := make([]string, manifest.MaxFiles+1)
	for i := range many {
		many[i] = fmt.Sprintf("m/%d.py", i)
	}
	tests := []struct {
		name string
		plan *manifest.Plan
	}{
		{"boot.py as a folder", &manifest.Plan{Version: "v", Files: files("main.py", "boot.py/x.py")}},
		{"_app_main.py", &manifest.Plan{Version: "v", Files: files("_app_main.py")}},
		{"case collision", &manifest.Plan{Version: "v", Files: files("main.py", "Main.py")}},
		{"not UTF-8", &manifest.Plan{Version: "v", Files: files("caf\xe9.py")}},
		{"256-byte name", &manifest.Plan{Version: "v", Files: files(strings.Repeat("x", 256))}},
		{"too many files", &manifest.Plan{Version: "v", Files: files(many...)}},
		{"hook not a file", &manifest.Plan{Version: "v", Files: files("main.py"), Hooks: manifest.Hooks{PostUpdate: "post.py"}}},
		{"reserved delete", &manifest.Plan{Version: "v", Files: files("main.py"), Deletes: []string{"version.json"}}},
	}
	for _, tt := range tests {
		want := tt.plan.Validate()
		if want == nil {
			t.Fatalf("%s: the rules accept it", tt.name)
		}
		func() {
			// A nil connection: any board I/O would panic.
			defer func() {
				if e := recover(); e != nil {
					t.Errorf("%s reached the board: %v", tt.name, e)
				}
			}()
			res, err := update.Run(context.Background(), tt.plan, nil, nil, update.Options{}, nil)
			var pe *manifest.PathError
			if !errors.As(err, &pe) || err.Error() != want.Error() || res.Error != want.Error() {
				t.Errorf("%s: update says %v, plan says %v", tt.name, err, want)
			}
		}()
	}
}
