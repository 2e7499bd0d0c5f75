package firmware_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/otapush/otapush/internal/agent"
)

// Issue #6's sizes: the small update of sweep_test.go is where the
// invariants are easiest to read; these are where the journal is long
// (a realistic app) or where space runs out (a nearly full board).

// bigOld/bigNew are a realistic app: about 30 files in nested folders.
// The update changes 11 files, adds 7 (two new nested folders), deletes a
// whole folder of 3 (emptied, so removed), replaces a file by a folder of
// the same name, and leaves 13 alone. One file spans two flash blocks, so
// it goes up in several writes (begin/w/finish).
var bigOld, bigNew = bigVersions()

func bigVersions() (version, version) {
	mod := func(name string, v, lines int) []byte {
		b := []byte(fmt.Sprintf("# %s\nVERSION = %d\n", name, v))
		for i := range lines {
			b = append(b, fmt.Sprintf("def f%d(x):\n    return x * %d + %d\n", i, i, v)...)
		}
		return b
	}
	blob := func(n int, salt byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*13) ^ salt
		}
		return b
	}
	old := map[string][]byte{
		"main.py": []byte("import app\n"),
		"app.py":  []byte("print('APP big1')\n"),
		"plugins": []byte("# a file here; a folder in the next version\n"),
	}
	nw := map[string][]byte{
		"main.py":                 []byte("import app\n"),
		"app.py":                  []byte("print('APP big2')\n"),
		"plugins/p0.py":           mod("p0", 2, 3),
		"plugins/p1.py":           mod("p1", 2, 4),
		"services/net/a.py":       mod("net/a", 2, 5),
		"services/net/b.py":       mod("net/b", 2, 2),
		"services/net/c.py":       mod("net/c", 2, 9),
		"web/static/img/logo.bin": blob(900, 3),
	}
	for i := range 8 {
		p := fmt.Sprintf("lib/m%d.py", i)
		old[p] = mod(p, 1, 4+i)
		nw[p] = old[p]
		if i < 4 {
			nw[p] = mod(p, 2, 4+i)
		}
	}
	for i := range 5 {
		p := fmt.Sprintf("lib/drivers/d%d.py", i)
		old[p] = mod(p, 1, 2+i)
		nw[p] = old[p]
		if i < 2 {
			nw[p] = mod(p, 2, 2+i)
		}
	}
	for i := range 3 {
		old[fmt.Sprintf("lib/drivers/legacy/l%d.py", i)] = mod("legacy", i, 3)
	}
	old["assets/big.bin"], nw["assets/big.bin"] = blob(6000, 1), blob(6000, 2)
	for _, p := range []string{"assets/font.bin", "assets/icon.bin", "assets/snd.bin"} {
		old[p] = blob(300+len(p)*10, byte(len(p)))
		nw[p] = old[p]
	}
	for i, p := range []string{"config/net.json", "config/ui.json", "config/log.json"} {
		old[p] = []byte(fmt.Sprintf("{\"n\": %d, \"v\": 1}\n", i))
		nw[p] = old[p]
	}
	nw["config/net.json"] = []byte("{\"n\": 0, \"v\": 2}\n")
	for _, p := range []string{"web/static/index.html", "web/static/app.js", "web/static/style.css"} {
		old[p] = []byte("<!-- " + p + " -->\n")
		nw[p] = old[p]
	}
	nw["web/static/app.js"] = []byte("// app.js v2\n")
	return version{name: "big1", files: old}, version{name: "big2", files: nw}
}

// TestPowerCutSweepRealistic is the full single-cut sweep (every op, and
// a torn variant of every journal write; sampled in make test) of the
// realistic update, healthy and failing. The failing one is swept from its commit point: before it
// the upload is the same code as the healthy one's.
func TestPowerCutSweepRealistic(t *testing.T) {
	t.Parallel()
	bad := version{name: "big2-bad", files: map[string][]byte{}}
	for p, c := range bigNew.files {
		bad.files[p] = c
	}
	bad.files["app.py"] = []byte("raise RuntimeError('big2-bad')\n")
	sweeps := []struct {
		sweep
		from func(clean) int
	}{
		{sweep{name: "realistic update (31 files)", from: bigOld, to: bigNew, healthy: true}, fromStart},
		{sweep{name: "realistic update, failing", from: bigOld, to: bad}, fromCommit},
	}
	sweepEach(t, len(sweeps), func(i int) string { return sweeps[i].name }, func(t *testing.T, i int) result {
		sw := sweeps[i]
		bs := prepare(t, sw.sweep)
		if bs.commit == 0 || bs.ops < 150 {
			t.Fatalf("%s: clean run has %d ops, commit point %d: not the long journal this sweep is for", sw.name, bs.ops, bs.commit)
		}
		return runSweep(t, sw.sweep, bs, sample(t, bs, allPoints(bs, sw.from)), false)
	})
}

// manyOld/manyNew are 50 small modules, every one changed: the update
// the agent can only do in parts on a board with 64 KB of heap (the
// survey and arm answer in parts; the swap and its cleanup may need more
// than one boot).
var manyOld, manyNew = manyVersions()

func manyVersions() (version, version) {
	v := func(name string, n int) version {
		files := map[string][]byte{"main.py": []byte("import app\n"), "app.py": []byte(fmt.Sprintf("print('APP %s')\n", name))}
		for i := range 50 {
			b := []byte(fmt.Sprintf("# lib/m%02d.py\nVERSION = %d\n", i, n))
			for j := range 30 {
				b = append(b, fmt.Sprintf("def f%d(x):\n    return x * %d + %d\n", j, j, n)...)
			}
			files[fmt.Sprintf("lib/m%02d.py", i)] = b
		}
		return version{name: name, files: files}
	}
	return v("many1", 1), v("many2", 2)
}

// TestPowerCutSweepShortHeap sweeps the 50-file update on boards with
// 64 KB of free heap, where the agent works in parts: a cut between the
// parts must leave a whole version as anywhere else.
func TestPowerCutSweepShortHeap(t *testing.T) {
	t.Parallel()
	sw := sweep{name: "50 files changed, 64 KB heap", from: manyOld, to: manyNew, healthy: true, heapKB: 64}
	sweepEach(t, 1, func(int) string { return sw.name }, func(t *testing.T, _ int) result {
		bs := prepare(t, sw)
		if bs.commit == 0 || bs.ops < 150 {
			t.Fatalf("%s: clean run has %d ops, commit point %d", sw.name, bs.ops, bs.commit)
		}
		return runSweep(t, sw, bs, sample(t, bs, allPoints(bs, fromStart)), false)
	})
}

// fillFlash returns a seed that leaves `free` blocks on the board once
// the update to v has reached the point `at` says: "upload" (before the
// upload: the update cannot be staged) or "arm" (after the arm: it is
// staged and armed, and the swap runs out of space at boot). The filler
// is a file the app created at run time, which no update touches.
func fillFlash(v version, at string, free int64) func(t *testing.T, ctx context.Context, d *dev) {
	return func(t *testing.T, ctx context.Context, d *dev) {
		t.Helper()
		target := mustStatus(t, ctx, d).BFree
		if at == "arm" {
			if err := d.push(ctx, v); err != nil {
				t.Fatalf("measuring the staged update: %v", err)
			}
			target = mustStatus(t, ctx, d).BFree
			if err := d.call(ctx, nil, "abort"); err != nil {
				t.Fatal(err)
			}
		}
		n := target - free
		code := fmt.Sprintf("f = open('filler.bin', 'wb')\nfor i in range(%d):\n    f.write(bytes(4096))\nf.close()\n", n)
		if _, err := d.exec(ctx, code); err != nil {
			t.Fatalf("filling the flash: %v", err)
		}
		st := mustStatus(t, ctx, d)
		if st.State != "idle" || st.Staged != 0 {
			t.Fatalf("board not idle after the fill: %+v", st)
		}
	}
}

// pushThenAbort is the host's side of an update that does not fit: the
// board refuses an upload for space, the host drops the stage.
func pushThenAbort(ctx context.Context, d *dev, v version) error {
	err := d.push(ctx, v)
	var ae *agent.Error
	if !errors.As(err, &ae) || ae.Code != "ENOSPC" {
		return fmt.Errorf("push on a full board: %v, want the board's ENOSPC", err)
	}
	return d.call(ctx, nil, "abort")
}

// TestPowerCutSweepNearlyFull: on a nearly full board the update must
// fail cleanly on the old version, whether the space runs out while
// uploading (the board refuses; the host aborts) or during the swap at
// boot (a new folder cannot be created: the agent restores the old
// version). Every op of both, cut (sampled in make test). The host here is
// the test-only one (lifecycle): the product's host refuses both updates
// at its preflight, before the board is touched; this is the agent's own
// guard, for a board that fills up behind the host's back.
func TestPowerCutSweepNearlyFull(t *testing.T) {
	t.Parallel()
	sweeps := []sweep{
		{name: "nearly full: upload does not fit", from: sweepOld, to: sweepNew,
			seed: fillFlash(sweepNew, "upload", 4), lifecycle: pushThenAbort},
		// 3 free blocks after the arm: the backup folder (2) fits, the
		// first new folder (2) does not.
		{name: "nearly full: swap runs out of space", from: sweepOld, to: sweepNew,
			seed: fillFlash(sweepNew, "arm", 3), lastHas: "apply failed", lifecycle: lifecycle},
	}
	sweepEach(t, len(sweeps), func(i int) string { return sweeps[i].name }, func(t *testing.T, i int) result {
		bs := prepare(t, sweeps[i])
		if bs.ops < 10 {
			t.Fatalf("%s: clean run has only %d ops", sweeps[i].name, bs.ops)
		}
		return runSweep(t, sweeps[i], bs, sample(t, bs, allPoints(bs, fromStart)), false)
	})
}

// fullDoubleCut: OTAPUSH_FAULTS_FULL=1 (make faults-full) makes the
// double-cut sweep exhaustive instead of sampled.
func fullDoubleCut() bool { return os.Getenv("OTAPUSH_FAULTS_FULL") != "" }
