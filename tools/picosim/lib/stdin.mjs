// Host -> board bytes. MicroPython runs synchronously on the main thread, so
// the main thread cannot receive 'data' events while Python code runs. A
// worker thread does the blocking reads of fd 0 and copies the bytes into a
// SharedArrayBuffer ring; the main thread polls the ring from hooks that
// running code calls often (stdout, clocks, sleep, FS) and blocks on it with
// Atomics.wait when idle. A full ring blocks the worker, so the pipe (and
// behind it the pty) fills up: the same back-pressure USB CDC gives a host.
import { Worker } from 'node:worker_threads';
import { now } from './clock.mjs';

const RING = 1 << 16;
// Header (32 bytes). Int32 slots: write index, read index, EOF flag.
// Indices grow without bound and are used modulo RING (Int32 wrap-around is
// harmless because only differences are used). Float64 slot 2 (bytes
// 16..23): the watchdog deadline in ms since the epoch, 0 when off.
// Float64 slot 3 (bytes 24..31): input is stalled until this time (the
// flash is busy with interrupts off), 0 when not.
const W = 0, R = 1, EOF = 2, HDR = 32, WDT = 2, STALL = 3;

// The worker reads asynchronously (a pipe or socket through libuv's poller,
// anything else through a read stream): a worker blocked in a synchronous
// read() could not be stopped, and process.exit() would hang on it.
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const net = require('node:net');
const hdr = new Int32Array(workerData.sab, 0, 4);
const f64 = new Float64Array(workerData.sab, 0, 4);
const ring = new Uint8Array(workerData.sab, 32);
// cap bounds the unread bytes the board holds (0: the whole ring). A
// Pico holds 512 (its stdin ring) + 256 (TinyUSB's FIFO); beyond that
// USB NAKs and the host's writes block.
const RING = workerData.cap > 0 ? Math.min(workerData.cap, ring.length) : ring.length;
const SIZE = ring.length;
const st = fs.fstatSync(workerData.fd);
const src = (st.isFIFO() || st.isSocket())
  ? new net.Socket({ fd: workerData.fd, readable: true, writable: false })
  : fs.createReadStream(null, { fd: workerData.fd, autoClose: false });
// Ctrl-C for code that never calls back into JS (a pure compute loop):
// when an interrupt char sits unread for a while, the worker asks the main
// thread, through the V8 inspector, to evaluate globalThis.__picosimKick().
// V8 services that request inside running wasm, at loop back-edges, the
// same way it would pause for a debugger.
let inspector = null;
try { inspector = require('node:inspector'); } catch { /* built without it */ }
let session = null, watch = -1, timer = null;
function kick() {
  timer = null;
  if (watch < 0) return;
  if (((Atomics.load(hdr, 1) - watch) | 0) >= 0) { watch = -1; return; }
  evalKick();
  timer = setTimeout(kick, 250);
}
let pending = [];
function pump() {
  while (pending.length) {
    const chunk = pending[0];
    const w = Atomics.load(hdr, 0), r = Atomics.load(hdr, 1);
    // While the flash is busy nothing is received at all.
    const stall = f64[3] - (performance.timeOrigin + performance.now());
    if (stall > 0) { setTimeout(pump, Math.ceil(stall)); return; }
    const free = RING - ((w - r) | 0);
    if (free <= 0) { setTimeout(pump, 1); return; }
    const k = Math.min(free, chunk.length);
    for (let i = 0; i < k; i++) ring[(w + i) & (SIZE - 1)] = chunk[i];
    const c = chunk.subarray(0, k).lastIndexOf(3);
    if (c >= 0 && inspector) {
      watch = (w + c + 1) | 0;
      if (!timer) timer = setTimeout(kick, 50);
    }
    Atomics.store(hdr, 0, (w + k) | 0);
    Atomics.notify(hdr, 0);
    if (k === chunk.length) pending.shift(); else pending[0] = chunk.subarray(k);
  }
  // A full ring pauses the source: back-pressure reaches the host.
  if (src.isPaused()) src.resume();
  if (ended && !eofSent) {
    eofSent = true;
    Atomics.store(hdr, 2, 1);
    Atomics.notify(hdr, 0);
    // EOF is the harness switching the board off; code that never polls
    // learns it through the same kick as Ctrl-C.
    if (inspector) setTimeout(kickEOF, 50);
  }
}
let eofSent = false;
// A watchdog that expires in code that never polls is enforced the same way.
// The deadline is on the main thread's clock (lib/clock.mjs): the same
// monotonic formula here. The check runs only while a watchdog is armed
// (the main thread says when that changes): an idle board must cost next
// to no CPU, or the harness cannot tell it from a slow one.
let wdtCheck = null;
parentPort.on('message', (armed) => {
  if (armed && inspector && !wdtCheck) {
    wdtCheck = setInterval(() => { const d = f64[2]; if (d > 0 && performance.timeOrigin + performance.now() > d + 20) evalKick(); }, 50);
    wdtCheck.unref();
  } else if (!armed && wdtCheck) {
    clearInterval(wdtCheck);
    wdtCheck = null;
  }
});
parentPort.unref();
function kickEOF() {
  evalKick();
  setTimeout(kickEOF, 250);
}
// evalKick connects only for the one request: a session still connected at
// exit would make node wait ("Waiting for the debugger to disconnect").
function evalKick() {
  if (session) return; // the previous request is still pending
  try {
    session = new inspector.Session();
    session.connectToMainThread();
    session.post('Runtime.evaluate', { expression: 'globalThis.__picosimKick && globalThis.__picosimKick()' }, () => {
      try { session.disconnect(); } catch { /* gone */ }
      session = null;
    });
  } catch { session = null; /* no inspector: Ctrl-C reaches only code that polls */ }
}
let ended = false;
src.on('data', (chunk) => { pending.push(chunk); src.pause(); pump(); });
src.on('end', () => { ended = true; pump(); });
src.on('error', () => { ended = true; pump(); });
`;

export class Stdin {
  // cap > 0 bounds how many unread bytes the board accepts before the host
  // has to wait (a Pico's USB buffers).
  constructor(fd = 0, { cap = 0 } = {}) {
    this.sab = new SharedArrayBuffer(HDR + RING);
    this.hdr = new Int32Array(this.sab, 0, 4);
    this.f64 = new Float64Array(this.sab, 0, 4);
    this.ring = new Uint8Array(this.sab, HDR);
    this.worker = new Worker(workerSource, { eval: true, workerData: { sab: this.sab, fd, cap } });
    // The worker must not keep the process alive once the board shuts down.
    this.worker.unref();
  }

  // setWatchdog publishes the watchdog deadline (0 = off) to the worker.
  setWatchdog(deadline) {
    const was = this.f64[WDT] > 0;
    this.f64[WDT] = deadline;
    if ((deadline > 0) !== was) this.worker.postMessage(deadline > 0);
  }

  // stall stops the board receiving input for ms from now.
  stall(ms) { this.f64[STALL] = Math.max(this.f64[STALL], now() + ms); }

  available() { return (Atomics.load(this.hdr, W) - Atomics.load(this.hdr, R)) | 0; }

  eof() { return Atomics.load(this.hdr, EOF) === 1 && this.available() === 0; }

  // ended reports EOF even while unread input remains: the power is off.
  ended() { return Atomics.load(this.hdr, EOF) === 1; }

  // take removes and returns every byte currently buffered (maybe none).
  take() {
    const w = Atomics.load(this.hdr, W), r = Atomics.load(this.hdr, R);
    const n = (w - r) | 0;
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.ring[(r + i) & (RING - 1)];
    Atomics.store(this.hdr, R, w);
    Atomics.notify(this.hdr, R);
    return out;
  }

  // discard drops everything buffered (a board that was off hears nothing).
  discard() { this.take(); }

  // wait blocks until input arrives, EOF, or ms pass. Returns true when
  // input (or EOF) is there.
  wait(ms) {
    const w = Atomics.load(this.hdr, W);
    if (((w - Atomics.load(this.hdr, R)) | 0) > 0 || Atomics.load(this.hdr, EOF)) return true;
    Atomics.wait(this.hdr, W, w, ms);
    return this.available() > 0 || Atomics.load(this.hdr, EOF) === 1;
  }

  // waitNew blocks until bytes beyond those already buffered arrive (or ms
  // pass); sleeping code uses it so pending non-interrupt input does not
  // turn the sleep into a busy loop.
  waitNew(ms) {
    const w = Atomics.load(this.hdr, W);
    if (ms > 0) Atomics.wait(this.hdr, W, w, ms);
  }

  // has reports whether byte ch is buffered.
  has(ch) {
    const w = Atomics.load(this.hdr, W), r = Atomics.load(this.hdr, R);
    for (let i = r; i !== w; i = (i + 1) | 0) if (this.ring[i & (RING - 1)] === ch) return true;
    return false;
  }

  // takeInterrupt implements TinyUSB's receive callback on rp2: when the
  // interrupt char arrives, everything buffered before it is thrown away and
  // a KeyboardInterrupt is scheduled. Returns true when one was found.
  takeInterrupt(ch) {
    const w = Atomics.load(this.hdr, W), r = Atomics.load(this.hdr, R);
    const n = (w - r) | 0;
    for (let i = n - 1; i >= 0; i--) {
      if (this.ring[(r + i) & (RING - 1)] === ch) {
        Atomics.store(this.hdr, R, (r + i + 1) | 0);
        Atomics.notify(this.hdr, R);
        return true;
      }
    }
    return false;
  }
}

// sleepMs blocks the thread without burning CPU.
const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function sleepMs(ms) { if (ms > 0) Atomics.wait(sleeper, 0, 0, ms); }
