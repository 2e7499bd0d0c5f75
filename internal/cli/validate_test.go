package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// quietPort is a serial port no board answers on: a pty whose other end
// the test holds. Every byte a command writes to it is kept, so a test can
// prove that a command never opened it (opening a board sends at least
// the Ctrl-C that interrupts its program).
type quietPort struct {
	path string
	tty  *os.File
	got  chan []byte
}

var portSentinel = []byte("\x00otapush-test-end\x00")

func newQuietPort(t *testing.T) *quietPort {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	q := &quietPort{path: tty.Name(), tty: tty, got: make(chan []byte, 1)}
	go func() {
		var buf []byte
		b := make([]byte, 4096)
		for {
			n, err := ptmx.Read(b)
			buf = append(buf, b[:n]...)
			if i := bytes.Index(buf, portSentinel); i >= 0 {
				q.got <- buf[:i]
				return
			}
			if err != nil {
				q.got <- buf
				return
			}
		}
	}()
	return q
}

// received is everything written to the port so far (call it once, after
// the command returned): the test's own marker, written last, ends it.
func (q *quietPort) received(t *testing.T) []byte {
	t.Helper()
	if _, err := q.tty.Write(portSentinel); err != nil {
		t.Fatal(err)
	}
	return <-q.got
}

// TestFlagsValidatedBeforeTheBoard: every bad flag or config value is a
// usage error (exit 2) naming the flag and what it takes, and the command
// stops before it opens the port. Without the check several of these
// (--reset-mode bogus, --jobs 0) would upload and arm, then fail.
func TestFlagsValidatedBeforeTheBoard(t *testing.T) {
	app := writeApp(t, map[string]string{"main.py": "print('v1')\n", "lib/a.py": "A = 1\n"})
	cfgDir := t.TempDir()
	writeCfg := func(name, body string) string {
		p := filepath.Join(cfgDir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hugeChunk := writeCfg("chunk.json", `{"chunk": 1048576}`)
	badReset := writeCfg("reset.json", `{"reset_mode": "bogus"}`)
	ownStage := writeCfg("stage.json", `{"stage_dir": "state.json"}`)
	sameDirs := writeCfg("dirs.yaml", "stage_dir: st\nbackup_dir: st\n")
	longHook := writeCfg("hook.toml", "hook_timeout_sec = 7200\n")
	const port = "PORT" // replaced by the quiet port's path
	tests := []struct {
		name string
		args []string
		want []string // in the message
	}{
		{"reset mode", []string{"update", "--port", port, "--source", app, "--reset-mode", "bogus"}, []string{"--reset-mode", `"bogus"`, "hard, soft, none"}},
		{"jobs 0", []string{"update", "--port", port, "--source", app, "--jobs", "0"}, []string{"--jobs", "1 or more"}},
		{"jobs negative", []string{"update", "--port", port + "," + port + "x", "--source", app, "--jobs", "-1"}, []string{"--jobs", "1 or more"}},
		{"empty port", []string{"update", "--port", "", "--source", app}, []string{"--port", "serial port path, id:SERIAL or auto"}},
		{"resume and abort", []string{"update", "--port", port, "--resume", "--abort"}, []string{"--resume and --abort"}},
		{"all and port", []string{"update", "--port", port, "--all", "--source", app}, []string{"--all", "--port"}},
		{"channel", []string{"update", "--port", port, "--repo", "acme/app", "--channel", "beta"}, []string{"--channel", "stable, developer"}},
		{"allow rule", []string{"update", "--port", port, "--source", app, "--allow", "../lib"}, []string{"--allow", `"../lib"`, "'..'"}},
		{"ignore rule", []string{"update", "--port", port, "--source", app, "--ignore", "/lib"}, []string{"--ignore", "absolute"}},
		{"max file size", []string{"update", "--port", port, "--source", app, "--max-file-size", "0"}, []string{"--max-file-size", "positive size"}},
		{"config chunk", []string{"update", "--port", port, "--source", app, "--config", hugeChunk}, []string{`"chunk"`, "at most 32768"}},
		{"config reset_mode", []string{"update", "--port", port, "--source", app, "--config", badReset}, []string{`"reset_mode"`, "hard, soft, none"}},
		{"config stage_dir", []string{"update", "--port", port, "--source", app, "--config", ownStage}, []string{`"stage_dir"`, "plain folder name", "agent's own"}},
		{"config same dirs", []string{"update", "--port", port, "--source", app, "--config", sameDirs}, []string{`"backup_dir"`, "must differ"}},
		{"config hook deadline", []string{"update", "--port", port, "--source", app, "--config", longHook}, []string{`"hook_timeout_sec"`, "at most 3600"}},
		{"plan channel", []string{"plan", "--repo", "acme/app", "--channel", "nightly"}, []string{"--channel", "stable, developer"}},
		{"plan allow rule", []string{"plan", "--source", app, "--allow", "lib//x"}, []string{"--allow", "empty path segment"}},
		{"exec timeout", []string{"exec", "--port", port, "--timeout", "-1s", "print(1)"}, []string{"--timeout", "0 (no limit) or more"}},
		{"exec deadline", []string{"exec", "--port", port, "--deadline", "-5s", "print(1)"}, []string{"--deadline", "0 (no limit) or more"}},
		{"exec max output", []string{"exec", "--port", port, "--max-output", "-1", "print(1)"}, []string{"--max-output", "0 (no limit) or more"}},
		{"exec code and file", []string{"exec", "--port", port, "-f", "x.py", "print(1)"}, []string{"-f FILE"}},
		{"exec empty port", []string{"exec", "--port", " ", "print(1)"}, []string{"--port"}},
		{"status empty port", []string{"status", "--port", ""}, []string{"--port", "auto"}},
		{"rollback id without serial", []string{"rollback", "--port", "id:"}, []string{"--port", "serial number"}},
		{"sim link", []string{"sim", "--link", "usb-hs"}, []string{"--link", "none, usb-fs, uart-115200"}},
		{"sim fs model", []string{"sim", "--fs-model", "fat"}, []string{"--fs-model", "littlefs, posix"}},
		{"sim window 0", []string{"sim", "--window", "0"}, []string{"--window", "1..65535"}},
		{"sim window big", []string{"sim", "--window", "70000"}, []string{"--window", "1..65535"}},
		{"sim flash", []string{"sim", "--flash-kb", "8"}, []string{"--flash-kb", "at least 16"}},
		{"sim cut", []string{"sim", "--cut-at", "-1"}, []string{"--cut-at", "0 (no cut) or more"}},
		{"sim torn", []string{"sim", "--torn"}, []string{"--torn", "--cut-at"}},
		{"sim reset delay", []string{"sim", "--reset-delay", "-1s"}, []string{"--reset-delay", "0 or more"}},
		{"sim serial", []string{"sim", "--serial", "XYZ"}, []string{"--serial", "hex digits"}},
		{"sim odd serial", []string{"sim", "--serial", "ABC"}, []string{"--serial", "even number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newQuietPort(t)
			var args []string
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, port, q.path))
			}
			if args[0] == "sim" {
				// A board that starts would leave its flash folder behind.
				args = append(args, "--flash", filepath.Join(t.TempDir(), "flash"))
			}
			if args[0] == "update" || args[0] == "plan" {
				args = append(args, "--cache-dir", t.TempDir())
			}
			// Bounds only a regression (the command would wait for a board
			// that never answers); a passing case returns at once.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			ios, _, out, errOut := TestStreams()
			code := Main(ctx, args, ios)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", code, ExitUsage, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("message lacks %q: %s", w, errOut)
				}
			}
			if got := q.received(t); len(got) != 0 {
				t.Errorf("%d byte(s) went to the port before the refusal: %q", len(got), got)
			}
			if args[0] == "sim" {
				if _, err := os.Stat(args[len(args)-1]); err == nil {
					t.Error("the simulated board started")
				}
			}
		})
	}
}
