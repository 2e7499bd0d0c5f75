// Python modules that make the wasm build look like a Pico W. They live in
// /dev/picosim (outside the flash, hidden from os.listdir('/')) and are
// imported once per boot, then sys.path is set to the board's ['', '/lib']
// without '.frozen', so the wasm build's frozen extras (base64, functools,
// logging, os.path, ...) fail to import exactly as on a board.

export const SHIM_DIR = '/dev/picosim';

export function shimSources({ serial, release }) {
  const files = {};

  // os: the C module plus what rp2 has and this build lacks.
  files['os.py'] = `
from uos import *
import uos as _u
from vfs import VfsLfs2, VfsFat, mount, umount
try:
    del VfsPosix  # rp2 has no host filesystem
except NameError:
    pass

def sync():
    # rp2's os.sync() only flushes FAT mounts; littlefs has nothing to do.
    pass

def uname():
    from collections import namedtuple
    return namedtuple('uname_result', ('sysname', 'nodename', 'release', 'version', 'machine'))(
        'rp2', 'rp2', '${release}', 'v${release} on 2025-12-10 (GNU 14.2.0 MinSizeRel)', 'Raspberry Pi Pico W with RP2040')

def dupterm(stream=None, index=0):
    return None

def urandom(n):
    import _picosim
    return bytes(_picosim.urandom(n))
`;

  // vfs: rp2 mounts its flash as littlefs2 at '/'; the simulator serves the
  // same semantics from its own VFS, but reports what a board reports, so
  // code that checks the filesystem type (FAT has no atomic rename) sees a
  // Pico W.
  files['_picovfs.py'] = `
__name__ = 'vfs'
import vfs as _v

umount = _v.umount


class VfsLfs2:
    def __init__(self, *a, **k):
        if a != (_v,):
            raise OSError(1)  # no block devices to format on the simulator

    def statvfs(self, path='/'):
        import uos
        return uos.statvfs(path)

    def __repr__(self):
        return '<VfsLfs2>'


class VfsFat:
    def __init__(self, *a, **k):
        raise OSError(1)

    def __repr__(self):
        return '<VfsFat>'


_root = VfsLfs2(_v)


def mount(*a, **k):
    if not a and not k:
        return [(_root, '/')]
    return _v.mount(*a, **k)
`;

  // time: sleeps block in JS (no busy-wait, and Ctrl-C still wakes them);
  // ticks come from the same clock as machine.Timer (lib/clock.mjs).
  files['time.py'] = `
from utime import *
import utime as _ut
import _picosim

# The JS functions themselves, not Python wrappers: a Ctrl-C or a callback
# during a sleep then happens in the caller's frame, as on a board.
sleep = _picosim.sleep
sleep_ms = _picosim.sleep_ms
sleep_us = _picosim.sleep_us
ticks_ms = _picosim.ticks_ms
ticks_us = _picosim.ticks_us
ticks_cpu = _picosim.ticks_us  # rp2's ticks_cpu is its microsecond timer

def time():
    # rp2 counts whole seconds (the wasm build returns a float).
    return int(_ut.time())
`;

  files['machine.py'] = `
import _picosim
from time import sleep_ms as _sleep_ms

PWRON_RESET = 1
WDT_RESET = 3
_UID = bytes.fromhex('${serial}')

def reset():
    _picosim.reset()

def soft_reset():
    # rp2 raises SystemExit; the REPL turns it into a soft reboot.
    raise SystemExit

def reset_cause():
    return _picosim.reset_cause()

def unique_id():
    return _UID

def freq(*a):
    return 125000000

def idle():
    _sleep_ms(0)

def lightsleep(ms=None):
    _sleep_ms(ms or 0)

def deepsleep(ms=None):
    _sleep_ms(ms or 0)
    reset()

def bootloader(*a):
    _picosim.reset()

def disable_irq():
    return 0

def enable_irq(state=0):
    pass

def time_pulse_us(*a):
    return -1

class WDT:
    # The rp2 watchdog keeps running across soft resets and cannot be
    # stopped; when not fed in time the board hard-resets (WDT_RESET).
    def __init__(self, id=0, timeout=5000):
        if timeout > 8388:
            raise ValueError('timeout exceeds 8388ms')
        _picosim.wdt_start(timeout)

    def feed(self):
        _picosim.wdt_feed()

class Timer:
    # rp2's machine.Timer: virtual timers only (id -1, positional), every
    # init argument keyword-only. The simulator's clock keeps the timer and
    # hands the callback to micropython.schedule when it is due, as rp2's
    # alarm callback does, so it runs as a soft interrupt. init, deinit and
    # repr have no branches here (the work is in JS): a jump is where the
    # VM raises Ctrl-C or runs a callback, and rp2's are C code.
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, *a, **kw):
        self._h = 0
        id = -1
        if a:
            id = a[0]
            a = a[1:]
        if id != -1:
            raise ValueError("Timer doesn't exist")
        if a or kw:
            self.init(*a, **kw)

    def init(self, *, mode=1, callback=None, period=0xffffffff, tick_hz=1000, freq=None):
        self._h = _picosim.timer_init(self._h, callback, self, mode, float(period), float(tick_hz), freq)

    def deinit(self):
        _picosim.timer_stop(self._h)

    def __repr__(self):
        return _picosim.timer_repr(self._h)

class Pin:
    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, id, mode=-1, pull=-1, value=None):
        self._id = id
        self._v = 0
        if value is not None:
            self._v = 1 if value else 0

    def init(self, *a, **k):
        pass

    def value(self, v=None):
        if v is None:
            return self._v
        self._v = 1 if v else 0

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        self._v = 1

    def off(self):
        self._v = 0

    def high(self):
        self._v = 1

    def low(self):
        self._v = 0

    def toggle(self):
        self._v ^= 1

    def irq(self, *a, **k):
        return None

    def __repr__(self):
        return 'Pin(%s, mode=OUT)' % (self._id,)
`;

  // sys: the C module with the board's platform string.
  files['_picosys.py'] = `
__name__ = 'sys'
from usys import *
platform = 'rp2'
`;

  // Helpers the simulator itself calls (not for user code).
  files['_picosim_rt.py'] = `
def pending():
    # A jump: the VM's pending check runs what micropython.schedule queued
    # (timer callbacks while the REPL idles).
    i = 0
    while i < 1:
        i += 1


def chk(src):
    # Line number of a SyntaxError in src, or 0.
    try:
        compile(src, '<stdin>', 'exec')
        return 0
    except SyntaxError as e:
        import io, usys
        b = io.StringIO()
        usys.print_exception(e, b)
        s = b.getvalue()
        i = s.rfind('line ')
        if i < 0:
            return -1
        j = i + 5
        while j < len(s) and s[j].isdigit():
            j += 1
        return int(s[i + 5:j]) if j > i + 5 else -1
    except BaseException:
        return 0
`;
  return files;
}

// SETUP runs in __main__ at every boot and leaves no names behind.
export const SETUP = `
def _picosim_setup():
    import usys
    usys.path[:] = ['${SHIM_DIR}']
    import _picovfs
    usys.modules['vfs'] = _picovfs
    import os, time, machine, _picosys, _picosim_rt
    usys.modules['sys'] = _picosys
    usys.path[:] = ['', '/lib']
_picosim_setup()
del _picosim_setup
`;
