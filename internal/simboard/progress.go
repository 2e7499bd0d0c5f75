package simboard

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// A wait on a simulated board must hold however busy the machine is: on a
// loaded 2-core machine a simulator gets a fraction of a core and a boot
// that takes 1 s idle takes 15 s. So waits are measured in the board's own
// progress, the CPU time its simulator process has used, not in wall time.
// The CPU clock only runs while the board computes; a wall-clock window
// with no CPU at all catches a board that waits for something that will
// never come (the kernel's fair scheduler gives every runnable process
// some CPU within seconds, however long the run queue).

// clockTick is the resolution of /proc/<pid>/stat's CPU times (USER_HZ).
const clockTick = 10 * time.Millisecond

// DefaultStall is how long a Patience tolerates a board that makes next to
// no progress before it calls the board stuck.
const DefaultStall = 60 * time.Second

// stallShare is the share of one core below which a board counts as making
// no progress. An idle board (at its prompt, or sleeping) is never quite
// at zero: its wake-ups cost about 0.3% of a core. A board that computes
// gets its fair share of the machine, 3.5% of a core even with 57 busy
// processes on 2 cores.
const stallShare = 100 // 1%

// CPUTime is the CPU time the board's simulator processes have used since
// Start, over all its power-ons. Where it cannot be read (no /proc) it is
// the wall time the board has been powered on.
func (b *Board) CPUTime() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.run
	if r == nil || r.reaped {
		return b.cpuDone
	}
	if d, ok := procCPU(r.cmd.Process.Pid); ok {
		r.cpuSeen, r.cpuLast = true, d
		return b.cpuDone + d
	}
	if r.cpuSeen {
		return b.cpuDone + r.cpuLast // exited, not reaped yet
	}
	return b.cpuDone + time.Since(r.started)
}

// procCPU reads utime+stime of a live process.
func procCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name (field 2) is in parentheses and may hold spaces:
	// the fields after its closing parenthesis start at field 3.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	st, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(ut+st) * clockTick, true
}

// Patience is a deadline measured in a board's progress. It runs out when
// the board has used Budget of CPU time since the wait began without
// getting there (it is busy, but not with reaching the goal: a main.py in
// a loop), or when for Stall of wall time it used less than 1% of a core
// (it idles, waiting for something that will not come: input the host
// never sends). Load slows a board down but cannot exhaust its patience.
// A board that sleeps for longer than Stall on purpose (an app waiting for
// a timer) looks stuck: use a Patience for what the board is expected to
// reach by computing.
type Patience struct {
	b             *Board
	budget, stall time.Duration
	cpu0, cpuMark time.Duration
	mark          time.Time // when the board last made progress
}

// Patience starts a wait that may cost the board up to budget of CPU time.
func (b *Board) Patience(budget time.Duration) *Patience {
	c := b.CPUTime()
	return &Patience{b: b, budget: budget, stall: DefaultStall, cpu0: c, cpuMark: c, mark: time.Now()}
}

// WithStall sets how long the board may make next to no progress before
// the wait fails.
func (p *Patience) WithStall(d time.Duration) *Patience {
	p.stall = d
	return p
}

// Over returns nil while the wait may go on, or an error saying why it
// ran out.
func (p *Patience) Over() error {
	c := p.b.CPUTime()
	now := time.Now()
	// Progress is CPU worth 1% of the stall window since the last mark
	// (at least one tick of the CPU clock).
	if c-p.cpuMark >= max(p.stall/stallShare, clockTick) {
		p.cpuMark, p.mark = c, now
	}
	if used := c - p.cpu0; used >= p.budget {
		return fmt.Errorf("the simulated board used %v of CPU time on it without getting there", used.Round(clockTick))
	}
	if idle := now.Sub(p.mark); idle >= p.stall {
		return &StalledError{Idle: idle, CPU: c - p.cpuMark}
	}
	return nil
}

// StalledError is a Patience that ran out because the board idled: it
// waits for something that does not come.
type StalledError struct {
	Idle time.Duration // wall time with next to no progress
	CPU  time.Duration // the board's CPU time in that while
}

func (e *StalledError) Error() string {
	return fmt.Sprintf("the simulated board made no progress for %v (it idles: %v of CPU time in that while)", e.Idle.Round(time.Second), e.CPU.Round(clockTick))
}

// Used is the board's CPU time since the wait began.
func (p *Patience) Used() time.Duration { return p.b.CPUTime() - p.cpu0 }

// Silence is rawrepl.Options.Silence for this board: a wait of d runs out
// once the board has used d of CPU time without answering, or has idled
// for d (the host waits for an answer the board is not working on).
func (b *Board) Silence(d time.Duration) func() bool {
	p := b.Patience(d).WithStall(d)
	return func() bool { return p.Over() != nil }
}
