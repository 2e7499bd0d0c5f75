package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// agentBoard is a board's flash with the agent installed (seeded, not
// pushed: the installer has its own tests) over an app whose boot.py sets
// B and whose main.py sets M.
func agentBoard() map[string][]byte {
	fl := map[string][]byte{
		".ota/config.json": []byte(`{"confirm":"return"}`),
		agent.AppBootFile:  []byte("B = 1\n"),
		agent.AppMainFile:  []byte("M = 1\n"),
		"lib/util.py":      []byte("X = 1\n"),
		agent.VersionFile:  []byte(`{"version":"v1","files":{}}`),
	}
	for _, f := range agent.Files() {
		fl[f.Name] = f.Data
	}
	return fl
}

// TestFSCommands drives every fs subcommand against a board with the
// agent: listing, binary-safe reads, crash-safe writes of files and
// folders, removal and folders, the agent's files protected unless
// --force, and names that try to escape the literal they travel in.
func TestFSCommands(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	bin := make([]byte, 3000)
	for i := range bin {
		bin[i] = byte(i * 7) // every byte value, the raw REPL's controls too
	}
	files := agentBoard()
	files["data.bin"] = bin
	b := simtest.StartT(t, simboard.Options{Files: files})
	port := b.Port()
	fsRun := func(args ...string) cliRun {
		return runCLI(t, ctx, append([]string{"fs", args[0], "--port", port}, args[1:]...)...)
	}
	flash := func(p string) (string, bool) {
		d, err := os.ReadFile(filepath.Join(b.FlashDir(), filepath.FromSlash(p)))
		return string(d), err == nil
	}
	host := t.TempDir()
	write := func(p, s string) string {
		fp := filepath.Join(host, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return fp
	}
	hostile := `x'); import os; os.remove(chr(47) + 'main.py'); ('.py`
	tests := []struct {
		name  string
		args  []string
		code  int
		out   []string // in stdout
		err   string   // in stderr
		check func(t *testing.T, r cliRun)
	}{
		{"ls root", []string{"ls"}, ExitOK, []string{"      3000  data.bin\n", "         -  lib/\n", "  ota_agent.py\n"}, "", nil},
		{"ls --json", []string{"ls", "/lib", "--json"}, ExitOK, nil, "", func(t *testing.T, r cliRun) {
			var d fsListDoc
			if err := json.Unmarshal([]byte(r.out), &d); err != nil || d.Version != 1 || d.Path != "/lib" || len(d.Entries) != 1 ||
				d.Entries[0] != (fsEntry{Name: "util.py", Path: "/lib/util.py", Type: "file", Size: 6}) {
				t.Errorf("%v: %+v", err, d)
			}
		}},
		{"ls missing", []string{"ls", "/nope"}, ExitBoard, nil, "ls /nope: no such file or folder; 'otapush fs ls' shows what is there", nil},
		{"tree", []string{"tree"}, ExitOK, []string{"/\n", "├── .ota/\n│   └── config.json (20 B)\n", "├── lib/\n│   └── util.py (6 B)\n", "└── version.json"}, "", nil},
		{"cat binary", []string{"cat", "data.bin"}, ExitOK, nil, "", func(t *testing.T, r cliRun) {
			if r.out != string(bin) {
				t.Errorf("cat returned %d bytes, not the file's %d", len(r.out), len(bin))
			}
		}},
		{"cat --json", []string{"cat", ":lib/util.py", "--json"}, ExitOK, []string{`"sha256": "`}, "", func(t *testing.T, r cliRun) {
			var d fsCatDoc
			c, _ := base64.StdEncoding.DecodeString(d.Content)
			if err := json.Unmarshal([]byte(r.out), &d); err != nil {
				t.Fatal(err)
			}
			if c, _ = base64.StdEncoding.DecodeString(d.Content); string(c) != "X = 1\n" || d.Size != 6 {
				t.Errorf("%+v", d)
			}
		}},
		{"cat over --max-size", []string{"cat", "/data.bin", "--max-size", "100"}, ExitBoard, nil, "3000 bytes, over the limit of 100", nil},
		{"cat a folder", []string{"cat", "/lib"}, ExitBoard, nil, "is a folder", nil},
		{"put a file", []string{"put", write("app/main2.py", "print('two')\n"), "/lib"}, ExitOK, []string{"put 1 file, 13 B, verified"}, "", func(t *testing.T, r cliRun) {
			if s, _ := flash("lib/main2.py"); s != "print('two')\n" {
				t.Errorf("board has %q", s)
			}
			if _, ok := flash(".otapush-put.tmp"); ok {
				t.Errorf("the temporary file is left")
			}
		}},
		{"put a hostile name", []string{"put", write(hostile, "H = 1\n")}, ExitOK, nil, "", func(t *testing.T, r cliRun) {
			if s, _ := flash(hostile); s != "H = 1\n" {
				t.Errorf("the file under its own name has %q", s)
			}
			if _, ok := flash("main.py"); !ok {
				t.Errorf("the name ran as code: /main.py removed")
			}
		}},
		{"put -r a folder", []string{"put", "-r", filepath.Join(host, "app"), "/app2", "--json"}, ExitOK, []string{`"bytes": 13`}, "", func(t *testing.T, r cliRun) {
			if s, _ := flash("app2/main2.py"); s != "print('two')\n" {
				t.Errorf("board has %q", s)
			}
		}},
		{"put a folder without -r", []string{"put", filepath.Join(host, "app")}, ExitUsage, nil, "give -r", nil},
		{"a name with a newline is refused on the host", []string{"cat", "/a\nb"}, ExitUsage, nil, "contains a control character", nil},
		{"'..' is refused on the host", []string{"rm", "/lib/../main.py"}, ExitUsage, nil, "'..' is not allowed", nil},
		{"put onto the agent's boot.py is refused", []string{"put", write("boot.py", "print('mine')\n"), "/boot.py"}, ExitUsage, nil, "/boot.py is the otapush agent's boot.py (your app's own runs from /_app_boot.py)", nil},
		{"rm the agent is refused", []string{"rm", "/ota_agent.py"}, ExitUsage, nil, "refusing to remove /ota_agent.py: /ota_agent.py is the otapush agent itself; change the app with 'otapush update', remove the agent with 'otapush uninstall', or give --force", nil},
		{"rm -r / is refused", []string{"rm", "-r", "/"}, ExitUsage, nil, "refusing to remove the board's root", nil},
		{"mkdir in /.ota is refused", []string{"mkdir", "/.ota/x"}, ExitUsage, nil, "journal", nil},
		{"rm a folder without -r", []string{"rm", "/app2"}, ExitUsage, nil, "give -r", nil},
		{"rm -r", []string{"rm", "-r", "/app2", "/lib/main2.py"}, ExitOK, []string{"removed /app2\nremoved /lib/main2.py\n"}, "", func(t *testing.T, r cliRun) {
			if _, ok := flash("app2"); ok {
				t.Errorf("/app2 is left")
			}
		}},
		{"mkdir", []string{"mkdir", "/d1"}, ExitOK, []string{"made /d1"}, "", nil},
		{"mkdir again", []string{"mkdir", "/d1"}, ExitBoard, nil, "already exists; --parents accepts an existing folder", nil},
		{"mkdir -p", []string{"mkdir", "--parents", "/d1/d2/d3", "--json"}, ExitOK, []string{`"path": "/d1/d2/d3"`}, "", nil},
		{"mkdir -p as in a shell", []string{"mkdir", "-p", "/d9"}, ExitUsage, nil, "-p is --port on every otapush command; to make the folders above too, give --parents: otapush fs mkdir --parents /d9", nil},
		{"mkdir without its parent", []string{"mkdir", "/e1/e2"}, ExitBoard, nil, "make the folder first: otapush fs mkdir --parents /e1", nil},
		{"get -r", []string{"get", "-r", "/lib", filepath.Join(host, "got")}, ExitOK, []string{"got 1 file"}, "", func(t *testing.T, r cliRun) {
			if s, _ := os.ReadFile(filepath.Join(host, "got", "util.py")); string(s) != "X = 1\n" {
				t.Errorf("got %q", s)
			}
		}},
		{"get a binary file", []string{"get", "/data.bin", host}, ExitOK, nil, "", func(t *testing.T, r cliRun) {
			if s, _ := os.ReadFile(filepath.Join(host, "data.bin")); !bytes.Equal(s, bin) {
				t.Errorf("got %d bytes", len(s))
			}
		}},
		{"rm --force", []string{"rm", "--force", "/version.json"}, ExitOK, nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fsRun(tt.args...)
			if r.code != tt.code || !strings.Contains(r.errOut, tt.err) {
				t.Fatalf("exit %d, want %d and %q\nstdout: %s\nstderr: %s", r.code, tt.code, tt.err, r.out, r.errOut)
			}
			for _, o := range tt.out {
				if !strings.Contains(r.out, o) {
					t.Errorf("stdout lacks %q:\n%s", o, r.out)
				}
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
	for _, p := range []string{"boot.py", "ota_agent.py", ".ota/config.json"} {
		if _, ok := flash(p); !ok {
			t.Errorf("the agent's %s is gone", p)
		}
	}
	// A board folder with a name that means another place on this computer.
	if x := runCLI(t, ctx, "exec", "--port", port, `open('/lib/evil\\name.py', 'w').close()`); x.code != ExitOK {
		t.Fatalf("exec: %d %s", x.code, x.errOut)
	}
	r := fsRun("get", "-r", "/lib", filepath.Join(host, "evil"))
	if r.code != ExitVerify || !strings.Contains(r.errOut, "backslash") {
		t.Errorf("a board name with a backslash: exit %d\n%s", r.code, r.errOut)
	}
	if _, err := os.Stat(filepath.Join(host, "evil")); err == nil {
		t.Errorf("get -r wrote files before it checked every name")
	}
}

// TestBoardCommandsShareFlags: the new board commands take --port as every
// other does (one registration: -p, default auto, its help, discovery's
// completion), --json, and the config file.
func TestBoardCommandsShareFlags(t *testing.T) {
	ios, _, _, _ := TestStreams()
	root := NewRootCmd(ios)
	missing := filepath.Join(t.TempDir(), "nope.json")
	for _, path := range []string{"fs ls", "fs tree", "fs cat", "fs get", "fs put", "fs rm", "fs mkdir", "uninstall"} {
		t.Run(path, func(t *testing.T) {
			c, _, err := root.Find(strings.Fields(path))
			if err != nil || c.CommandPath() != "otapush "+path {
				t.Fatalf("no command %s: %v", path, err)
			}
			f := c.Flags().Lookup("port")
			if f == nil || f.Shorthand != "p" || f.DefValue != "auto" || !strings.HasPrefix(f.Usage, portHelp) {
				t.Fatalf("--port: %+v", f)
			}
			if _, ok := c.GetFlagCompletionFunc("port"); !ok {
				t.Errorf("--port has no completion")
			}
			if c.Flags().Lookup("json") == nil {
				t.Errorf("no --json")
			}
			args := append(strings.Fields(path), "--config", missing)
			if path == "fs cat" || path == "fs get" || path == "fs put" || path == "fs rm" || path == "fs mkdir" {
				args = append(args, "x")
			}
			if r := runCLI(t, context.Background(), args...); r.code != ExitUsage || !strings.Contains(r.errOut, "cannot read it") {
				t.Errorf("--config %s: exit %d\n%s", missing, r.code, r.errOut)
			}
		})
	}
}

// TestBoardCommandsComplete: the shell completes the new commands, their
// flags and --port's values; board paths offer no host file names, host
// paths do.
func TestBoardCommandsComplete(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", ""}, []string{"fs\t", "uninstall\t", "version\t"}},
		{[]string{"__complete", "fs", ""}, []string{"ls\t", "tree\t", "cat\t", "get\t", "put\t", "rm\t", "mkdir\t"}},
		{[]string{"__complete", "fs", "rm", "--"}, []string{"--recursive", "--force", "--port", "--json"}},
		{[]string{"__complete", "fs", "mkdir", "--"}, []string{"--parents", "--force"}},
		{[]string{"__complete", "fs", "cat", "--"}, []string{"--max-size"}},
		{[]string{"__complete", "uninstall", "--"}, []string{"--force", "--no-reset", "--json"}},
		{[]string{"__complete", "fs", "ls", "--port", "au"}, []string{"auto"}},
		{[]string{"__complete", "uninstall", "--port", "au"}, []string{"auto"}},
		{[]string{"__complete", "version", "--"}, []string{"--json"}},
		{[]string{"__complete", "fs", "ls", ""}, []string{":4\n"}},             // a board path: no host files
		{[]string{"__complete", "fs", "put", ""}, []string{":0\n"}},            // a host path
		{[]string{"__complete", "fs", "put", "main.py", ""}, []string{":4\n"}}, // then a board path
		{[]string{"__complete", "fs", "get", "/main.py", ""}, []string{":0\n"}},
	}
	for _, tt := range tests {
		r := runCLI(t, context.Background(), tt.args...)
		for _, w := range tt.want {
			if r.code != 0 || !strings.Contains(r.out, w) {
				t.Errorf("%q: exit %d, no %q in\n%s", tt.args, r.code, w, r.out)
			}
		}
	}
}

// TestFSPutPowerCut cuts the power before flash operations of an `fs put`
// that replaces a file (a sample; every one under OTAPUSH_FAULTS=1): after
// power-up the board holds the old file or the new one, never a mix.
func TestFSPutPowerCut(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	old, next := strings.Repeat("old line\n", 600), strings.Repeat("new line!\n", 900)
	src := filepath.Join(t.TempDir(), "data.txt")
	if err := os.WriteFile(src, []byte(next), 0o644); err != nil {
		t.Fatal(err)
	}
	seed := map[string][]byte{"data.txt": []byte(old)}
	trace := filepath.Join(t.TempDir(), "trace")
	b := simtest.StartT(t, simboard.Options{Files: seed, TraceFS: trace})
	boot := traceOps(t, trace)
	if r := runCLI(t, ctx, "fs", "put", "--port", b.Port(), src, "/data.txt"); r.code != ExitOK {
		t.Fatalf("clean run: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	end := traceOps(t, trace)
	b.Close()
	if end-boot < 3 {
		t.Fatalf("the put made only %d flash operations", end-boot)
	}
	for _, i := range simtest.Sample(end-boot, 5, simtest.SampleOffset(t), nil) {
		n := boot + 1 + i
		t.Run(fmt.Sprintf("cut%02d", n), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{Files: seed, CutAt: n})
			defer b.Close()
			r := runUntilCut(t, ctx, b, "fs", "put", "--port", b.Port(), src, "/data.txt")
			if r.code == ExitOK {
				t.Fatalf("cut at %d: the put finished without the cut", n)
			}
			if err := b.Restart(ctx); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(filepath.Join(b.FlashDir(), "data.txt"))
			if string(got) != old && string(got) != next {
				t.Fatalf("cut at %d: /data.txt is neither the old file nor the new one (%d bytes)", n, len(got))
			}
		})
	}
}
