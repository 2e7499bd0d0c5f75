package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/otapush/otapush/internal/fleet"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/update"
)

// TestExitCodesMatchREADME: CI users read the README's table, otapush
// prints exitCodeDocs; they must say the same.
func TestExitCodesMatchREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| (\d+) \| (.+) \|$`)
	got := map[int]string{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		code, _ := strconv.Atoi(m[1])
		got[code] = m[2]
	}
	for _, e := range exitCodeDocs {
		if got[e.Code] != e.Text {
			t.Errorf("exit %d: README says %q, otapush help exit-codes says %q", e.Code, got[e.Code], e.Text)
		}
	}
	if len(got) != len(exitCodeDocs) {
		t.Errorf("README lists %d exit codes, otapush %d", len(got), len(exitCodeDocs))
	}
}

func TestFleetExit(t *testing.T) {
	board := func(outcome string, err error) fleet.BoardReport {
		return fleet.BoardReport{Outcome: outcome, Err: err}
	}
	boardErr := errors.New("port disconnected")
	rolled := &update.RolledBackError{Why: "main.py raised"}
	hash := fmt.Errorf("put: %w", &manifest.PathError{Path: "../x", Reason: "escapes"})
	tests := []struct {
		name   string
		boards []fleet.BoardReport
		cancel bool
		want   int
	}{
		{"all committed or unchanged", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.Unchanged, nil)}, false, ExitOK},
		{"one failed", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.Failed, boardErr)}, false, ExitPartial},
		{"one rolled back", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.RolledBack, rolled)}, false, ExitPartial},
		{"all rolled back", []fleet.BoardReport{board(fleet.RolledBack, rolled), board(fleet.RolledBack, rolled)}, false, ExitRolledBack},
		{"all refused the plan", []fleet.BoardReport{board(fleet.Failed, hash), board(fleet.Failed, hash)}, false, ExitVerify},
		{"all failed differently", []fleet.BoardReport{board(fleet.Failed, boardErr), board(fleet.RolledBack, rolled)}, false, ExitBoard},
		{"interrupted", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.Interrupted, context.Canceled)}, true, ExitInterrupted},
		{"one board committed", []fleet.BoardReport{board(fleet.Committed, nil)}, false, ExitOK},
		{"one board rolled back", []fleet.BoardReport{board(fleet.RolledBack, rolled)}, false, ExitRolledBack},
		{"one board without a verdict", []fleet.BoardReport{board(fleet.NoVerdict, nil)}, false, ExitNoVerdict},
		{"one board unreachable", []fleet.BoardReport{board(fleet.Failed, boardErr)}, false, ExitBoard},
		{"no verdict beside a commit", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.NoVerdict, nil)}, false, ExitPartial},
		{"canary rolled back, the rest not started", []fleet.BoardReport{board(fleet.RolledBack, rolled), board(fleet.NotStarted, nil), board(fleet.NotStarted, nil)}, false, ExitRolledBack},
		{"canary without a verdict, the rest not started", []fleet.BoardReport{board(fleet.NoVerdict, nil), board(fleet.NotStarted, nil)}, false, ExitNoVerdict},
		{"stopped after a success", []fleet.BoardReport{board(fleet.Committed, nil), board(fleet.Failed, boardErr), board(fleet.NotStarted, nil)}, false, ExitPartial},
		{"stopped, failures differ", []fleet.BoardReport{board(fleet.Failed, hash), board(fleet.RolledBack, rolled), board(fleet.NotStarted, nil)}, false, ExitBoard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			rep := fleet.Report{Boards: tt.boards}
			rep.Summary, rep.Outcome = fleet.Tally(tt.boards, tt.cancel)
			if got := fleetExit(ctx, rep); got != tt.want {
				t.Errorf("exit %d, want %d (outcome %s)", got, tt.want, rep.Outcome)
			}
		})
	}
}
