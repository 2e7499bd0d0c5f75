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
// A handle names one Python Timer object; its settings stay for repr()
// after it stopped, as rp2's object keeps them.
export class Timers {
  constructor() {
    this.byId = new Map(); // handle -> armed entry {id, due, period, periodic, cb, obj}
    this.cfg = new Map(); // handle -> {mode, us}
    this.seq = 0;
    this.next = Infinity; // earliest due time, Infinity when none
  }

  // init is Timer.init(): it stops the timer and arms it anew. period and
  // tickHz are numbers (floats on the Python side: a Python int beyond 32
  // bits does not cross into JS), freq is a number or null. The period
  // arithmetic is rp2's (machine_timer.c, in microseconds).
  init(h, cb, obj, mode, period, tickHz, freq, t = now()) {
    if (!h) { this.seq = (this.seq % 0x3fffffff) + 1; h = this.seq; }
    this.stop(h);
    let us;
    if (freq !== null && freq !== undefined) us = Math.trunc(1e6 / Number(freq));
    else if (period < 0) us = Infinity; // rp2 casts it to millennia: never fires
    else us = Math.floor(period * 1e6 / tickHz);
    if (!(us >= 1)) us = 1;
    this.cfg.set(h, { mode, us });
    if (Number.isFinite(us)) {
      const e = { id: h, due: t + us / 1000, period: us / 1000, periodic: mode !== 0, cb, obj };
      this.byId.set(h, e);
      this.next = Math.min(this.next, e.due);
    }
    return h;
  }

  stop(h) {
    if (!this.byId.delete(h)) return;
    this.recompute();
  }

  // repr is rp2's Timer repr (the period in microseconds).
  repr(h) {
    const c = this.cfg.get(h) || { mode: 0, us: 0 };
    const mode = c.mode === 0 ? 'ONE_SHOT' : 'PERIODIC';
    const period = c.us <= 0xffffffff ? String(c.us) : `${Number.isFinite(c.us) ? Math.floor(c.us / 1000) : '18446744073709551'}000`;
    return `Timer(mode=${mode}, tick_hz=1000000, period=${period})`;
  }

  // clear drops every timer (soft and hard reset: rp2 cancels soft timers
  // when the heap is swept, and the interpreter they call is gone).
  clear() { this.byId.clear(); this.cfg.clear(); this.next = Infinity; }

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
