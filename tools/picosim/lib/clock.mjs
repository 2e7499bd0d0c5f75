// The simulated board's clock and its soft timers (machine.Timer).
//
// One monotonic source drives everything time-based on the board: sleeps,
// time.ticks_ms()/ticks_us(), machine.Timer and the watchdog. It is
// performance.now() anchored at the process's start in wall-clock
// milliseconds, so it never jumps when the host's clock is set, and values
// stay comparable with the stdin worker's (which uses the same formula).

// Captured before installClockHooks replaces performance.now with a
// version that polls the board.
const perfNow = performance.now.bind(performance);

// now is the board's clock in milliseconds (fractional).
export const now = () => performance.timeOrigin + perfNow();

// TICKS_PERIOD is MicroPython's ticks wrap on a 32-bit port: ticks are
// small ints, so they wrap at MP_SMALL_INT_POSITIVE_MASK + 1 = 2**30 (rp2
// and this wasm build alike; utime.ticks_add/ticks_diff use the same).
export const TICKS_PERIOD = 2 ** 30;

// Ticks count from the board's last power-on or hard reset (the RP2040's
// timer restarts with the chip; a soft reset leaves it running).
export class Ticks {
  constructor() { this.reset(); }

  reset() { this.epoch = now(); }

  ms() { return Math.floor(now() - this.epoch) % TICKS_PERIOD; }

  us() { return Math.floor((now() - this.epoch) * 1000) % TICKS_PERIOD; }
}

// Timers are the board's soft timers. Like rp2's alarm pool they live
// outside the interpreter: an entry holds the Python callback and Timer
// object (as proxies) and, once due, is handed to micropython.schedule,
// which is exactly what rp2's alarm callback does (mp_sched_schedule). The
// interpreter then runs it as a soft interrupt at its next pending check.
export class Timers {
  constructor() {
    this.byId = new Map(); // id -> {id, due, period, periodic, cb, obj}
    this.seq = 0;
    this.next = Infinity; // earliest due time, Infinity when none
  }

  // start arms a timer; period is in ms (fractional for freq= timers).
  start(cb, obj, period, periodic, t = now()) {
    this.seq = (this.seq % 0x3fffffff) + 1;
    const e = { id: this.seq, due: t + period, period, periodic, cb, obj };
    this.byId.set(e.id, e);
    this.next = Math.min(this.next, e.due);
    return e.id;
  }

  stop(id) {
    const e = this.byId.get(id);
    if (!e) return;
    this.byId.delete(id);
    this.recompute();
  }

  // clear drops every timer (soft and hard reset: rp2 cancels soft timers
  // when the heap is swept, and the interpreter they call is gone).
  clear() { this.byId.clear(); this.next = Infinity; }

  get size() { return this.byId.size; }

  // due removes or re-arms every timer due at t and returns them in the
  // order they fell due. A periodic timer that fell behind (host load)
  // fires once and skips the periods it missed instead of bursting.
  due(t) {
    if (t < this.next) return [];
    const out = [];
    for (const e of this.byId.values()) {
      if (e.due > t) continue;
      out.push({ cb: e.cb, obj: e.obj, at: e.due });
      if (e.periodic) e.due += e.period * (Math.floor((t - e.due) / e.period) + 1);
      else this.byId.delete(e.id);
    }
    this.recompute();
    return out.sort((a, b) => a.at - b.at);
  }

  recompute() {
    let n = Infinity;
    for (const e of this.byId.values()) if (e.due < n) n = e.due;
    this.next = n;
  }
}
