package update

import (
	"context"
	"fmt"

	"github.com/otapush/otapush/internal/agent"
)

// noteAppBoot, after the agent's first install, tells the user once when
// the board's own boot.py was kept (as /_app_boot.py, run at every boot)
// while the version pushed has no boot.py: nothing will ever replace or
// delete it, which surprises whoever expected only the bundle to run.
func (r *run) noteAppBoot(ctx context.Context) {
	for _, f := range r.p.Files {
		if f.Path == agent.BootFile {
			return // the bundle's boot.py replaces it at the swap
		}
	}
	has, err := r.b.HasAppBoot(ctx)
	if err != nil || !has {
		return // a note, not a reason to fail the update
	}
	r.res.Notes = append(r.res.Notes, fmt.Sprintf("the board's own boot.py was kept as /%s and still runs at every boot, though this version has none; "+
		"remove it with: otapush exec \"import os; os.remove('/%s')\"", agent.AppBootFile, agent.AppBootFile))
}
