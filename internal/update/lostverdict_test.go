package update_test

import (
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// TestVerdictLostWithThePortIsReadAtThePrompt: the board runs its trial to
// the end while its port is away (a re-enumeration longer than the boot;
// on a Pico that is the common case, since USB comes up only after
// boot.py and drops what is printed before the host reopens the port), so
// the trial and verdict events never reach the host. Under uptime, a
// main.py that returns is confirmed at once and one that raises is rolled
// back at once, whatever N: the host must learn the verdict from the
// board's prompt (rawrepl.Nudge), not wait out N (an hour here; the
// verdict timeout, far below it, would end the watch with no verdict).
func TestVerdictLostWithThePortIsReadAtThePrompt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		main string
		want update.Outcome
	}{
		{"main.py returns", "print('v2 up')\n", update.Committed},
		{"main.py raises", "raise ValueError('v2 broken')\n", update.RolledBack},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, _, c := v1Board(t, simboard.Options{ResetDelay: 3 * time.Second})
			r, _ := push(t, ctx, c, app{"main.py": tt.main}, update.Options{Confirm: "uptime", Uptime: time.Hour,
				VerdictTimeout: 3 * time.Minute})
			if r.Outcome != tt.want {
				t.Fatalf("outcome %s, want %s: %+v", r.Outcome, tt.want, r)
			}
		})
	}
}
