package firmware_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/otapush/otapush/firmware"
)

// TestMPYIsCurrent: the embedded ota_agent.mpy is ota_agent.py as it is
// now. It compiles the source again with the pinned mpy-cross and compares,
// so an edit of the agent without `make agent` fails here instead of
// shipping the previous agent's bytecode to every board that loads it.
func TestMPYIsCurrent(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to compile the agent (tools/picosim/mpy-cross.mjs): %v", err)
	}
	out := filepath.Join(t.TempDir(), "ota_agent.mpy")
	cmd := exec.CommandContext(t.Context(), node, "../tools/picosim/mpy-cross.mjs", "ota_agent.py", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("compiling ota_agent.py: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := firmware.Sources().ReadFile("ota_agent.mpy")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("firmware/ota_agent.mpy (%d bytes) is not ota_agent.py compiled (%d bytes): run `make agent` and commit it", len(got), len(want))
	}
}
