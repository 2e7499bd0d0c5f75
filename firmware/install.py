# otapush agent installer: the host runs this over the raw REPL to install
# or upgrade the agent, even on a board without one. Every file arrives as
# /.ota/<name>.new, is hashed after close, and only then renamed over its
# target (atomic on littlefs), so a cut leaves the old or the new file.
# The agent module is ota_agent.mpy (bytecode) on a board that loads it,
# ota_agent.py otherwise; MicroPython imports a .py before an .mpy of the
# same name, so the other form is removed where a cut between the two
# steps leaves the old agent (or none) importable, never a new .py beside
# a stale .mpy: the host reinstalls whenever the old version answers.
import os, sys, binascii, hashlib


def _oi_w(p, d, a=1, z=0):
    # Appends (a=1) or starts (a=0) file p with chunk d: bytes, or base64
    # text; with z, a raw-deflate stream made with a 2**z window, inflated
    # through a small buffer (the agent travels compressed).
    if isinstance(d, str):
        d = binascii.a2b_base64(d)
    with open(p, "ab" if a else "wb") as f:
        if not z:
            f.write(d)
            return
        import deflate, io
        r = deflate.DeflateIO(io.BytesIO(d), deflate.RAW, z)
        b = bytearray(512)
        m = memoryview(b)
        while True:
            n = r.readinto(b)
            if not n:
                break
            f.write(m[:n])


def _oi_sha(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        while True:
            b = f.read(1024)
            if not b:
                break
            h.update(b)
    return binascii.hexlify(h.digest()).decode()


def _oi_ours(p):
    # The agent's boot.py/main.py start with this marker line.
    try:
        with open(p) as f:
            return f.readline().startswith("# otapush-agent")
    except OSError:
        return False


def _oi_mv(a, b):
    try:
        os.rename(a, b)
    except OSError:  # FAT cannot rename over a file
        os.remove(b)
        os.rename(a, b)


def _oi_rm(p):
    try:
        os.remove(p)
    except OSError:
        pass


def _oi_install(name, sha):
    # Verifies /.ota/<name>.new and moves it to /<name>. The app's own
    # boot.py/main.py is first copied aside (to _app_boot.py/_app_main.py)
    # so it keeps running under the agent; a copy, not a move, so there is
    # never a moment without a boot.py.
    new = "/.ota/" + name + ".new"
    got = _oi_sha(new)
    if got != sha:
        os.remove(new)
        print('{"ok":false,"err":"hash","msg":"%s: sha256 %s, want %s"}' % (name, got, sha))
        return
    app = {"boot.py": "/_app_boot.py", "main.py": "/_app_main.py"}.get(name)
    dst = "/" + name
    try:
        os.stat(dst)
        exists = True
    except OSError:
        exists = False
    if app and exists and not _oi_ours(dst):
        with open(dst, "rb") as s, open(app + ".tmp", "wb") as d:
            while True:
                b = s.read(1024)
                if not b:
                    break
                d.write(b)
        _oi_mv(app + ".tmp", app)
    if name == "ota_agent.py":
        _oi_rm("/ota_agent.mpy")
    _oi_mv(new, dst)
    if name == "ota_agent.mpy":
        _oi_rm("/ota_agent.py")
    if name.startswith("ota_agent."):
        # This session may have imported the old module already; the next
        # call must import the new one.
        sys.modules.pop("ota_agent", None)
    print('{"ok":true,"installed":"%s"}' % name)


try:
    os.mkdir("/.ota")
except OSError:
    pass


def _oi_cfg(text):
    # The agent's settings (stage_dir, backup_dir, confirm policy, fat_mode).
    with open("/.ota/config.json.tmp", "w") as f:
        f.write(text)
    _oi_mv("/.ota/config.json.tmp", "/.ota/config.json")
    print('{"ok":true,"installed":"config.json"}')


# What the host may send: raw-deflate chunks only where deflate is built in.
try:
    import deflate
    _oi_z = True
except ImportError:
    _oi_z = False
# Which .mpy files the board loads: the bytecode version (low byte of
# sys.implementation._mpy, MicroPython 1.19+), 0 when it does not say.
print('{"ok":true,"deflate":%s,"mpy":%d}' % ("true" if _oi_z else "false", getattr(sys.implementation, "_mpy", 0) & 0xFF))
