package agent

import (
	"bytes"
	"context"
)

// appBootCode prints 1 when the board keeps an app boot.py beside the
// agent's (the installer copies a boot.py that is not the agent's there).
const appBootCode = `import os
try:
 os.stat('/` + AppBootFile + `')
 print(1)
except OSError:
 print(0)
`

// HasAppBoot reports whether the board has /_app_boot.py: a boot.py the
// agent runs before its own work at every boot. The first install keeps
// the board's own boot.py there; a version without boot.py never deletes
// it.
func (b *Client) HasAppBoot(ctx context.Context) (bool, error) {
	out, err := b.exec(ctx, "appboot", appBootCode)
	if err != nil {
		return false, err
	}
	return bytes.Contains(out, []byte("1")), nil
}
