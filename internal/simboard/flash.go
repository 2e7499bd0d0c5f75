package simboard

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// simTemp marks the simulator's own scratch files in a flash folder; they
// are not the board's.
const simTemp = ".picosim-tmp"

// Snapshot reads a flash folder as the board holds it: path -> contents,
// folders as "<dir>/", without the simulator's scratch files. It is what
// tests compare before and after a fault.
func Snapshot(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." || strings.HasSuffix(rel, simTemp) {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if de.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = string(b)
		return nil
	})
	return out, err
}

// CopyFlash copies a flash folder to dst: a fresh board started on the
// copy begins from the same state (the fault sweeps start every cut from
// one prepared flash).
func CopyFlash(src, dst string) error {
	return filepath.WalkDir(src, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		q := filepath.Join(dst, rel)
		if de.IsDir() {
			return os.MkdirAll(q, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(q, b, 0o644)
	})
}

// DiffSnapshots says how two snapshots differ: "-path" only in a, "+path"
// only in b, "~path" in both with other contents, sorted; "" when equal.
func DiffSnapshots(a, b map[string]string) string {
	var d []string
	for p, c := range a {
		if bc, ok := b[p]; !ok {
			d = append(d, "-"+p)
		} else if bc != c {
			d = append(d, "~"+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, "+"+p)
		}
	}
	sort.Strings(d)
	return strings.Join(d, " ")
}
