package firmware_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

func keepPrevious(s *agent.ArmSpec) { s.KeepPrevious = true }

// TestRevertConfirmedVersion: v1 -> v2 kept with keep_previous ->
// committed -> rollback() reverts to exactly v1 (content, v2's additions
// deleted, v1's deletions back, version.json byte for byte), and keeps v2
// in turn; without keep_previous the same call is refused.
func TestRevertConfirmedVersion(t *testing.T) {
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
	if st := mustStatus(t, ctx, d); st.Prev != nil {
		t.Fatalf("first install keeps a previous version: %+v", st.Prev)
	}
	v1json := tree(t, d.b.FlashDir())["version.json"]
	// An app-created file is no version's: the revert must not touch it.
	if _, err := d.exec(ctx, "f=open('/settings.txt','w')\nf.write('mine')\nf.close()\n"); err != nil {
		t.Fatal(err)
	}
	extra := map[string]string{"settings.txt": "mine"}

	v2keep := version{name: "v2", files: v2.files, extra: keepPrevious}
	if err := d.push(ctx, v2keep); err != nil {
		t.Fatal(err)
	}
	if err := d.reset(ctx); err != nil {
		t.Fatal(err)
	}
	st := mustStatus(t, ctx, d)
	if st.State != "idle" || st.App.Version != "v2" || st.Last.Result != "committed" {
		t.Fatalf("after v2: state %s app %s last %+v", st.State, st.App.Version, st.Last)
	}
	if st.Prev == nil || st.Prev.Version != "v1" || st.Prev.Commit != "c0ffee-v1" {
		t.Fatalf("v2 committed with keep_previous: prev %+v, want v1", st.Prev)
	}
	wantVersion(t, d, v2, extra)

	var r struct {
		R       string `json:"r"`
		State   string `json:"state"`
		Version string `json:"version"`
	}
	if err := d.call(ctx, &r, "rollback"); err != nil || r.R != "reverting" || r.State != "apply" || r.Version != "v1" {
		t.Fatalf("rollback of the confirmed v2: %+v %v", r, err)
	}
	if err := d.reset(ctx); err != nil {
		t.Fatal(err)
	}
	st = mustStatus(t, ctx, d)
	if st.State != "idle" || st.App.Version != "v1" || st.Last.Result != "committed" || st.Last.From.Version != "v2" {
		t.Fatalf("after the revert: state %s app %s last %+v", st.State, st.App.Version, st.Last)
	}
	wantVersion(t, d, v1, extra)
	if got := tree(t, d.b.FlashDir())["version.json"]; got != v1json {
		t.Errorf("version.json after the revert:\n%s\nwant v1's own:\n%s", got, v1json)
	}
	if st.Prev == nil || st.Prev.Version != "v2" {
		t.Errorf("the revert keeps what it replaced: prev %+v, want v2", st.Prev)
	}
	for p := range tree(t, d.b.FlashDir()) {
		if strings.HasPrefix(p, ".ota/") && !strings.HasPrefix(p, ".ota/prev/") &&
			p != ".ota/" && p != ".ota/config.json" && p != ".ota/last.json" {
			t.Errorf("idle board still has %s", p)
		}
	}

	// v2 again without keep_previous: the kept v1... is dropped at commit
	// (it would no longer complete the live version), and rollback refuses.
	if err := d.push(ctx, v2); err != nil {
		t.Fatal(err)
	}
	if err := d.reset(ctx); err != nil {
		t.Fatal(err)
	}
	st = mustStatus(t, ctx, d)
	if st.App.Version != "v2" || st.Prev != nil {
		t.Fatalf("v2 without keep_previous: app %s prev %+v, want v2 and none kept", st.App.Version, st.Prev)
	}
	err := d.call(ctx, nil, "rollback")
	var ae *agent.Error
	if !errors.As(err, &ae) || ae.Code != "noprev" || !strings.Contains(ae.Msg, "keep_previous") {
		t.Fatalf("rollback with nothing kept: %v", err)
	}
	wantVersion(t, d, v2, extra)
	wantIdle(t, d)
}
