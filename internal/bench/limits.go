package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/update"
)

// phaseMarks are where one push stood when the first event of each phase
// came: its time and how many flash ops the board's trace held.
type phaseMarks struct {
	at     map[update.Phase]time.Time
	ops    map[update.Phase]int
	lastAt map[update.Phase]time.Time // of the phase's last event
	last   map[update.Phase]int
	start  time.Time
	ops0   int
	end    time.Time
	opsEnd int
}

// flashCost is the modelled flash work of a run of trace ops.
type flashCost struct {
	ms                                         float64
	erase, prog, commit, compact, create, scan int
	kinds                                      map[string]int
}

// traceCost sums the charges of trace ops from (exclusive) to to
// (inclusive), counted from 1 as the trace numbers its lines.
func traceCost(trace string, from, to int) (flashCost, error) {
	fc := flashCost{kinds: map[string]int{}}
	f, err := os.Open(trace)
	if err != nil {
		return fc, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if n <= from || n > to {
			continue
		}
		var rec struct {
			Kind string `json:"kind"`
			Cost struct {
				Erase, Prog, Commit, Compact, Create, Scan int
				MS                                         float64 `json:"ms"`
			} `json:"cost"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fc, err
		}
		fc.ms += rec.Cost.MS
		fc.erase += rec.Cost.Erase
		fc.prog += rec.Cost.Prog
		fc.commit += rec.Cost.Commit
		fc.compact += rec.Cost.Compact
		fc.create += rec.Cost.Create
		fc.scan += rec.Cost.Scan
		fc.kinds[rec.Kind]++
	}
	return fc, sc.Err()
}

// phaseReport explains one timed push against the flash model: the upload
// rate against the modelled limit (the flash work of the staged files,
// during which the board takes no input, plus the run's wire bytes at the
// link's rate), where the whole job's time goes, and the floor any tool
// pays on this board, next to mpytool's copy in the same run.
func phaseReport(trace, name, corpus string, r update.Result, xfer time.Duration, m *phaseMarks, peers peerCopies) ([]string, error) {
	link, err := simboard.LinkProfile("usb-fs")
	if err != nil {
		return nil, err
	}
	up0, upOK := m.ops[update.PhaseUpload]
	up1, verOK := m.last[update.PhaseVerified]
	if !upOK || !verOK {
		return nil, fmt.Errorf("%s: no upload/verified events", name)
	}
	// The ops of the first chunk's exec are traced after its upload
	// event: the upload's ops run from there to the verified event.
	upload, err := traceCost(trace, up0, up1)
	if err != nil {
		return nil, err
	}
	after, err := traceCost(trace, up1, m.opsEnd)
	if err != nil {
		return nil, err
	}
	wire := time.Duration(r.WireBytesOut) * link.HostToBoard
	limit := time.Duration(upload.ms*float64(time.Millisecond)) + wire
	var out []string
	kbs := func(d time.Duration) float64 { return float64(r.FileBytes) / 1000 / d.Seconds() }
	out = append(out, fmt.Sprintf("%s: upload %.1f KB/s; modelled limit %.1f KB/s (flash %.2f s: %d erases, %d pages, %d commits passing %d directory entries, %d creates, input stalled; + %.1f KB wire at %.0f KB/s = %.2f s): %.0f%% of the limit (target >= 90%%)",
		name, kbs(xfer), kbs(limit), upload.ms/1000, upload.erase, upload.prog, upload.commit, upload.scan, upload.create,
		float64(r.WireBytesOut)/1000, 1/link.HostToBoard.Seconds()/1000, wire.Seconds(), 100*limit.Seconds()/xfer.Seconds()))
	// Where the whole job's time goes.
	ph := func(a, b update.Phase) string {
		ta, okA := m.at[a]
		tb, okB := m.at[b]
		if !okA || !okB {
			return "-"
		}
		return fmt.Sprintf("%.2f s", tb.Sub(ta).Seconds())
	}
	out = append(out, fmt.Sprintf("  phases: survey to upload %s, upload %s, verified to reset %s (arm), reset to outcome %s (boot, swap, trial, commit); flash after the upload %.2f s (%d commits, %d erases, %d directory entries passed, ops %v)",
		fmt.Sprintf("%.2f s", m.at[update.PhaseUpload].Sub(m.start).Seconds()),
		fmt.Sprintf("%.2f s", m.lastAt[update.PhaseVerified].Sub(m.at[update.PhaseUpload]).Seconds()),
		fmt.Sprintf("%.2f s", m.at[update.PhaseReset].Sub(m.lastAt[update.PhaseVerified]).Seconds()), ph(update.PhaseReset, update.PhaseOutcome), after.ms/1000, after.commit, after.erase, after.scan, after.kinds))
	// The floor: the flash work of writing these files as new files (what
	// the copy-only peer's trace charged) plus this run's swap, both with
	// no input, plus the payload on the wire at best (compressed as sent).
	if cr, ok := peers["mpytool"][corpus]; ok {
		floor := time.Duration((cr.flashMS+after.ms)*float64(time.Millisecond)) + wire
		out = append(out, fmt.Sprintf("  floor on this model: %.2f s (writing the files %.2f s as mpytool's copy was charged, swap and commit %.2f s, wire %.2f s); whole job %.2f s; mpytool's copy %.2f s in this run, 0.5x = %.2f s%s",
			floor.Seconds(), cr.flashMS/1000, after.ms/1000, wire.Seconds(), r.Duration.Seconds(), cr.wall.Seconds(), cr.wall.Seconds()/2,
			belowFloor(cr.wall/2, floor)))
	}
	return out, nil
}

func belowFloor(target, floor time.Duration) string {
	if target < floor {
		return fmt.Sprintf(": that target is %.2f s below the modelled floor, no tool can meet it on this board", (floor - target).Seconds())
	}
	return ""
}
