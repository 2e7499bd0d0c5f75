package faults_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/update"
)

// TestNearlyFullBoardEdge leaves the board, block by block, just about
// enough room for the update. At every amount the update must either be
// refused before anything is written (the board byte-identical) or be
// carried out whole; what it must never do is pass the preflight and then
// run out of space on the board (a failed upload, or a swap that has to be
// rolled back at boot).
func TestNearlyFullBoardEdge(t *testing.T) {
	t.Parallel()
	base := baseFlash(t)
	p, s := plan(t, v2)
	ta := newTally()
	var mu sync.Mutex
	seen := map[string]int{}
	t.Cleanup(func() {
		ta.log(t)
		// Both sides of the edge, or the table proves nothing.
		if seen["refused"] == 0 || seen["committed"] == 0 {
			t.Errorf("outcomes %v: the range of free space misses the edge", seen)
		}
	})
	// The update really needs 12 free blocks: 2 for noise.bin (the small
	// files are inlined), 2 each for the stage and backup folders and the
	// two new folders, 2 for plan.json and version.json.
	for free := int64(6); free <= 20; free++ {
		name := fmt.Sprintf("%d free blocks", free)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			begin := time.Now()
			var viol []string
			bad := func(f string, a ...any) { viol = append(viol, fmt.Sprintf(f, a...)) }
			defer func() {
				ta.add("nearly full board, at the edge", name, begin, viol)
				for _, v := range viol {
					t.Error(v)
				}
			}()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := boardOn(t, base, simboard.Options{})
			c, err := dial(ctx, b, connOpts(b))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			st, err := agent.New(c, agent.Options{}).Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			code := fmt.Sprintf("f = open('filler.bin', 'wb')\nfor i in range(%d):\n    f.write(bytes(%d))\nf.close()\n", st.BFree-free, st.BSize)
			if _, err := c.Exec(ctx, code); err != nil {
				t.Fatalf("filling the flash: %v", err)
			}
			if st, err = agent.New(c, agent.Options{}).Status(ctx); err != nil || st.BFree != free {
				t.Fatalf("after the fill: %d free blocks, want %d (%v)", st.BFree, free, err)
			}
			before := flashTree(t, b.FlashDir())
			var pe *update.PreflightError
			r, err := update.Run(ctx, p, s, c, update.Options{Confirm: "return"}, nil)
			c.Close()
			mu.Lock()
			seen[string(r.Outcome)]++
			if errors.As(err, &pe) {
				seen["refused"]++
			}
			mu.Unlock()
			switch {
			case err == nil && r.Outcome == update.Committed:
				if err := quiet(ctx, b); err != nil {
					bad("after the update: %v", err)
					return
				}
				if got, err := whole(t, b.FlashDir(), map[string]app{"v2": v2}, "filler.bin"); err != nil || got != "v2" {
					bad("committed, but the board holds %s %v", got, err)
				}
			case errors.As(err, &pe) && errors.Is(err, agent.ErrFull):
				if d := treeDiff(before, flashTree(t, b.FlashDir())); d != "" {
					bad("refused at preflight, yet the flash changed: %s", d)
				}
			default:
				bad("passed the preflight, then failed for space: %s (%s) %v", r.Outcome, r.Why, err)
			}
		})
	}
}
