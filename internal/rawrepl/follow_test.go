package rawrepl

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/ports"
)

// followLog records events as text: "out:<data>", "gone", "back:<path>".
type followLog struct {
	mu     sync.Mutex
	events []string
}

func (l *followLog) add(ev FollowEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev.Kind {
	case FollowOutput:
		// Reads may split or join writes: merge adjacent output.
		if n := len(l.events); n > 0 && strings.HasPrefix(l.events[n-1], "out:") {
			l.events[n-1] += string(ev.Data)
			return
		}
		l.events = append(l.events, "out:"+string(ev.Data))
	case FollowGone:
		l.events = append(l.events, "gone")
	case FollowBack:
		l.events = append(l.events, "back:"+ev.Port.Path)
	}
}

func (l *followLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.events, " | ")
}

func (f *fakeBoard) say(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emit(s)
}

func (f *fakeBoard) unplug() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.disconnect = true
}

// TestFollowAcrossReset: output before and after the port goes away, with
// Gone and Back between, found by serial number under a new path, and
// nothing ever written to the board; the Conn is usable after fn stops.
func TestFollowAcrossReset(t *testing.T) {
	tests := []struct {
		name    string
		serial  string
		newPath string
	}{
		{"same path", "", "/dev/ttyACM0"},
		{"new path found by serial", "E66164084373532B", "/dev/ttyACM1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := newFake("friendly")
			var second *fakeBoard
			lookups := 0
			opts := fastOpts()
			// Gone for a few lookups, as a re-enumerating board.
			opts.PortExists = func(p string) bool { lookups++; return p == tt.newPath && lookups > 3 }
			opts.OpenTransport = func(p string, k ports.Kind) (Transport, error) {
				second = newFake("friendly")
				second.emit("booted 0\r\n")
				return second, nil
			}
			opts.Lister = &ports.Lister{}
			if tt.serial != "" {
				opts.Lister.Enumerate = fakeEnum(tt.newPath, tt.serial)
			}
			c := NewConn(first, ports.Port{Path: "/dev/ttyACM0", SerialNumber: tt.serial, Kind: ports.KindNativeUSB}, opts)
			first.say("count 1\r\ncount 2\r\n")
			var log followLog
			err := c.Follow(context.Background(), func(ev FollowEvent) bool {
				log.add(ev)
				if ev.Kind == FollowOutput && strings.Contains(string(ev.Data), "count 2") {
					first.unplug()
				}
				return ev.Kind == FollowOutput && strings.Contains(string(ev.Data), "booted 0")
			})
			if err != nil {
				t.Fatal(err)
			}
			want := "out:count 1\r\ncount 2\r\n | gone | back:" + tt.newPath + " | out:booted 0\r\n"
			if got := log.String(); got != want {
				t.Fatalf("events\n got %q\nwant %q", got, want)
			}
			if w := first.wrote(); len(w) != 0 {
				t.Errorf("Follow wrote %q to the board", w)
			}
			if w := second.wrote(); len(w) != 0 {
				t.Errorf("Follow wrote %q to the board after the reset", w)
			}
			if c.Port().Path != tt.newPath || c.Stats().Reconnects != 1 {
				t.Errorf("port %+v stats %+v", c.Port(), c.Stats())
			}
			if out, err := c.Exec(context.Background(), "print('after')"); err != nil || string(out) != "after\r\n" {
				t.Fatalf("exec after Follow: %q %v", out, err)
			}
		})
	}
}

// A Conn closed on entry (shut after machine.reset()) is reopened first,
// however long the board stays away: ReconnectTimeout does not apply.
func TestFollowClosedOnEntryWaitsPastReconnectTimeout(t *testing.T) {
	opts := fastOpts()
	opts.ReconnectTimeout = 50 * time.Millisecond // far less than the backoff below
	lookups := 0
	// 6 failed lookups back off 50+100+200+400+800 ms.
	opts.PortExists = func(string) bool { lookups++; return lookups > 6 }
	var second *fakeBoard
	opts.OpenTransport = func(string, ports.Kind) (Transport, error) {
		second = newFake("friendly")
		second.emit("hello\r\n")
		return second, nil
	}
	opts.Lister = &ports.Lister{}
	c := NewConn(newFake("friendly"), ports.Port{Path: "/dev/ttyACM0"}, opts)
	_ = c.shut()
	var log followLog
	err := c.Follow(context.Background(), func(ev FollowEvent) bool {
		log.add(ev)
		return ev.Kind == FollowOutput
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := log.String(), "back:/dev/ttyACM0 | out:hello\r\n"; got != want {
		t.Fatalf("events %q, want %q", got, want)
	}
	if err := c.EnterRaw(context.Background()); err != nil {
		t.Fatalf("EnterRaw after Follow: %v", err)
	}
}

// Bytes the Conn read but did not consume (after a reset's ack, say) are
// output too, and come first. A board that reboots on the same link (UART
// bridge) keeps its port: the banner is output, not Gone/Back, and the
// Conn no longer counts on the raw REPL.
func TestFollowPendingAndSameLinkReboot(t *testing.T) {
	f := newFake("friendly")
	f.old = true
	c := connect(t, f, fastOpts())
	c.buf = append(c.buf, "left over\r\n"...)
	var log followLog
	err := c.Follow(context.Background(), func(ev FollowEvent) bool {
		log.add(ev)
		if ev.Kind == FollowOutput && string(ev.Data) == "left over\r\n" {
			f.say("\x00" + fakeOldBanner)
		}
		return strings.Contains(log.String(), ">>> ")
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := log.String(), "out:left over\r\n\x00"+fakeOldBanner; got != want {
		t.Fatalf("events %q, want %q", got, want)
	}
	if c.inRaw || c.closed {
		t.Errorf("after a reboot on the link: inRaw %v closed %v", c.inRaw, c.closed)
	}
	if out, err := c.Exec(context.Background(), "print('again')"); err != nil || string(out) != "again\r\n" {
		t.Fatalf("%q %v", out, err)
	}
}

// Cancelling ends Follow with the context's error, both while reading a
// silent board and while waiting for one that is away.
func TestFollowCancel(t *testing.T) {
	for _, away := range []bool{false, true} {
		t.Run(fmt.Sprintf("away=%v", away), func(t *testing.T) {
			f := newFake("friendly")
			opts := fastOpts()
			opts.Lister = &ports.Lister{}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			lookups := 0
			opts.PortExists = func(string) bool {
				if lookups++; lookups == 2 {
					cancel()
				}
				return false
			}
			c := NewConn(f, ports.Port{Path: "/dev/ttyACM0"}, opts)
			f.say("tick\r\n")
			err := c.Follow(ctx, func(ev FollowEvent) bool {
				if ev.Kind == FollowOutput {
					if away {
						f.unplug()
					} else {
						cancel()
					}
				}
				return false
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v", err)
			}
			if !away && !c.closed {
				t.Errorf("a cancelled Follow left the port open")
			}
		})
	}
}

// HardResetRun lets the board boot: after the reset nothing more is sent,
// on a port that came back (native USB) or on one that stayed (UART).
func TestHardResetRun(t *testing.T) {
	tests := []struct {
		name     string
		sameLink bool
	}{{"native USB", false}, {"UART bridge", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := newFake("friendly")
			first.old = tt.sameLink
			var second *fakeBoard
			opts := fastOpts()
			opts.Lister = &ports.Lister{}
			opts.PortExists = func(string) bool { return true }
			opts.OpenTransport = func(string, ports.Kind) (Transport, error) {
				second = newFake("busy")
				return second, nil
			}
			c := connect(t, first, opts)
			sent := len(first.wrote())
			if err := c.HardResetRun(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(first.execs[0], "machine.reset()") {
				t.Fatalf("execs %q", first.execs)
			}
			if tt.sameLink {
				if second != nil || c.closed {
					t.Fatalf("reopened a port that stayed")
				}
				if w := first.wrote()[sent:]; strings.ContainsAny(string(w[strings.Index(string(w), "machine.reset()"):]), "\x01\x02\x03") {
					t.Errorf("wrote %q after the reset", w)
				}
			} else {
				if second == nil || c.Stats().Reconnects != 1 {
					t.Fatalf("not reopened: %+v", c.Stats())
				}
				if w := second.wrote(); len(w) != 0 {
					t.Errorf("wrote %q to the rebooted board", w)
				}
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if second != nil && len(second.wrote()) != 0 {
				t.Errorf("Close wrote %q to the running board", second.wrote())
			}
		})
	}
}
