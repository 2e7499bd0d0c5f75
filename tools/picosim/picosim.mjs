#!/usr/bin/env node
// picosim: a simulated Raspberry Pi Pico W running MicroPython 1.27.
//
// The interpreter is the official webassembly build (npm
// @micropython/micropython-webassembly-pyscript, pinned to 1.27.0). Its REPL
// is MicroPython's own pyexec.c state machine, fed one byte at a time; this
// wrapper adds what the wasm build lacks so that, byte for byte on the serial
// side, it answers like a Pico W: raw-paste flow control, the soft-reset
// loop (boot.py, main.py only from the friendly REPL), Ctrl-C while code
// runs, \r\n line ends, the board banner, machine.reset(), a littlefs-like
// flash in a host folder, and power cuts at any flash operation.
//
// Serial bytes are fd 0 (in) and fd 1 (out). Events for the harness
// (ready, resets, power cuts, raw-paste window violations) are JSON lines on
// --ctl-fd (default: none; they go to stderr prefixed "picosim: event ").
// See README.md in this folder for flags and exit codes.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { Stdin, sleepMs } from './lib/stdin.mjs';
import { Flash, PowerCut } from './lib/flash.mjs';
import { SHIM_DIR, SETUP, shimSources } from './lib/shims.mjs';
import { SHIM_HEAP_KB, GC_SHIM, boundHeap } from './lib/heap.mjs';
import { now, Ticks, Timers } from './lib/clock.mjs';

// CLEAR_PENDING is pyexec's mp_handle_pending(false) for files run outside
// pyexec: a backward jump makes the VM raise a scheduled KeyboardInterrupt,
// which is swallowed here.
const CLEAR_PENDING = `__import__('micropython').kbd_intr(-1)
try:
    _i = 0
    while _i < 2:
        _i += 1
except KeyboardInterrupt:
    pass
del _i
`;

// Exit codes the harness relies on.
const EXIT_OK = 0;
const EXIT_USAGE = 2;
const EXIT_POWER_CUT = 86;
const EXIT_CRASH = 70;

const RELEASE = '1.27.0';
const WASM_MACHINE = Buffer.from('JS with Emscripten');
const BOARD_MACHINE = Buffer.from('Raspberry Pi Pico W with RP2040');
const RAW_BANNER = 'raw REPL; CTRL-B to exit\r\n>';
// rp2: MICROPY_HW_STDIN_BUFFER_LEN (512) + CFG_TUD_CDC_RX_BUFSIZE (256).
const PICO_RX_BUFFER = 768;

// Reset causes as rp2 reports them (machine.reset() is a watchdog reboot).
const PWRON_RESET = 1;
const WDT_RESET = 3;

// The simulator's own clock is lib/clock.mjs's now(); Date.now and
// performance.now themselves are hooked (see installClockHooks) so that
// running code polls for Ctrl-C, the watchdog and due timers.

// Thrown from JS callbacks to unwind the interpreter: JS exceptions are not
// Python exceptions, so no `except BaseException` can swallow them.
class HardReset extends Error { constructor(cause) { super('hard reset'); this.cause = cause; } }

const USAGE = `usage: picosim [options]
  --fs DIR            host folder that is the board's flash (default: none, RAM only)
  --flash-kb N        flash capacity in KiB (default 848, a Pico W)
  --fs-model M        littlefs (default) | posix (every write() durable at once)
  --serial HEX        USB serial number = hex of machine.unique_id() (16 hex digits)
  --window N          raw-paste window in bytes (default 128)
  --no-raw-paste      answer raw-paste requests like firmware older than 1.14
  --paste-strict      drop raw-paste bytes sent beyond the granted window (and report)
  --cut-at N          power cut just before the Nth mutating flash op (1-based)
  --torn              the cut op is torn: half of a cut write lands
  --trace-fs FILE     append one JSON line per mutating flash op
  --flash-timing T    none (default: flash work is free) | pico (a Pico W's
                      flash erase/program times as littlefs incurs them; input
                      stalls while the flash is busy; 768-byte USB buffering)
  --ctl-fd N          write harness events as JSON lines to this fd
  --heap-kb N         a board with N KB of free heap after boot, and no more:
                      the heap never grows (without it: 192 KB to start,
                      growing on demand as the wasm build does)
  --no-crlf           keep the wasm build's bare \\n line ends
`;

function parseArgs(argv) {
  const o = {
    fs: '', flashKB: 848, fsModel: 'littlefs', serial: '', window: 128, rawPaste: true, pasteStrict: false,
    cutAt: 0, torn: false, traceFS: '', flashTiming: '', ctlFd: -1, heapKB: 192, heapBound: false, crlf: true,
  };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) usage(`${name} wants a non-negative integer, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '--fs': o.fs = val(); break;
      case '--flash-kb': o.flashKB = num(val(), a); break;
      case '--fs-model': o.fsModel = val(); if (!['littlefs', 'posix'].includes(o.fsModel)) usage(`bad --fs-model ${o.fsModel}`); break;
      case '--serial': o.serial = val().toUpperCase(); if (!/^([0-9A-F]{2})+$/.test(o.serial)) usage('--serial wants an even number of hex digits'); break;
      case '--window': o.window = num(val(), a); if (o.window < 1 || o.window > 65535) usage('--window must be 1..65535'); break;
      case '--no-raw-paste': o.rawPaste = false; break;
      case '--paste-strict': o.pasteStrict = true; break;
      case '--cut-at': o.cutAt = num(val(), a); break;
      case '--torn': o.torn = true; break;
      case '--trace-fs': o.traceFS = val(); break;
      case '--flash-timing': {
        const t = val();
        if (!['none', 'pico'].includes(t)) usage(`bad --flash-timing ${t} (want none or pico)`);
        o.flashTiming = t === 'none' ? '' : t;
        break;
      }
      case '--ctl-fd': o.ctlFd = num(val(), a); break;
      case '--heap-kb': o.heapKB = num(val(), a); o.heapBound = true; break;
      case '--no-crlf': o.crlf = false; break;
      case '-h': case '--help': process.stdout.write(USAGE); process.exit(EXIT_OK); break;
      default: usage(`unknown option ${a}`);
    }
  }
  if (o.flashKB < 16) usage('--flash-kb must be at least 16');
  if (!o.serial) {
    // Deterministic per flash folder, so a board keeps its identity across runs.
    o.serial = crypto.createHash('sha256').update(o.fs || 'picosim').digest('hex').slice(0, 16).toUpperCase();
  }
  return o;
}

function usage(msg) {
  process.stderr.write(`picosim: ${msg}\n${USAGE}`);
  process.exit(EXIT_USAGE);
}

class Board {
  constructor(opts) {
    this.o = opts;
    // A Pico buffers 768 bytes of input (512-byte stdin ring + 256-byte
    // TinyUSB FIFO); the flash timing model comes with that bound.
    this.stdin = new Stdin(0, { cap: opts.flashTiming ? PICO_RX_BUFFER : 0 });
    this.flash = new Flash({
      dir: opts.fs, kb: opts.flashKB, model: opts.fsModel, cutAt: opts.cutAt, torn: opts.torn,
      traceFile: opts.traceFS, timing: opts.flashTiming, log: (m) => this.log(m),
      // rp2 erases and programs with interrupts off: the board neither runs
      // code nor takes input meanwhile.
      busy: (ms) => { this.stdin.stall(ms); sleepMs(ms); },
    });
    this.mp = null;
    this.mode = 'friendly'; // which REPL pyexec is in: 'friendly' | 'raw'
    this.resetCause = PWRON_RESET;
    // Output path: cooked (\n -> \r\n), buffered, banner rewritten.
    this.out = [];
    this.prevOut = 0;
    this.dropOK = 0; // bytes of "OK" still to swallow (raw-paste replays)
    this.outTotal = 0; // bytes written to fd 1 so far (the harness cuts the link at reset)
    this.lastFlush = 0;
    this.capture = null; // when set, output is also copied here
    this.suppress = false;
    // Input queue: bytes taken from the ring but not yet fed.
    this.q = Buffer.alloc(0);
    this.qi = 0;
    this.rawLineLen = 0;
    this.held = []; // \x05 X held back while a raw-paste request may be forming
    this.paste = null;
    this.violations = 0;
    this.wdt = null; // {timeout, deadline}
    this.ticks = new Ticks(); // time.ticks_ms()/ticks_us(), from power-on
    this.timers = new Timers(); // machine.Timer
    this.sched = null; // micropython.schedule of the running instance
    this.fired = false; // a timer callback was scheduled and has not had a chance to run
    this.firing = false;
    this.wdtMute = false; // the watchdog fired in code that never polled
    this.okFlush = 0; // flush once this many more bytes are out (raw "OK")
    this.kicked = false; // a Ctrl-C arrived through the inspector kick
    this.intrPending = false; // a KeyboardInterrupt is scheduled
    this.announced = false; // the 'boot' event went out
    this.ctlFd = opts.ctlFd;
  }

  log(msg) { process.stderr.write(`picosim: ${msg}\n`); }

  event(obj) {
    const line = JSON.stringify(obj) + '\n';
    if (this.ctlFd >= 0) {
      try { fs.writeSync(this.ctlFd, line); return; } catch { this.ctlFd = -1; }
    }
    process.stderr.write(`picosim: event ${line}`);
  }

  // ---- output ----

  onOut(b) {
    if (this.wdtMute) { this.maybePoll(); return; }
    if (this.dropOK > 0) { this.dropOK--; if (this.dropOK === 0) this.flushOut(); return; }
    if (this.suppress) return;
    if (this.o.crlf && b === 0x0a && this.prevOut !== 0x0d) this.pushOut(0x0d);
    this.pushOut(b);
    // "OK" goes out before the code runs: code that never prints again must
    // not keep the host waiting for it.
    if (this.okFlush > 0 && --this.okFlush === 0) this.flushOut();
    if (this.out.length >= 4096) this.flushOut();
  }

  pushOut(b) {
    this.prevOut = b;
    this.out.push(b);
    if (this.capture) this.capture.push(b);
  }

  write(s) {
    const buf = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    for (const b of buf) { this.prevOut = b; this.out.push(b); if (this.capture) this.capture.push(b); }
  }

  flushOut() {
    this.lastFlush = now();
    if (this.out.length === 0) return;
    // What the host reads must never be ahead of the flash folder: a host
    // that sees a prompt and then pulls the plug (SIGKILL) finds the flash
    // as littlefs would have it at that moment.
    this.flash.persist();
    let buf = Buffer.from(this.out);
    this.out = [];
    // The wasm build names itself in the banner; a Pico W names the board.
    let i = buf.indexOf(WASM_MACHINE);
    while (i >= 0) {
      buf = Buffer.concat([buf.subarray(0, i), BOARD_MACHINE, buf.subarray(i + WASM_MACHINE.length)]);
      i = buf.indexOf(WASM_MACHINE, i + BOARD_MACHINE.length);
    }
    let off = 0;
    while (off < buf.length) {
      try { off += fs.writeSync(1, buf, off); } catch (e) {
        if (e.code === 'EAGAIN') { sleepMs(1); continue; }
        if (e.code === 'EPIPE') { process.exit(EXIT_OK); }
        throw e;
      }
    }
    this.outTotal += buf.length;
  }

  // ---- hooks called while Python runs ----

  // poll is called from stdout, clocks, sleeps and FS calls: it delivers
  // Ctrl-C as a KeyboardInterrupt (only while the interrupt char is armed,
  // i.e. while code runs and micropython.kbd_intr() did not disable it),
  // keeps output flowing and runs the watchdog.
  poll() {
    const mod = this.mp && this.mp._module;
    if (!mod) return;
    if (this.kicked) { this.kicked = false; this.stdin.takeInterrupt(3); }
    if (mod._mp_hal_get_interrupt_char() === 3) {
      let hit = false;
      // Bytes already taken into the JS queue count as received.
      for (let i = this.q.length - 1; i >= this.qi; i--) {
        if (this.q[i] === 3) { this.qi = i + 1; hit = true; break; }
      }
      if (this.stdin.available() > 0 && this.stdin.takeInterrupt(3)) { hit = true; this.qi = this.q.length; }
      if (hit) { this.intrPending = true; mod._mp_sched_keyboard_interrupt(); }
    }
    const t = now();
    if (this.wdt && t > this.wdt.deadline) {
      this.wdt = null;
      throw new HardReset(WDT_RESET);
    }
    if (t >= this.timers.next) this.fireDue(t);
    if (this.out.length && t - this.lastFlush >= 5) this.flushOut();
  }

  // fireDue hands every due timer to micropython.schedule, as rp2's alarm
  // callback does with mp_sched_schedule: the VM runs it as a soft
  // interrupt at its next pending check (a jump, the end of a REPL
  // command), one at a time under the scheduler lock, and prints a
  // traceback for a callback that raises. Nothing here runs Python code
  // beyond queuing (no heap allocation either), so it is safe from any
  // poll point.
  fireDue(t) {
    if (this.firing || !this.sched) return;
    this.firing = true;
    try {
      for (const e of this.timers.due(t)) {
        try {
          this.sched(e.cb, e.obj);
          this.fired = true;
        } catch (err) {
          // A full queue ("schedule queue full"): rp2 drops the call too.
          if (!(err && err.name === 'PythonError')) throw err;
        }
      }
    } finally { this.firing = false; }
  }

  // sleep blocks for ms of board time. Timer callbacks that fall due run
  // inside it at their due time, as rp2's mp_hal_delay_ms runs them
  // (mp_handle_pending), and the sleep goes on to its own deadline. It is
  // the time module's sleep itself (no Python frame of the simulator's
  // shows in a traceback).
  sleep(ms) {
    const deadline = now() + Math.max(0, ms);
    this.flushOut();
    for (;;) {
      this.poll();
      const left = deadline - now();
      // A scheduled KeyboardInterrupt is raised once control is back in
      // the VM: end the sleep now (once) instead of at its deadline.
      if (this.intrPending) { this.intrPending = false; return; }
      if (this.mp._module._mp_hal_get_interrupt_char() === 3 && this.pendingInterrupt()) return;
      if (this.fired) { this.runPending(true); continue; }
      if (left <= 0) return;
      let wait = Math.min(left, 50, this.timers.next - now() + 0.5);
      if (this.wdt) wait = Math.min(wait, this.wdt.deadline - now() + 1);
      this.stdin.waitNew(Math.max(0, wait));
    }
  }

  // runCallbacks runs due timer callbacks while the REPL idles: rp2 runs
  // them from its stdin wait (mp_event_wait_* -> mp_handle_pending).
  runCallbacks() {
    if (!this.sched) { this.timers.clear(); this.fired = false; return; }
    this.fireDue(now());
    if (this.fired) this.runPending(false);
  }

  // runPending lets the VM run what micropython.schedule queued: it calls a
  // Python function whose loop is a pending check. Inside a callback the
  // scheduler is locked and nothing runs (callbacks never nest); a
  // callback's own exception is printed by the scheduler. A JS exception (a
  // reset, a power cut) goes through.
  runPending(inCode) {
    this.fired = false;
    try { this.rt.pending(); } catch (e) {
      if (!(e && e.name === 'PythonError')) throw e;
      if (inCode && e.type === 'KeyboardInterrupt') {
        // Ctrl-C came while the callbacks ran; it belongs to the code
        // that slept, which raises it once the sleep returns.
        this.intrPending = true;
        this.mp._module._mp_sched_keyboard_interrupt();
      }
    }
    this.flushOut();
  }

  // kick runs inside whatever the main thread was executing (see the stdin
  // worker): it only schedules the KeyboardInterrupt and leaves the input
  // queues to the main loop, which drops the \x03 once the code stopped.
  kick() {
    const mod = this.mp && this.mp._module;
    if (mod && this.wdt && now() > this.wdt.deadline) {
      // The watchdog bit while code never polled. Stop it; the reset itself
      // happens at the next poll or in the main loop. Nothing it prints on
      // the way out may reach the host: the board is already resetting.
      this.wdtMute = true;
      this.intrPending = true; mod._mp_sched_keyboard_interrupt();
      return;
    }
    if (mod && this.stdin.ended()) {
      // EOF is the harness switching the board off: stop running code (even
      // with kbd_intr disabled) so the main loop reaches EOF, persists the
      // flash and exits instead of being killed.
      this.intrPending = true; mod._mp_sched_keyboard_interrupt();
      return;
    }
    // The request may arrive late, after the \x03 was handled normally
    // (e.g. at an idle prompt); only a still-unprocessed one counts.
    if (mod && mod._mp_hal_get_interrupt_char() === 3 && this.pendingInterrupt()) {
      this.kicked = true;
      this.intrPending = true; mod._mp_sched_keyboard_interrupt();
    }
  }

  consumeKick() {
    if (!this.kicked) return;
    this.kicked = false;
    const i = this.q.lastIndexOf(3);
    if (i >= this.qi) this.qi = i + 1;
    this.stdin.takeInterrupt(3);
  }

  pendingInterrupt() { return this.q.indexOf(3, this.qi) >= 0 || this.stdin.has(3); }

  // ---- interpreter lifecycle ----

  async newInstance() {
    this.mp = null;
    const mp = await loadMicroPython({
      // A bounded heap starts with room for the shims, which boundHeap
      // then takes back.
      heapsize: (this.o.heapKB + (this.o.heapBound ? SHIM_HEAP_KB : 0)) * 1024, pystack: 2048, linebuffer: false,
      stdout: (a) => { for (const b of a) this.onOut(b); this.maybePoll(); },
      stderr: (a) => {
        // Emscripten reports each refused growth of a bounded heap here.
        if (this.o.heapBound && String.fromCharCode(...a.slice(0, 21)) === 'Cannot enlarge memory') return;
        for (const b of a) this.onOut(b);
      },
    });
    this.mp = mp;
    this.flash.attach(mp.FS);
    // Shim modules live outside the flash.
    this.flash.quiet++;
    try {
      mp.FS.mkdir(SHIM_DIR);
      for (const [name, src] of Object.entries(shimSources({ serial: this.o.serial, release: RELEASE }))) {
        mp.FS.writeFile(`${SHIM_DIR}/${name}`, src);
      }
      if (this.o.heapBound) mp.FS.writeFile(`${SHIM_DIR}/${GC_SHIM[0]}`, GC_SHIM[1]);
    } finally { this.flash.quiet--; }
    mp.registerJsModule('_picosim', {
      sleep_ms: (ms) => this.sleep(Number(ms) || 0),
      sleep: (s) => this.sleep(Number(s) * 1000 || 0),
      sleep_us: (us) => this.sleep(Number(us) / 1000 || 0),
      ticks_ms: () => { this.poll(); return this.ticks.ms(); },
      ticks_us: () => { this.poll(); return this.ticks.us(); },
      timer_init: (h, cb, obj, mode, period, tickHz, freq) => this.timers.init(Number(h), cb, obj, Number(mode), period, tickHz, freq),
      timer_stop: (h) => this.timers.stop(Number(h)),
      timer_repr: (h) => this.timers.repr(Number(h)),
      reset: () => { throw new HardReset(WDT_RESET); },
      reset_cause: () => this.resetCause,
      urandom: (n) => Array.from(crypto.randomBytes(Number(n) || 0)),
      wdt_start: (t) => { this.wdt = { timeout: Number(t), deadline: now() + Number(t) }; this.stdin.setWatchdog(this.wdt.deadline); },
      wdt_feed: () => { if (this.wdt) { this.wdt.deadline = now() + this.wdt.timeout; this.stdin.setWatchdog(this.wdt.deadline); } },
    });
    mp.runPython(SETUP);
    this.rt = mp.pyimport('_picosim_rt');
    this.sched = mp.pyimport('micropython').schedule;
    if (this.o.heapBound) boundHeap(mp, this.o.heapKB, SHIM_DIR);
  }

  // Stdout fires per byte; polling on every byte would be wasteful.
  maybePoll() {
    if ((this.pollTick = (this.pollTick || 0) + 1) % 64 === 0) this.poll();
  }

  exists(name) {
    try { return this.mp.FS.isFile(this.mp.FS.lookupPath(`/${name}`).node.mode); } catch { return false; }
  }

  // runFile is pyexec_file_if_exists(): 1 ok or absent, 0 exception,
  // 'exit' for SystemExit (a forced exit, i.e. soft reboot).
  runFile(name) {
    if (!this.exists(name)) return 1;
    const mp = this.mp;
    try {
      mp.runPython(`__import__('micropython').kbd_intr(3)\nexecfile('${name}')`);
      return 1;
    } catch (e) {
      if (e instanceof HardReset || e instanceof PowerCut || e.name !== 'PythonError') throw e;
      if (e.type === 'SystemExit') return 'exit';
      // The traceback's first frame is this wrapper's <stdin>; a board's
      // starts at the file.
      const tb = String(e.message).replace(/^(Traceback \(most recent call last\):\n)\s*File "<stdin>", line \d+, in <module>\n/, '$1');
      for (const b of Buffer.from(tb)) this.onOut(b);
      return 0;
    } finally {
      // As pyexec does after every execution: disable the interrupt char,
      // then drop a KeyboardInterrupt that was scheduled (a Ctrl-C that came
      // while the file ran) but not yet raised because the file ended first.
      // Left pending, it would hit the host's next command instead.
      // It also runs timer callbacks still queued (pyexec's
      // mp_handle_pending(true)); one may reset the board.
      try { mp.runPython(CLEAR_PENDING); } catch (e) {
        if (e instanceof HardReset || e instanceof PowerCut) throw e;
      }
      this.intrPending = false;
      this.flushOut();
    }
  }

  // boot runs the rp2 main loop from the top until a REPL prompt is up.
  // kind: 'power' | 'hard' | 'soft'.
  async boot(kind) {
    for (;;) {
      // Soft timers die with the interpreter (rp2 deinits them when a
      // soft reset sweeps the heap); the watchdog does not.
      this.timers.clear(); this.fired = false; this.sched = null;
      try {
        if (kind !== 'soft') { this.mode = 'friendly'; this.wdt = null; this.stdin.setWatchdog(0); }
        if (kind === 'soft' && this.mp) this.flash.commitAll(this.mp.FS);
        await this.newInstance();
        if (!this.announced) { this.announced = true; this.event({ event: 'boot', serial: this.o.serial }); }
        if (kind === 'soft') this.write('MPY: soft reboot\r\n');
        this.paste = null; this.held = []; this.rawLineLen = 0;
        let ret = this.runFile('boot.py');
        if (ret === 'exit') { kind = 'soft'; continue; }
        if (this.mode === 'friendly' && ret !== 0) {
          ret = this.runFile('main.py');
          if (ret === 'exit') { kind = 'soft'; continue; }
        }
        if (this.mode === 'raw') {
          this.suppress = true;
          try { this.mp.replInit(); this.mp.replProcessChar(1); } finally { this.suppress = false; }
          this.write(RAW_BANNER);
        } else {
          this.mp.replInit();
        }
        this.flushOut();
        return;
      } catch (e) {
        if (e instanceof HardReset) { kind = await this.hardReset(e.cause); continue; }
        throw e;
      }
    }
  }

  async hardReset(cause) {
    this.flushOut();
    this.flash.persist();
    this.resetCause = cause;
    this.ticks.reset();
    // The harness unplugs the port once it has relayed outTotal bytes; what
    // the board prints after that is lost, as on re-enumerating USB.
    this.event({ event: 'reset', kind: 'hard', cause, out: this.outTotal });
    this.stdin.discard();
    this.q = Buffer.alloc(0); this.qi = 0;
    this.dropOK = 0; this.suppress = false; this.capture = null; this.wdtMute = false;
    this.stdin.setWatchdog(0);
    return 'hard';
  }

  // ---- input ----

  // feedC hands one byte to pyexec and returns its result code.
  feedC(b) { return this.mp._module._mp_js_repl_process_char(b); }

  // step feeds the next queued byte. Returns 'soft' when pyexec asked for a
  // soft reset.
  step(b) {
    if (this.paste) return this.pasteByte(b);
    if (this.mode === 'raw') {
      if (this.held.length === 1) {
        // Only "\x05 <letter> \x01" is a request; a control byte after
        // \x05 means plain input.
        if (b >= 0x20) { this.held.push(b); return null; }
        this.held = [];
        const r = this.rawC(5);
        if (r) return r;
        return this.rawC(b);
      }
      if (this.held.length === 2) {
        const [e, cmd] = this.held;
        this.held = [];
        if (b === 1) return this.pasteRequest(cmd);
        for (const x of [e, cmd]) { const r = this.rawC(x); if (r) return r; }
      } else if (b === 5 && this.rawLineLen === 0) { this.held = [5]; return null; }
      return this.rawC(b);
    }
    // Friendly REPL: watch whether Ctrl-A switched pyexec to raw mode.
    const cap = b === 1 ? (this.capture = []) : null;
    let r;
    try { r = this.feedC(b); } finally { this.capture = null; }
    if (cap && Buffer.from(cap).includes('raw REPL; CTRL-B to exit')) { this.mode = 'raw'; this.rawLineLen = 0; }
    return r === 0x100 ? 'soft' : null;
  }

  rawC(b) {
    if (b === 2) { this.mode = 'friendly'; this.rawLineLen = 0; }
    else if (b === 1 || b === 3 || b === 4) this.rawLineLen = 0;
    else this.rawLineLen++;
    if (b === 4) this.okFlush = 2;
    const r = this.feedC(b);
    this.okFlush = 0;
    return r === 0x100 ? 'soft' : null;
  }

  // pasteRequest answers "\x05 cmd \x01" (pyexec.c: raw-paste negotiation).
  pasteRequest(cmd) {
    if (!this.o.rawPaste) {
      // Firmware before 1.14 sees a Ctrl-A: it restarts the raw REPL.
      this.write(RAW_BANNER);
      return null;
    }
    if (cmd !== 0x41) { this.write('R\x00'); return null; }
    const w = this.o.window;
    this.write(Buffer.from([0x52, 0x01, w & 0xff, w >> 8, 0x01]));
    this.paste = { buf: [], credit: 2 * w, consumed: 0, acks: 0, excess: 0, check: 512, aborted: false };
    return null;
  }

  pasteByte(b) {
    const p = this.paste;
    if (p.aborted) {
      // pyexec's reader close(): discard until Ctrl-C or Ctrl-D.
      if (b !== 3 && b !== 4) return null;
      return this.pasteRun(true);
    }
    // Credits and violations of the bytes consumed so far go out first.
    if (b === 3 || b === 4) this.pasteEndBatch();
    if (b === 3) {
      // Ctrl-C while streaming: the reader acknowledges and raises.
      this.paste = null;
      this.write('\x04\x04KeyboardInterrupt: \r\n\x04>');
      return null;
    }
    if (b === 4) {
      this.write('\x04');
      return this.pasteRun(false);
    }
    if (p.credit <= 0) {
      p.excess++;
      if (this.o.pasteStrict) return null; // a full buffer overruns: the byte is lost
    } else p.credit--;
    p.buf.push(b);
    p.consumed++;
    if (p.consumed % this.o.window === 0) p.acks++;
    if (p.consumed >= p.check && b === 0x0a) {
      p.check *= 2;
      if (this.earlySyntaxError(p.buf)) { this.pasteEndBatch(); p.aborted = true; this.write('\x04'); }
    }
    return null;
  }

  // pasteEndBatch releases the window credits earned while consuming the
  // last input batch. Sending them per batch (not per byte) means a host
  // that writes past its credit is caught even if the board is fast.
  pasteEndBatch() {
    const p = this.paste;
    if (!p) return;
    if (p.excess > 0) {
      this.violations += p.excess;
      this.event({ event: 'paste_violation', excess: p.excess, total: this.violations, strict: this.o.pasteStrict });
      this.log(`raw-paste: host sent ${p.excess} byte(s) beyond the granted window${this.o.pasteStrict ? ' (dropped)' : ''}`);
      p.excess = 0;
    }
    while (p.acks > 0) { p.acks--; p.credit += this.o.window; this.write('\x01'); }
  }

  // earlySyntaxError makes a syntax error abort the stream the way the
  // board's streaming compiler does, before the host has sent everything.
  // Only errors that no later input could fix count: the error is on a line
  // before the last complete one and no triple-quoted string is open.
  earlySyntaxError(buf) {
    const src = Buffer.from(buf).toString('utf8');
    const cut = src.lastIndexOf('\n');
    const prefix = src.slice(0, cut + 1);
    if (((prefix.match(/"""/g) || []).length % 2) || ((prefix.match(/'''/g) || []).length % 2)) return false;
    const lines = prefix.split('\n').length - 1;
    let line = 0;
    try { line = this.rt.chk(prefix); } catch { return false; }
    return line > 0 && line < lines - 1;
  }

  // pasteRun compiles and runs the pasted code through pyexec's classic raw
  // path (the output framing is the same; its leading "OK" is dropped).
  pasteRun(aborted) {
    const code = Buffer.from(this.paste.buf);
    this.paste = null;
    this.dropOK = 2;
    for (const b of code) this.feedC(b);
    const r = this.feedC(4);
    this.rawLineLen = 0;
    return r === 0x100 ? 'soft' : null;
  }

  async run() {
    this.flash.loadHost();
    await this.boot('power');
    this.event({ event: 'ready', serial: this.o.serial, out: this.outTotal });
    for (;;) {
      this.consumeKick();
      if (this.qi >= this.q.length) {
        // In strict mode window credits go out only once the host has gone
        // quiet: a host that keeps streaming without waiting for them is
        // then caught even though the simulator consumes bytes instantly.
        if (this.paste && this.o.pasteStrict && this.paste.acks > 0 && this.stdin.wait(1) && this.stdin.available() > 0) {
          this.q = this.stdin.take(); this.qi = 0;
          continue;
        }
        this.pasteEndBatch();
        this.intrPending = false;
        this.flushOut();
        this.flash.persist();
        if (this.stdin.eof()) return;
        let wait = 1000;
        if (this.wdt) {
          const left = this.wdt.deadline - now();
          if (left <= 0) { await this.boot(await this.hardReset(WDT_RESET)); continue; }
          wait = Math.min(left + 1, wait);
        }
        // fired: queued by a poll outside running code, or left queued when
        // the code ended before a pending check.
        if (this.fired || this.timers.next <= now()) {
          try { this.runCallbacks(); } catch (e) {
            if (e instanceof HardReset) { await this.boot(await this.hardReset(e.cause)); continue; }
            throw e;
          }
          continue;
        }
        wait = Math.max(0, Math.min(wait, this.timers.next - now() + 0.5));
        this.stdin.wait(wait);
        this.q = this.stdin.take();
        this.qi = 0;
        continue;
      }
      const b = this.q[this.qi++];
      let r;
      try {
        r = this.step(b);
      } catch (e) {
        if (e instanceof HardReset) { await this.boot(await this.hardReset(e.cause)); continue; }
        throw e;
      }
      if (r === 'soft') {
        this.flushOut();
        await this.boot('soft');
      }
    }
  }
}

// installClockHooks makes the interpreter's clock reads (ticks_ms, time,
// busy loops that check the time) poll the board: that is how Ctrl-C and
// the watchdog reach code that never prints or sleeps.
function installClockHooks(board) {
  const perfNow = performance.now.bind(performance);
  Date.now = () => { board.poll(); return now(); };
  globalThis.__picosimKick = () => { board.kick(); };
  performance.now = () => { board.poll(); return perfNow(); };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const board = new Board(opts);
  installClockHooks(board);
  try {
    await board.run();
    board.flushOut();
    board.flash.close();
    process.exit(EXIT_OK);
  } catch (e) {
    if (e instanceof PowerCut) {
      board.flushOut();
      board.event({ event: 'cut', op: e.op, torn: opts.torn });
      board.flash.close();
      process.exit(EXIT_POWER_CUT);
    }
    board.log(`internal error: ${e && e.stack || e}`);
    try { board.flash.close(); } catch { /* best effort */ }
    process.exit(EXIT_CRASH);
  }
}

main();
