package firmware_test

import (
	"bytes"
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
)

// The agent's time-based policy on the simulated board: the trial of an
// app that never returns (the usual `while True:` loop) is confirmed by
// the agent's machine.Timer while the app keeps running. Nothing is sent
// to the board between the reset and the verdict, so nothing but the timer
// can confirm it.
func TestTimerConfirmsLoopingApp(t *testing.T) {
	t.Parallel()
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	d := startAgentBoard(t, ctx, simboard.Options{})
	loop := version{name: "v-loop", files: map[string][]byte{
		"main.py": []byte("import time\nwhile True:\n    time.sleep_ms(20)\n"),
	}, extra: func(s *agent.ArmSpec) { s.Confirm = "auto"; s.ConfirmAfterS = 1 }}
	if err := d.push(ctx, loop); err != nil {
		t.Fatal(err)
	}
	n := d.b.Resets()
	c, err := d.conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = c.ExecNoFollow(ctx, "import machine\nmachine.reset()\n")
	d.drop()
	if err != nil && !errors.Is(err, rawrepl.ErrDisconnected) {
		t.Fatal(err)
	}
	for d.b.Resets() == n {
		select {
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := d.b.WaitPort(ctx); err != nil {
		t.Fatal(err)
	}
	// Listen without a byte sent: the app must stay undisturbed.
	tr, err := rawrepl.OpenSerial(d.b.Port(), ports.KindSimulated)
	if err != nil {
		t.Fatal(err)
	}
	listen(t, ctx, tr, "committed")
	tr.Close()
	// The app goes on looping; the host's Ctrl-C (opening the raw REPL)
	// interrupts it to ask.
	st := mustStatus(t, ctx, d)
	if st.State != "idle" || st.App.Version != loop.name || st.Last == nil || st.Last.Result != "committed" {
		t.Fatalf("after the timer: %+v last %+v", st, st.Last)
	}
}

// listen reads until marker (case-insensitive) and fails once the board
// has been silent for 30 s: the confirmation is due 1 s into the app, a
// board that never sends it would otherwise be waited on forever (a
// sleeping app uses no CPU, so a progress budget never runs out).
func listen(t *testing.T, ctx context.Context, tr rawrepl.Transport, marker string) string {
	t.Helper()
	const silence = 30 * time.Second
	var got []byte
	buf := make([]byte, 1024)
	last := time.Now()
	want := []byte(strings.ToLower(marker))
	for !bytes.Contains(bytes.ToLower(got), want) {
		if ctx.Err() != nil || time.Since(last) > silence {
			t.Fatalf("no %q from the board (silent for %v): %q", marker, time.Since(last).Round(time.Second), tail(got))
		}
		n, err := tr.Read(buf, 50*time.Millisecond)
		if err != nil {
			t.Fatalf("waiting for %q: %v: %q", marker, err, tail(got))
		}
		if n > 0 {
			got = append(got, buf[:n]...)
			last = time.Now()
		}
	}
	return string(got)
}
