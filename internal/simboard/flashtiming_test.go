package simboard_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// opCost is one traced flash op with the flash work it was charged.
type opCost struct {
	Op   int    `json:"op"`
	Kind string `json:"kind"`
	Path string `json:"path"`
	Cost *struct {
		Erase   int     `json:"erase"`
		Prog    int     `json:"prog"`
		Commit  int     `json:"commit"`
		Compact int     `json:"compact"`
		Create  int     `json:"create"`
		Scan    int     `json:"scan"`
		MS      float64 `json:"ms"`
	} `json:"cost"`
}

func (c opCost) String() string {
	if c.Cost == nil {
		return fmt.Sprintf("%s %s free", c.Kind, c.Path)
	}
	return fmt.Sprintf("%s %s e%d p%d c%d k%d", c.Kind, c.Path, c.Cost.Erase, c.Cost.Prog, c.Cost.Commit, c.Cost.Compact)
}

func readCosts(t *testing.T, name string) []opCost {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []opCost
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c opCost
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("trace line %q: %v", sc.Text(), err)
		}
		out = append(out, c)
	}
	return out
}

// tracedExec runs code on a fresh Pico-timed board holding files and
// returns the flash ops it was charged.
func tracedExec(t *testing.T, files map[string][]byte, code string) []opCost {
	t.Helper()
	trace := filepath.Join(t.TempDir(), "trace.jsonl")
	b := simtest.StartT(t, simboard.Options{FlashTiming: "pico", TraceFS: trace, Files: files})
	l := dial(t, b)
	l.enterRaw()
	if out, exc := l.exec(code); exc != "" {
		t.Fatalf("board raised: %s %s", out, exc)
	}
	b.Close() // the trace is complete once the board is off
	return readCosts(t, trace)
}

// TestFlashTimingCharges checks the Pico flash model's charges per op,
// worked out by hand from littlefs's rules (4 KiB blocks erased before
// use, 256-byte pages programmed a 1 KiB cache at a time, files up to 512
// bytes inline in the metadata, one padded commit per create, close,
// rename, remove and mkdir). The simulator reports what it charged, so the
// test counts flash work and never measures time.
func TestFlashTimingCharges(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string][]byte
		code  string
		want  []string // e<erases> p<pages> c<commits> k<compactions>, per op
	}{
		{"10000 bytes in two writes", nil,
			"f = open('big.py', 'wb')\nf.write(b'x' * 5000)\nf.write(b'y' * 5000)\nf.close()",
			[]string{
				"create /big.py e0 p1 c1 k0",
				"write /big.py e2 p16 c0 k0", // blocks 0-1; 4 full caches out
				"write /big.py e1 p20 c0 k0", // block 2; caches 5-9
				"close /big.py e0 p5 c1 k0",  // the last 4 pages + the commit
			}},
		{"inline file", nil,
			"f = open('s.py', 'wb')\nf.write(b'z' * 100)\nf.close()",
			[]string{"create /s.py e0 p1 c1 k0", "write /s.py e0 p0 c0 k0", "close /s.py e0 p1 c1 k0"}},
		{"just over the inline limit", nil,
			"f = open('m.py', 'wb')\nf.write(b'z' * 600)\nf.close()",
			[]string{"create /m.py e0 p1 c1 k0", "write /m.py e1 p0 c0 k0", "close /m.py e0 p4 c1 k0"}},
		{"append copies the partial last block", map[string][]byte{"a.py": make([]byte, 5000)},
			"f = open('a.py', 'ab')\nf.write(b'z' * 100)\nf.close()",
			// 904 bytes copied + 100 new = 1004 bytes = 4 pages in a new block.
			[]string{"write /a.py e1 p0 c0 k0", "close /a.py e0 p5 c1 k0"}},
		{"rename, move, remove, mkdir", map[string][]byte{"a.py": []byte("1"), "b.py": []byte("2")},
			"import os\nos.rename('a.py', 'c.py')\nos.mkdir('lib')\nos.rename('b.py', 'lib/b.py')\nos.remove('c.py')",
			[]string{
				"rename /a.py e0 p1 c1 k0",
				"mkdir /lib e1 p2 c1 k0",   // the new pair's first block + the parent's commit
				"rename /b.py e0 p2 c2 k0", // a commit in each directory
				"remove /c.py e0 p1 c1 k0",
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, c := range tracedExec(t, tc.files, tc.code) {
				got = append(got, c.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("charges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestFlashTimingCompaction fills a directory's metadata block with
// commits: 20 small files (create + close each) in a new directory. Its
// block has 16 pages; every commit takes one. mkdir leaves 1 used, so the
// 16th commit (f07's close) compacts: 8 entries of 26 bytes + 7 x 10
// bytes inline = 278 bytes = 2 pages live. The 30th (f14's close) compacts
// again: 15 x 26 + 14 x 10 = 530 bytes = 3 pages; 10 more commits fit.
func TestFlashTimingCompaction(t *testing.T) {
	t.Parallel()
	code := "import os\nos.mkdir('d')\nfor i in range(20):\n f = open('d/f%02d.py' % i, 'w')\n f.write('0123456789')\n f.close()"
	var compacted []string
	erases, commits, creates, scans := 0, 0, 0, 0
	for _, c := range tracedExec(t, nil, code) {
		if c.Cost == nil {
			t.Fatalf("op without a charge: %v", c)
		}
		erases += c.Cost.Erase
		commits += c.Cost.Commit
		creates += c.Cost.Create
		if strings.HasPrefix(c.Path, "/d/") {
			scans += c.Cost.Scan
		}
		if c.Cost.Compact > 0 {
			compacted = append(compacted, c.String())
		}
	}
	want := []string{"close /d/f07.py e1 p3 c1 k1", "close /d/f14.py e1 p4 c1 k1"}
	if strings.Join(compacted, "\n") != strings.Join(want, "\n") {
		t.Errorf("compactions:\n%s\nwant:\n%s", strings.Join(compacted, "\n"), strings.Join(want, "\n"))
	}
	if erases != 3 || commits != 41 || creates != 20 {
		t.Errorf("erases %d, commits %d, new files %d; want 3 (mkdir + 2 compactions), 41 (mkdir + 20 creates + 20 closes), 20",
			erases, commits, creates)
	}
	// The i-th file's create commits in d with i entries there, its
	// close with i+1.
	if scans != 400 {
		t.Errorf("entries passed by d's commits: %d, want (0+...+19) + (1+...+20) = 400", scans)
	}
}

// TestFlashTimingDirectorySize: every metadata commit is charged per
// entry its directory holds (the calibrated cost of littlefs's work on a
// big directory); data is not.
func TestFlashTimingDirectorySize(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{"d/a.py": []byte("a"), "d/b.py": []byte("b"), "d/c.py": []byte("c"), "e/x.py": []byte("x")}
	code := "import os\nf = open('d/n.py', 'w')\nf.write('n' * 600)\nf.close()\nos.rename('e/x.py', 'd/x.py')\nos.mkdir('d/sub')\nos.remove('d/a.py')"
	var got []string
	for _, c := range tracedExec(t, files, code) {
		if c.Cost == nil {
			t.Fatalf("op without a charge: %v", c)
		}
		got = append(got, fmt.Sprintf("%s %s s%d", c.Kind, c.Path, c.Cost.Scan))
	}
	want := []string{
		"create /d/n.py s3", // a, b, c
		"write /d/n.py s0",
		"close /d/n.py s4",  // a, b, c, n
		"rename /e/x.py s5", // into d (a, b, c, n) and out of e (x)
		"mkdir /d/sub s5",   // a, b, c, n, x
		"remove /d/a.py s6", // a, b, c, n, x, sub
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries passed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFlashTimingIsOptIn: the default link charges nothing (ordinary tests
// stay fast); the hardware links bring the Pico's timing along.
func TestFlashTimingIsOptIn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opts    simboard.Options
		charged bool
	}{
		{simboard.Options{}, false},
		{simboard.Options{Link: "usb-fs"}, true},
		{simboard.Options{Link: "usb-fs", FlashTiming: "none"}, false},
	} {
		t.Run(fmt.Sprintf("link=%q timing=%q", tc.opts.Link, tc.opts.FlashTiming), func(t *testing.T) {
			t.Parallel()
			trace := filepath.Join(t.TempDir(), "trace.jsonl")
			tc.opts.TraceFS = trace
			b := simtest.StartT(t, tc.opts)
			l := dial(t, b)
			l.enterRaw()
			l.exec("f = open('a.py', 'w')\nf.write('x' * 5000)\nf.close()")
			b.Close()
			for _, c := range readCosts(t, trace) {
				if (c.Cost != nil) != tc.charged {
					t.Errorf("%v: charged %v, want %v", c, c.Cost != nil, tc.charged)
				}
			}
		})
	}
}

// TestFlashTimingBusy: the board spends the modelled time. Writing 8
// blocks costs 8 erases and 128 pages = 411.2 ms of flash time, so the
// board's own clock must advance at least that much (a lower bound: load
// can only make it longer).
func TestFlashTimingBusy(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{FlashTiming: "pico"})
	l := dial(t, b)
	l.enterRaw()
	out, exc := l.exec("import time\nt = time.ticks_ms()\nf = open('a.bin', 'wb')\nf.write(b'x' * 32768)\nf.close()\nprint(time.ticks_diff(time.ticks_ms(), t))")
	if exc != "" {
		t.Fatal(exc)
	}
	ms, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("board printed %q", out)
	}
	if ms < 411 {
		t.Errorf("writing 8 blocks took %d ms on the board's clock, want >= 411 (8 x 45 ms erase + 128 x 0.4 ms program)", ms)
	}
}

// TestStatEmptyPath: on a Pico's littlefs os.stat(”) names the directory
// the path is relative to (mpremote's `cp a b :` stats ” to learn that
// the destination is a directory), and stat modes are littlefs's bare
// types.
func TestStatEmptyPath(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"lib/a.py": []byte("x = 1\n")}})
	l := dial(t, b)
	l.enterRaw()
	out, exc := l.exec("import os\nprint(os.stat('')[0], os.stat('lib')[0], os.stat('lib/a.py')[0], os.stat('lib/a.py')[6])\nos.chdir('lib')\nprint(os.stat('')[0])")
	if exc != "" {
		t.Fatalf("board raised: %s", exc)
	}
	if want := "16384 16384 32768 6\r\n16384\r\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
