package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
)

// installedCode prints the files of the version the board runs, as its
// version.json lists them: what the agent deletes at the next swap when
// the new version does not have them. It reads the record directly, so it
// works with any agent version (and none: no record, no files).
const installedCode = `import json
try:
 f = open('/` + VersionFile + `')
 v = json.load(f)
 f.close()
except Exception:
 v = None
print(json.dumps(sorted(v.get('files') or {}) if isinstance(v, dict) else []))
`

// Installed lists the app files of the version the board runs (sorted);
// none when the board has no version.json.
func (b *Client) Installed(ctx context.Context) ([]string, error) {
	out, err := b.exec(ctx, "installed", installedCode)
	if err != nil {
		return nil, err
	}
	lines := bytes.Split(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), []byte("\n"))
	for i := len(lines) - 1; i >= 0; i-- {
		var files []string
		if l := bytes.TrimSpace(lines[i]); bytes.HasPrefix(l, []byte("[")) && json.Unmarshal(l, &files) == nil {
			sort.Strings(files)
			return files, nil
		}
	}
	return nil, fmt.Errorf("reading the board's %s: unexpected answer %.200q", VersionFile, out)
}
