package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/update"
)

func TestProgressLines(t *testing.T) {
	t0 := time.Now()
	events := []update.Event{
		{Phase: update.PhaseDelta, Msg: "2 to send, 1 unchanged, 0 already staged", FilesTotal: 2, BytesTotal: 3000},
		{Phase: update.PhaseUpload, Path: "lib/a.py", FileBytes: 1000, FileSize: 2000, FilesTotal: 2, BytesDone: 1000, BytesTotal: 3000, Time: t0},
		{Phase: update.PhaseVerified, Path: "lib/a.py", FileBytes: 2000, FileSize: 2000, FilesDone: 1, FilesTotal: 2, BytesDone: 2000, BytesTotal: 3000, Time: t0.Add(time.Second)},
		{Phase: update.PhaseReset, Msg: "hard"},
	}
	tests := []struct {
		name      string
		tty, json bool
		want      []string
		not       []string
	}{
		{"plain", false, false, []string{"2 to send", "[1/2] lib/a.py verified (2.0 KiB of 2.9 KiB, 2.0 KB/s)", "reset (hard)"}, []string{"\r", "\033"}},
		{"tty", true, false, []string{"\r\033[K  [1/2] lib/a.py 1000 B/2.0 KiB", "[1/2] lib/a.py verified"}, nil},
		{"json: silent", false, true, nil, []string{"otapush"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			p := newProgress(&b, tt.json, tt.tty)
			for _, e := range events {
				p.event(e)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%q", w, b.String())
				}
			}
			for _, n := range tt.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("output has %q:\n%q", n, b.String())
				}
			}
		})
	}
}
