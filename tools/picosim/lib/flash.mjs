// The board's flash: a littlefs-like durability model over Emscripten's
// MEMFS, mirrored to a host folder.
//
// MicroPython sees MEMFS (the "RAM view": open files hold uncommitted data).
// Beside it this module keeps `durable`, what littlefs would have committed
// to flash, and updates it with littlefs's rules:
//   - open() of a new file commits a 0-byte entry at once;
//   - data written to a file becomes durable only at flush() or close();
//     until then the old contents stay (copy-on-write);
//   - rename is atomic and may replace a file or an empty directory;
//     renaming over a non-empty directory fails;
//   - remove() also removes an empty directory (littlefs's lfs_remove).
// Every mutating call is one numbered "op" (counted from process start,
// boots included), which is where power cuts (--cut-at) and traces
// (--trace-fs) hook in. The host folder is rewritten from `durable` only
// where it changed, at command boundaries, resets, cuts and exit, so a
// SIGKILL between commands leaves it exactly as a power cut would.
//
// With model 'posix' every write() is durable at once (the prototype's
// stricter model, also a stand-in for FAT-like file systems); there a torn
// write leaves half its bytes in the file.
import fs from 'node:fs';
import path from 'node:path';
import { sleepMs } from './stdin.mjs';

export const BLOCK = 4096;
// littlefs keeps files up to its inline limit inside the directory's
// metadata pair (rp2: min(cache 256, block/8)); they use no block of their own.
const INLINE_MAX = 256;
// Names the Emscripten root has that are not part of the flash.
export const HIDDEN = new Set(['dev', 'proc', 'tmp', 'home']);

// Emscripten's libc uses WASI errno numbers; boards use Linux/MicroPython
// numbers. Errors are translated at the outermost FS call so tracebacks read
// like a board's ("OSError: [Errno 2] ENOENT") and errno.ENOENT compares.
const WASI_TO_MP = {
  2: 13, 6: 11, 8: 9, 10: 16, 20: 17, 22: 27, 28: 22, 29: 5, 31: 21, 32: 40, 33: 24,
  37: 36, 41: 23, 43: 19, 44: 2, 48: 12, 51: 28, 52: 38, 54: 20, 55: 39, 58: 95,
  63: 1, 69: 30, 70: 29, 75: 18,
};
const WASI = { ENOENT: 44, EEXIST: 20, ENOSPC: 51, EISDIR: 31, ENOTDIR: 54, ENOTEMPTY: 55, ENAMETOOLONG: 37 };

// littlefs's LFS_NAME_MAX (MicroPython keeps the default): a longer name
// fails with ENAMETOOLONG (OSError 36), as on a board.
const NAME_MAX = 255;
const nameTooLong = (abs) => Buffer.byteLength(abs.slice(abs.lastIndexOf('/') + 1)) > NAME_MAX;

const O_ACCMODE = 3, O_CREAT = 0x40, O_TRUNC = 0x200;

// SimHalt unwinds the interpreter (a JS exception thrown from a callback is
// not catchable from Python) when the board loses power.
export class PowerCut extends Error {
  constructor(op) { super(`power cut before op ${op}`); this.op = op; }
}

const blocksFor = (size) => (size <= INLINE_MAX ? 0 : Math.ceil(size / BLOCK));

export class Flash {
  constructor({ dir, kb, model = 'littlefs', cutAt = 0, torn = false, traceFile = '', flashBps = 0, log = () => {} }) {
    this.dir = dir ? path.resolve(dir) : '';
    this.totalBlocks = Math.floor((kb * 1024) / BLOCK);
    this.model = model;
    this.cutAt = cutAt;
    this.torn = torn;
    this.flashBps = flashBps;
    this.log = log;
    this.ops = 0;
    this.durable = new Map(); // 'a/b.py' -> {dir:true} | {data:Buffer}
    this.dirty = new Set(); // paths whose host copy may differ from durable
    this.traceFd = traceFile ? fs.openSync(traceFile, 'a') : -1;
    this.FS = null;
    this.streams = new WeakMap(); // stream -> {dirty}
    this.quiet = 0; // >0 while the simulator itself touches MEMFS
  }

  // ---- host folder <-> durable ----

  loadHost() {
    if (!this.dir) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const walk = (abs, rel) => {
      for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
        const r = rel ? `${rel}/${ent.name}` : ent.name;
        if (!rel && HIDDEN.has(ent.name)) { this.log(`ignoring host entry /${r}: the name is reserved`); continue; }
        if (ent.name.endsWith('.picosim-tmp')) continue;
        const a = path.join(abs, ent.name);
        if (ent.isDirectory()) { this.durable.set(r, { dir: true }); walk(a, r); }
        else if (ent.isFile()) this.durable.set(r, { data: fs.readFileSync(a) });
      }
    };
    walk(this.dir, '');
  }

  // persist writes the durable paths that changed since the last call.
  persist() {
    if (!this.dir || this.dirty.size === 0) return;
    const paths = [...this.dirty];
    this.dirty.clear();
    // Removals deepest first, then creations shallowest first.
    const gone = paths.filter((p) => !this.durable.has(p)).sort((a, b) => b.length - a.length);
    const here = paths.filter((p) => this.durable.has(p)).sort((a, b) => a.length - b.length);
    for (const p of gone) fs.rmSync(path.join(this.dir, p), { recursive: true, force: true });
    for (const p of here) {
      const e = this.durable.get(p);
      const abs = path.join(this.dir, p);
      if (e.dir) {
        try { if (!fs.statSync(abs).isDirectory()) fs.rmSync(abs, { force: true }); } catch { /* absent */ }
        fs.mkdirSync(abs, { recursive: true });
      } else {
        try { if (fs.statSync(abs).isDirectory()) fs.rmSync(abs, { recursive: true, force: true }); } catch { /* absent */ }
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        // tmp + rename keeps the host copy whole even if the simulator is
        // SIGKILLed in the middle of persisting. A short fixed name: the
        // board's own names may take all of the host's 255 bytes.
        const tmp = path.join(path.dirname(abs), '.picosim-tmp');
        fs.writeFileSync(tmp, e.data);
        fs.renameSync(tmp, abs);
      }
    }
  }

  close() {
    this.persist();
    if (this.traceFd >= 0) { fs.closeSync(this.traceFd); this.traceFd = -1; }
  }

  // ---- ops ----

  // op numbers one mutation and cuts the power before it when asked.
  // apply() performs the durable side; tornApply() is the torn variant.
  op(kind, p, bytes, extra = {}) {
    const n = ++this.ops;
    const rec = { op: n, kind, path: `/${p}`, bytes, ...extra };
    if (n === this.cutAt) {
      rec.cut = true;
      if (this.torn) rec.torn = true;
      this.trace(rec);
      return true; // caller performs the torn part (if any) and throws
    }
    this.trace(rec);
    return false;
  }

  trace(rec) {
    if (this.traceFd >= 0) fs.writeSync(this.traceFd, JSON.stringify(rec) + '\n');
  }

  cut() {
    this.persist();
    throw new PowerCut(this.ops);
  }

  setFile(p, data) { this.durable.set(p, { data: Buffer.from(data) }); this.dirty.add(p); }

  removeTree(p) {
    for (const k of [...this.durable.keys()]) {
      if (k === p || k.startsWith(p + '/')) { this.durable.delete(k); this.dirty.add(k); }
    }
  }

  moveTree(from, to) {
    this.removeTree(to);
    const moved = [];
    for (const [k, v] of this.durable) {
      if (k === from || k.startsWith(from + '/')) moved.push([k, v]);
    }
    for (const [k] of moved) { this.durable.delete(k); this.dirty.add(k); }
    for (const [k, v] of moved) {
      const nk = to + k.slice(from.length);
      this.durable.set(nk, v);
      this.dirty.add(nk);
    }
  }

  // usedBlocks estimates littlefs block use from the RAM view plus the old
  // copies that open, uncommitted files still pin (copy-on-write).
  usedBlocks() {
    const FS = this.FS;
    let used = 2; // superblock + root metadata pair
    const walk = (dirPath, top) => {
      for (const name of FS.readdir(dirPath)) {
        if (name === '.' || name === '..') continue;
        if (top && HIDDEN.has(name)) continue;
        const p = dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
        const node = FS.lookupPath(p).node;
        if (FS.isDir(node.mode)) { used += 2; walk(p, false); }
        else if (FS.isFile(node.mode)) used += blocksFor(node.usedBytes || 0);
      }
    };
    this.quiet++;
    try { walk('/', true); } finally { this.quiet--; }
    for (const [p, e] of this.durable) {
      if (e.data && this.pinned(p)) used += blocksFor(e.data.length);
    }
    return used;
  }

  pinned(p) {
    return this.openDirty.has(p);
  }

  // ---- MEMFS hooks ----

  // attach installs the hooks on a fresh MicroPython instance's FS and fills
  // it from `durable` (a boot reads the flash).
  attach(FS) {
    this.FS = FS;
    this.openDirty = new Map(); // path -> count of open streams with uncommitted data
    this.quiet++;
    try {
      for (const d of ['tmp', 'home']) { try { FS.rmdir(`/${d}`); } catch { /* not there */ } }
      const keys = [...this.durable.keys()].sort((a, b) => a.length - b.length);
      for (const k of keys) {
        const e = this.durable.get(k);
        if (e.dir) FS.mkdir(`/${k}`);
        else FS.writeFile(`/${k}`, e.data);
      }
    } finally { this.quiet--; }
    this.hook(FS);
  }

  // rel maps an absolute MEMFS path to a flash path, or null when the path
  // is outside the flash (devices, /proc).
  rel(abs) {
    const norm = this.FS ? absNormalize(abs, this.FS.cwd()) : abs;
    const r = norm.replace(/^\/+/, '');
    if (r === '') return '';
    if (HIDDEN.has(r.split('/')[0])) return null;
    return r;
  }

  exists(abs) {
    try { this.FS.lookupPath(abs); return true; } catch { return false; }
  }

  isEmptyDir(abs) {
    try {
      const node = this.FS.lookupPath(abs).node;
      return this.FS.isDir(node.mode) && this.FS.readdir(abs).length === 2;
    } catch { return false; }
  }

  // streamPath is the flash path of an open file, or null when the file is
  // outside the flash or was removed while open (its data then goes nowhere).
  streamPath(stream) {
    try {
      const abs = this.FS.getPath(stream.node);
      if (this.FS.lookupPath(abs).node !== stream.node) return null;
      return this.rel(abs);
    } catch { return null; }
  }

  commitStream(stream, info, kind) {
    const p = this.streamPath(stream);
    if (p === null) { info.dirty = false; return; }
    if (this.op(kind, p, stream.node.usedBytes || 0)) this.cut();
    this.setFile(p, this.readNode(stream.node));
    info.dirty = false;
    this.unpin(p);
  }

  readNode(node) {
    const c = node.contents;
    const n = node.usedBytes || 0;
    if (!c || n === 0) return Buffer.alloc(0);
    return Buffer.from(c.subarray ? c.subarray(0, n) : c.slice(0, n));
  }

  pin(p) { this.openDirty.set(p, (this.openDirty.get(p) || 0) + 1); }
  unpin(p) {
    const n = (this.openDirty.get(p) || 0) - 1;
    if (n <= 0) this.openDirty.delete(p); else this.openDirty.set(p, n);
  }

  // commitAll closes every open file as a soft reset's gc_sweep_all() does on
  // rp2 (their finalisers commit the data written so far).
  commitAll(FS) {
    for (const stream of FS.streams || []) {
      if (!stream) continue;
      const info = this.streams.get(stream);
      if (info && info.dirty) this.commitStream(stream, info, 'close');
    }
  }

  hook(FS) {
    const self = this;
    const o = {};
    for (const k of ['open', 'write', 'close', 'rename', 'unlink', 'rmdir', 'mkdir', 'truncate', 'ftruncate', 'readdir', 'statfs',
      'stat', 'lstat', 'lookupPath', 'chdir', 'read', 'llseek']) o[k] = FS[k];
    let depth = 0;
    // wrap maps errno at the outermost FS call only, so FS's own internal
    // calls (which sometimes test errno values) see WASI numbers.
    const wrap = (name, fn) => {
      FS[name] = function (...args) {
        if (self.quiet) return o[name].apply(FS, args);
        depth++;
        try {
          if (depth > 1) return o[name].apply(FS, args);
          return fn(...args);
        } catch (e) {
          if (depth === 1 && e && e.name === 'ErrnoError' && !e.picosimMapped) {
            e.errno = WASI_TO_MP[e.errno] ?? e.errno;
            e.picosimMapped = true;
          }
          throw e;
        } finally { depth--; }
      };
    };
    const call = (name, ...args) => o[name].apply(FS, args);
    const enospc = () => new FS.ErrnoError(WASI.ENOSPC);

    wrap('open', (p, flags, mode) => {
      if (typeof flags !== 'number') return call('open', p, flags, mode);
      const abs = absNormalize(p, FS.cwd());
      const r = self.rel(abs);
      const writing = (flags & O_ACCMODE) !== 0;
      if (r === null || r === '' || !writing) return call('open', p, flags, mode);
      const existed = self.exists(abs);
      let node = null;
      if (existed) { node = FS.lookupPath(abs).node; }
      const creating = !existed && (flags & O_CREAT);
      if (creating) {
        // Fail like the file system would before counting a mutation.
        const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
        if (!self.exists(parent)) throw new FS.ErrnoError(WASI.ENOENT);
        if (nameTooLong(abs)) throw new FS.ErrnoError(WASI.ENAMETOOLONG);
        if (self.op('create', r, 0)) self.cut();
      }
      const stream = call('open', p, flags, mode);
      if (!FS.isFile(stream.node.mode)) return stream;
      const info = { dirty: false };
      if (creating) self.setFile(r, Buffer.alloc(0));
      else if ((flags & O_TRUNC) && node && (self.durable.get(r)?.data?.length || 0) > 0) {
        info.dirty = true;
        self.pin(r);
      }
      self.streams.set(stream, info);
      return stream;
    });

    wrap('write', (stream, buffer, offset, length, position, canOwn) => {
      const info = self.streams.get(stream);
      if (!info) return call('write', stream, buffer, offset, length, position, canOwn);
      const p = self.streamPath(stream);
      if (p === null) return call('write', stream, buffer, offset, length, position, canOwn);
      // ENOSPC: littlefs fails the write that needs a block it cannot find.
      const node = stream.node;
      const cur = node.usedBytes || 0;
      const pos = position ?? stream.position;
      const end = (stream.flags & 0x400) ? cur + length : Math.max(cur, pos + length);
      if (blocksFor(end) > blocksFor(cur)) {
        const extraPinned = info.dirty ? 0 : blocksFor(self.durable.get(p)?.data?.length || 0);
        if (self.usedBlocks() - blocksFor(cur) + blocksFor(end) + extraPinned > self.totalBlocks) throw enospc();
      }
      if (self.op('write', p, length)) {
        if (self.torn) {
          const half = length >> 1;
          call('write', stream, buffer, offset, half, position, false);
          if (self.model === 'posix') self.setFile(p, self.readNode(node));
        }
        self.cut();
      }
      if (self.flashBps > 0) sleepMs(Math.round((length * 1000) / self.flashBps));
      const n = call('write', stream, buffer, offset, length, position, canOwn);
      if (self.model === 'posix') self.setFile(p, self.readNode(node));
      else if (!info.dirty) { info.dirty = true; self.pin(p); }
      return n;
    });

    wrap('close', (stream) => {
      const info = self.streams.get(stream);
      if (info && info.dirty && self.model !== 'posix') self.commitStream(stream, info, 'close');
      else if (info && info.dirty) { info.dirty = false; const p = self.streamPath(stream); if (p !== null) self.unpin(p); }
      return call('close', stream);
    });

    // flush() on a VfsPosix file is fsync(): littlefs's lfs_file_sync commit.
    const memfsStream = FS.filesystems.MEMFS.ops_table.file.stream;
    memfsStream.fsync = (stream) => {
      const info = self.streams.get(stream);
      if (info && info.dirty && self.model !== 'posix') self.commitStream(stream, info, 'flush');
      return 0;
    };

    wrap('rename', (from, to) => {
      const a = absNormalize(from, FS.cwd()), b = absNormalize(to, FS.cwd());
      const ra = self.rel(a), rb = self.rel(b);
      if (ra === null || rb === null || ra === '' || rb === '') return call('rename', from, to);
      // Let MEMFS decide errors first (ENOENT, ENOTEMPTY, EISDIR...): a
      // failed rename changes nothing and is not an op.
      if (!self.exists(a)) throw new FS.ErrnoError(WASI.ENOENT);
      if (nameTooLong(b)) throw new FS.ErrnoError(WASI.ENAMETOOLONG);
      const srcDir = FS.isDir(FS.lookupPath(a).node.mode);
      if (self.exists(b) && a !== b) {
        const dstDir = FS.isDir(FS.lookupPath(b).node.mode);
        if (srcDir && !dstDir) throw new FS.ErrnoError(WASI.ENOTDIR);
        if (!srcDir && dstDir) throw new FS.ErrnoError(WASI.EISDIR);
        if (dstDir && !self.isEmptyDir(b)) throw new FS.ErrnoError(WASI.ENOTEMPTY);
      }
      if (self.op('rename', ra, 0, { to: `/${rb}` })) self.cut();
      const ret = call('rename', from, to);
      if (ra !== rb) self.moveTree(ra, rb);
      // Open streams follow their node; keep the pins keyed by path in sync.
      for (const [k, v] of [...self.openDirty]) {
        if (k === ra || k.startsWith(ra + '/')) { self.openDirty.delete(k); self.openDirty.set(rb + k.slice(ra.length), v); }
      }
      return ret;
    });

    wrap('unlink', (p) => {
      const abs = absNormalize(p, FS.cwd());
      const r = self.rel(abs);
      if (r === null || r === '') return call('unlink', p);
      if (!self.exists(abs)) throw new FS.ErrnoError(WASI.ENOENT);
      // littlefs: remove() of an empty directory succeeds (lfs_remove).
      const isDir = FS.isDir(FS.lookupPath(abs).node.mode);
      if (isDir && !self.isEmptyDir(abs)) throw new FS.ErrnoError(WASI.ENOTEMPTY);
      if (self.op('remove', r, 0)) self.cut();
      const ret = isDir ? call('rmdir', p) : call('unlink', p);
      self.removeTree(r);
      return ret;
    });

    wrap('rmdir', (p) => {
      const abs = absNormalize(p, FS.cwd());
      const r = self.rel(abs);
      if (r === null || r === '') return call('rmdir', p);
      if (!self.exists(abs)) throw new FS.ErrnoError(WASI.ENOENT);
      if (!FS.isDir(FS.lookupPath(abs).node.mode)) throw new FS.ErrnoError(WASI.ENOTDIR);
      if (!self.isEmptyDir(abs)) throw new FS.ErrnoError(WASI.ENOTEMPTY);
      if (self.op('rmdir', r, 0)) self.cut();
      const ret = call('rmdir', p);
      self.removeTree(r);
      return ret;
    });

    wrap('mkdir', (p, mode) => {
      const abs = absNormalize(p, FS.cwd());
      const r = self.rel(abs);
      if (r === null || r === '') return call('mkdir', p, mode);
      if (self.exists(abs)) throw new FS.ErrnoError(WASI.EEXIST);
      const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
      if (!self.exists(parent)) throw new FS.ErrnoError(WASI.ENOENT);
      if (nameTooLong(abs)) throw new FS.ErrnoError(WASI.ENAMETOOLONG);
      // A directory is a metadata pair: two blocks.
      if (self.usedBlocks() + 2 > self.totalBlocks) throw enospc();
      if (self.op('mkdir', r, 0)) self.cut();
      const ret = call('mkdir', p, mode);
      self.durable.set(r, { dir: true });
      self.dirty.add(r);
      return ret;
    });

    const truncHook = (name) => wrap(name, (target, len) => {
      const stream = name === 'ftruncate' ? FS.getStream(target) : null;
      const p = stream ? self.streamPath(stream) : self.rel(absNormalize(target, FS.cwd()));
      if (p === null || p === '') return call(name, target, len);
      if (self.op('truncate', p, len)) self.cut();
      const ret = call(name, target, len);
      const info = stream && self.streams.get(stream);
      if (info && self.model !== 'posix') { if (!info.dirty) { info.dirty = true; self.pin(p); } }
      else self.setFile(p, self.readNode(FS.lookupPath(`/${p}`).node));
      return ret;
    });
    truncHook('truncate');
    truncHook('ftruncate');

    // littlefs keeps directory entries sorted by name.
    wrap('readdir', (p) => {
      let list = call('readdir', p);
      if (absNormalize(p, FS.cwd()) === '/') list = list.filter((n) => !HIDDEN.has(n));
      const dots = list.filter((n) => n === '.' || n === '..');
      return dots.concat(list.filter((n) => n !== '.' && n !== '..').sort());
    });

    wrap('statfs', (p) => {
      const rtn = call('statfs', p);
      const free = Math.max(0, self.totalBlocks - self.usedBlocks());
      return Object.assign(rtn, {
        bsize: BLOCK, frsize: BLOCK, blocks: self.totalBlocks, bfree: free, bavail: free,
        files: 0, ffree: 0, namelen: 255, flags: 0,
      });
    });

    // Plain pass-through wrappers: only here for errno translation.
    for (const k of ['stat', 'lstat', 'lookupPath', 'chdir', 'read', 'llseek']) wrap(k, (...a) => call(k, ...a));
  }
}

function absNormalize(p, cwd) {
  const s = String(p);
  const joined = s.startsWith('/') ? s : `${cwd}/${s}`;
  const parts = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop(); else parts.push(seg);
  }
  return '/' + parts.join('/');
}
