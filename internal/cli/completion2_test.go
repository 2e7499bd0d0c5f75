package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
)

// TestValueCompletions: --channel and sim's --link and --fs-model
// complete their values, and every value offered is one the simulator
// takes.
func TestValueCompletions(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "update", "--channel", ""}, []string{"stable", "developer"}},
		{[]string{"__complete", "plan", "--channel", "d"}, []string{"developer"}},
		{[]string{"__complete", "sim", "--link", ""}, simLinks},
		{[]string{"__complete", "sim", "--fs-model", ""}, simFSModels},
	}
	for _, tt := range tests {
		r := runCLI(t, context.Background(), tt.args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s%s", tt.args, r.code, r.out, r.errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.out, w+"\n") && !strings.Contains(r.out, w+"\t") {
				t.Errorf("%v: no %q in\n%s", tt.args, w, r.out)
			}
		}
	}
	for _, l := range simLinks {
		if _, err := simboard.LinkProfile(l); err != nil {
			t.Errorf("--link %s is offered but refused: %v", l, err)
		}
	}
	for _, m := range simFSModels {
		if _, err := simboard.Start(context.Background(), simboard.Options{FSModel: m, PicosimDir: t.TempDir()}); err != nil && strings.Contains(err.Error(), "FSModel") {
			t.Errorf("--fs-model %s is offered but refused: %v", m, err)
		}
	}
}
