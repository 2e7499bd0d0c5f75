package update_test

import (
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// TestResetCutBeforeRecoveryStillSwaps: the host's Ctrl-C reaches a board
// that came back from the reset before its boot.py ran the recovery (a
// port back early, or one that never went away): the board is still
// armed, not failed. The host soft-resets it, boot.py swaps, and the run
// reports the version on trial, never "armed" after a reset.
func TestResetCutBeforeRecoveryStillSwaps(t *testing.T) {
	t.Parallel()
	ctx, _, c := v1Board(t, simboard.Options{})
	// A boot.py that takes a while before the agent's: the host's Ctrl-C
	// after the reset lands in it, so its first run never recovers.
	boot := string(agent.Files()[1].Data)
	slow := "import time\ntime.sleep(3)\n" + boot
	if _, err := c.Exec(ctx, "f=open('/boot.py','w')\nf.write("+pyQuote(slow)+")\nf.close()"); err != nil {
		t.Fatal(err)
	}
	r, err := push(t, ctx, c, app{"main.py": "print('v2 up')\n"}, update.Options{Confirm: "app", NoWait: true})
	if err != nil || r.Outcome != update.OnTrial {
		t.Fatalf("push: %+v %v", r, err)
	}
}

// pyQuote is a Python string literal of s (ASCII source).
func pyQuote(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '\'':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, c)
		}
	}
	return string(append(out, '\''))
}
