package firmware_test

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// The app versions the board tests push. v2 changes, adds (nested folders,
// a binary file) and deletes files of v1; the v3s fail in different ways.
var (
	binBlob = func() []byte {
		b := make([]byte, 5000) // > one 4 KiB block, every byte value
		for i := range b {
			b[i] = byte(i * 7)
		}
		return b
	}()
	v1 = version{name: "v1", files: map[string][]byte{
		"main.py":      []byte("import app\napp.run('v1')\n"),
		"app.py":       []byte("def run(v):\n    print('APP', v)\n"),
		"lib/util.py":  []byte("X = 1\n"),
		"lib/old.py":   []byte("OLD = True\n"),
		"only_v1/a.py": []byte("A = 1\n"),
	}}
	v2 = version{name: "v2", files: map[string][]byte{
		"main.py":            []byte("import app\napp.run('v2')\n"),
		"app.py":             []byte("def run(v):\n    print('APP', v, 'new')\n"),
		"lib/util.py":        []byte("X = 2\n"),
		"lib/deep/er/mod.py": []byte("Y = 3\n"),
		"assets/blob.bin":    binBlob,
	}}
	// v3raise fails at import: main.py imports a module that raises.
	v3raise = version{name: "v3-raise", files: map[string][]byte{
		"main.py":     []byte("import app\napp.run('v3')\n"),
		"app.py":      []byte("raise ValueError('v3 is broken')\n"),
		"lib/util.py": []byte("X = 3\n"),
	}}
	// v3silent comes up but never confirms (explicit policy).
	v3silent = version{name: "v3-silent", files: map[string][]byte{
		"main.py":     []byte("print('v3 up, not confirming')\n"),
		"lib/util.py": []byte("X = 33\n"),
	}, extra: func(s *agent.ArmSpec) { s.Confirm = "app" }}
)

func startAgentBoard(t *testing.T, ctx context.Context, o simboard.Options) *dev {
	t.Helper()
	b := simtest.StartT(t, o)
	d := &dev{t: t, b: b}
	t.Cleanup(d.drop)
	if err := d.install(ctx, ""); err != nil {
		t.Fatal(err)
	}
	return d
}

func mustStatus(t *testing.T, ctx context.Context, d *dev) agent.Status {
	t.Helper()
	var st agent.Status
	if err := d.call(ctx, &st, "status"); err != nil {
		t.Fatal(err)
	}
	return st
}

// wantVersion checks that the app files on the flash are exactly v's and
// that version.json says so and lists them.
func wantVersion(t *testing.T, d *dev, v version, extra map[string]string) {
	t.Helper()
	got := appTree(tree(t, d.b.FlashDir()))
	var vj struct {
		Version string            `json:"version"`
		Files   map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(got["version.json"]), &vj); err != nil {
		t.Fatalf("version.json: %v (%q)", err, got["version.json"])
	}
	if vj.Version != v.name {
		t.Errorf("version.json says %q, want %q", vj.Version, v.name)
	}
	want := expectTree(v, extra)
	want["version.json"] = got["version.json"]
	if dd := diff(want, got); dd != "" {
		t.Errorf("app files differ from %s: %s", v.name, dd)
	}
	if len(vj.Files) != len(v.files) {
		t.Errorf("version.json lists %d files, want %d", len(vj.Files), len(v.files))
	}
	for p, b := range v.files {
		if vj.Files[p] != sum(b) {
			t.Errorf("version.json: %s has %q, want %q", p, vj.Files[p], sum(b))
		}
	}
}

// expectTree is the app tree a version leaves on the flash (with the
// agent's names for the app's boot.py/main.py), plus extra entries.
func expectTree(v version, extra map[string]string) map[string]string {
	out := map[string]string{}
	for p, b := range v.files {
		q := p
		switch p {
		case "main.py":
			q = agent.AppMainFile
		case "boot.py":
			q = agent.AppBootFile
		}
		out[q] = string(b)
		for d := filepath.Dir(q); d != "."; d = filepath.Dir(d) {
			out[d+"/"] = ""
		}
	}
	for p, c := range extra {
		out[p] = c
	}
	return out
}

func wantIdle(t *testing.T, d *dev) {
	t.Helper()
	for p := range tree(t, d.b.FlashDir()) {
		if strings.HasPrefix(p, ".ota/") && p != ".ota/" && p != ".ota/config.json" && p != ".ota/last.json" {
			t.Errorf("idle board still has %s", p)
		}
	}
}

func TestUpdateLifecycle(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	// A board that already runs an app of its own: installing the agent
	// must keep its main.py and boot.py running as written.
	b := simtest.StartT(t, simboard.Options{Files: map[string][]byte{
		"main.py":  []byte("print('HANDMADE main')\n"),
		"boot.py":  []byte("BOOTED = 'handmade'\n"),
		"data.log": []byte("app data\n"),
	}})
	d := &dev{t: t, b: b}
	t.Cleanup(d.drop)
	if err := d.install(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.restart(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := d.exec(ctx, "print(BOOTED)")
	if err != nil || !strings.Contains(string(out), "handmade") {
		t.Fatalf("the app's own boot.py did not run under the agent: %q %v", out, err)
	}
	got := tree(t, b.FlashDir())
	if got[agent.AppMainFile] != "print('HANDMADE main')\n" || !strings.HasPrefix(got["main.py"], "# otapush-agent") {
		t.Fatalf("install did not wrap main.py: %q / %q", got[agent.AppMainFile], got["main.py"])
	}

	// v1, then v2.
	for _, v := range []version{v1, v2} {
		if err := d.push(ctx, v); err != nil {
			t.Fatalf("push %s: %v", v.name, err)
		}
		st := mustStatus(t, ctx, d)
		if st.State != "apply" {
			t.Fatalf("after arm state %q, want apply", st.State)
		}
		if err := d.reset(ctx); err != nil {
			t.Fatal(err)
		}
		st = mustStatus(t, ctx, d)
		if st.State != "idle" || st.App.Version != v.name || st.Last == nil || st.Last.Result != "committed" {
			t.Fatalf("after %s: %+v last %+v", v.name, st, st.Last)
		}
		if v.name == "v1" {
			// The app writes its own data next to its code.
			if _, err := d.exec(ctx, "import os\nos.mkdir('/lib/cache')\nopen('/lib/cache/c.bin','w').write('x')\nopen('/settings.json','w').write('{}')\n"); err != nil {
				t.Fatal(err)
			}
		}
	}
	// boot.py was the handmade one and v1/v2 do not ship one: untouched.
	wantVersion(t, d, v2, map[string]string{
		"data.log": "app data\n", "settings.json": "{}", "lib/cache/": "", "lib/cache/c.bin": "x",
		agent.AppBootFile: "BOOTED = 'handmade'\n",
	})
	wantIdle(t, d)

	// A second push of the same version sends nothing and still commits.
	var h agent.Hashes
	if err := d.call(ctx, &h, "hashes", v2.spec().SortedPaths()); err != nil {
		t.Fatal(err)
	}
	for p, b := range v2.files {
		if h[p] == nil || h[p].SHA256 != sum(b) || h[p].Size != int64(len(b)) {
			t.Errorf("hashes(%s) = %+v", p, h[p])
		}
	}
}

func TestBoardRollsBackAlone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		v3   version
		// boots is how many power cycles the board needs before it is
		// back on v2 by itself.
		boots int
		why   string
	}{
		{"raises at import", v3raise, 0, "main.py raised ValueError"},
		{"never confirms", v3silent, 3, "not confirmed after 3 trial boots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			d := startAgentBoard(t, ctx, simboard.Options{})
			for _, v := range []version{v2, tt.v3} {
				if err := d.push(ctx, v); err != nil {
					t.Fatal(err)
				}
				if err := d.reset(ctx); err != nil {
					t.Fatal(err)
				}
			}
			for i := 0; i < tt.boots; i++ {
				if st := mustStatus(t, ctx, d); st.State != "trial" || st.App.Version != tt.v3.name {
					t.Fatalf("boot %d: %+v", i, st)
				}
				if err := d.restart(ctx); err != nil {
					t.Fatal(err)
				}
			}
			st := mustStatus(t, ctx, d)
			if st.State != "idle" || st.Last == nil || st.Last.Result != "rolled_back" || !strings.Contains(st.Last.Why, tt.why) {
				t.Fatalf("want rolled back (%s), got %+v last %+v", tt.why, st, st.Last)
			}
			wantVersion(t, d, v2, nil)
			wantIdle(t, d)
		})
	}
}

func TestUploadRefusals(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	good := []byte("print('hello')\n")
	tests := []struct {
		name string
		fn   string
		args []any
		code agent.Kind
	}{
		{"corrupted upload", "put", []any{"main.py", []byte("print('hellO')\n"), sum(good)}, "hash"},
		{"hostile path", "put", []any{"../etc/x", good, sum(good)}, "path"},
		{"absolute path", "begin", []any{"/main.py"}, "path"},
		{"agent file", "begin", []any{"ota_agent.py"}, "path"},
		{"agent folder", "hashes", []any{[]string{".ota/state.json"}}, "path"},
		{"version.json is the agent's", "put", []any{"version.json", good, sum(good)}, "path"},
		{"write without begin", "w", []any{good}, "upload"},
		{"arm with a file never sent", "arm", []any{agent.ArmSpec{Version: "x", Files: map[string]string{"a.py": sum(good)}}}, "missing"},
		{"too big for the flash", "begin", []any{"big.bin", 4 << 20}, "ENOSPC"},
	}
	for _, tt := range tests {
		err := d.call(ctx, nil, tt.fn, tt.args...)
		var ae *agent.Error
		if !errors.As(err, &ae) || ae.Code != tt.code {
			t.Errorf("%s: got %v, want agent error %q", tt.name, err, tt.code)
		}
	}
	// Nothing reached the stage or the app.
	var h agent.Hashes
	if err := d.call(ctx, &h, "hashes", []string{"main.py"}, true); err != nil {
		t.Fatal(err)
	}
	if h["main.py"] != nil {
		t.Errorf("a corrupted upload was promoted into the stage: %+v", h["main.py"])
	}
	if err := d.call(ctx, nil, "abort"); err != nil {
		t.Fatal(err)
	}
	wantIdle(t, d)
	if got := appTree(tree(t, d.b.FlashDir())); len(got) != 0 {
		t.Errorf("refused calls left app files: %v", got)
	}
}

func TestFATRefusedUnlessWeak(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cfg    string
		refuse bool
	}{
		{`{"fs":"fat"}`, true},
		{`{"fs":"fat","fat_mode":"weak"}`, false},
		{`{"fs":"lfs2"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.cfg, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			b := simtest.StartT(t, simboard.Options{})
			d := &dev{t: t, b: b}
			t.Cleanup(d.drop)
			if err := d.install(ctx, tt.cfg); err != nil {
				t.Fatal(err)
			}
			st := mustStatus(t, ctx, d)
			err := d.push(ctx, v1)
			var ae *agent.Error
			if tt.refuse {
				if !errors.As(err, &ae) || ae.Code != "fat" || st.Atomic {
					t.Fatalf("FAT board: push gave %v (atomic=%v), want a fat refusal", err, st.Atomic)
				}
				if !strings.Contains(ae.Msg, "fat_mode=weak") {
					t.Errorf("refusal does not say how to opt in: %q", ae.Msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			wantVersion(t, d, v1, nil)
		})
	}
}

// TestInstallIsCrashSafe cuts the power at every flash operation of an
// agent install onto a board running its own app, fresh or under an older
// agent shipped as source (the install replaces its ota_agent.py by
// ota_agent.mpy): the board must always come up running that app (old
// files or the agent wrapping them), the agent it imports must be the old
// one or none until the install is whole (the host reinstalls only when
// an older agent, or none, answers), and a second install must finish the
// job with exactly this build's shipped files.
func TestInstallIsCrashSafe(t *testing.T) {
	t.Parallel()
	app := map[string][]byte{"main.py": []byte("print('MAIN RAN')\n"), "boot.py": []byte("B = 1\n")}
	older := map[string][]byte{agent.AppMainFile: app["main.py"], agent.AppBootFile: app["boot.py"],
		".ota/config.json": []byte(`{"confirm":"return"}`)}
	for _, f := range agent.Files() {
		older[f.Name] = f.Data
	}
	older[agent.AgentFile] = []byte(strings.Replace(string(older[agent.AgentFile]), `VERSION = "`+agent.Version+`"`, `VERSION = "1.6.0"`, 1))
	for _, bd := range []struct {
		name  string
		flash map[string][]byte
	}{
		{"fresh board", app},
		{"older agent as source", older},
	} {
		t.Run(bd.name, func(t *testing.T) {
			t.Parallel()
			testInstallIsCrashSafe(t, bd.flash, app)
		})
	}
}

func testInstallIsCrashSafe(t *testing.T, flash, app map[string][]byte) {
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	trace := filepath.Join(t.TempDir(), "trace")
	b := simtest.StartT(t, simboard.Options{Files: flash, TraceFS: trace})
	d := &dev{t: t, b: b}
	if err := d.install(ctx, `{"confirm":"return"}`); err != nil {
		t.Fatal(err)
	}
	d.drop()
	if ops := countOps(t, trace); ops < 6 {
		t.Fatalf("install counted only %d flash ops", ops)
	}
	// Every rename and remove (where files change hands) and every fifth
	// other op: streaming a chunk into a .new file is the same step many
	// times over. The sampled-out points differ only in how much of a temp
	// file was written.
	var pts []int
	for _, r := range readTrace(t, trace) {
		if r.Kind == "rename" || r.Kind == "remove" || r.Op%5 == 0 {
			pts = append(pts, r.Op)
		}
	}
	shipped := agent.Shipped(agent.MPYVersion) // the simulator loads .mpy v6
	runPoints(t, pts, func(t *testing.T, n int) {
		ctx, cancel := simtest.ContextT(t)
		defer cancel()
		b := simtest.StartT(t, simboard.Options{Files: flash, CutAt: n, ResetDelay: fastReset})
		defer b.Close()
		d := &dev{t: t, b: b}
		defer d.drop()
		err := d.install(ctx, `{"confirm":"return"}`)
		if err == nil {
			t.Fatalf("cut at %d: install finished without the cut", n)
		}
		if err := d.restart(ctx); err != nil {
			t.Fatal(err)
		}
		fl := tree(t, b.FlashDir())
		// The app's code is present, either as it was or as the agent keeps it.
		main := fl["main.py"]
		if strings.HasPrefix(main, "# otapush-agent") {
			main = fl[agent.AppMainFile]
		}
		if main != string(app["main.py"]) {
			t.Fatalf("cut at %d: the app's main.py is lost: %q", n, fl)
		}
		// MicroPython imports ota_agent.py before ota_agent.mpy.
		mod, ok := fl[agent.AgentFile]
		if !ok {
			mod, ok = fl[agent.AgentMPYFile]
		}
		whole := fl[agent.BootFile] == string(shipped[1].Data) && fl[agent.MainFile] == string(shipped[2].Data)
		if ok && mod == string(shipped[0].Data) && !whole {
			t.Fatalf("cut at %d: the new agent module answers over old boot files: the host would never complete them", n)
		}
		if err := d.install(ctx, `{"confirm":"return"}`); err != nil {
			t.Fatalf("re-install after cut %d: %v", n, err)
		}
		if err := d.reset(ctx); err != nil {
			t.Fatal(err)
		}
		out, err := d.exec(ctx, "print(B)")
		if err != nil || !strings.Contains(string(out), "1") {
			t.Fatalf("cut at %d: app boot.py not running after re-install: %q %v", n, out, err)
		}
		fl = tree(t, b.FlashDir())
		if fl[agent.AppMainFile] != string(app["main.py"]) || fl[agent.AppBootFile] != string(app["boot.py"]) {
			t.Fatalf("cut at %d: after re-install app files are %q / %q", n, fl[agent.AppMainFile], fl[agent.AppBootFile])
		}
		for _, f := range shipped {
			if fl[f.Name] != string(f.Data) {
				t.Fatalf("cut at %d: %s is not the agent's after re-install", n, f.Name)
			}
		}
		if _, ok := fl[agent.AgentFile]; ok {
			t.Fatalf("cut at %d: ota_agent.py is left beside ota_agent.mpy after re-install (it would be imported instead)", n)
		}
	})
}

func countOps(t testing.TB, trace string) int {
	t.Helper()
	b, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// runPoints runs fn for each cut point as parallel subtests (bounded by
// -parallel, GOMAXPROCS by default: both cores).
func runPoints(t *testing.T, pts []int, fn func(t *testing.T, n int)) {
	for _, i := range pts {
		t.Run(fmt.Sprintf("cut%02d", i), func(t *testing.T) {
			t.Parallel()
			fn(t, i)
		})
	}
}

// TestHostDrivenTransactions covers the calls the host makes around the
// trial: confirm after its own health check, rollback of a version still
// on trial, abort of an armed update, and a stale staged file.
func TestHostDrivenTransactions(t *testing.T) {
	t.Parallel()
	hostPolicy := func(s *agent.ArmSpec) { s.Confirm = "host" }
	v2host := version{name: "v2", files: v2.files, extra: hostPolicy}
	tests := []struct {
		name string
		run  func(t *testing.T, ctx context.Context, d *dev) (want version, result string)
	}{
		{"host confirms after its health check", func(t *testing.T, ctx context.Context, d *dev) (version, string) {
			if err := d.push(ctx, v2host); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			if st := mustStatus(t, ctx, d); st.State != "trial" {
				t.Fatalf("host policy: state %q after the boot, want trial", st.State)
			}
			var r struct {
				R string `json:"r"`
			}
			if err := d.call(ctx, &r, "confirm"); err != nil || r.R != "committed" {
				t.Fatalf("confirm: %+v %v", r, err)
			}
			return v2, "committed"
		}},
		{"host rolls back a version on trial", func(t *testing.T, ctx context.Context, d *dev) (version, string) {
			if err := d.push(ctx, v2host); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			if err := d.call(ctx, nil, "rollback"); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			return v1, "rolled_back"
		}},
		{"abort before the swap", func(t *testing.T, ctx context.Context, d *dev) (version, string) {
			if err := d.push(ctx, v2); err != nil {
				t.Fatal(err)
			}
			if err := d.call(ctx, nil, "abort"); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			return v1, "aborted"
		}},
		{"stale staged file is not promoted", func(t *testing.T, ctx context.Context, d *dev) (version, string) {
			old := []byte("print('an older upload')\n")
			if err := d.call(ctx, nil, "put", "app.py", old, sum(old)); err != nil {
				t.Fatal(err)
			}
			spec := v2.spec()
			delete(spec.Files, "app.py")
			spec.Files["app.py"] = sum(v2.files["app.py"])
			// Everything else staged, app.py only as the stale copy.
			for p, b := range v2.files {
				if p != "app.py" {
					if err := d.call(ctx, nil, "put", p, b, sum(b)); err != nil {
						t.Fatal(err)
					}
				}
			}
			err := d.call(ctx, nil, "arm", spec)
			var ae *agent.Error
			if !errors.As(err, &ae) || ae.Code != "missing" || !strings.Contains(ae.Msg, "app.py") {
				t.Fatalf("arm with a stale staged app.py: %v", err)
			}
			if err := d.call(ctx, nil, "abort"); err != nil {
				t.Fatal(err)
			}
			return v1, "committed" // v1's own outcome stays the last one
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			d := startAgentBoard(t, ctx, simboard.Options{ResetDelay: fastReset})
			if err := d.push(ctx, v1); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			want, result := tt.run(t, ctx, d)
			st := mustStatus(t, ctx, d)
			if st.State != "idle" || st.Last == nil || string(st.Last.Result) != result || st.App.Version != want.name {
				t.Fatalf("got state %s app %s last %+v, want idle on %s with %s", st.State, st.App.Version, st.Last, want.name, result)
			}
			wantVersion(t, d, want, nil)
			wantIdle(t, d)
		})
	}
}

// TestCompressedUpload sends chunks as raw-deflate streams (each chunk its
// own stream, as the host sends them) and checks the board's hash.
func TestCompressedUpload(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	src := []byte(strings.Repeat("def f(x):\n    return x * 2  # python source compresses well\n", 200))
	tests := []struct {
		name  string
		chunk int
		wbits int
	}{
		{"one stream, 32 KiB window", len(src), 15},
		{"many streams, 1 KiB window", 3000, 10},
		{"plain base64", 4000, 0},
	}
	for _, tt := range tests {
		if err := d.call(ctx, nil, "begin", "lib/big.py", len(src)); err != nil {
			t.Fatal(err)
		}
		wire := 0
		for off := 0; off < len(src); off += tt.chunk {
			c := src[off:min(off+tt.chunk, len(src))]
			if tt.wbits > 0 {
				c = deflateRaw(t, c)
			}
			wire += len(c)
			var r struct {
				N int `json:"n"`
			}
			if err := d.call(ctx, &r, "w", c, tt.wbits); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if r.N != min(off+tt.chunk, len(src)) {
				t.Fatalf("%s: board counts %d bytes, want %d", tt.name, r.N, min(off+tt.chunk, len(src)))
			}
		}
		if err := d.call(ctx, nil, "finish", "lib/big.py", sum(src)); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.wbits > 0 && wire*4 > len(src) {
			t.Errorf("%s: %d compressed bytes for %d of source", tt.name, wire, len(src))
		}
		var h agent.Hashes
		if err := d.call(ctx, &h, "hashes", []string{"lib/big.py"}, true); err != nil || h["lib/big.py"] == nil || h["lib/big.py"].SHA256 != sum(src) {
			t.Fatalf("%s: staged copy %+v %v", tt.name, h["lib/big.py"], err)
		}
	}
}

// TestArmByDigest: arm's compact form (paths and one digest, agent 1.3.0)
// arms exactly when the board's staged-or-live files are the plan's; on a
// mismatch it changes nothing, and the full form then names the file.
func TestArmByDigest(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	a, b := []byte("A = 1\n"), []byte("B = 2\n")
	if err := d.call(ctx, nil, "put", "lib/a.py", a, sum(a)); err != nil {
		t.Fatal(err)
	}
	compact := func(files map[string]string) string {
		js, err := agent.ArmSpec{Version: "v9", Files: files}.CompactJSON()
		if err != nil {
			t.Fatal(err)
		}
		return string(js)
	}
	refusals := []struct {
		name  string
		files map[string]string
	}{
		{"a file neither staged nor live", map[string]string{"lib/a.py": sum(a), "b.py": sum(b)}},
		{"a staged file that is not the plan's", map[string]string{"lib/a.py": sum(b)}},
	}
	for _, tt := range refusals {
		err := d.call(ctx, nil, "arm", compact(tt.files))
		var ae *agent.Error
		if !errors.As(err, &ae) || ae.Code != "digest" {
			t.Errorf("%s: got %v, want agent error \"digest\"", tt.name, err)
		}
		var h agent.Hashes
		if err := d.call(ctx, &h, "hashes", []string{"lib/a.py"}, true); err != nil || h["lib/a.py"] == nil {
			t.Fatalf("%s: a refused arm by digest changed the stage: %+v %v", tt.name, h, err)
		}
		if st := readState(t, d.b.FlashDir()); st != "" { // no state file: idle
			t.Fatalf("%s: state %s after a refused arm", tt.name, st)
		}
	}
	// The full form of the same mismatch says which file.
	err := d.call(ctx, nil, "arm", agent.ArmSpec{Version: "v9", Files: map[string]string{"lib/a.py": sum(b)}})
	var ae *agent.Error
	if !errors.As(err, &ae) || ae.Code != "missing" || !strings.Contains(ae.Msg, "lib/a.py") {
		t.Fatalf("full form: got %v, want \"missing\" naming lib/a.py", err)
	}
	// The full form dropped the stale stage copy; stage it again and arm.
	if err := d.call(ctx, nil, "put", "lib/a.py", a, sum(a)); err != nil {
		t.Fatal(err)
	}
	var r struct {
		State string `json:"state"`
		Puts  int    `json:"puts"`
	}
	if err := d.call(ctx, &r, "arm", compact(map[string]string{"lib/a.py": sum(a)})); err != nil || r.State != "apply" || r.Puts != 2 {
		t.Fatalf("arm by the true digest: %+v %v", r, err)
	}
	if err := d.reset(ctx); err != nil {
		t.Fatal(err)
	}
	var vj struct {
		Version string            `json:"version"`
		Files   map[string]string `json:"files"`
	}
	raw, err := os.ReadFile(filepath.Join(d.b.FlashDir(), "version.json"))
	if err == nil {
		err = json.Unmarshal(raw, &vj)
	}
	if err != nil || vj.Version != "v9" || len(vj.Files) != 1 || vj.Files["lib/a.py"] != sum(a) {
		t.Fatalf("version.json after an arm by digest: %s %v", raw, err)
	}
}

// TestBatchPut: putn takes one stream holding several files; each is
// hashed after close and staged only on a match, so a corrupted file is
// refused alone and the files after it still land (their bytes stay in
// step). A refused path refuses the whole call before anything is written.
func TestBatchPut(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	files := []struct {
		path string
		data []byte
		bad  bool // the host declares a hash the bytes do not have
	}{
		{"lib/a.py", []byte(strings.Repeat("A = 'first file'\n", 300)), false},
		{"lib/b.py", []byte(strings.Repeat("B = 'second, corrupted in transit'\n", 200)), true},
		{"main.py", []byte("import lib.a\n"), false},
		{"assets/blob.bin", binBlob, false},
		{"empty.py", nil, false},
	}
	// Two forms: per-file hashes (each file stands alone), and the batch
	// digest (agent 1.3.0: all or nothing, the answers carry the board's
	// hashes so the host can name the bad file).
	for _, tc := range []struct {
		wbits  int
		digest bool
	}{{15, false}, {0, false}, {15, true}, {0, true}} {
		wbits := tc.wbits
		var all []byte
		var meta [][]any
		d256, d1 := sha256.New(), sha256.New()
		for _, f := range files {
			all = append(all, f.data...)
			h := sum(f.data)
			if f.bad {
				h = sum(append([]byte("x"), f.data...))
			}
			hb, _ := hex.DecodeString(h)
			d256.Write(hb)
			d1.Write(gitSHA1(f.data))
			if tc.digest {
				meta = append(meta, []any{f.path, len(f.data)})
			} else {
				meta = append(meta, []any{f.path, len(f.data), h, nil})
			}
		}
		args := []any{nil, wbits, meta}
		if tc.digest {
			args = append(args, d1.Sum(d256.Sum(nil)))
		}
		stream := all
		if wbits > 0 {
			stream = deflateRaw(t, all)
			if len(all) > 1<<wbits {
				t.Fatalf("the test's stream must fit the %d-byte window deflateRaw may use", 1<<wbits)
			}
		}
		args[0] = stream
		var r struct {
			R []struct {
				Size   int    `json:"size"`
				Err    string `json:"err"`
				SHA256 string `json:"sha256"`
				SHA1   string `json:"sha1"`
			} `json:"r"`
		}
		if err := d.call(ctx, &r, "putn", args...); err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		if len(r.R) != len(files) {
			t.Fatalf("%+v: %d answers for %d files: %+v", tc, len(r.R), len(files), r.R)
		}
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = f.path
			got := r.R[i]
			switch {
			case tc.digest && (got.Err != "hash" || got.SHA256 != sum(f.data) || got.SHA1 != "" && got.SHA1 != hex.EncodeToString(gitSHA1(f.data))):
				t.Errorf("%+v: %s answered %+v, want a refusal with the board's true hashes (sha1 when it has one)", tc, f.path, got)
			case !tc.digest && (f.bad && got.Err != "hash" || !f.bad && (got.Err != "" || got.Size != len(f.data))):
				t.Errorf("%+v: %s answered %+v", tc, f.path, got)
			}
		}
		var h agent.Hashes
		if err := d.call(ctx, &h, "hashes", paths, true); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			switch got := h[f.path]; {
			case (f.bad || tc.digest) && got != nil:
				t.Errorf("%+v: %s was staged from a batch that failed its check", tc, f.path)
			case !f.bad && !tc.digest && (got == nil || got.SHA256 != sum(f.data) || got.Size != int64(len(f.data))):
				t.Errorf("%+v: %s staged as %+v, want sha256 %s", tc, f.path, got, sum(f.data))
			}
		}
		if tc.digest {
			// The same batch with its true digest: all staged at once.
			d256.Reset()
			for _, f := range files {
				hb, _ := hex.DecodeString(sum(f.data))
				d256.Write(hb)
			}
			args[3] = d1.Sum(d256.Sum(nil))
			r.R = nil
			if err := d.call(ctx, &r, "putn", args...); err != nil {
				t.Fatalf("%+v: %v", tc, err)
			}
			if err := d.call(ctx, &h, "hashes", paths, true); err != nil {
				t.Fatal(err)
			}
			for i, f := range files {
				if got := h[f.path]; got == nil || got.SHA256 != sum(f.data) || r.R[i].Err != "" || r.R[i].Size != len(f.data) {
					t.Errorf("%+v: true digest: %s answered %+v, staged %+v", tc, f.path, r.R[i], got)
				}
			}
		}
		if err := d.call(ctx, nil, "abort"); err != nil {
			t.Fatal(err)
		}
	}

	// A reserved path anywhere in the batch: nothing is written at all.
	good := []byte("X = 1\n")
	err := d.call(ctx, nil, "putn", append(append([]byte(nil), good...), good...), 0,
		[][]any{{"ok.py", len(good), sum(good), nil}, {"version.json", len(good), sum(good), nil}})
	var ae *agent.Error
	if !errors.As(err, &ae) || ae.Code != "path" {
		t.Fatalf("reserved path in a batch: got %v, want agent error \"path\"", err)
	}
	var h agent.Hashes
	if err := d.call(ctx, &h, "hashes", []string{"ok.py"}, true); err != nil || h["ok.py"] != nil {
		t.Errorf("a refused batch staged ok.py: %+v %v", h["ok.py"], err)
	}
	wantIdle(t, d)
}

// deflateRaw compresses with Go's flate (32 KiB window at most, so any
// wbits >= the distances it uses decodes it; the 1 KiB case stays within
// the window because the input repeats every 59 bytes).
func deflateRaw(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestBrokenAgentStillBootsTheApp: an agent that cannot be imported (a
// botched manual edit) must not take the app down with it.
func TestBrokenAgentStillBootsTheApp(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	fl := agentFlash([]byte("this is not python\n"))
	fl[agent.AppBootFile] = []byte("BOOTED = 42\n")
	fl[agent.AppMainFile] = []byte("open('/ran.txt', 'w').write('main ran')\n")
	b := simtest.StartT(t, simboard.Options{Files: fl})
	d := &dev{t: t, b: b}
	defer d.drop()
	if err := d.idle(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := d.exec(ctx, "print(BOOTED, open('/ran.txt').read())")
	if err != nil || !strings.Contains(string(out), "42 main ran") {
		t.Fatalf("app did not run under a broken agent: %q %v", out, err)
	}
}

// TestInstallShipsOneModuleForm: a board that loads .mpy v6 gets the agent
// as bytecode and loses an older ota_agent.py (MicroPython would import
// it first); an agent installed as source removes an ota_agent.mpy (a
// stale one beside a new .py would answer again once the .py went). Each
// time the board imports the installed form and it answers this version.
func TestInstallShipsOneModuleForm(t *testing.T) {
	t.Parallel()
	src := agent.Files()[0].Data
	old := []byte(strings.Replace(string(src), `VERSION = "`+agent.Version+`"`, `VERSION = "1.6.0"`, 1))
	mpy := agent.Shipped(agent.MPYVersion)[0].Data
	tests := []struct {
		name        string
		have        string // the module form on the board before
		haveData    []byte
		source      []byte // install this source instead of the shipped agent
		want, wantX string // the form after, the form that must be gone
	}{
		{"older source agent gets bytecode", agent.AgentFile, old, nil, agent.AgentMPYFile, agent.AgentFile},
		{"bytecode agent gets a given source", agent.AgentMPYFile, mpy, src, agent.AgentFile, agent.AgentMPYFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			fl := agentFlash(nil)
			delete(fl, agent.AgentFile)
			fl[tt.have] = tt.haveData
			b := simtest.StartT(t, simboard.Options{Files: fl})
			d := &dev{t: t, b: b}
			defer d.drop()
			a, err := d.client(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tt.source != nil {
				err = a.InstallAgentSource(ctx, 1536, "", tt.source)
			} else {
				err = a.InstallAgent(ctx, 1536, "")
			}
			if err != nil {
				t.Fatal(err)
			}
			got := tree(t, b.FlashDir())
			if _, ok := got[tt.wantX]; ok {
				t.Errorf("%s is left beside %s", tt.wantX, tt.want)
			}
			if _, ok := got[tt.want]; !ok {
				t.Fatalf("no %s after the install", tt.want)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			out, err := d.exec(ctx, "import ota_agent\nprint(ota_agent.VERSION, ota_agent.__file__)")
			if err != nil || !strings.Contains(string(out), agent.Version+" "+tt.want) {
				t.Errorf("after the install the board imports %q (%v), want %s from %s", out, err, agent.Version, tt.want)
			}
		})
	}
}
