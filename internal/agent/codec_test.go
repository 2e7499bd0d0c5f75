package agent

import (
	"fmt"
	"strings"
	"testing"
)

// A long path list goes as one string split on the board: a list display
// of thousands of items exhausts the board's stack.
func TestPyCallLongList(t *testing.T) {
	paths := make([]string, 3000)
	for i := range paths {
		paths[i] = fmt.Sprintf("lib/f%d.py", i)
	}
	got, err := pyCall("survey", paths)
	if err != nil {
		t.Fatal(err)
	}
	want := `ota_agent.survey('lib/f0.py\x00lib/f1.py\x00`
	if !strings.Contains(got, want) || !strings.HasSuffix(got, `lib/f2999.py'.split('\x00'))`+"\n") || strings.Contains(got, "[") {
		t.Errorf("pyCall(survey, 3000 paths) = %.200q...", got)
	}
	short, _ := pyCall("hashes", paths[:maxListLiteral])
	if !strings.Contains(short, "['lib/f0.py',") {
		t.Errorf("a short list is no longer a list display: %.100q", short)
	}
}
