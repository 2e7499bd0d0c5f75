package cli

import (
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/update"
)

func ver(v string) update.Version { return update.Version{Version: v} }

// TestBoardLineVersions: a board's result line names the version it ran
// and the version this run pushed (the target) whatever the outcome,
// never the board's version twice, never "(none) -> (none)" for a board
// that was never read, and never an empty port name.
func TestBoardLineVersions(t *testing.T) {
	tests := []struct {
		name string
		b    fleet.BoardReport
		want []string
		not  []string
	}{
		{"committed", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Committed, Before: ver("v1"), After: ver("v2"), Target: ver("v2")},
			[]string{"/dev/ttyACM0: committed  v1 -> v2"}, nil},
		{"armed", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Armed, Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v2")},
			[]string{"armed (the swap runs at the next boot)  v1 -> v2"}, []string{"v1 -> v1"}},
		{"armed by --resume, the target read from the board", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Armed, Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v3")},
			[]string{"v1 -> v3"}, []string{"the armed version"}},
		{"failed at connect", fleet.BoardReport{Port: "/dev/ttyACM9", Outcome: fleet.Failed, StoppedAt: "connect", Target: ver("v2"), Error: "port unavailable"},
			[]string{"/dev/ttyACM9: FAILED at connect (pushing v2): port unavailable; the board was not changed"}, []string{"(none)", "stays on"}},
		{"interrupted in the upload", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Interrupted, StoppedAt: "upload", Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Error: "context canceled"},
			[]string{"interrupted at upload (v1 -> v2): context canceled; the board stays on v1"}, []string{"v1 -> v1"}},
		{"failed on a board without an app", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "preflight", Target: ver("v2"), Error: "not enough space"},
			[]string{"FAILED at preflight ((none) -> v2)", "no app version yet"}, []string{"stays on its version"}},
		{"failed after arming", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "reset", Armed: true, Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Error: "gone"},
			[]string{"(v1 -> v2)", "armed: it swaps to v2 at its next boot"}, nil},
		{"abort failed: no target", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.Failed, StoppedAt: "preflight", Before: ver("v1"), Error: "busy"},
			[]string{"FAILED at preflight: busy; the board stays on v1"}, []string{"->"}},
		{"rolled back", fleet.BoardReport{Port: "/dev/ttyACM0", Outcome: fleet.RolledBack, Before: ver("v1"), After: ver("v1"), Target: ver("v2"), Why: "ValueError"},
			[]string{"ROLLED BACK (ValueError): v2 failed, the board runs v1"}, nil},
		{"no port name", fleet.BoardReport{Outcome: fleet.Failed, StoppedAt: "connect", Target: ver("v2"), Error: "no board"},
			[]string{"(unnamed port): FAILED"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := boardLine(tt.b)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
			if strings.HasPrefix(got, ":") || strings.HasPrefix(got, " ") {
				t.Errorf("no port name: %s", got)
			}
		})
	}
}

// TestStatusPlurals: counts read as English ("1 file staged").
func TestStatusPlurals(t *testing.T) {
	for n, want := range map[int]string{1: ", 1 file staged", 2: ", 2 files staged"} {
		var b strings.Builder
		writeStatusText(&b, "/dev/ttyACM0", agent.Status{Agent: "1.5.1", API: 1, State: agent.StateApply, Staged: n})
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}
