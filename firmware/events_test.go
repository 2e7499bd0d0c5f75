package firmware_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
	"github.com/otapush/otapush/internal/simreg"
)

// closedTransport stands for a port already closed: Follow opens the real
// one.
type closedTransport struct{}

func (closedTransport) Read([]byte, time.Duration) (int, error) { return 0, rawrepl.ErrClosed }
func (closedTransport) Write([]byte) (int, error)               { return 0, rawrepl.ErrClosed }
func (closedTransport) Close() error                            { return nil }

// TestTrialEventsPerPolicy: after the reset into a new version, the agent
// announces the transaction on the console, tagged with the host's nonce,
// and decides per policy alone, nothing sent to the board: a healthy app
// is committed under each policy that the board can decide alone; one that
// raises is rolled back with its traceback; one that never confirms is
// reset at its deadline and rolled back after its trial boots.
func TestTrialEventsPerPolicy(t *testing.T) {
	t.Parallel()
	const loop = "import time\nwhile True:\n    time.sleep_ms(20)\n"
	tests := []struct {
		name   string
		main   string
		spec   func(*agent.ArmSpec)
		want   []agent.EventKind // in order, the last is final
		policy agent.Policy      // of the committed event
		check  func(t *testing.T, evs []agent.Event)
	}{
		{"uptime: a while-True app", loop, func(s *agent.ArmSpec) { s.Confirm = "uptime"; s.ConfirmAfterS = 1 },
			[]agent.EventKind{agent.EventTrial, agent.EventCommitted}, agent.PolicyUptime, nil},
		{"auto is uptime", loop, func(s *agent.ArmSpec) { s.Confirm = "auto"; s.ConfirmAfterS = 1 },
			[]agent.EventKind{agent.EventTrial, agent.EventCommitted}, agent.PolicyUptime, nil},
		{"uptime: main.py returns", "print('set up')\n", func(s *agent.ArmSpec) { s.Confirm = "uptime"; s.ConfirmAfterS = 60 },
			[]agent.EventKind{agent.EventTrial, agent.EventCommitted}, agent.PolicyUptime, nil},
		{"return", "print('set up')\n", func(s *agent.ArmSpec) { s.Confirm = "return" },
			[]agent.EventKind{agent.EventTrial, agent.EventCommitted}, agent.PolicyReturn, nil},
		{"app", "import ota_agent\nota_agent.confirm()\n" + loop, func(s *agent.ArmSpec) { s.Confirm = "app" },
			[]agent.EventKind{agent.EventTrial, agent.EventCommitted}, agent.PolicyApp, nil},
		{"uptime: raises first", "import time\ntime.sleep_ms(200)\nraise ValueError('broken v2')\n",
			func(s *agent.ArmSpec) { s.Confirm = "uptime"; s.ConfirmAfterS = 30 },
			[]agent.EventKind{agent.EventTrial, agent.EventRollback, agent.EventRolledBack}, "",
			func(t *testing.T, evs []agent.Event) {
				rb := evs[1]
				if !strings.Contains(rb.Why, "ValueError: broken v2") || !strings.Contains(rb.Trace, "Traceback") ||
					!strings.Contains(rb.Trace, `main.py", line 3`) {
					t.Errorf("rollback event: why %q trace %q", rb.Why, rb.Trace)
				}
				if evs[2].Version != "v1" {
					t.Errorf("rolled_back names %q, want the old v1", evs[2].Version)
				}
			}},
		{"app: never confirms, deadline", loop, func(s *agent.ArmSpec) { s.Confirm = "app"; s.DeadlineS = 1; s.TrialBoots = 2 },
			[]agent.EventKind{agent.EventTrial, agent.EventDeadline, agent.EventTrial, agent.EventDeadline,
				agent.EventRollback, agent.EventRolledBack}, "",
			func(t *testing.T, evs []agent.Event) {
				if evs[0].Boot != 1 || evs[2].Boot != 2 || evs[0].Boots != 2 {
					t.Errorf("trial boots %d, %d of %d", evs[0].Boot, evs[2].Boot, evs[0].Boots)
				}
				if !strings.Contains(evs[4].Why, "not confirmed after 2 trial boots") {
					t.Errorf("rollback why %q", evs[4].Why)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := simtest.ContextT(t)
			defer cancel()
			d := startAgentBoard(t, ctx, simboard.Options{})
			if err := d.push(ctx, version{name: "v1", files: map[string][]byte{"main.py": []byte("print('v1')\n")}}); err != nil {
				t.Fatal(err)
			}
			if err := d.reset(ctx); err != nil {
				t.Fatal(err)
			}
			nonce := agent.NewNonce()
			// What a board prints before the host has its port open again
			// after a reset is lost (as on native USB): the app's boot.py
			// holds the trial event back until the host listens. (The
			// host's watch copes without; this test wants every event.)
			v2 := version{name: "v2", files: map[string][]byte{"main.py": []byte(tt.main),
				"boot.py": []byte("import time\ntime.sleep(1)\n")}, extra: func(s *agent.ArmSpec) {
				s.Nonce = nonce
				tt.spec(s)
			}}
			if err := d.push(ctx, v2); err != nil {
				t.Fatal(err)
			}
			evs := followEvents(t, ctx, d, nonce, len(tt.want))
			for i, k := range tt.want {
				if evs[i].Kind != k {
					t.Fatalf("events %v, want %v", kinds(evs), tt.want)
				}
			}
			if last := evs[len(evs)-1]; last.Kind == agent.EventCommitted && (last.Version != "v2" || last.Policy != tt.policy) {
				t.Errorf("committed event %+v, want v2 under %s", last, tt.policy)
			}
			if evs[0].Policy == "auto" || evs[0].Version != "v2" {
				t.Errorf("trial event %+v", evs[0])
			}
			if tt.check != nil {
				tt.check(t, evs)
			}
		})
	}
}

func kinds(evs []agent.Event) []agent.EventKind {
	var k []agent.EventKind
	for _, e := range evs {
		k = append(k, e.Kind)
	}
	return k
}

// followEvents resets the board and reads its console, sending nothing,
// across the resets the trial makes, until n events of the nonce came. The
// simulated board keeps what it prints once its port is back (unlike
// native USB): a test that must see every event can. It fails once the
// board has been silent for 30 s.
func followEvents(t *testing.T, ctx context.Context, d *dev, nonce string, n int) []agent.Event {
	t.Helper()
	c, err := d.conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = c.ExecNoFollow(ctx, "import machine\nmachine.reset()\n")
	if err != nil && !errors.Is(err, rawrepl.ErrDisconnected) {
		t.Fatal(err)
	}
	// A Conn that finds the board again by its serial number as soon as
	// it is back.
	o := connOpts(d.b)
	o.Lister = &ports.Lister{SimDir: d.b.RegistryDir(), Alive: simreg.Alive}
	f := rawrepl.NewConn(closedTransport{}, d.port(), o)
	_ = f.Close()
	defer f.Close()
	var evs []agent.Event
	sc := agent.Scanner{Nonce: nonce}
	var out []string
	for len(evs) < n {
		fctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		got := false
		err := f.Follow(fctx, func(ev rawrepl.FollowEvent) bool {
			got = true
			for _, l := range sc.Feed(ev.Data) {
				if l.Event != nil {
					evs = append(evs, *l.Event)
				} else {
					out = append(out, l.Text)
				}
			}
			return len(evs) >= n
		})
		cancel()
		if err != nil && (!got || ctx.Err() != nil) {
			t.Fatalf("after %v: %v; the board said %q", kinds(evs), err, out)
		}
	}
	return evs
}
