package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

func fakeLister(ds ...*ports.Detail) *ports.Lister {
	return &ports.Lister{Enumerate: func() ([]*ports.Detail, error) { return ds, nil }}
}

func TestDevicesOutput(t *testing.T) {
	l := fakeLister(
		&ports.Detail{Name: "/dev/ttyACM0", IsUSB: true, VID: "2e8a", PID: "0005", SerialNumber: "E661", Manufacturer: "MicroPython", Product: "Board in FS mode"},
		&ports.Detail{Name: "/dev/ttyUSB0", IsUSB: true, VID: "10c4", PID: "ea60"},
	)
	tests := []struct {
		name  string
		json  bool
		check func(t *testing.T, out string)
	}{
		{"table", false, func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 3 || !strings.Contains(lines[1], "/dev/ttyACM0") || !strings.Contains(lines[1], "2E8A:0005") ||
				!strings.HasSuffix(strings.TrimSpace(lines[1]), "micropython") || strings.HasSuffix(strings.TrimSpace(lines[2]), "micropython") {
				t.Errorf("table:\n%s", out)
			}
		}},
		{"json", true, func(t *testing.T, out string) {
			var doc devicesReport
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != 1 || len(doc.Ports) != 2 || !doc.Ports[0].MicroPython || doc.Ports[0].Serial != "E661" || doc.Ports[1].Kind != ports.KindUARTBridge {
				t.Errorf("json: %+v", doc)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := TestStreams()
			o := &devicesOptions{GlobalOptions: &GlobalOptions{IO: ios}, JSON: tt.json, lister: l}
			if err := runDevices(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			tt.check(t, out.String())
		})
	}
}

func TestExecPortSelectionErrors(t *testing.T) {
	board := func(serial string) *ports.Detail {
		return &ports.Detail{Name: "/dev/ttyACM" + serial, IsUSB: true, VID: "2E8A", PID: "0005", SerialNumber: serial}
	}
	tests := []struct {
		name    string
		lister  *ports.Lister
		wantErr string
		code    int
	}{
		{"no board", fakeLister(&ports.Detail{Name: "/dev/ttyS0"}), "no MicroPython board found", ExitBoard},
		{"two boards: the command line must say which", fakeLister(board("1"), board("2")), "/dev/ttyACM2", ExitUsage},
		{"not a serial port", fakeLister(), "'otapush devices'", ExitBoard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := TestStreams()
			port := "auto"
			if tt.name == "not a serial port" {
				port = filepath.Join(t.TempDir(), "nothing")
			}
			o := &execOptions{GlobalOptions: &GlobalOptions{IO: ios}, port: portArg{Spec: port, lister: tt.lister}, Code: "print(1)"}
			err := runExec(context.Background(), o)
			if exitCodeFor(err) != tt.code || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v (exit %d)", err, exitCodeFor(err))
			}
		})
	}
}

func TestCRLFWriter(t *testing.T) {
	tests := []struct {
		pieces []string
		want   string
	}{
		{[]string{"a\r\nb\r\n"}, "a\nb\n"},
		{[]string{"a\r", "\nb"}, "a\nb"},
		{[]string{"progress\r50%\r\n"}, "progress\r50%\n"},
		{[]string{"end\r"}, "end\r"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		w := &crlfWriter{w: &b}
		for _, p := range tt.pieces {
			if n, err := w.Write([]byte(p)); err != nil || n != len(p) {
				t.Fatal(n, err)
			}
		}
		w.Flush()
		if b.String() != tt.want {
			t.Errorf("%q -> %q, want %q", tt.pieces, b.String(), tt.want)
		}
	}
}

// TestExecAgainstSimulatedBoard runs the command end to end, through the
// serial library, against the simulated board found by --port auto.
func TestExecAgainstSimulatedBoard(t *testing.T) {
	const token = "ghp_TESTTOKEN0123456789"
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	t.Setenv("OTAPUSH_TOKEN", token)
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg, PasteStrict: true,
		Files: map[string][]byte{"main.py": []byte("import time\nwhile True:\n    time.sleep_ms(10)\n")}})
	script := filepath.Join(t.TempDir(), "probe.py")
	if err := os.WriteFile(script, []byte("import os\nprint(sorted(os.listdir('/')))\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantErr    string
		notInErr   string
		onlyOutput bool
	}{
		{"code", []string{"exec", "--port", "auto", "print(6*7)"}, ExitOK, "42\n", "", "", true},
		{"file", []string{"exec", "--port", b.Port(), "-f", script}, ExitOK, "['main.py']\n", "", "", true},
		{"traceback to stderr, exit 5", []string{"exec", "--port", b.Port(), "print('x')\nopen('/none')"}, ExitBoard, "x\n", "OSError: [Errno 2] ENOENT", "otapush:", false},
		{"debug trace hides the token", []string{"--debug", "exec", "--port", b.Port(), "print(len('" + token + "'))"}, ExitOK, "23\n", `> "\x05A\x01"`, token, false},
		{"classic mode", []string{"exec", "--no-raw-paste", "--soft-reset", "--port", b.Port(), "print('classic')"}, ExitOK, "classic\n", "", "", true},
		{"stdin", []string{"exec", "--port", b.Port(), "-f", "-"}, ExitOK, "from stdin\n", "", "", true},
		{"usage: no code", []string{"exec", "--port", b.Port()}, ExitUsage, "", "no code to run", "", false},
		{"--max-output stops a chatty program", []string{"exec", "--port", b.Port(), "--max-output", "300", "while True:\n print('0123456789')"}, ExitBoard, "", "printed more than 300 bytes", "", false},
		{"--deadline stops a program that never ends", []string{"exec", "--port", b.Port(), "--deadline", "1s", "import time\nwhile True:\n print('.')\n time.sleep_ms(50)"}, ExitBoard, "", "not finished within the call's total deadline", "", false},
		{"the board is usable after both", []string{"exec", "--port", b.Port(), "print('again')"}, ExitOK, "again\n", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, in, out, errOut := TestStreams()
			in.WriteString("print('from stdin')\n")
			code := Main(context.Background(), tt.args, ios)
			if code != tt.wantCode || (out.String() != tt.wantOut && tt.wantCode != ExitBoard) {
				t.Fatalf("exit %d, stdout %q; stderr:\n%s", code, out, errOut)
			}
			if tt.onlyOutput && errOut.Len() != 0 {
				t.Errorf("stderr: %q", errOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) || (tt.notInErr != "" && strings.Contains(errOut.String(), tt.notInErr)) {
				t.Errorf("stderr:\n%s", errOut)
			}
		})
	}
	if v := b.PasteViolations(); v != 0 {
		t.Errorf("window exceeded by %d bytes", v)
	}
}

func TestDevicesShowsSimulatedBoard(t *testing.T) {
	reg := t.TempDir()
	t.Setenv("OTAPUSH_SIM_DIR", reg)
	b := simtest.StartT(t, simboard.Options{RegistryDir: reg})
	ios, _, out, errOut := TestStreams()
	if code := Main(context.Background(), []string{"devices", "--json"}, ios); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc devicesReport
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range doc.Ports {
		if p.Port == b.Port() && p.Simulated && p.MicroPython && p.Serial == b.Serial() {
			found = true
		}
	}
	if !found {
		t.Fatalf("simulated board %s missing from %s", b.Port(), out)
	}
}

func TestSecretsToRedact(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		env  string
		want string
	}{
		{"yaml config", write("c.yaml", "token: ghp_fromyaml\n"), "", "ghp_fromyaml"},
		{"toml config", write("c.toml", "token = \"ghp_fromtoml\"\n"), "", "ghp_fromtoml"},
		{"invalid config still hides its token", write("bad.json", `{"token": "ghp_frombad", "chunk": "not a number"}`), "", "ghp_frombad"},
		{"environment", "", "ghp_fromenv", "ghp_fromenv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GITHUB_TOKEN", tt.env)
			t.Setenv("OTAPUSH_TOKEN", "")
			t.Setenv("GH_TOKEN", "")
			t.Chdir(dir)
			got := secretsToRedact(tt.path)
			if !slicesContains(got, tt.want) {
				t.Fatalf("got %q, want %q among them", got, tt.want)
			}
		})
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
