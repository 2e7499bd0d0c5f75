package simboard_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

func TestBanner(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	got := l.mustUntil(">>> ", 3*time.Second)
	for _, want := range []string{"MicroPython v1.27.0 on 2025-12-10; Raspberry Pi Pico W with RP2040\r\n", "Type \"help()\" for more information.\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("banner %q lacks %q", got, want)
		}
	}
	// The friendly REPL evaluates and answers with \r\n line ends.
	l.write("1+1\r")
	if got := l.mustUntil(">>> ", 3*time.Second); got != "1+1\r\n2\r\n>>> " {
		t.Errorf("friendly eval = %q", got)
	}
	l.write("\r\x03\x03")
	if got := l.mustUntil(">>> \r\n>>> \r\n>>> ", 3*time.Second); !strings.HasSuffix(got, "\r\n>>> \r\n>>> \r\n>>> ") {
		t.Errorf("Ctrl-C at the prompt = %q", got)
	}
}

func TestRawExec(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	tests := []struct {
		name, code, out, exc string
	}{
		{"stdout", "print(1)\nprint('a')", "1\r\na\r\n", ""},
		{"traceback", "1/0", "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n"},
		{"output then error", "print('x')\nraise ValueError('bad')", "x\r\n", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\nValueError: bad\r\n"},
		{"errno like a board", "open('nope')", "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n"},
		{"errno module agrees", "import errno\ntry:\n open('nope')\nexcept OSError as e:\n print(e.errno == errno.ENOENT)", "True\r\n", ""},
		{"frozen-only module absent", "import base64", "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nImportError: no module named 'base64'\r\n"},
		{"board modules", "import os, hashlib, binascii, deflate, json, gc, time, micropython, machine, errno, sys\nprint(sys.platform, hasattr(os, 'sync'), hasattr(hashlib, 'sha1'))", "rp2 True False\r\n", ""},
		{"sha256", "import hashlib, binascii\nprint(binascii.hexlify(hashlib.sha256(b'abc').digest()).decode()[:16])", "ba7816bf8f01cfea\r\n", ""},
		{"unique_id is the serial", "import machine, binascii\nprint(binascii.hexlify(machine.unique_id()).decode().upper())", b.Serial() + "\r\n", ""},
		{"power-on reset cause", "import machine\nprint(machine.reset_cause() == machine.PWRON_RESET)", "True\r\n", ""},
		{"uname", "import os\nprint(os.uname().machine)", "Raspberry Pi Pico W with RP2040\r\n", ""},
		{"flash is littlefs2 at /", "import vfs, os\nprint(vfs.mount(), hasattr(os, 'VfsPosix'))", "[(<VfsLfs2>, '/')] False\r\n", ""},
	}
	for _, tc := range tests {
		out, exc := l.exec(tc.code)
		if out != tc.out || exc != tc.exc {
			t.Errorf("%s: exec(%q) = %q, %q; want %q, %q", tc.name, tc.code, out, exc, tc.out, tc.exc)
		}
	}
	// Globals survive between execs, as on a board.
	l.exec("keep = 41")
	if out, _ := l.exec("print(keep + 1)"); out != "42\r\n" {
		t.Errorf("globals lost: %q", out)
	}
	// Ctrl-B leaves raw mode with the banner.
	l.write("\x02")
	if got := l.mustUntil(">>> ", 3*time.Second); !strings.Contains(got, "Raspberry Pi Pico W") {
		t.Errorf("Ctrl-B = %q", got)
	}
}

// bigSource is valid Python of about n bytes that prints a checksum.
func bigSource(n int) (string, string) {
	var sb strings.Builder
	sb.WriteString("t = 0\n")
	i := 0
	for sb.Len() < n {
		fmt.Fprintf(&sb, "t += %d  # padding to make this line longer %d\n", i, i)
		i++
	}
	sb.WriteString("print(t)\n")
	return sb.String(), fmt.Sprintf("%d\r\n", i*(i-1)/2)
}

func TestRawPaste(t *testing.T) {
	t.Parallel()
	src, want := bigSource(20000)
	tests := []struct {
		name   string
		window int
	}{
		{"rp2 window", 0},
		{"nrf window", 32},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := simtest.StartT(t, simboard.Options{PasteStrict: true, Window: tc.window})
			l := dial(t, b)
			l.enterRaw()
			r, err := l.paste(src, false)
			if err != nil {
				t.Fatal(err)
			}
			wantWindow := tc.window
			if wantWindow == 0 {
				wantWindow = 128
			}
			if r.window != wantWindow {
				t.Errorf("window = %d, want %d", r.window, wantWindow)
			}
			if r.out != want || r.exc != "" {
				t.Errorf("paste = %q, %q; want %q", r.out, r.exc, want)
			}
			// One credit per window the board consumed.
			if min, max := len(src)/wantWindow-2, len(src)/wantWindow+1; r.acks < min || r.acks > max {
				t.Errorf("acks = %d, want %d..%d", r.acks, min, max)
			}
			if v := b.PasteViolations(); v != 0 {
				t.Errorf("a compliant client caused %d violations", v)
			}
			// A small paste right after works too (state is clean).
			if r, err := l.paste("print('again')", false); err != nil || r.out != "again\r\n" {
				t.Errorf("second paste = %+v, %v", r, err)
			}
		})
	}
}

func TestRawPasteStrictCatchesOverflow(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{PasteStrict: true})
	l := dial(t, b)
	l.enterRaw()
	src, want := bigSource(8000)
	r, err := l.paste(src, true)
	if err != nil {
		t.Fatal(err)
	}
	if b.PasteViolations() == 0 {
		t.Fatalf("a client ignoring the window was not caught (result %+v) stderr=%s", r, b.Stderr())
	}
	// The dropped bytes are lost, as in an overrun: the program that ran is
	// not the one that was sent.
	if r.out == want {
		t.Errorf("overflowing paste ran as sent: %q", r.out)
	}
}

func TestRawPasteCompileErrorMidStream(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{PasteStrict: true})
	l := dial(t, b)
	l.enterRaw()
	body, _ := bigSource(16000)
	r, err := l.paste("x = 1\ndef broken(:\n    pass\n"+body, false)
	if err != nil {
		t.Fatal(err)
	}
	if !r.aborted || r.sentAll {
		t.Errorf("board did not abort mid-stream (aborted=%v, sentAll=%v)", r.aborted, r.sentAll)
	}
	if r.out != "" || !strings.Contains(r.exc, "line 2") || !strings.HasSuffix(r.exc, "SyntaxError: invalid syntax\r\n") {
		t.Errorf("abort result = %q, %q", r.out, r.exc)
	}
	// An error only the end reveals is reported after the data.
	r, err = l.paste("print(1)\nif True:\n", false)
	if err != nil {
		t.Fatal(err)
	}
	if r.aborted || !strings.Contains(r.exc, "SyntaxError") {
		t.Errorf("end-of-data error = %+v", r)
	}
	if out, _ := l.exec("print('alive')"); out != "alive\r\n" {
		t.Errorf("after aborts: %q", out)
	}
	if b.PasteViolations() != 0 {
		t.Errorf("violations = %d", b.PasteViolations())
	}
}

func TestNoRawPaste(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{NoRawPaste: true})
	l := dial(t, b)
	l.enterRaw()
	l.write("\x05A\x01")
	// Old firmware restarts the raw REPL; the host must fall back.
	if got := l.mustUntil(rawBanner, 3*time.Second); got != rawBanner {
		t.Errorf("raw-paste request on old firmware = %q", got)
	}
	if out, _ := l.exec("print(2)"); out != "2\r\n" {
		t.Errorf("classic exec after refusal = %q", out)
	}
}

func TestCtrlCInterruptsBusyMain(t *testing.T) {
	t.Parallel()
	mains := map[string]string{
		"sleep loop":    "import time\nwhile True:\n    time.sleep(0.05)\n",
		"sleep_ms loop": "import time\nn = 0\nwhile True:\n    n += 1\n    time.sleep_ms(1)\n",
		"printing loop": "import time\nwhile True:\n    print('tick')\n    time.sleep(0.01)\n",
		"clock spin":    "import time\nt = time.ticks_ms()\nwhile True:\n    time.ticks_diff(time.ticks_ms(), t)\n",
		"pure compute":  "x = 0\nwhile True:\n    x += 1\n",
	}
	for name, main := range mains {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte(main)}})
			l := dial(t, b)
			time.Sleep(100 * time.Millisecond)
			l.write("\r\x03")
			// Within 3 s of the board's CPU time: a main.py the interrupt
			// missed would spin through that budget (how fast the interrupt
			// lands in wall time is make bench's business, not a test's).
			got := l.mustUntil(">>> ", 3*time.Second)
			// The traceback is the app's alone: no frame of the simulator's
			// own shims (a board's sleep is C code).
			if !strings.Contains(got, "File \"main.py\"") || !strings.Contains(got, "KeyboardInterrupt: \r\n") || strings.Contains(got, "/dev/picosim") {
				t.Errorf("interrupt output %q", got)
			}
			l.enterRaw()
			if out, _ := l.exec("print('free')"); out != "free\r\n" {
				t.Errorf("after interrupt: %q", out)
			}
			// The interrupt is also delivered to code run from the raw REPL.
			l.write(main + "\x04")
			l.mustUntil("OK", 3*time.Second)
			time.Sleep(50 * time.Millisecond)
			l.write("\x03")
			out, exc, err := l.follow(3 * time.Second)
			if err != nil || strings.ReplaceAll(out, "tick\r\n", "") != "" || !strings.HasSuffix(exc, "KeyboardInterrupt: \r\n") {
				t.Errorf("raw interrupt = %q, %q, %v", out, exc, err)
			}
		})
	}
}

func TestSoftReset(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{
		"boot.py": []byte("print('boot ran')\n"),
		"main.py": []byte("print('main ran')\n"),
	}
	b := simtest.StartT(t, simboard.Options{Files: files})
	l := dial(t, b)
	got := l.mustUntil(">>> ", 3*time.Second)
	if !strings.HasPrefix(got, "boot ran\r\nmain ran\r\n") {
		t.Errorf("power-on output = %q", got)
	}
	// Friendly Ctrl-D: boot.py and main.py run again.
	l.write("\x04")
	got = l.mustUntil(">>> ", 3*time.Second)
	if !strings.Contains(got, "MPY: soft reboot\r\nboot ran\r\nmain ran\r\n") {
		t.Errorf("friendly soft reset = %q", got)
	}
	// Raw Ctrl-D: main.py is skipped and the board stays raw.
	l.enterRaw()
	l.exec("x = 5")
	l.write("\x04")
	got = l.mustUntil(rawBanner, 3*time.Second)
	if got != "OK\r\nMPY: soft reboot\r\nboot ran\r\n"+rawBanner {
		t.Errorf("raw soft reset = %q", got)
	}
	// The interpreter is fresh.
	if _, exc := l.exec("print(x)"); !strings.Contains(exc, "NameError") {
		t.Errorf("globals survived a soft reset: %q", exc)
	}
	// machine.soft_reset() and sys.exit() are soft reboots too.
	for _, code := range []string{"import machine; machine.soft_reset()", "import sys; sys.exit()"} {
		l.write(code + "\x04")
		if got := l.mustUntil(rawBanner, 3*time.Second); got != "OK\x04\x04MPY: soft reboot\r\nboot ran\r\n"+rawBanner {
			t.Errorf("%s = %q", code, got)
		}
	}
}

func TestSoftResetWithoutMain(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.mustUntil(">>> ", 3*time.Second)
	l.write("\x04")
	got := l.mustUntil(">>> ", 3*time.Second)
	if !strings.HasPrefix(got, "\r\nMPY: soft reboot\r\n") || !strings.Contains(got, "Raspberry Pi Pico W") {
		t.Errorf("soft reset = %q", got)
	}
}

func TestHardResetReenumerates(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{ResetDelay: 200 * time.Millisecond, Files: map[string][]byte{"main.py": []byte("print('app up')\n")}})
	dev0 := b.Device()
	if target, err := os.Readlink(b.Port()); err != nil || target != dev0 {
		t.Fatalf("by-id link = %q, %v; want %q", target, err, dev0)
	}
	l := dial(t, b)
	l.enterRaw()
	l.write("print('bye')\nimport machine\nmachine.reset()\x04")
	got := l.untilGone(3 * time.Second)
	if !strings.HasPrefix(got, "OKbye\r\n") {
		t.Errorf("before the reset: %q", got)
	}
	if target, err := os.Readlink(b.Port()); err == nil && target == dev0 {
		t.Errorf("by-id link still points at the dead port")
	}
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	if b.Resets() != 1 {
		t.Errorf("Resets = %d", b.Resets())
	}
	dev1 := b.Device()
	if target, _ := os.Readlink(b.Port()); target != dev1 {
		t.Errorf("by-id link = %q, want %q", target, dev1)
	}
	// Found again through the registry by serial number.
	e, err := simreg.Read(b.RegistryDir(), b.Serial())
	if err != nil {
		t.Fatal(err)
	}
	if e.Device != dev1 || e.Port != b.Port() || e.VID != "2E8A" || e.PID != "0005" || e.OwnerPID != os.Getpid() {
		t.Errorf("registry entry %+v", e)
	}
	l2 := dialPath(t, b, e.Port)
	l2.enterRaw()
	out, exc := l2.exec("import machine\nprint(machine.reset_cause() == machine.WDT_RESET)")
	if out != "True\r\n" || exc != "" {
		t.Errorf("after reset: %q %q", out, exc)
	}
}

func TestFlashCapacity(t *testing.T) {
	t.Parallel()
	tests := []struct{ kb, blocks int }{{848, 212}, {64, 16}, {2048, 512}}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.kb), func(t *testing.T) {
			t.Parallel()
			o := simboard.Options{}
			if tc.kb != 848 {
				o.FlashKB = tc.kb
			}
			b := simtest.StartT(t, o)
			l := dial(t, b)
			l.enterRaw()
			out, _ := l.exec("import os\nprint(os.statvfs('/'))")
			want := fmt.Sprintf("(4096, 4096, %d, %d, %d, 0, 0, 0, 0, 255)\r\n", tc.blocks, tc.blocks-2, tc.blocks-2)
			if out != want {
				t.Errorf("statvfs = %q, want %q", out, want)
			}
			out, _ = l.exec("f = open('big.bin', 'wb')\nf.write(bytes(20000))\nf.close()\nprint(os.statvfs('/')[3])")
			if want := fmt.Sprintf("%d\r\n", tc.blocks-2-5); out != want {
				t.Errorf("free after 20000 bytes = %q, want %q", out, want)
			}
		})
	}
}

func TestENOSPC(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{FlashKB: 64})
	l := dial(t, b)
	l.enterRaw()
	out, exc := l.exec("import os\nf = open('fill.bin', 'wb')\nn = 0\ntry:\n while True:\n  f.write(bytes(1024))\n  n += 1\nexcept OSError as e:\n print(n, e.errno)\nf.close()\nprint(os.stat('fill.bin')[6])")
	// 16 blocks: 2 for the root, 14 for data.
	if out != "56 28\r\n57344\r\n" || exc != "" {
		t.Errorf("fill = %q, %q", out, exc)
	}
	// Uncaught, it reads as on a board (MicroPython has no name for 28).
	_, exc = l.exec("open('more.bin', 'wb').write(bytes(5000))")
	if !strings.HasSuffix(exc, "OSError: 28\r\n") {
		t.Errorf("uncaught ENOSPC = %q", exc)
	}
	_, exc = l.exec("import os\nos.mkdir('d')")
	if !strings.HasSuffix(exc, "OSError: 28\r\n") {
		t.Errorf("mkdir on a full flash = %q", exc)
	}
}

func TestLittlefsSemantics(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{
		"a.txt": []byte("A"), "b.txt": []byte("B"), "full/x": []byte("x"),
	}})
	l := dial(t, b)
	l.enterRaw()
	tests := []struct{ name, code, out, exc string }{
		{"rename replaces a file", "import os\nos.rename('a.txt', 'b.txt')\nprint(os.listdir(), open('b.txt').read())", "['b.txt', 'full']\r\n", ""},
		{"rename over a non-empty dir fails", "os.mkdir('d')\nopen('d/f', 'w').close()\nos.rename('d', 'full')", "", "OSError: 39"},
		{"rename onto an empty dir replaces it", "os.mkdir('e')\nos.rename('d', 'e')\nprint(os.listdir('e'))", "['f']\r\n", ""},
		{"file onto dir", "os.rename('b.txt', 'e')", "", "OSError: [Errno 21] EISDIR"},
		{"remove() takes an empty dir", "os.mkdir('empty')\nos.remove('empty')\nprint('empty' in os.listdir())", "False\r\n", ""},
		{"rmdir of a non-empty dir", "os.rmdir('e')", "", "OSError: 39"},
		{"mkdir existing", "os.mkdir('e')", "", "OSError: [Errno 17] EEXIST"},
	}
	for _, tc := range tests {
		out, exc := l.exec(tc.code)
		if tc.name == "rename replaces a file" {
			tc.out = "['b.txt', 'full'] A\r\n"
		}
		if out != tc.out || !strings.Contains(exc, tc.exc) || (tc.exc == "" && exc != "") {
			t.Errorf("%s: %q, %q; want %q, %q", tc.name, out, exc, tc.out, tc.exc)
		}
	}
	// A new file exists with 0 bytes from open; its data only at close.
	l.exec("f = open('new.txt', 'w')\nf.write('hello')")
	assertFile(t, b, "new.txt", "")
	l.exec("f.flush()")
	assertFile(t, b, "new.txt", "hello")
	l.exec("f.write(' world')")
	assertFile(t, b, "new.txt", "hello")
	l.exec("f.close()")
	assertFile(t, b, "new.txt", "hello world")
	// Rewriting in place keeps the old contents until close.
	l.exec("g = open('new.txt', 'w')\ng.write('x')")
	assertFile(t, b, "new.txt", "hello world")
	l.exec("g.close()")
	assertFile(t, b, "new.txt", "x")
}

func assertFile(t *testing.T, b *simboard.Board, name, want string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(b.FlashDir(), name))
	if err != nil || string(got) != want {
		t.Errorf("flash %s = %q, %v; want %q", name, got, err, want)
	}
}

// update is the little transaction the power-cut tests interrupt: stage a
// file, then atomically rename it over the live one.
const update = "f = open('ver.tmp', 'w')\nf.write('version 2')\nf.close()\nimport os\nos.rename('ver.tmp', 'ver.txt')\nprint('done')"

func TestTraceFS(t *testing.T) {
	t.Parallel()
	trace := filepath.Join(t.TempDir(), "trace.jsonl")
	b := simtest.StartT(t, simboard.Options{TraceFS: trace, Files: map[string][]byte{"ver.txt": []byte("version 1")}})
	l := dial(t, b)
	l.enterRaw()
	if out, exc := l.exec(update); out != "done\r\n" {
		t.Fatalf("update = %q %q", out, exc)
	}
	b.Close()
	got := readTrace(t, trace)
	want := []string{"1 create /ver.tmp 0", "2 write /ver.tmp 9", "3 close /ver.tmp 9", "4 rename /ver.tmp 0 /ver.txt"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("trace:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func readTrace(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r struct {
			Op    int    `json:"op"`
			Kind  string `json:"kind"`
			Path  string `json:"path"`
			Bytes int    `json:"bytes"`
			To    string `json:"to"`
			Cut   bool   `json:"cut"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("trace line %q: %v", sc.Text(), err)
		}
		s := fmt.Sprintf("%d %s %s %d", r.Op, r.Kind, r.Path, r.Bytes)
		if r.To != "" {
			s += " " + r.To
		}
		if r.Cut {
			s += " cut"
		}
		out = append(out, s)
	}
	return out
}

func TestPowerCutMatrix(t *testing.T) {
	t.Parallel()
	// What the flash may hold after a cut before op N of `update`
	// (1 create, 2 write, 3 close, 4 rename); 5 means no cut.
	type state map[string]string
	old := state{"boot.py": bootPy, "ver.txt": "version 1"}
	with := func(extra state) state {
		s := state{"boot.py": bootPy}
		for k, v := range extra {
			s[k] = v
		}
		return s
	}
	tests := []struct {
		op    int
		torn  bool
		model string
		want  state
	}{
		{1, false, "", old},
		{2, false, "", with(state{"ver.txt": "version 1", "ver.tmp": ""})},
		{3, false, "", with(state{"ver.txt": "version 1", "ver.tmp": ""})},
		{4, false, "", with(state{"ver.txt": "version 1", "ver.tmp": "version 2"})},
		{5, false, "", with(state{"ver.txt": "version 2"})},
		// littlefs discards a torn write: same states as clean cuts.
		{2, true, "", with(state{"ver.txt": "version 1", "ver.tmp": ""})},
		{3, true, "", with(state{"ver.txt": "version 1", "ver.tmp": ""})},
		// Under the posix model writes land at once and a torn one halfway.
		{2, true, "posix", with(state{"ver.txt": "version 1", "ver.tmp": "vers"})},
		{3, false, "posix", with(state{"ver.txt": "version 1", "ver.tmp": "version 2"})},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("op%d torn=%v %s", tc.op, tc.torn, tc.model), func(t *testing.T) {
			t.Parallel()
			trace := filepath.Join(t.TempDir(), "trace.jsonl")
			b := simtest.StartT(t, simboard.Options{CutAt: tc.op, Torn: tc.torn, FSModel: tc.model, TraceFS: trace,
				Files: map[string][]byte{"ver.txt": []byte("version 1"), "boot.py": []byte(bootPy)}})
			l := dial(t, b)
			l.enterRaw()
			l.write(update + "\x04")
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			if tc.op <= 4 {
				err := b.Wait(ctx)
				var pc *simboard.PowerCutError
				if !errors.As(err, &pc) || pc.Op != tc.op {
					t.Fatalf("Wait = %v, want a power cut at op %d", err, tc.op)
				}
				if _, err := os.Lstat(b.Port()); err == nil {
					t.Errorf("by-id link survives the power cut")
				}
			} else {
				l.mustUntil("done", 5*time.Second)
				b.Kill()
			}
			if got := readFlash(t, b.FlashDir()); !equalState(got, tc.want) {
				t.Errorf("flash after the cut = %v, want %v", got, tc.want)
			}
			// Power returns: boot.py runs and the REPL works on the same flash.
			if err := b.Restart(ctx); err != nil {
				t.Fatal(err)
			}
			l2 := dial(t, b)
			if got := l2.mustUntil(">>> ", 3*time.Second); !strings.HasPrefix(got, "booted\r\n") {
				t.Errorf("after power returns: %q", got)
			}
			l2.enterRaw()
			out, _ := l2.exec("print(open('ver.txt').read())")
			if want := tc.want["ver.txt"] + "\r\n"; out != want {
				t.Errorf("ver.txt after reboot = %q, want %q", out, want)
			}
		})
	}
}

const bootPy = "print('booted')\n"

func readFlash(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func equalState(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestKillAndRestartKeepFlash(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	l.exec("with open('keep.txt', 'w') as f:\n f.write('kept')")
	b.Kill()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.Wait(ctx); !errors.Is(err, simboard.ErrKilled) {
		t.Errorf("Wait after Kill = %v", err)
	}
	if err := b.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	l2 := dial(t, b)
	l2.enterRaw()
	if out, _ := l2.exec("print(open('keep.txt').read())"); out != "kept\r\n" {
		t.Errorf("after restart: %q", out)
	}
}

func TestRegistryLifecycle(t *testing.T) {
	t.Parallel()
	reg := t.TempDir()
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg, Serial: "e66038b7133a5a2f"})
	if b.Serial() != "E66038B7133A5A2F" {
		t.Errorf("serial = %q", b.Serial())
	}
	list, err := simreg.List(reg)
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	e := list[0]
	want := simreg.NewEntry("E66038B7133A5A2F", filepath.Join(reg, "by-id", "usb-MicroPython_Board_in_FS_mode_E66038B7133A5A2F-if00"), b.Device(), os.Getpid())
	if e != want {
		t.Errorf("entry = %+v, want %+v", e, want)
	}
	b.Close()
	if list, _ := simreg.List(reg); len(list) != 0 {
		t.Errorf("entry left after Close: %+v", list)
	}
	if _, err := os.Lstat(e.Port); err == nil {
		t.Errorf("by-id link left after Close")
	}
}

func TestWatchdog(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{ResetDelay: 100 * time.Millisecond})
	l := dial(t, b)
	l.enterRaw()
	// Fed in time, the watchdog leaves the board alone. Its timeout is the
	// rp2's longest: the watchdog runs on the wall clock, as on a board, and
	// a busy machine may hold the simulator up between feeds.
	out, exc := l.exec("import machine, time\nw = machine.WDT(timeout=8000)\nfor i in range(8):\n    time.sleep_ms(50)\n    w.feed()\nprint('fed')")
	if out != "fed\r\n" || exc != "" {
		t.Fatalf("fed watchdog: %q %q", out, exc)
	}
	// Starved, it hard-resets the board: the port goes away and returns.
	l.write("w = machine.WDT(timeout=1000)\ntime.sleep(3)\x04")
	l.untilGone(3 * time.Second)
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	l2 := dial(t, b)
	l2.enterRaw()
	if out, _ := l2.exec("import machine\nprint(machine.reset_cause() == machine.WDT_RESET)"); out != "True\r\n" {
		t.Errorf("reset cause after the watchdog: %q", out)
	}
	if b.Resets() != 1 {
		t.Errorf("Resets = %d", b.Resets())
	}
	// Code that never polls (no sleep, print or clock) is reset too.
	l2.write("w = machine.WDT(timeout=200)\nx = 0\nwhile True:\n    x += 1\x04")
	if got := l2.untilGone(3 * time.Second); got != "OK" {
		t.Errorf("output before the reset = %q, want just OK", got)
	}
	if err := b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	if b.Resets() != 2 {
		t.Errorf("Resets = %d", b.Resets())
	}
}

func TestOpenFilesAtReset(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{ResetDelay: 50 * time.Millisecond})
	l := dial(t, b)
	l.enterRaw()
	// A soft reset closes leaked files through their finalisers: committed.
	l.exec("f = open('soft.txt', 'w')\nf.write('kept')")
	l.write("\x04")
	l.mustUntil(rawBanner, 3*time.Second)
	assertFile(t, b, "soft.txt", "kept")
	// A hard reset is a power cycle: the uncommitted data is gone.
	l.exec("f = open('hard.txt', 'w')\nf.write('lost')")
	l.write("import machine\nmachine.reset()\x04")
	l.untilGone(2 * time.Second)
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	assertFile(t, b, "hard.txt", "")
	// A file removed while open does not come back when it is closed.
	l2 := dial(t, b)
	l2.enterRaw()
	l2.exec("import os\nf = open('gone.txt', 'w')\nf.write('x')\nos.remove('gone.txt')\nf.close()")
	if _, err := os.Stat(filepath.Join(b.FlashDir(), "gone.txt")); err == nil {
		t.Errorf("a removed file came back at close")
	}
}

func TestCutDuringBoot(t *testing.T) {
	t.Parallel()
	// boot.py writes a log on every boot: ops 1 create, 2 write, 3 close.
	boot := "f = open('boot.log', 'a')\nf.write('b')\nf.close()\nprint('booted')\n"
	trace := filepath.Join(t.TempDir(), "trace.jsonl")
	b := simtest.StartT(t, simboard.Options{CutAt: 3, TraceFS: trace, Files: map[string][]byte{"boot.py": []byte(boot)}})
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	var pc *simboard.PowerCutError
	if err := b.Wait(ctx); !errors.As(err, &pc) || pc.Op != 3 {
		t.Fatalf("Wait = %v, want a cut at op 3", err)
	}
	assertFile(t, b, "boot.log", "")
	// A second cut, in the next boot, before its first op: nothing changes.
	if err := b.RestartCutAt(ctx, 1, false); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(ctx); !errors.As(err, &pc) || pc.Op != 1 {
		t.Fatalf("second Wait = %v, want a cut at op 1", err)
	}
	assertFile(t, b, "boot.log", "")
	if err := b.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	l := dial(t, b)
	if got := l.mustUntil(">>> ", 3*time.Second); !strings.HasPrefix(got, "booted\r\n") {
		t.Errorf("boot after the cut: %q", got)
	}
	assertFile(t, b, "boot.log", "b")
	// Each power-on counts from 1 again.
	want := []string{"1 create /boot.log 0", "2 write /boot.log 1", "3 close /boot.log 1 cut", "1 write /boot.log 1 cut", "1 write /boot.log 1", "2 close /boot.log 1"}
	if got := readTrace(t, trace); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("trace = %q, want %q", got, want)
	}
}

func TestLinkModel(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{Link: "usb-fs"})
	link, err := simboard.LinkProfile("usb-fs")
	if err != nil {
		t.Fatal(err)
	}
	l := dial(t, b)
	l.enterRaw()
	// Sleeps only ever add time, and the relay lets at most 1 ms of pacing
	// debt go unslept (minSleep), so this lower bound holds however busy
	// the machine: 20 KB cannot arrive faster than the link's per-byte
	// cost allows, and a round trip pays the latency both ways.
	code := "x=1 #" + strings.Repeat("a", 20000)
	floor := time.Duration(len(code))*link.HostToBoard + 2*link.Latency - time.Millisecond
	for range 3 {
		t0 := time.Now()
		l.exec(code)
		if d := time.Since(t0); d < floor {
			t.Errorf("a %d-byte exec took %v under usb-fs, below the link's %v", len(code), d, floor)
		}
	}
	if _, err := simboard.LinkProfile("usb-hs"); err == nil {
		t.Error("unknown link accepted")
	}
}

func TestCloseStopsBusyBoard(t *testing.T) {
	t.Parallel()
	mains := map[string]string{
		"pure compute":   "with open('ran', 'w') as f:\n    f.write('yes')\nx = 0\nwhile True:\n    x += 1\n",
		"sleeping":       "with open('ran', 'w') as f:\n    f.write('yes')\nimport time\nwhile True:\n    time.sleep(1)\n",
		"ignores Ctrl-C": "with open('ran', 'w') as f:\n    f.write('yes')\nimport micropython\nmicropython.kbd_intr(-1)\nx = 0\nwhile True:\n    x += 1\n",
	}
	for name, main := range mains {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{"main.py": []byte(main)}})
			time.Sleep(200 * time.Millisecond)
			b.Close()
			// A clean power-off, not the kill fallback: the power-on ended
			// without ErrKilled (what it ended with, not how fast).
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			if err := b.Wait(ctx); err != nil {
				t.Errorf("Close ended the board with %v, not a clean power-off", err)
			}
			assertFile(t, b, "ran", "yes")
		})
	}
}

func TestRawPasteNegotiation(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	// An unknown raw-paste command is refused; the board stays at ">".
	l.write("\x05B\x01")
	if got := l.mustUntil("R\x00", 3*time.Second); got != "R\x00" {
		t.Errorf("unknown command = %q", got)
	}
	// The request split across writes still negotiates.
	for _, part := range []string{"\x05", "A", "\x01"} {
		l.write(part)
		time.Sleep(30 * time.Millisecond)
	}
	if got := l.mustUntil("\x01", 3*time.Second); got != "R\x01" {
		t.Fatalf("split request = %q", got)
	}
	if got := l.mustUntil("\x01", 3*time.Second); got != "\x80\x00\x01" {
		t.Fatalf("window = %q", got)
	}
	l.write("print('split')\x04")
	if got := l.mustUntil("\x04>", 3*time.Second); got != "\x04split\r\n\x04\x04>" {
		t.Errorf("split paste = %q", got)
	}
	// \x05 followed by a control byte is plain input, not a request.
	l.write("\x05\x04")
	if got := l.mustUntil("\x04>", 3*time.Second); !strings.Contains(got, "SyntaxError") {
		t.Errorf("\\x05\\x04 = %q", got)
	}
}
