// A board with a bounded heap (--heap-kb N): N KB free after boot, never
// more.
//
// Why the wasm build's heap is not bounded by its initial size: the
// pyscript variant is built with MICROPY_GC_SPLIT_HEAP_AUTO, and its
// gc_collect() (ports/webassembly/main.c) only sets a flag; the real
// collection runs when control returns to JavaScript (external call depth
// 0), because roots held in wasm locals cannot be scanned mid-call. An
// allocation that does not fit therefore adds a new heap area from the C
// heap instead (py/gc.c gc_try_add_heap: at least the heap's current size,
// up to gc_get_max_new_split() = 128 MB), and gc.collect() inside an exec
// collects nothing. So:
//   1. after boot a ballast takes the free heap down to N KB (the heap
//      starts SHIM_HEAP_KB larger so the shims fit as on a board, where
//      they are firmware, not heap);
//   2. the C heap is taken so that no free region is as large as any area
//      MicroPython would add (it asks for at least the whole heap's size),
//      while small C allocations (proxies, strings to and from JS) still
//      find room: an allocation that does not fit raises MemoryError as on
//      a board.
// A board also collects inside an exec; this one still collects only
// between execs, and only once one was asked for (an allocation failed, or
// 16 KB were allocated since the last: the port's gc threshold). So "fits
// in N KB" here is the stricter claim: an exec's own garbage counts against
// the heap, and so may up to 16 KB left by earlier execs.

export const SHIM_HEAP_KB = 32;

// gc.mem_free() of the split-heap build adds gc_get_max_new_split() (128
// MB: what it could still add); a bounded board answers what is free, as
// a Pico does. Imported from the shims' folder and put in sys.modules, so
// \`import gc\` finds it first.
export const GC_SHIM = ['_picogc.py', `
from gc import *
import gc as _g

def mem_free():
    return _g.mem_free() - 128 * 1024 * 1024
`];

const BOUND = `
def _b():
    import usys, _picosim_rt
    p = usys.path[:]
    usys.path[:] = ['%s']
    import _picogc
    usys.modules['gc'] = _picogc
    usys.path[:] = p
    n = _picogc.mem_free() - %d
    _picosim_rt.ballast = bytearray(n - 32) if n > 64 else None
_b()
del _b
`;

export function boundHeap(mp, kb, shimDir) {
  // Garbage of the setup goes at the return of this call (top level).
  mp.runPython('import gc\ngc.collect()');
  mp.runPython(BOUND.replace('%s', shimDir).replace('%d', String(kb * 1024)));
  mp.runPython('import gc\ngc.collect()');
  const M = mp._module;
  // Holes of half the heap (at most 16 KiB) between small pins: C
  // allocations up to that size succeed, a new heap area never fits.
  const hole = Math.max(1024, Math.min(16 * 1024, (kb * 1024) >> 1));
  const holes = [];
  for (let i = 0; i < 64; i++) {
    holes.push(M._malloc(hole));
    M._malloc(16);
  }
  // Take the rest of the C heap, growing the wasm memory to its limit
  // (address space only: the pages are never touched).
  const quiet = console.error;
  console.error = () => {}; // emscripten reports each refused growth
  try {
    for (let sz = 256 << 20; sz >= hole;) {
      if (!M._malloc(sz)) sz >>= 1;
    }
  } finally { console.error = quiet; }
  for (const p of holes) M._free(p);
}
