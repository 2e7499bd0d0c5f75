package manifest

import "testing"

// LeftOut guards what filters and ignore rules leave out, not what a
// manifest drops on purpose.
func TestLeftOut(t *testing.T) {
	p := &Plan{
		Filtered: []string{"docs/a.md"},
		Skipped: []Skip{
			{Path: "scratch.txt", Reason: "gitignored"},
			{Path: "build/", Reason: "gitignored"},
			{Path: "old.py", Reason: "not in manifest.json", Dropped: true},
		},
	}
	for path, want := range map[string]bool{
		"docs/a.md": true, "scratch.txt": true, "build/x/y.bin": true, "build": false,
		"buildx/a": false, "old.py": false, "main.py": false,
	} {
		if got := p.LeftOut(path); got != want {
			t.Errorf("LeftOut(%q) = %v, want %v", path, got, want)
		}
	}
}
