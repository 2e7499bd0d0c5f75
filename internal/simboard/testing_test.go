package simboard_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// fakeTB records how StartT gives up, without ending the real test.
type fakeTB struct {
	testing.TB
	failed, skipped string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestStartTWithoutPackages(t *testing.T) {
	// A picosim folder whose npm packages were never installed.
	dir := t.TempDir()
	src, err := simboard.FindPicosim("")
	if err != nil {
		t.Fatalf("tools/picosim not found from the source tree: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(src, "picosim.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "picosim.mjs"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ci := range []string{"true", ""} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			f := &fakeTB{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				simtest.StartT(f, simboard.Options{PicosimDir: dir, FlashDir: t.TempDir(), RegistryDir: t.TempDir()})
			}()
			<-done
			want := "npm ci --prefix " + dir
			msg := f.failed + f.skipped
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks the install command %q", msg, want)
			}
			if ci == "true" && f.failed == "" {
				t.Errorf("under CI=true StartT must fail, not skip (%q)", f.skipped)
			}
			if ci == "" && f.skipped == "" {
				t.Errorf("outside CI StartT must skip (%q)", f.failed)
			}
		})
	}
}
