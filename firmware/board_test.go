package firmware_test

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otapush/otapush/internal/agent"
	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/simboard"
)

// connOpts are the raw REPL client's settings for tests on board b. Its
// silence timeouts are measured in the board's progress (b.Silence), not
// on the wall clock: a starved simulator answers late, not never.
func connOpts(b *simboard.Board) rawrepl.Options {
	return rawrepl.Options{ExecTimeout: 60 * time.Second, ReplyTimeout: 20 * time.Second, EnterAttempts: 10, Silence: b.Silence}
}

// dev drives one simulated board through the product's raw REPL client,
// the way the host-side update engine will.
type dev struct {
	t testing.TB
	b *simboard.Board
	c *rawrepl.Conn
	// wake, when set, replaces the idle waits' wake-up and is sent again
	// while the prompt does not show (a Ctrl-C for an app that runs until
	// interrupted).
	wake string
}

func (d *dev) port() ports.Port {
	return ports.Port{Path: d.b.Port(), Kind: ports.KindSimulated, Simulated: true, SerialNumber: d.b.Serial(), MicroPython: true}
}

// conn opens the raw REPL once per power-on/reset.
func (d *dev) conn(ctx context.Context) (*rawrepl.Conn, error) {
	if d.c != nil {
		return d.c, nil
	}
	c, err := rawrepl.Open(ctx, d.port(), connOpts(d.b))
	if err != nil {
		return nil, err
	}
	d.c = c
	return c, nil
}

func (d *dev) drop() {
	if d.c != nil {
		d.c.Close()
		d.c = nil
	}
}

func (d *dev) exec(ctx context.Context, code string) ([]byte, error) {
	c, err := d.conn(ctx)
	if err != nil {
		return nil, err
	}
	out, err := c.Exec(ctx, code)
	if err != nil {
		d.drop()
	}
	return out, err
}

// client is the product's agent client on the current connection.
func (d *dev) client(ctx context.Context) (*agent.Client, error) {
	c, err := d.conn(ctx)
	if err != nil {
		return nil, err
	}
	return agent.New(c, agent.Options{}), nil
}

// settle drops the connection after an error that is not the agent's
// answer (a lost link, a power cut): the next call opens it again.
func (d *dev) settle(err error) error {
	var ae *agent.Error
	if err != nil && !errors.As(err, &ae) {
		d.drop()
	}
	return err
}

// call runs one agent API call through the agent client and decodes its
// answer into v.
func (d *dev) call(ctx context.Context, v any, fn string, args ...any) error {
	a, err := d.client(ctx)
	if err != nil {
		return err
	}
	return d.settle(a.Call(ctx, v, fn, args...))
}

// install puts the embedded agent on the board with the on-board installer.
func (d *dev) install(ctx context.Context, cfg string) error {
	a, err := d.client(ctx)
	if err != nil {
		return err
	}
	return d.settle(a.InstallAgent(ctx, 1536, cfg))
}

// push uploads what differs, then arms the version: the host side of an
// update, reduced to the agent calls.
func (d *dev) push(ctx context.Context, v version) error {
	spec := v.spec()
	var have agent.Hashes
	if err := d.call(ctx, &have, "hashes", spec.SortedPaths()); err != nil {
		return err
	}
	for _, p := range spec.SortedPaths() {
		if h := have[p]; h != nil && h.SHA256 == spec.Files[p] {
			continue
		}
		data := v.files[p]
		if len(data) <= 2048 {
			if err := d.call(ctx, nil, "put", p, data, spec.Files[p]); err != nil {
				return err
			}
			continue
		}
		if err := d.call(ctx, nil, "begin", p, len(data)); err != nil {
			return err
		}
		for off := 0; off < len(data); off += 2048 {
			if err := d.call(ctx, nil, "w", data[off:min(off+2048, len(data))]); err != nil {
				return err
			}
		}
		if err := d.call(ctx, nil, "finish", p, spec.Files[p]); err != nil {
			return err
		}
	}
	// Arm the way the host does: by digest (the full form is what
	// TestArmByDigest and the refusal tests cover).
	js, err := spec.CompactJSON()
	if err != nil {
		return err
	}
	return d.call(ctx, nil, "arm", string(js))
}

// reset is machine.reset(): the port goes away and comes back; it returns
// once the board sits idle at its friendly prompt (boot.py and main.py
// done), or with the error that ended the power-on (a power cut).
func (d *dev) reset(ctx context.Context) error {
	n := d.b.Resets()
	c, err := d.conn(ctx)
	if err != nil {
		return err
	}
	// The board may reset before the raw REPL's end-of-code answer has
	// left it; a lost port here is the reset itself.
	err = c.ExecNoFollow(ctx, "import machine\nmachine.reset()\n")
	d.drop()
	if err != nil && !errors.Is(err, rawrepl.ErrDisconnected) {
		return err
	}
	for d.b.Resets() == n {
		select {
		case <-d.b.Exited():
			return d.b.Wait(ctx)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
	return d.idle(ctx)
}

// idle waits for the friendly prompt without interrupting anything: an
// empty line queues behind whatever runs, and the REPL echoes a prompt
// only once boot.py and main.py are done. A board that resets itself on
// the way (a rollback does) takes the port away; wait for it again.
//
// The wait is bounded by the board's progress, 20 s of its CPU time (boots,
// trial boots, a rollback), never by the wall clock: on a busy machine the
// board is slower, not broken.
func (d *dev) idle(ctx context.Context) error { return d.idleWith(ctx, "\r") }

// quiet is idle after another host used the board: Ctrl-B also leaves a
// raw REPL that host may have left open (at the friendly prompt it just
// prints the banner and a prompt again).
func (d *dev) quiet(ctx context.Context) error { return d.idleWith(ctx, "\x02") }

func (d *dev) idleWith(ctx context.Context, wake string) error {
	d.drop()
	if d.wake != "" {
		wake = d.wake
	}
	wait := d.b.Patience(20 * time.Second)
	for {
		err := d.idleOnce(ctx, wait, wake)
		if err == nil {
			return nil
		}
		select {
		case <-d.b.Exited():
			return d.b.Wait(ctx)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if over := wait.Over(); over != nil {
			return fmt.Errorf("%w (%v)", err, over)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (d *dev) idleOnce(ctx context.Context, wait *simboard.Patience, wake string) error {
	if err := d.b.WaitPort(ctx); err != nil {
		return err
	}
	tr, err := rawrepl.OpenSerial(d.b.Port(), ports.KindSimulated)
	if err != nil {
		return err
	}
	defer tr.Close()
	if _, err := tr.Write([]byte(wake)); err != nil {
		return err
	}
	var got []byte
	buf := make([]byte, 1024)
	for i := 1; !bytes.HasSuffix(got, []byte(">>> ")); i++ {
		if err := wait.Over(); err != nil {
			return fmt.Errorf("board not idle: %v: %q", err, tail(got))
		}
		if d.wake != "" && i%10 == 0 {
			if _, err := tr.Write([]byte(wake)); err != nil {
				return err
			}
		}
		n, err := tr.Read(buf, 20*time.Millisecond)
		if err != nil {
			return err
		}
		got = append(got, buf[:n]...)
	}
	return nil
}

// restart is a power cycle (boot.py then main.py) up to the idle prompt.
func (d *dev) restart(ctx context.Context) error {
	d.drop()
	if err := d.b.Restart(ctx); err != nil {
		return err
	}
	return d.idle(ctx)
}

func tail(b []byte) []byte {
	if len(b) > 400 {
		return b[len(b)-400:]
	}
	return b
}

// version is an app bundle as the host knows it.
type version struct {
	name  string
	files map[string][]byte
	extra func(*agent.ArmSpec)
}

// gitSHA1 is a file's git blob id, binary.
func gitSHA1(b []byte) []byte {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(b))
	h.Write(b)
	return h.Sum(nil)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func (v version) spec() agent.ArmSpec {
	s := agent.ArmSpec{Version: v.name, Commit: "c0ffee-" + v.name, Files: map[string]string{}, Confirm: "return"}
	for p, b := range v.files {
		s.Files[p] = sum(b)
	}
	if v.extra != nil {
		v.extra(&s)
	}
	return s
}

// tree reads the flash folder: path -> contents, folders as "<dir>/".
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out, err := simboard.Snapshot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// appTree is the app's part of a flash tree: everything but the agent's
// own files and folder.
func appTree(all map[string]string) map[string]string {
	out := map[string]string{}
	for p, c := range all {
		switch {
		case p == agent.AgentFile, p == agent.AgentMPYFile, p == agent.BootFile, p == agent.MainFile,
			p == ".ota/", strings.HasPrefix(p, ".ota/"):
			continue
		}
		out[p] = c
	}
	return out
}

// diff describes how two trees differ, "" when equal.
func diff(a, b map[string]string) string { return simboard.DiffSnapshots(a, b) }

func isPowerLoss(err error) bool {
	var pc *simboard.PowerCutError
	return errors.As(err, &pc)
}
