package simboard

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/otapush/otapush/internal/rundir"
	"github.com/otapush/otapush/internal/simreg"
)

// Board is one simulated board. Its methods are safe for concurrent use.
type Board struct {
	opts     Options // resolved: defaults filled in
	link     Link
	picosim  string
	node     string
	serial   string
	flashDir string
	ownFlash bool // FlashDir was created by Start and is removed by Close
	regDir   string
	port     string // the stable by-id path

	mu         sync.Mutex
	closed     bool
	run        *run     // the current power-on; nil before the first
	pty        *ptyPair // nil while the port is gone
	plugged    chan struct{}
	gen        int // bumps at every unplug: a stale re-plug timer must not act
	resets     int
	violations int
	stderr     tail
	cpuDone    time.Duration // CPU time of the power-ons that ended
}

// run is one power-on: one simulator process.
type run struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	ready  chan struct{} // closed when the first prompt is up
	done   chan struct{} // closed when the process is gone and reaped
	err    error         // set before done closes
	killed bool
	cutOp  int
	torn   bool

	resetAt   int64 // output offset at which the port goes away; -1 none
	written   int64 // output bytes relayed (or dropped) so far
	unplugged bool  // output is dropped until the port comes back

	started time.Time     // power-on
	cpuSeen bool          // cpuLast was read from /proc
	cpuLast time.Duration // the process's CPU time when last read
	reaped  bool          // its CPU time is in Board.cpuDone
}

// Start powers on a simulated board and returns once it has booted far
// enough to be talked to: the port exists and the interpreter is about to
// run boot.py (a main.py may then run forever, as on a board; the host
// interrupts it). It fails when ctx ends first. The board keeps running
// until Close, Kill or a power cut; ctx does not bound its life.
func Start(ctx context.Context, o Options) (*Board, error) {
	b, err := newBoard(o)
	if err != nil {
		return nil, err
	}
	if err := b.powerOn(ctx, o.CutAt, o.Torn); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

func newBoard(o Options) (*Board, error) {
	link, err := LinkProfile(o.Link)
	if err != nil {
		return nil, err
	}
	if o.FlashKB == 0 {
		o.FlashKB = defaultFlashKB
	}
	if o.Window == 0 {
		o.Window = defaultWindow
	}
	if o.ResetDelay == 0 {
		o.ResetDelay = defaultResetDelay
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = defaultStartTimeout
	}
	if o.FSModel == "" {
		o.FSModel = "littlefs"
	}
	if o.FSModel != "littlefs" && o.FSModel != "posix" {
		return nil, fmt.Errorf("simboard: unknown FSModel %q (want littlefs or posix)", o.FSModel)
	}
	switch o.FlashTiming {
	case "":
		o.FlashTiming = link.FlashTiming
	case "none", "pico":
	default:
		return nil, fmt.Errorf("simboard: unknown FlashTiming %q (want none or pico)", o.FlashTiming)
	}
	if o.FlashTiming == "" {
		o.FlashTiming = "none"
	}
	picosim, err := FindPicosim(o.PicosimDir)
	if err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, &NotInstalledError{What: "node", Hint: "install Node.js 20 or later (e.g. apt-get install nodejs npm), then run: npm ci --prefix " + picosim}
	}
	if _, err := os.Stat(filepath.Join(picosim, wasmPackage)); err != nil {
		return nil, &NotInstalledError{What: "tools/picosim/node_modules", Hint: InstallCommand(picosim)}
	}
	b := &Board{opts: o, link: link, picosim: picosim, node: node, plugged: make(chan struct{})}
	if o.FlashDir == "" {
		// Folders left by simulators killed with SIGKILL (no cleanup ran)
		// go first; a folder is never shared, so this is best effort.
		_, _ = simreg.CleanStaleFlash("")
		d, err := os.MkdirTemp("", simreg.TempFlashPattern(os.Getpid()))
		if err != nil {
			return nil, fmt.Errorf("simboard: %w", err)
		}
		b.flashDir, b.ownFlash = d, true
	} else {
		d, err := filepath.Abs(o.FlashDir)
		if err != nil {
			return nil, fmt.Errorf("simboard: %w", err)
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("simboard: flash folder: %w", err)
		}
		b.flashDir = d
	}
	if err := seed(b.flashDir, o.Files); err != nil {
		b.removeOwnFlash()
		return nil, err
	}
	b.serial = strings.ToUpper(o.Serial)
	if b.serial == "" {
		sum := sha256.Sum256([]byte(b.flashDir))
		b.serial = strings.ToUpper(hex.EncodeToString(sum[:8]))
	}
	if _, err := hex.DecodeString(b.serial); err != nil || len(b.serial) == 0 {
		b.removeOwnFlash()
		return nil, fmt.Errorf("simboard: serial %q is not an even number of hex digits", o.Serial)
	}
	b.regDir = o.RegistryDir
	if b.regDir == "" {
		b.regDir = simreg.Dir()
	}
	b.port = filepath.Join(b.regDir, "by-id", simreg.ByIDName(b.serial))
	if err := simreg.CheckFree(b.regDir, b.serial, b.flashDir); err != nil {
		// Another simulator runs this board: starting would take its
		// by-id link over and remove its registration at exit.
		b.removeOwnFlash()
		return nil, err
	}
	return b, nil
}

// InstallCommand is the command that installs the simulator's npm packages.
func InstallCommand(picosimDir string) string {
	return "npm ci --prefix " + picosimDir + " --no-audit --no-fund"
}

func seed(dir string, files map[string][]byte) error {
	for name, data := range files {
		clean := filepath.Clean(filepath.FromSlash(strings.TrimPrefix(name, "/")))
		if clean == "." || strings.HasPrefix(clean, "..") || filepath.IsAbs(clean) {
			return fmt.Errorf("simboard: seed file %q is outside the flash", name)
		}
		p := filepath.Join(dir, clean)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("simboard: seed: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("simboard: seed: %w", err)
		}
	}
	return nil
}

func (b *Board) args(cutAt int, torn bool) []string {
	o := b.opts
	a := []string{filepath.Join(b.picosim, picosimMain),
		"--fs", b.flashDir, "--flash-kb", strconv.Itoa(o.FlashKB), "--serial", b.serial,
		"--window", strconv.Itoa(o.Window), "--fs-model", o.FSModel, "--ctl-fd", "3"}
	if o.NoRawPaste {
		a = append(a, "--no-raw-paste")
	}
	if o.PasteStrict {
		a = append(a, "--paste-strict")
	}
	if cutAt > 0 {
		a = append(a, "--cut-at", strconv.Itoa(cutAt))
		if torn {
			a = append(a, "--torn")
		}
	}
	if o.TraceFS != "" {
		a = append(a, "--trace-fs", o.TraceFS)
	}
	if o.FlashTiming != "none" {
		a = append(a, "--flash-timing", o.FlashTiming)
	}
	return append(a, o.ExtraArgs...)
}

// powerOn starts a simulator process on a new port and waits until it boots.
func (b *Board) powerOn(ctx context.Context, cutAt int, torn bool) error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return ErrClosed
	}
	b.mu.Unlock()

	cmd := exec.Command(b.node, append(append([]string(nil), b.opts.NodeFlags...), b.args(cutAt, torn)...)...)
	cmd.Dir = b.picosim
	cmd.Env = append(os.Environ(), "NODE_NO_WARNINGS=1")
	detach(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	if c, ok := stdin.(syscall.Conn); ok && b.opts.FlashTiming == "pico" {
		// (Not Fd(): that would take the pipe off Go's poller.)
		if rc, err := c.SyscallConn(); err == nil {
			_ = rc.Control(shrinkPipe)
		}
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	cmd.Stderr = &b.stderr
	ctlR, ctlW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	cmd.ExtraFiles = []*os.File{ctlW}
	if err := cmd.Start(); err != nil {
		ctlR.Close()
		ctlW.Close()
		return fmt.Errorf("simboard: start simulator: %w", err)
	}
	ctlW.Close()
	r := &run{cmd: cmd, stdin: stdin, ready: make(chan struct{}), done: make(chan struct{}), resetAt: -1, torn: torn, started: time.Now()}

	b.mu.Lock()
	b.run = r
	// The port exists from power-on, so output the board prints while the
	// host is opening it waits in the pty (like a UART bridge, unlike
	// native USB which drops it).
	plugErr := b.plugLocked(r)
	b.mu.Unlock()

	relaysDone := make(chan struct{}, 1)
	go func() { b.outputRelay(r, stdout.(*os.File), ctlR); relaysDone <- struct{}{} }()
	go b.reap(r, relaysDone)

	if plugErr != nil {
		b.kill(r)
		return plugErr
	}
	// The boot is bounded by the simulator's own progress, not the wall
	// clock: on a busy machine it gets a fraction of a core.
	wait := b.Patience(b.opts.StartTimeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-r.ready:
			return nil
		case <-r.done:
			select {
			case <-r.ready:
				// It booted, then lost power (a --cut-at in boot.py): the
				// caller learns that from Wait.
				return nil
			default:
			}
			if r.err == nil {
				return &ExitError{Code: 0, Stderr: b.stderr.String()}
			}
			return r.err
		case <-ctx.Done():
			b.kill(r)
			return fmt.Errorf("simboard: waiting for the first prompt: %w", ctx.Err())
		case <-tick.C:
			if err := wait.Over(); err != nil {
				b.kill(r)
				return fmt.Errorf("simboard: no prompt: %v: %s", err, b.stderr.String())
			}
		}
	}
}

// reap waits for the process and its pipes, then powers the port off.
func (b *Board) reap(r *run, relays chan struct{}) {
	<-relays
	werr := r.cmd.Wait()
	code := r.cmd.ProcessState.ExitCode()
	b.mu.Lock()
	p := b.pty
	// Close switches the board off for good: no host waits for its last
	// words, and a drain would wait out drainTimeout for every byte the
	// test never read.
	off := b.closed
	b.mu.Unlock()
	if p != nil && !r.killed && !off {
		p.drain(drainTimeout) // what the board sent before dying reaches the host
	}
	b.mu.Lock()
	if ps := r.cmd.ProcessState; ps != nil {
		b.cpuDone += ps.UserTime() + ps.SystemTime()
	}
	r.reaped = true
	switch {
	case r.killed:
		r.err = ErrKilled
	case code == ExitPowerCut:
		r.err = &PowerCutError{Op: r.cutOp, Torn: r.torn}
	case werr == nil:
		r.err = nil
	default:
		r.err = &ExitError{Code: code, Stderr: b.stderr.String()}
	}
	if b.run == r {
		b.unplugLocked()
	}
	b.mu.Unlock()
	close(r.done)
}

// event is one line of the simulator's control channel.
type event struct {
	Event  string `json:"event"`
	Out    int64  `json:"out"`
	Op     int    `json:"op"`
	Excess int    `json:"excess"`
}

// handleLocked applies one control event.
func (b *Board) handleLocked(r *run, ev event) {
	switch ev.Event {
	case "boot":
		// The interpreter is up and about to run boot.py: the board is
		// usable from here (a main.py may never return to the prompt).
		select {
		case <-r.ready:
		default:
			close(r.ready)
		}
	case "reset":
		r.resetAt = ev.Out
		// If the relay already passed the reset point it will not see
		// it: act here (a board that resets and then prints nothing).
		b.maybeResetLocked(r)
	case "cut":
		r.cutOp = ev.Op
	case "paste_violation":
		b.violations += ev.Excess
	}
}

// outputRelay copies simulator output to the current port, through the
// link model, and applies control events in order with it: the simulator
// writes an event before the output that follows it, so events read
// together with (or before) a chunk are applied first. That keeps, e.g.,
// PasteViolations current by the time the host sees the board's answer.
// A reset event turns into a USB disconnect: bytes the board printed before
// machine.reset() reach the host, later ones are lost with the port.
func (b *Board) outputRelay(r *run, stdout, ctl *os.File) {
	var pace pacer
	for c := range eventReads(stdout, ctl) {
		if len(c.events) > 0 {
			b.mu.Lock()
			for _, ev := range c.events {
				b.handleLocked(r, ev)
			}
			b.mu.Unlock()
		}
		if n := len(c.data); n > 0 {
			sleepUntil(pace.deliverAt(c.at, n, b.link, b.link.BoardToHost))
			b.mu.Lock()
			send := c.data
			if r.unplugged {
				send = nil
			} else if r.resetAt >= 0 && r.written+int64(n) > r.resetAt {
				send = send[:max(r.resetAt-r.written, 0)]
			}
			p := b.pty
			b.mu.Unlock()
			if p != nil && len(send) > 0 {
				p.write(send)
			}
			b.mu.Lock()
			r.written += int64(n)
			b.maybeResetLocked(r)
			b.mu.Unlock()
		}
		if c.err != nil {
			return
		}
	}
}

// maybeResetLocked performs a pending reset once every byte before it has
// been relayed. It drops the lock while the host reads what is queued.
func (b *Board) maybeResetLocked(r *run) {
	if r.resetAt < 0 || r.written < r.resetAt {
		return
	}
	r.resetAt = -1
	if p := b.pty; p != nil {
		b.mu.Unlock()
		p.drain(drainTimeout)
		b.mu.Lock()
	}
	if b.run == r && !b.closed {
		b.resetLocked(r)
	}
}

// inputRelay copies what the host writes on the port to the simulator.
func (b *Board) inputRelay(r *run, p *ptyPair) {
	var pace pacer
	var reads <-chan chunk
	if b.opts.FlashTiming == "pico" {
		// A Pico holds few input bytes (the simulator bounds its own
		// buffer to the Pico's 768): the relay must not hold many more, or
		// a host would never feel the board stall while its flash is busy.
		reads = timedReadsSized(p.master, 0, picoRelayRead)
	} else {
		reads = timedReads(p.master)
	}
	// Keep draining after an early return so the reader can finish.
	defer func() {
		for range reads {
		}
	}()
	for c := range reads {
		if len(c.data) > 0 {
			sleepUntil(pace.deliverAt(c.at, len(c.data), b.link, b.link.HostToBoard))
			if _, err := r.stdin.Write(c.data); err != nil {
				return
			}
		}
		if c.err != nil {
			return
		}
	}
}

// resetLocked models machine.reset() on native USB: the port vanishes now
// and a new one appears after ResetDelay.
func (b *Board) resetLocked(r *run) {
	b.resets++
	r.unplugged = true
	b.unplugLocked()
	gen := b.gen
	delay := b.opts.ResetDelay
	go func() {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.done:
			return
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.closed || b.run != r || b.gen != gen {
			return
		}
		select {
		case <-r.done:
			return
		default:
		}
		if err := b.plugLocked(r); err != nil {
			fmt.Fprintf(&b.stderr, "simboard: re-plug after reset: %v\n", err)
			return
		}
		r.unplugged = false
	}()
}

// plugLocked creates a port, links it and registers it.
func (b *Board) plugLocked(r *run) error {
	p, err := openPTY()
	if err != nil {
		return err
	}
	if err := b.linkPort(p.device); err != nil {
		p.close()
		return err
	}
	e := simreg.NewEntry(b.serial, b.port, p.device, os.Getpid())
	if err := simreg.Write(b.regDir, e); err != nil {
		p.close()
		return err
	}
	b.pty = p
	close(b.plugged)
	go b.inputRelay(r, p)
	return nil
}

// unplugLocked removes the port, its link and its registry entry.
func (b *Board) unplugLocked() {
	b.gen++
	if b.pty == nil {
		return
	}
	// Link and registry go first: once a host read fails, nothing may point
	// at the dead port any more.
	os.Remove(b.port)
	simreg.Remove(b.regDir, b.serial)
	b.pty.close()
	b.pty = nil
	b.plugged = make(chan struct{})
}

// linkPort points the by-id symlink at dev atomically.
func (b *Board) linkPort(dev string) error {
	// The link is as private as the registry beside it (internal/rundir).
	if err := rundir.Ensure(b.regDir); err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	dir := filepath.Dir(b.port)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	tmp := b.port + ".new"
	os.Remove(tmp)
	if err := os.Symlink(dev, tmp); err != nil {
		return fmt.Errorf("simboard: %w", err)
	}
	if err := os.Rename(tmp, b.port); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("simboard: %w", err)
	}
	return nil
}

func (b *Board) kill(r *run) {
	b.mu.Lock()
	r.killed = true
	b.mu.Unlock()
	if r.cmd.Process != nil {
		// The whole group: node's worker threads are threads, but be sure.
		killGroup(r.cmd.Process.Pid)
		r.cmd.Process.Kill()
	}
	<-r.done
}

func (b *Board) current() *run {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.run
}

// Port is the stable by-id path (a symlink to the current Device).
func (b *Board) Port() string { return b.port }

// Device is the current /dev/pts/N, or "" while the port is gone.
func (b *Board) Device() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pty == nil {
		return ""
	}
	return b.pty.device
}

// FlashDir is the host folder that is the board's flash.
func (b *Board) FlashDir() string { return b.flashDir }

// Serial is the USB serial number (hex of machine.unique_id()).
func (b *Board) Serial() string { return b.serial }

// RegistryDir is where the board is registered for discovery.
func (b *Board) RegistryDir() string { return b.regDir }

// Options returns the options with defaults filled in.
func (b *Board) Options() Options { return b.opts }

// PID is the simulator process of the current power-on, 0 while the board
// is off. Tests freeze it (SIGSTOP) to model a wedged board.
func (b *Board) PID() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r := b.run; r != nil && !r.reaped && r.cmd.Process != nil {
		return r.cmd.Process.Pid
	}
	return 0
}

// Resets counts the hard resets (machine.reset(), watchdog) since Start.
// Resets in quick succession re-enumerate the port once, after the last.
func (b *Board) Resets() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.resets
}

// PasteViolations counts raw-paste bytes hosts sent beyond their credit
// (dropped in PasteStrict mode).
func (b *Board) PasteViolations() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.violations
}

// Stderr returns the simulator's recent diagnostics.
func (b *Board) Stderr() string { return b.stderr.String() }

// WaitPort blocks until the port exists (e.g. after a reset) or ctx ends.
func (b *Board) WaitPort(ctx context.Context) error {
	for {
		b.mu.Lock()
		ch, up, r := b.plugged, b.pty != nil, b.run
		b.mu.Unlock()
		if up {
			return nil
		}
		var done chan struct{}
		if r != nil {
			done = r.done
		}
		select {
		case <-ch:
		case <-done:
			return fmt.Errorf("simboard: board is off: %w", r.err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Exited is closed when the current power-on ends (power cut, Kill, Close).
func (b *Board) Exited() <-chan struct{} {
	if r := b.current(); r != nil {
		return r.done
	}
	ch := make(chan struct{})
	close(ch)
	return ch
}

// Wait blocks until the current power-on ends and says how: a
// *PowerCutError after --cut-at, ErrKilled after Kill, nil after Close.
func (b *Board) Wait(ctx context.Context) error {
	r := b.current()
	if r == nil {
		return ErrClosed
	}
	select {
	case <-r.done:
		return r.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Kill removes the power at once (SIGKILL). The flash keeps what was
// durable at the last command boundary.
func (b *Board) Kill() {
	if r := b.current(); r != nil {
		b.kill(r)
	}
}

// Restart powers the board on again on the same flash (killing it first if
// it still runs): boot.py, then main.py, as after power returns. The port
// comes back under the same by-id path.
func (b *Board) Restart(ctx context.Context) error {
	return b.RestartCutAt(ctx, 0, false)
}

// RestartCutAt is Restart with a power cut armed for this power-on: before
// its n-th mutating flash op (counted from this power-on), torn if asked.
// Power-cut matrices use it to cut again during a recovery boot.
func (b *Board) RestartCutAt(ctx context.Context, n int, torn bool) error {
	if r := b.current(); r != nil {
		select {
		case <-r.done:
		default:
			b.kill(r)
		}
	}
	return b.powerOn(ctx, n, torn)
}

// Close powers the board off cleanly (the simulator persists the flash and
// exits), removes the port, its link and registry entry, and a temporary
// flash folder. It is safe to call more than once.
func (b *Board) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	r := b.run
	b.mu.Unlock()
	if r != nil {
		select {
		case <-r.done:
		default:
			// EOF on stdin is the simulator's "power off at idle".
			// A board that ignores it is killed after 5 s of its own CPU
			// time, or 5 s without any (a busy machine only delays this),
			// and in any case after a minute (a sleeping board's trickle
			// of CPU would keep a Patience going for long).
			r.stdin.Close()
			wait := b.Patience(5 * time.Second).WithStall(5 * time.Second)
			tick := time.NewTicker(50 * time.Millisecond)
			limit := time.NewTimer(time.Minute)
		off:
			for {
				select {
				case <-r.done:
					break off
				case <-limit.C:
					b.kill(r)
					break off
				case <-tick.C:
					if wait.Over() != nil {
						b.kill(r)
						break off
					}
				}
			}
			tick.Stop()
			limit.Stop()
		}
	}
	b.mu.Lock()
	b.unplugLocked()
	b.mu.Unlock()
	b.removeOwnFlash()
	return nil
}

func (b *Board) removeOwnFlash() {
	if b.ownFlash {
		os.RemoveAll(b.flashDir)
	}
}

// tail keeps the last few KB written to it (the simulator's stderr).
type tail struct {
	mu  sync.Mutex
	buf []byte
}

const tailMax = 8 << 10

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailMax {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-tailMax:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
