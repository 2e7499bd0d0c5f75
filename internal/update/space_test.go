package update

import (
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/manifest"
)

// TestFolderBlocks: preflight asks for a littlefs metadata pair (2 blocks)
// per folder the transaction creates, so an update that fits its files
// but not its folders is refused before anything is written instead of
// being rolled back for want of space at the swap.
func TestFolderBlocks(t *testing.T) {
	files := func(ps ...string) []manifest.File {
		var fs []manifest.File
		for _, p := range ps {
			fs = append(fs, manifest.File{Path: p})
		}
		return fs
	}
	live := agent.Hashes{"lib/old.py": &agent.FileHash{}}
	tests := []struct {
		name  string
		files []manifest.File
		live  agent.Hashes
		keep  bool
		want  int64
	}{
		{"top-level files: stage and backup only", files("main.py", "a.py"), nil, false, 4},
		{"keep_previous adds the kept copy", files("main.py"), nil, true, 6},
		{"a new folder", files("main.py", "lib/x.py"), nil, false, 6},
		{"nested new folders count each level once", files("a/b/c.py", "a/b/d.py", "a/e.py"), nil, false, 8},
		{"a folder the board has", files("lib/old.py", "lib/new.py"), live, false, 4},
		{"a new folder inside one the board has", files("lib/old.py", "lib/sub/n.py"), live, false, 6},
	}
	for _, tt := range tests {
		if got := folderBlocks(tt.files, tt.live, tt.keep); got != tt.want {
			t.Errorf("%s: %d blocks, want %d", tt.name, got, tt.want)
		}
	}
}
