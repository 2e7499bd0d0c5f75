# otapush on-board agent: journaled, power-cut-safe swap of an app file set,
# trial boot with rollback, and a small API the host drives over the raw REPL.
# Design, states and commit points: docs/agent.md. MicroPython only (rp2 first).
import os, sys, json, hashlib, binascii, gc

VERSION = "1.8.0"  # agent version; internal/agent's Version must match
API = 1            # host-facing API version; bumped on incompatible changes
# (1.1.0 added putn; 1.3.0 putn batch digest, arm by digest, status mem,
# relaunch; 1.4.0 survey; 1.5.0 transaction events, policy uptime, nonce;
# 1.5.1 the "end" state carries the outcome record, config.json checked;
# 1.6.0 hooks bounded: deadline, starts, output, every BaseException fails;
#   file data as bytes literals, status hw;
# 1.7.0 shipped as bytecode (ota_agent.mpy) where the board loads it;
# a host uploads only after upgrading an older agent; 1.8.0 bounded heap:
#   answers streamed, survey may answer "n" paths and arm "more" on a
#   board short of heap, the host asking again)

D = "/.ota"                  # the agent's one folder; everything else is app
ST = D + "/state.json"       # the commit record; absent means idle
PL = D + "/plan.json"        # immutable once the state says "apply"
LAST = D + "/last.json"      # outcome of the last transaction, for the host
CFG = D + "/config.json"     # written by the host at install time
PV = D + "/prev"             # kept backup of the version before the last commit
PVO = PV + ".old"            # the older kept one, only while it is replaced
VJ = "version.json"          # app version record, swapped with the files
MAX_TRIES = 8                # recovery attempts per state before SAFE
# The app's own boot.py/main.py live on under these names; the agent owns
# /boot.py and /main.py. These names (and ours) are refused in a bundle.
MAP = {"boot.py": "_app_boot.py", "main.py": "_app_main.py"}
RESERVED = ("ota_agent.py", "ota_agent.mpy", VJ, "_app_boot.py", "_app_main.py", ".ota")

_up = None  # the upload in progress: [file, app path, bytes written]
EV = "OTA1"                  # prefix of a transaction event line (_ev)
TB = 1024                    # bound of a traceback kept for the host
POLICIES = ("uptime", "return", "app", "host")
HOOK_S = 30                  # a hook's default deadline (hook_s), seconds
HOOK_TRIES = 3               # starts a hook gets: a reset or cut in it counts
HOOK_OUT = 1024              # bytes of a hook's print() output shown


class Fail(Exception):
    # A refusal: Fail(code, message), code stable for the host to switch on.
    pass


class Short(Exception):
    # A recovery ran short of heap (where _sh allows it to stop): at boot
    # the board resets and the next boot goes on from where it stopped,
    # an abort answers "more" and the host calls it again (every step is
    # idempotent, guarded by what the filesystem shows).
    pass


_sh = [0]  # the recovery running may stop short (Short)


# ---- small file helpers ----------------------------------------------------

def _st(p):
    try:
        return os.stat(p)
    except OSError:
        return None


def _isdir(p):
    s = _st(p)
    return s is not None and s[0] & 0x4000 != 0


def _isfile(p):
    s = _st(p)
    return s is not None and s[0] & 0x4000 == 0


def _load(p):
    try:
        with open(p) as f:
            return json.load(f)
    except Exception:  # absent, torn or garbage: treat as absent
        return None


def _head(p):
    # The first line of JSON file p as an object: the whole file when it is
    # one line, else its small members when big ones follow on a second
    # line (_put's big; version.json's files), read without them: a board
    # may not collect before the boot or the trial that reads it ends.
    try:
        with open(p) as f:
            t = f.readline()
        d = json.loads(t[:-2] + "}" if t.endswith(",\n") else t)
    except Exception:  # absent, torn or garbage: treat as absent
        return None
    return d if isinstance(d, dict) else None


def _put(p, obj, big=()):
    # Atomic replace: write a temp file, close (durable on littlefs), then
    # rename over the target, which littlefs does in one commit. On FAT the
    # rename is remove-then-rename (FAT mode is documented as weaker).
    # The members named in big go on a second line, for _head to skip.
    # Those lists go item by item through a 1 KB buffer: a board short of
    # heap may have no room for their text in one piece.
    t = p + ".tmp"
    with open(t, "w") as f:
        if not big:
            f.write(json.dumps(obj))  # one write: fewer flash ops
        else:
            f.write(json.dumps(dict((k, obj[k]) for k in obj if k not in big))[:-1] + ",\n")
            mv, u = _buf(), 0
            for j, k in enumerate(big):
                u = _wb(f, mv, u, '%s"%s":[' % ("," if j else "", k))
                for i, x in enumerate(obj[k]):
                    if i:
                        u = _wb(f, mv, u, b",")
                    u = _wb(f, mv, u, json.dumps(x))
                u = _wb(f, mv, u, b"]")
            u = _wb(f, mv, u, b"}")
            f.write(mv[:u])
    if _fat() and _isfile(p):
        os.remove(p)
    os.rename(t, p)


def _rm(p):
    try:
        os.remove(p)
    except OSError:
        pass


def _rmtree(p):
    if not _isdir(p):
        _rm(p)
        return
    for e in os.ilistdir(p):
        if _sh[0] and _low():
            raise Short()
        q = p + "/" + e[0]
        if e[1] & 0x4000:
            _rmtree(q)
        else:
            os.remove(q)
    os.rmdir(p)


def _names(d):
    # The names in folder d, listed once (none when it is absent).
    return set(e[0] for e in os.ilistdir(d)) if _isdir(d) else ()


def _mkdirs(p):
    # Creates each missing folder of absolute path p, top down.
    q = ""
    for s in p.strip("/").split("/"):
        q += "/" + s
        if not _isdir(q):
            os.mkdir(q)


def _parent(p):
    i = p.rfind("/")
    return p[:i] if i > 0 else ""


def _hex(b):
    return binascii.hexlify(b).decode()


def _buf():
    # One read buffer for a call's files (a fresh 1 KB per file was most
    # of a 50-file survey's garbage on a board that cannot collect
    # inside a call).
    return memoryview(bytearray(1024))


def _digests(p, sha1=True, mv=None, size=-1):
    # Binary sha256 of a file and, where the firmware has sha1, its git
    # blob SHA1 (the manifest's identity; None without), and its size: one
    # pass through mv (_buf()). size: the caller's stat of p, if it has one.
    if size < 0:
        size = os.stat(p)[6]
    h = hashlib.sha256()
    g = None
    if sha1 and hasattr(hashlib, "sha1"):
        g = hashlib.sha1(b"blob %d\0" % size)
    if mv is None:
        mv = _buf()
    with open(p, "rb") as f:
        while True:
            n = f.readinto(mv)
            if not n:
                break
            m = mv if n == len(mv) else mv[:n]
            h.update(m)
            if g:
                g.update(m)
    return h.digest(), g.digest() if g else None, size


def _hash(p, sha1=True, mv=None):
    # [sha256, blob sha1 or None, size] of a file, hex.
    h, g, n = _digests(p, sha1, mv)
    return [_hex(h), _hex(g) if g else None, n]


def _wb(f, mv, n, x):
    # Appends x (str or bytes) to the write buffer mv, n bytes of it used,
    # writing it to f when full: a few flash writes for a file built of
    # many small pieces. Returns the bytes now used.
    if isinstance(x, str):
        x = x.encode()
    if n + len(x) > len(mv):
        f.write(mv[:n])
        n = 0
        if len(x) > len(mv):
            f.write(x)
            return 0
    mv[n:n + len(x)] = x
    return n + len(x)


def _key(p):
    # Flat stage/backup name of an app path: no nested folders to create
    # or remove in the agent's own area, bounded length.
    # (The str is its own UTF-8 buffer; half the digest is hexlified.)
    return binascii.hexlify(memoryview(hashlib.sha256(p).digest())[:12]).decode()


# ---- configuration and filesystem type --------------------------------------

# The agent's own names in /.ota: a stage or backup folder there would be
# removed with the journal, or would shadow it (mirrors config.AgentReserved).
OWN = ("state.json", "plan.json", "last.json", "config.json", "prev", "prev.old",
       "ota_agent.py.new", "ota_agent.mpy.new", "boot.py.new", "main.py.new")


def _cfgerr(c):
    # Why config.json c is not a valid agent config, or None. The host
    # checks the same rules first (internal/config, agent settings).
    if not isinstance(c, dict):
        return "config.json is not a JSON object"
    dirs = []
    for k, d in (("stage_dir", ".ota_stage"), ("backup_dir", ".ota_backup")):
        v = c.get(k, d)
        if (not isinstance(v, str) or not v or len(v.encode()) > 64 or v in (".", "..") or
                any(ch in v for ch in "/\\\x7f") or min(v) <= " " or v in OWN or
                v[-4:] in (".tmp", ".new")):
            return "%s %r: use one plain folder name (not empty, no slash, not . or .., " \
                   "not one of the agent's own %s)" % (k, v, ", ".join(OWN))
        dirs.append(v)
    if dirs[0] == dirs[1]:
        return "stage_dir and backup_dir are both %r: they must differ" % dirs[0]
    p = c.get("confirm")
    if p is not None and p not in POLICIES and p != "auto":
        return "confirm %r: use uptime, return, app or host" % (p,)
    for k, lo, hi in (("trial_boots", 1, 100), ("confirm_after_s", 0, 86400), ("deadline_s", 0, 86400),
                      ("hook_s", 1, 3600)):
        v = c.get(k)
        if v is not None and (type(v) not in (int, float) or v < lo or v > hi):
            return "%s %r: a number from %d to %d" % (k, v, lo, hi)
    if type(c.get("keep_previous", False)) is not bool:
        return "keep_previous %r: true or false" % (c.get("keep_previous"),)
    if c.get("fat_mode") not in (None, "weak"):
        return "fat_mode %r: only \"weak\"" % (c.get("fat_mode"),)
    if c.get("fs") is not None and not isinstance(c.get("fs"), str):
        return "fs %r: a string" % (c.get("fs"),)
    return None


def _rawcfg():
    # config.json as it is, and why the agent ignores it (None: it does not).
    if not _st(CFG):
        return None, None
    c = _load(CFG)
    return c, ("config.json is not valid JSON" if c is None else _cfgerr(c))


def _cfg(strict=False):
    # The settings, or the defaults when config.json is absent or bad: a
    # bad one must never break a boot (recovery, trial). strict (arm and
    # uploads) refuses a bad one instead, so the host rewrites it.
    c, e = _rawcfg()
    if e:
        if strict:
            raise Fail("config", "/.ota/config.json: " + e + "; update with otapush to rewrite it")
        return {}
    return c or {}


def _seg(name, dflt):
    # stage_dir/backup_dir must be one plain name inside /.ota.
    if not isinstance(name, str) or not name or "/" in name or name in (".", ".."):
        return dflt
    return name


def _dirs(c=None):
    c = _cfg() if c is None else c
    return (D + "/" + _seg(c.get("stage_dir"), ".ota_stage"),
            D + "/" + _seg(c.get("backup_dir"), ".ota_backup"))


_fs = None  # cached fs_type(): the mount does not change while running


def fs_type():
    # "lfs2", "lfs1", "fat", "posix" (the simulator) or "unknown". The
    # config's "fs" overrides detection, so tests can pose as a FAT board.
    global _fs
    if _fs is None:
        _fs = _cfg().get("fs") or _detect()
    return _fs


def _detect():
    try:
        import vfs
        for v, m in vfs.mount():
            if m == "/":
                n = type(v).__name__
                return {"VfsLfs2": "lfs2", "VfsLfs1": "lfs1", "VfsFat": "fat",
                        "VfsPosix": "posix"}.get(n, n)
    except Exception:
        pass
    return "unknown"


def _fat():
    return fs_type() not in ("lfs2", "lfs1", "posix")


def _check_fs():
    # littlefs renames are atomic; FAT's are not (remove then rename, and a
    # cut in f_rename can cross-link clusters). Refuse unless opted in.
    # Every upload and arm passes here: a bad config.json is refused
    # before the stage is touched (ErrConfig), so the host rewrites it.
    if _cfg(True).get("fat_mode") != "weak" and _fat():
        raise Fail("fat", "filesystem %s has no atomic rename; otapush refuses the "
                   "atomic update mode. Set fat_mode=weak to accept a weaker, "
                   "non-power-safe update (docs/agent.md)" % fs_type())


# ---- paths --------------------------------------------------------------------

def check(p):
    # Defence in depth: the host already refuses these. Tested on the
    # whole string, not its split segments: a survey checks every path of
    # the bundle, and each split was garbage a board may not collect
    # before the call ends.
    if (not isinstance(p, str) or not p or p.startswith("/") or p.endswith("/") or "//" in p or
            "\\" in p or "\0" in p or "\x7f" in p or min(p) < " " or p in (".", "..") or
            p.startswith("./") or p.startswith("../") or p.endswith("/.") or p.endswith("/..") or
            "/./" in p or "/../" in p or
            # 255: littlefs's LFS_NAME_MAX (manifest.MaxNameBytes on the
            # host); a name of up to 63 characters has at most 252 bytes.
            (len(p) > 63 and any(len(s.encode()) > 255 for s in p.split("/")))):
        raise Fail("path", "bad path %r" % (p,))
    # The host's manifest.CheckAppPath: our names, _app_*.py, and those or
    # boot.py/main.py (files here) used as a folder.
    for t in RESERVED:
        if p.startswith(t) and (len(p) == len(t) or p.startswith("/", len(t))):
            raise Fail("path", "%s is reserved for the agent" % p)
    if p.startswith("_app_"):
        i = p.find("/")
        if (p if i < 0 else p[:i]).endswith(".py"):
            raise Fail("path", "%s is reserved for the agent" % p)
    if p.startswith("boot.py/") or p.startswith("main.py/"):
        raise Fail("path", "%s is reserved for the agent" % p)
    return p


def _ok(p):
    try:
        return check(p)
    except Fail:
        return None


def live(p):
    # Absolute on-board location of app path p.
    return "/" + MAP.get(p, p)


# ---- the journal --------------------------------------------------------------

def _state():
    s = _load(ST)
    return s if isinstance(s, dict) and "s" in s else None


def _set(s, **kw):
    kw["s"] = s
    _put(ST, kw)
    return kw


def _forward(pl):
    # Apply the plan. Every step is one rename/remove/mkdir, guarded by what
    # the filesystem shows, so re-running after a cut at any point is a
    # no-op for the steps already done (idempotent, no progress writes).
    # Raises Short (where _sh allows) when the heap runs short before a
    # file, as on a board that cannot collect before the boot ends; the
    # next boot goes on as after a cut.
    sd, bd = pl["sd"], pl["bd"]
    _mkdirs(bd)
    for p, k in pl["dels"]:
        l, b = live(p), bd + "/" + k
        if _st(l) and not _st(b):
            os.rename(l, b)
    for d in pl["rmd"]:  # folders emptied by the deletions, deepest first
        if _isdir(live(d)):
            os.rmdir(live(d))
    for d in pl["mkd"]:  # folders new files need, shallowest first
        if not _isdir(live(d)):
            os.mkdir(live(d))
    # The stage's names, listed once (only this loop changes them, each
    # once, so the list stays true for every key it has yet to move): a
    # stat of each cost more, on a boot that may not collect before the
    # swap ends.
    sn = _names(sd)
    n = 0  # files moved
    for i, (p, k, had) in enumerate(pl["puts"]):  # version.json is the last put
        if _sh[0] and i and _low():
            raise Short()
        l = live(p)
        if k in sn:
            s = sd + "/" + k
            t = _st(l)
            b = bd + "/" + k if had and t else None
            if b and not _st(b):
                os.rename(l, b)  # keep the old file for a rollback
            elif t:
                os.remove(l)  # not ours to keep (appeared after arm)
            os.rename(s, l)  # never onto an existing file: FAT-safe too
            n += 1
        elif not _st(l):
            raise Fail("stage", "staged %s vanished" % p)
    return n


def _backward(pl):
    # Undo _forward in reverse, again guarded by the filesystem only.
    sd, bd = pl["sd"], pl["bd"]
    # A revert's stage is the kept previous version: its promoted files go
    # back into it rather than away, so a failed or aborted revert still
    # leaves a whole previous version kept.
    rv = pl.get("rv")
    # Backup and stage names listed once, as in _forward: a put with
    # nothing to undo (an abort before the swap: all of them) costs no
    # heap, so a board short of it gets through them.
    bn, sn = _names(bd), _names(sd)
    for i, (p, k, had) in enumerate(reversed(pl["puts"])):
        if _sh[0] and i and _low():
            raise Short()  # as _forward
        if k in bn:
            l = live(p)
            if _st(l):
                if rv and k not in sn:
                    os.rename(l, sd + "/" + k)
                else:
                    os.remove(l)
            _mkdirs(_parent(l))
            os.rename(bd + "/" + k, l)
        elif not had and k not in sn:
            l = live(p)
            if _st(l):
                if rv:
                    os.rename(l, sd + "/" + k)
                else:
                    os.remove(l)  # a new file that was promoted
    for d in reversed(pl["mkd"]):
        if _isdir(live(d)) and not os.listdir(live(d)):
            os.rmdir(live(d))
    for d in reversed(pl["rmd"]):
        if not _isdir(live(d)):
            _mkdirs(live(d))
    for p, k in reversed(pl["dels"]):
        l, b = live(p), bd + "/" + k
        if _st(b):
            if _st(l):
                os.remove(l)
            _mkdirs(_parent(l))
            os.rename(b, l)


def _hook(st, pl, name):
    # Runs a bundle script (post_update / rollback) so that it can never
    # wedge the board nor keep a failed version live: None when it ran to
    # its end, else why it failed (an exception, or text). Every
    # BaseException fails it (sys.exit, the host's Ctrl-C, which reaches
    # it: Ctrl-C is on while it runs). Each start is counted in the state
    # (h) before it runs, so a hook that resets the board, or is cut,
    # fails after HOOK_TRIES starts; a Timer resets a hook still running
    # at its deadline (hook_s) after marking it failed. Its print() output
    # is bounded. It may run again after a cut: hooks must be idempotent.
    h = (pl.get("hooks") or {}).get(name)
    if not h or not _isfile(live(h)):
        return None
    n = st.get("h", 0)
    if n >= HOOK_TRIES:
        return st.get("hw") or "%s hook did not finish in %d starts (it reset the board, or the power was cut)" % (name, n)
    st["h"] = n + 1
    _put(ST, st)
    dl = pl.get("hook") or HOOK_S
    _ev(pl, "hook", hook=name, deadline=dl)
    on, out = [1], [HOOK_OUT]

    def late(t):
        if on[0]:
            st["h"], st["hw"] = HOOK_TRIES, "%s hook still running after its %ss deadline" % (name, dl)
            _put(ST, st)
            print("OTA:", st["hw"])
            _reset()

    def pr(*a, **k):
        # Past the bound a print is dropped and yields 1 ms instead, so
        # a hook printing for ever neither floods the host nor spins.
        if "file" in k:
            return print(*a, **k)
        if out[0] <= 0:
            import time
            time.sleep_ms(1)
        else:
            t = k.get("sep", " ").join(str(x) for x in a) + k.get("end", "\n")
            out[0] -= len(t)
            print(t[:len(t) + min(out[0], 0)], end="")
            if out[0] <= 0:
                print("\nOTA: %s hook output cut at %d bytes" % (name, HOOK_OUT))

    tm = None
    try:
        from machine import Timer
        tm = Timer(-1)
        tm.init(mode=Timer.ONE_SHOT, period=int(dl * 1000), callback=late)
    except Exception:  # no Timer: only the starts bound it
        pass
    import micropython
    try:
        with open(live(h)) as f:
            src = f.read()
        micropython.kbd_intr(3)
        exec(src, {"__name__": "ota_hook", "OTA_EVENT": name, "print": pr,
                   "OTA_FROM": pl.get("from"), "OTA_TO": pl.get("to")})
        e = None
    except BaseException as x:
        e = x
    on[0] = 0
    micropython.kbd_intr(-1)
    if tm:
        tm.deinit()
    print("OTA: %s hook %s" % (name, "done" if e is None else "failed: " + _why(e)))
    return e


def _hookwhy(e):
    # (why, traceback) of a failed hook's _hook() result.
    return (e, None) if isinstance(e, str) else (_why(e), _trace(e))


def _rec(pl):
    # What the outcome record needs from the plan, carried in the "end"
    # state itself: the cleanup removes plan.json before state.json, and a
    # cut between the two must not rebuild last.json without it.
    pl = pl or {}
    return {"from": pl.get("from"), "to": pl.get("to"), "n": pl.get("n"), "confirm": pl.get("confirm")}


def _cleanup(st, pl):
    # After the final decision: record the outcome, drop the stage, backup
    # and plan, and remove the state file LAST (that is what makes it idle).
    # The record comes from the "end" state alone (the plan only for an
    # end state without it), so every re-run writes the same last.json.
    src = st if st.get("to") else (pl or {})
    out = {"r": st.get("r"), "why": st.get("why"),
           "from": src.get("from"), "to": src.get("to"),
           "n": src.get("n"), "tb": st.get("tb")}
    if _load(LAST) != out:
        _put(LAST, out)
    sd, bd = _dirs()
    if pl:
        sd, bd = pl["sd"], pl["bd"]
    if pl and st.get("r") == "committed":
        # No plan: a re-run after plan.json went, so _keep already ran.
        _keep(bd, pl.get("keep"))
    for p in (sd, bd, PL, PL + ".tmp", ST + ".tmp", LAST + ".tmp"):
        if p != PV and _st(p):  # a revert's stage is PV: _keep rotated it
            _rmtree(p)
    _rm(ST)


def _keep(bd, keep):
    # At commit: keep_previous turns the backup (the old version's replaced
    # and deleted files, its version.json among them) into PV with one
    # directory rename; otherwise any PV is stale (it no longer completes
    # the live version) and goes. A backup without a version.json (the
    # first otapush install) has no version to return to. Re-run after a
    # cut: bd gone means the rotation is done; the older PV moves aside
    # before the new one takes its name and is removed only after.
    kvj = bd + "/" + _key(VJ)
    if keep and _isdir(bd) and _isfile(kvj):
        if _st(PV):
            if _st(PVO):
                _rmtree(PVO)
            os.rename(PV, PVO)
        os.rename(bd, PV)
    elif not keep or _isdir(bd):
        if _st(PV):
            _rmtree(PV)
    if _st(PVO):
        _rmtree(PVO)


def _why(e):
    return "%s: %s" % (type(e).__name__, e)


def _trace(e):
    # The traceback as the firmware would print it, its last TB characters
    # (the exception line is last), for the host's rollback reason.
    try:
        import io, sys
        b = io.StringIO()
        sys.print_exception(e, b)
        t = b.getvalue()
    except Exception:
        t = _why(e)
    return t[-TB:]


def _ev(pl, name, **d):
    # One transaction event on the console, one line: "OTA1 <nonce> <event>
    # <json>". The nonce is the host's, from the arm spec, so the host never
    # takes an app's look-alike text or an older transaction's line for the
    # verdict it waits for (docs/agent.md, "Events"). Never raises.
    try:
        n = (pl or {}).get("n") or "-"
        print(EV, n, name, json.dumps(d))
    except Exception:
        pass


def _pol(pl):
    # "auto" (older hosts and configs) is uptime.
    p = (pl or {}).get("confirm") or "uptime"
    return "uptime" if p == "auto" else p


def recover(boot=True):
    # Runs at every boot (boot.py) and from confirm()/rollback()/abort().
    # Idle and trial states write nothing. Each step ends by writing the
    # next state, so the loop is bounded: apply -> trial | rollback ->
    # restore -> end -> idle. At boot, a state that keeps failing (a cut or
    # crash in the middle of it, boot after boot) ends in SAFE.
    st = _state()
    if st is None or st["s"] in ("trial", "safe"):
        return st
    if boot:
        t = st.get("t", 0) + 1
        if t > MAX_TRIES:
            st = _set("safe", why="recovery kept failing in state %s: %s" % (st["s"], st.get("e")), was=st)
            print("OTA: SAFE", st["why"])
            _ev(_head(PL), "safe", why=st["why"])
            return st
        st["t"] = t
        _put(ST, st)
    # The plan's lists only where the swap and its undo need them.
    pl = _head(PL)
    while st and st["s"] not in ("trial", "safe"):
        s = st["s"]
        try:
            if pl is None and s != "end":
                raise Fail("plan", "plan.json missing")
            if s == "apply":
                try:
                    # The hook and the trial's first boot need heap too:
                    # a boot that moved files and is short goes on after
                    # a reset (a re-run moves nothing: it carries on).
                    if _forward(_load(PL)) and boot and _low(2 * LOW):
                        raise Short()
                except Short:
                    raise
                except Exception as e:
                    st = _set("restore", why="apply failed: " + _why(e))
                    continue
                e = _hook(st, pl, "post_update")
                if e is not None:
                    why, tb = _hookwhy(e)
                    st = _set("rollback", why="post_update hook failed: " + why, tb=tb)
                    continue
                st = _set("trial", b=0)
                print("OTA: TRIAL", pl["to"].get("version"))
            elif s == "rollback":
                _hook(st, pl, "rollback")  # a failure is only logged: the restore goes on
                st = _set("restore", why=st.get("why"), tb=st.get("tb"))
            elif s == "restore":
                _backward(_load(PL))
                st = _set("end", r=st.get("r", "rolled_back"), why=st.get("why"), tb=st.get("tb"), **_rec(pl))
            elif s == "end":
                _cleanup(st, pl)
                r = st.get("r") or ""
                print("OTA:", r.upper(), st.get("why") or "")
                # After the cleanup: the files of the version named are
                # whole on flash when the host reads this.
                # A re-run after a cut (plan.json gone) still tells the
                # host, from what the end state carries.
                e = pl or (st if st.get("to") else None)
                if e and r == "committed":
                    _ev(e, r, version=e["to"].get("version"), policy=_pol(e))
                elif e and r:
                    _ev(e, r, version=(e.get("from") or {}).get("version"), why=st.get("why"))
                st = None
            else:
                raise Fail("state", "unknown state %s" % s)
        except Short:
            raise  # the caller goes on later (_sh)
        except BaseException as e:  # a Ctrl-C that came as a hook ended, too
            # Leave the state as it is (tries counts it) and carry on booting.
            st["e"] = _why(e)
            try:
                _put(ST, st)
            except Exception:
                pass
            print("OTA: recovery error in", s, st["e"])
            return st
    return st


# ---- boot integration ---------------------------------------------------------

def _main_globals():
    try:
        import __main__
        return __main__.__dict__
    except Exception:
        return {"__name__": "__main__"}


def _run_app(p, name):
    # Runs the app's own boot/main file the way the firmware would: in the
    # __main__ globals, with its own file name in tracebacks.
    if not _isfile(p):
        return False
    with open(p) as f:
        src = f.read()
    g = _main_globals()
    try:
        code = compile(src, name, "exec")
    except NameError:  # firmware without compile()
        code = src
    del src
    gc.collect()
    exec(code, g)
    return True


def _reset():
    # Lets the event just printed leave the USB FIFO before the port goes.
    import machine, time
    time.sleep_ms(100)
    machine.reset()


def _fail_trial(why, tb=None):
    # The new version failed on its own: roll back now, then restart so the
    # old version boots cleanly from its own boot file. The events tell a
    # watching host why (rollback) and that the old version is whole again
    # (rolled_back, from recover) before the reset.
    _set("rollback", why=why, tb=tb)
    print("OTA: ROLLBACK", why)
    _ev(_head(PL), "rollback", why=why, trace=tb)
    recover(False)
    _reset()


def boot():
    # Called by the agent's /boot.py. Must never raise for the agent's own
    # sake and never hang; USB comes up only after boot.py returns.
    try:
        import micropython
        micropython.kbd_intr(-1)  # recovery is not interruptible by Ctrl-C
    except Exception:
        micropython = None
    try:
        _sh[0] = 1
        st = recover()
    except Short:
        st = None
        print("OTA: recovery goes on after a reset (heap short)")
        _reset()
    except Exception as e:
        st = None
        print("OTA: recover failed:", _why(e))
    _sh[0] = 0
    if micropython:
        micropython.kbd_intr(3)
    trial = st is not None and st.get("s") == "trial"
    try:
        if trial and _isfile(live("boot.py")):
            # A new boot.py that hangs or resets before returning never
            # reaches main.py: count unfinished app boots here (cleared on
            # return).
            pl = _head(PL) or {}
            if st.get("ab", 0) >= pl.get("boots", 3):
                return _fail_trial("boot.py did not return in %d boots" % st["ab"])
            st["ab"] = st.get("ab", 0) + 1
            _put(ST, st)
    except Exception as e:  # e.g. a full flash: still boot the app
        print("OTA: trial bookkeeping failed:", _why(e))
    try:
        _run_app(live("boot.py"), "boot.py")
    except KeyboardInterrupt:
        raise
    except Exception as e:
        if trial:
            return _fail_trial("boot.py raised " + _why(e), _trace(e))
        raise  # not ours: the firmware skips main.py as it always did
    if trial and st.get("ab"):
        st["ab"] = 0
        try:
            _put(ST, st)
        except Exception as e:
            print("OTA: trial bookkeeping failed:", _why(e))


def main():
    # Called by the agent's /main.py (friendly REPL boots only, so host
    # raw-REPL sessions never burn a trial boot).
    st = _state()
    if st is None or st.get("s") != "trial":
        _run_app(live("main.py"), "main.py")
        return
    pl = _head(PL) or {}
    b = st.get("b", 0) + 1
    if b > pl.get("boots", 3):
        return _fail_trial("not confirmed after %d trial boots" % (b - 1))
    st["b"] = b
    st.pop("g", None)
    try:
        _put(ST, st)
    except Exception as e:  # uncounted boot: the app still runs
        print("OTA: trial bookkeeping failed:", _why(e))
    pol = _pol(pl)
    _ev(pl, "trial", boot=b, boots=pl.get("boots", 3), policy=pol,
        version=pl["to"].get("version"), after=pl.get("after", 0), deadline=pl.get("deadline", 0))
    _timer(pl, pol)
    try:
        _run_app(live("main.py"), "main.py")
    except KeyboardInterrupt:
        raise  # the host's Ctrl-C is not an app failure
    except Exception as e:
        st = _state()
        if st and st.get("s") == "trial":
            return _fail_trial("main.py raised " + _why(e), _trace(e))
        raise  # already confirmed: an ordinary app error
    if pol in ("uptime", "return"):
        _confirm()  # returning without an exception is healthy


def _timer(pl, pol):
    # Time-based parts of the policy: "uptime" confirms after "after"
    # seconds alive in trial; "deadline" resets a still-unconfirmed trial
    # (the next boot counts it, so a hung version is rolled back after its
    # trial boots). Needs machine.Timer; skipped without it.
    try:
        from machine import Timer
    except ImportError:
        return
    if pol == "uptime" and pl.get("after", 0) > 0:
        t = Timer(-1)
        t.init(mode=Timer.ONE_SHOT, period=int(pl["after"] * 1000), callback=lambda t: _confirm())
        _timers.append(t)
    if pl.get("deadline", 0) > 0:
        def late(t):
            s = _state()
            if s and s.get("s") == "trial":
                _ev(pl, "deadline", boot=s.get("b", 0), deadline=pl["deadline"])
                _reset()
        t = Timer(-1)
        t.init(mode=Timer.ONE_SHOT, period=int(pl["deadline"] * 1000), callback=late)
        _timers.append(t)


_timers = []  # keeps the trial timers referenced while the app runs


# ---- host-facing API: each call prints one JSON line and returns it -----------

def _js(v):
    # v as compact JSON text.
    try:
        return json.dumps(v, separators=(",", ":"))
    except TypeError:  # a json module without separators
        return json.dumps(v)


def _jw(v):
    # Prints v as compact JSON, in one write: the big answers (survey,
    # hashes) go out piece by piece instead of as one string (a 50-file
    # survey's was 13 KB), on a board that may not collect before the
    # call ends, but each piece whole.
    print(_js(v), end="")


_so = [0]  # a streamed answer (_survey, _hashes) is open on stdout


def _out(d):
    # Prints d as the call's one JSON line, or, after a streamed answer's
    # opening members, as its last ones. A streamed answer that failed
    # half way is left as a broken line (the host skips it) and the error
    # gets a line of its own.
    if _so[0] and not d.get("ok"):
        print()
        _so[0] = 0
    print("," + _js(d)[1:] if _so[0] else _js(d))
    _so[0] = 0
    return d


_hw = [0]  # most heap in use at the end of an API call (status "hw")


def _api(f):
    # Every API call answers {"ok":true,...} or {"ok":false,"err":code,"msg":..}.
    def w(*a, **k):
        if f is not _arm:
            _arm_drop()
        try:
            r = f(*a, **k)
            r["ok"] = True
        except Fail as e:
            r = {"ok": False, "err": e.args[0], "msg": e.args[1]}
        except OSError as e:
            import errno
            # errno.ENOSPC is not in every port's errno module; 28 on all.
            r = {"ok": False, "err": "ENOSPC" if e.errno == getattr(errno, "ENOSPC", 28) else "os",
                 "msg": _why(e)}
        _hw[0] = max(_hw[0], gc.mem_alloc())
        if gc.mem_free() < 32768:
            # Less heap than a call may need: a board that collects only
            # between execs (once 16 KB were allocated, or an allocation
            # failed) may leave this call's garbage to the next; this asks
            # it to collect.
            gc.collect()
        return _out(r)
    return w


def _version():
    v = _load("/" + VJ)
    return v if isinstance(v, dict) else {}


def _status():
    st = _state()
    v = _head("/" + VJ) or {}
    r = {"agent": VERSION, "api": API, "fs": fs_type(), "atomic": not _fat(),
         "app": {"version": v.get("version"), "commit": v.get("commit")},
         "state": st["s"] if st else "idle", "last": _load(LAST)}
    # 1.5.1: the settings as the board has them, so the host rewrites them
    # when its own differ (or they are bad: cfgerr, and the defaults rule).
    r["cfg"], r["cfgerr"] = _rawcfg()
    if st:
        r["txn"] = dict((k, st[k]) for k in st if k != "was")
        pl = _head(PL)
        if pl:  # 1.5.0: which transaction, for a host that did not arm it
            r["nonce"], r["policy"] = pl.get("n"), _pol(pl)
            r["after"], r["deadline"] = pl.get("after"), pl.get("deadline")
            # Which version is armed: --resume without a source applies
            # it, and one with a source must name the same.
            r["to"] = pl.get("to")
    sd, bd = _dirs()
    r["staged"] = len(os.listdir(sd)) if _isdir(sd) else 0
    p = _head(PV + "/" + _key(VJ))
    r["prev"] = {"version": p.get("version"), "commit": p.get("commit")} if p else None
    try:
        s = os.statvfs("/")
        r["bsize"], r["blocks"], r["bfree"] = s[0], s[2], s[3]
    except Exception:
        pass
    # Free heap: the host sizes its deflate window (2**wbits of RAM) by it.
    r["hw"] = max(_hw[0], gc.mem_alloc())
    gc.collect()
    r["mem"] = gc.mem_free()
    return r


def _hashes(paths, stage=False):
    # [sha256, blob sha1 or null, size] or null for each app path: live
    # files, or (stage=True) what is already verified in the stage, which
    # is how an interrupted upload resumes. Streamed (_out).
    _so[0] = 1
    print('{"h":', end="")
    _hs(paths, stage, _buf(), len(paths), False)
    return {}


LOW = 4096  # free heap below which a survey stops early (_low)


def _low(need=LOW):
    # Whether the heap is too short for one more file in this call: a
    # board that can collects first; one whose heap holds live data, or
    # the simulated board (it collects only between execs), cannot.
    if gc.mem_free() >= need:
        return False
    gc.collect()
    return gc.mem_free() < need


def _hs(paths, stage, mv, n, bound):
    # Streams {path: [sha256, blob sha1 or null, size] or null} for the
    # first n paths, live or staged (_hashes), through one read buffer
    # (mv); bound: stop early when the heap runs short (_low). Returns how
    # many paths it covered. An empty or absent stage is not looked in.
    sd = None
    if stage:
        sd = _dirs()[0]
        if not _isdir(sd) or not any(1 for e in os.ilistdir(sd)):
            sd = None
    w = sys.stdout.write
    print("{", end="")
    i = 0
    while i < n:
        p = paths[i]
        check(p)
        if bound and i and _low():
            break
        if stage and sd is None:
            i += 1
            continue
        q = sd + "/" + _key(p) if stage else live(p)
        s = _st(q)
        print("," if i else "", end="")
        _jw(p)
        if s is None or s[0] & 0x4000:
            print(":null", end="")
        else:
            h, g, z = _digests(q, True, mv, s[6])
            print(':["', end="")
            w(binascii.hexlify(h))
            if g:
                print('","', end="")
                w(binascii.hexlify(g))
                print('",', z, "]", sep="", end="")
            else:
                print('",null,', z, "]", sep="", end="")
        i += 1
    print("}", end="")
    return i


def _survey(paths, more=0):
    # All the host's preflight and delta need in one call: the status, and
    # the live and staged hashes of the plan's paths. Streamed (_out).
    # "parts": the sizes of the partly written temp files an interrupted
    # upload left in the stage; the next upload deletes them first
    # (_drop_parts), so the host's space check counts their blocks free.
    # A board short of heap may answer for the first "n" paths only; the
    # host then asks for the rest with more=1 (no status, no parts).
    _so[0] = 1
    print("{", end="")
    if not more:
        print('"status":', end="")
        _jw(_status())
        print(",", end="")
    mv = _buf()
    print('"live":{"h":', end="")
    n = _hs(paths, False, mv, len(paths), True)
    print('},"stage":{"h":', end="")
    m = _hs(paths, True, mv, n, True)
    print("}", end="")
    r = {}
    if not more:
        r["parts"] = [_st(q)[6] for q in _parts()]
    if m < len(paths):
        r["n"] = m
    return r


def _parts():
    sd = _dirs()[0]
    if not _isdir(sd):
        return []
    return [sd + "/" + e for e in os.listdir(sd) if e.startswith("part")]


def _drop_parts():
    # Staged keys are hex, so every "part..." entry is a temp file.
    for q in _parts():
        _rm(q)


def _part():
    return _dirs()[0] + "/part"


def _busy():
    st = _state()
    if st:
        raise Fail("busy", "a transaction is in state %s; abort or finish it first" % st["s"])


def _begin(path, size=0):
    # Opens a fresh temp file in the stage for app path `path`.
    global _up
    check(path)
    _busy()
    _check_fs()
    if _up:
        _up[0].close()
        _up = None
    sd = _dirs()[0]
    _mkdirs(sd)
    _drop_parts()
    s = os.statvfs("/")
    if size and (s[3] - 2) * s[0] < size:  # 2 blocks of slack for metadata
        raise Fail("ENOSPC", "%d bytes do not fit in %d free blocks" % (size, s[3]))
    _up = [open(_part(), "wb"), path, 0]
    return {}


def _bin(d):
    # 1.6.0: the host sends bytes literals (the lexer decodes them, about
    # 1.035 wire bytes a byte); base64 text still works.
    return binascii.a2b_base64(d) if isinstance(d, str) else d


def _w(data, wbits=0):
    # Appends one chunk (bytes, or base64 text), holding raw bytes (wbits=0)
    # or a whole raw-deflate stream made with a 2**wbits window.
    global _up
    if not _up:
        raise Fail("upload", "no upload in progress (call begin)")
    b = _bin(data)
    del data
    n = len(b)
    try:
        if wbits:
            # Inflated through a small buffer, never whole in RAM (1.6.0).
            import deflate, io
            r = deflate.DeflateIO(io.BytesIO(b), deflate.RAW, wbits)
            buf = bytearray(512)
            m = memoryview(buf)
            n = 0
            while True:
                k = r.readinto(buf)
                if not k:
                    break
                _up[0].write(m[:k])
                n += k
        else:
            _up[0].write(b)
    except OSError:
        _up[0].close()
        _up = None
        _rm(_part())
        raise
    _up[2] += n
    return {"n": _up[2]}


def _finish(path, sha256, sha1=None):
    # Closes the temp file, hashes what is on flash and moves it into the
    # stage only if it matches; a mismatch deletes it.
    global _up
    if not _up or _up[1] != path:
        raise Fail("upload", "no upload of %s in progress" % path)
    _up[0].close()
    _up = None
    return _promote(path, sha256, sha1)


def _promote(path, sha256, sha1, mv=None):
    part = _part()
    got = _hash(part, sha1 is not None, mv)
    if got[0] != sha256 or (sha1 and got[1] and got[1] != sha1):
        _rm(part)
        raise Fail("hash", "%s: board has sha256 %s sha1 %s, want %s %s" % (path, got[0], got[1], sha256, sha1))
    dst = _dirs()[0] + "/" + _key(path)
    if _fat() and _st(dst):
        os.remove(dst)
    os.rename(part, dst)
    return {"size": got[2]}


def _put1(path, data, sha256, wbits=0, sha1=None):
    # begin + w + finish in one exec, for small files.
    _begin(path, 0)
    _w(data, wbits)
    return _finish(path, sha256, sha1)


def _putn(data, wbits, files, d=None):
    # Several small files from ONE stream (raw deflate with a 2**wbits
    # window, or plain bytes with wbits=0): deflating them together is what
    # makes a bundle of small files cheap on the wire. files (list or JSON
    # text), in stream order: [[path, size, sha256, sha1 or None], ...],
    # each verified and staged on its own (a mismatch refuses that file
    # only, its bytes are still consumed so the files after it stay in
    # step); or (1.3.0) [[path, size], ...] with d, the batch digest: base64
    # of sha256(the files' binary sha256s) + sha256(their git blob sha1s;
    # 32 zero bytes when the host lacks one). That spends 88 characters a
    # call instead of 110 a file: every file is hashed after close, and the
    # batch is staged only if the digest matches; else nothing is, and each
    # answer carries the board's hashes so the host can name the bad file.
    # Each file is streamed through its own temp file in small buffers
    # (only the compressed input is in RAM).
    global _up
    if isinstance(files, str):
        files = json.loads(files)
    if d:
        d = _bin(d)
        if len(d) != 64:
            raise Fail("upload", "a batch digest is 64 bytes, not %d" % len(d))
    for f in files:
        check(f[0])
    _busy()
    _check_fs()
    if _up:
        _up[0].close()
        _up = None
    sd = _dirs()[0]
    _mkdirs(sd)
    _drop_parts()
    s = os.statvfs("/")
    total = sum(f[1] for f in files)
    if (s[3] - 2) * s[0] < total:  # 2 blocks of slack for metadata
        raise Fail("ENOSPC", "%d bytes do not fit in %d free blocks" % (total, s[3]))
    import io
    src = io.BytesIO(_bin(data))
    del data
    if wbits:
        import deflate
        src = deflate.DeflateIO(src, deflate.RAW, wbits)
    buf = bytearray(512)
    mv = memoryview(buf)
    res, parts = [], []
    g256, g1 = hashlib.sha256(), hashlib.sha256()
    for i, f in enumerate(files):
        path, left = f[0], f[1]
        part = _part() + ("%d" % i if d else "")
        try:
            with open(part, "wb") as o:
                while left > 0:
                    m = memoryview(buf)[:min(left, len(buf))]
                    n = src.readinto(m)
                    if not n:
                        break  # stream too short: the hash check refuses it
                    o.write(m[:n])
                    left -= n
        except OSError:
            for q in parts:
                _rm(q[0])
            _rm(part)
            raise
        if not d:
            try:
                res.append(_promote(path, f[2], f[3] if len(f) > 3 else None, mv))
            except Fail as e:
                res.append({"err": e.args[0], "msg": e.args[1]})
            continue
        got = _hash(part, True, mv)  # its read buffer: one per call
        parts.append((part, path, got))
        g256.update(binascii.unhexlify(got[0]))
        if got[1]:
            g1.update(binascii.unhexlify(got[1]))
    if d:
        # A board without sha1 checks the sha256s alone.
        ok = g256.digest() == d[:32] and (
            d[32:] == bytes(32) or not parts or not parts[0][2][1] or g1.digest() == d[32:])
        for part, path, got in parts:
            if not ok:
                _rm(part)
                res.append({"err": "hash", "msg": "the batch does not match its digest; nothing staged",
                            "sha256": got[0], "sha1": got[1]})
                continue
            dst = sd + "/" + _key(path)
            if _fat() and _st(dst):
                os.remove(dst)
            os.rename(part, dst)
            res.append({"size": got[2]})
    gc.collect()
    return {"r": res}


_arec = {}  # one arm's work so far, between its calls on a board short of heap (_arm)


def _arm_drop():
    # Drops an arm's kept work: its half-written version.json goes too.
    f, t = _arec.get("f"), _arec.get("t")
    _arec.clear()
    if f:
        f.close()
        _rm(t)


def _arm(spec, rv=False, more=0):
    # spec (dict or JSON text): {"version","commit","source","files":
    # {path: sha256}, "delete":[paths], "post_update","rollback",
    # "confirm":"uptime|return|app|host" ("auto" = uptime), "trial_boots":3,
    # "confirm_after_s":5 (uptime's N), "deadline_s" (0 = none; default 60
    # for return, app and host), "nonce" (the host's, in every event),
    # "keep_previous":false}. Every
    # file must be staged or already live with that hash. Writes the plan,
    # then the state "apply": that rename is COMMIT POINT 1. The swap runs
    # at the next boot. rv (the revert, _revert()): the stage is PV, which
    # already holds the old version.json, and nothing in it is changed
    # before the commit point.
    # 1.8.0: a board short of heap may answer {"more": n} after n files:
    # the host then calls arm(None, False, 1) and it goes on from the work
    # it kept (_arec: the spec, the plan's entries so far, version.json
    # half written in the stage), each call's garbage collected in
    # between. Any other call, or an arm without more, drops that work.
    try:
        return _arm1(spec, rv, more)
    except BaseException:
        _arm_drop()
        raise


def _arm1(spec, rv, more):
    global _up
    a = _arec
    if not (more and a):
        _arm_drop()
        if spec is None:
            raise Fail("state", "no arm in progress to go on with")
        if isinstance(spec, str):
            spec = json.loads(spec)
    else:
        spec = a["spec"]
    _busy()
    _check_fs()
    if _up:
        _up[0].close()
        _up = None
    # Either "files": {path: sha256}, or (1.3.0) "paths" and "digest":
    # the sha256 of "path\0sha256\n" for each path in sorted order, which
    # spares the wire 64 hex characters a file; the board then proves its
    # staged-or-live files are exactly the plan by the same digest, and a
    # mismatch ("digest") makes the host send the files form to learn which.
    dg = spec.get("digest")
    c = _cfg(True)
    sd, bd = _dirs(c)
    if rv:
        sd = PV
    k = _key(VJ)
    mv = _buf()
    if not a:
        files = dict((p, None) for p in spec["paths"]) if dg else spec["files"]
        for p in files:
            check(p)
        for p in spec.get("delete", []):
            check(p)
        for n in ("post_update", "rollback"):
            if spec.get(n) and spec[n] not in files:
                raise Fail("hook", "%s hook %s is not a file of the version" % (n, spec[n]))
        # puts, missing, files that are folders live, new folders, folders
        # that are files live, folders known to be there.
        old = _version()
        # Delete what otapush installed that the new version no longer has,
        # plus what the manifest's delete list names. Nothing else. (The
        # first call's: the old version.json is the biggest thing read.)
        gone = [p for p in (old.get("files") or {}) if p not in files and _ok(p) and _isfile(live(p))]
        for p in spec.get("delete", []):
            if p not in files and p not in gone and _isfile(live(p)):
                gone.append(p)
        gone.sort()
        a["gone"], a["from"] = gone, {"version": old.get("version"), "commit": old.get("commit")}
        old = None
        a.update({"spec": spec, "files": files, "ps": sorted(files), "i": 0,
                  "m": hashlib.sha256() if dg else None, "puts": [], "miss": [], "dirs": [],
                  "mkd": [], "fd": [], "there": set()})
        if not rv:  # a revert swaps back the old version.json byte for byte
            _mkdirs(sd)
            a["t"] = sd + "/" + k + ".tmp"
            a["f"] = f = open(a["t"], "wb")
            # Its files on a line of their own, for _head to skip.
            f.write(json.dumps({"version": spec.get("version"), "commit": spec.get("commit"),
                                "source": spec.get("source")})[:-1] + ',\n"files":{')
    files, ps, m, puts, dirs, mkd, there = a["files"], a["ps"], a["m"], a["puts"], a["dirs"], a["mkd"], a["there"]
    f = a.get("f")
    # Every file's hash, from the stage when it is there (the stage may
    # hold an older upload of the path, so it is re-verified) else live,
    # in one pass through one read buffer, each file's stage name and
    # stats once: a board may not collect inside a call, so every repeat
    # was garbage that counted. Its plan entry, its line of version.json
    # and its part of the digest are made as it goes; no hash is kept.
    i, u = a["i"], 0
    n0 = i
    wv = memoryview(bytearray(512))  # version.json's write buffer (mv: reads)
    while i < len(ps):
        if i > n0 and not rv and _low():
            break
        p = ps[i]
        kp = _key(p)
        q = sd + "/" + kp
        s = _st(q)
        l = live(p)
        t = _st(l)
        lv = 0 if t is None else 2 if t[0] & 0x4000 else 1
        h = None
        if s is not None and not s[0] & 0x4000:
            h = binascii.hexlify(_digests(q, False, mv, s[6])[0])
        else:
            kp = None
            if lv == 1:
                h = binascii.hexlify(_digests(l, False, mv, t[6])[0])
        if m:
            m.update(p)
            m.update(b"\0")
            if h:
                m.update(h)
            m.update(b"\n")
        ok = h is not None and (dg or isinstance(files[p], str) and h == files[p].encode())
        if kp is not None and ok:
            puts.append([p, kp, lv == 1])
            if lv == 2:
                dirs.append(p)
            # New parents of a put (shallowest first later).
            d = _parent(p)
            while d and d not in mkd and d not in there:
                t = _st(live(d))
                if t and t[0] & 0x4000:
                    there.add(d)  # its siblings need not look again
                    break
                if t:
                    a["fd"].append(d)  # a file: refused unless deleted
                mkd.append(d)
                d = _parent(d)
        elif not ok:
            if kp is not None and not rv:  # the kept version is never edited, only refused
                os.remove(q)
            a["miss"].append(p)
        if f and h:
            # A path without a quote is its own JSON string.
            u = _wb(f, wv, u, b',"' if i else b'"')
            u = _wb(f, wv, u, p if '"' not in p else json.dumps(p)[1:-1])
            u = _wb(f, wv, u, b'":"')
            u = _wb(f, wv, u, h)
            u = _wb(f, wv, u, b'"')
        i += 1
    a["i"] = i
    if f:
        f.write(wv[:u])
    # What is left (the plan) needs about this much heap: a call that
    # hashed files and left less hands it to the next.
    if i > n0 and not rv and (i < len(ps) or _low(LOW + 192 * len(ps))):
        return {"more": i}
    gone = a["gone"]
    if dg and _hex(m.digest()) != dg:
        raise Fail("digest", "the board's files do not match the plan's digest")
    if a["miss"]:
        raise Fail("missing", "not staged and not on the board: " + " ".join(a["miss"]))
    for d in a["fd"]:
        if d not in gone:
            raise Fail("path", "%s is a file on the board and a folder in the new version" % d)
    # Folder changes: new parents of puts; folders the deletions empty.
    mkd.sort(key=lambda d: d.count("/"))
    rmd, gs = [], set(gone)
    for p in gone:
        d = _parent(p)
        while d and d not in rmd:
            pre = d + "/"
            if any(x.startswith(pre) for x in files):
                break
            if any((d + "/" + e) not in gs and (d + "/" + e) not in rmd for e in os.listdir(live(d))):
                break
            rmd.append(d)
            d = _parent(d)
    rmd.sort(key=lambda d: -d.count("/"))
    for p in dirs:
        if p not in rmd:
            raise Fail("path", "%s is a folder on the board and a file in the new version" % p)
    pol = spec.get("confirm") or c.get("confirm") or "uptime"
    if pol == "auto":
        pol = "uptime"
    if pol not in POLICIES:
        raise Fail("policy", "unknown trial policy %r (uptime, return, app, host)" % (pol,))
    n = spec.get("nonce")
    if n is not None and (not isinstance(n, str) or not n or len(n) > 32 or not all(ch in "0123456789abcdef" for ch in n)):
        raise Fail("policy", "a nonce is 1-32 lowercase hex digits")
    hs = spec.get("hook_s") or c.get("hook_s") or HOOK_S
    if type(hs) not in (int, float) or not 1 <= hs <= 3600:
        raise Fail("policy", "hook_s %r: a number of seconds from 1 to 3600" % (hs,))
    # version.json is generated here, staged, and swapped last.
    to = {"version": spec.get("version"), "commit": spec.get("commit"),
          "source": spec.get("source")}
    if f:
        f.write("}}")
        f.close()
        a.pop("f")
        if _fat() and _st(sd + "/" + k):
            os.remove(sd + "/" + k)
        os.rename(sd + "/" + k + ".tmp", sd + "/" + k)
    puts.append([VJ, k, _isfile(live(VJ))])
    hooks = {}
    for x in ("post_update", "rollback"):
        if spec.get(x):
            hooks[x] = spec[x]
    pl = {"sd": sd, "bd": bd, "dels": [[p, _key(p)] for p in gone], "rmd": rmd,
          "mkd": mkd, "puts": puts, "hooks": hooks,
          "from": a["from"], "to": to,
          "confirm": pol,
          "boots": int(spec.get("trial_boots") or c.get("trial_boots") or 3),
          "after": spec.get("confirm_after_s", c.get("confirm_after_s", 5)),
          "deadline": spec.get("deadline_s", c.get("deadline_s", 0 if pol == "uptime" else 60)),
          "hook": hs,
          "n": spec.get("nonce"),
          "keep": bool(spec.get("keep_previous", c.get("keep_previous", False)))}
    if rv:
        pl["rv"] = 1
    _arec.clear()
    _put(PL, pl, ("puts", "dels", "rmd", "mkd"))
    _set("apply")  # COMMIT POINT 1: from here the next boot installs it
    return {"state": "apply", "puts": len(puts), "dels": len(gone)}


def _confirm():
    # Accepts the version on trial: COMMIT POINT 2, then cleanup. Apps may
    # call it on every boot; when nothing is on trial it writes nothing.
    st = _state()
    if st is None or st["s"] != "trial":
        return {"r": "none", "state": st["s"] if st else "idle"}
    _set("end", r="committed", **_rec(_head(PL)))  # COMMIT POINT 2
    while _timers:  # the trial's uptime and deadline timers are moot
        try:
            _timers.pop().deinit()
        except Exception:
            pass
    recover(False)
    return {"r": "committed", "version": (_head("/" + VJ) or {}).get("version")}


def _rollback(why="requested by host", confirm=None, trial_boots=0, nonce=None):
    # Reverts a version still on trial, now; the host resets afterwards.
    # When idle, reverts the confirmed version to the kept previous one
    # (keep_previous): armed like any update, swapped at the next boot.
    st = _state()
    if st is None and _isdir(PV):
        return _revert(confirm, trial_boots, nonce)
    if st is None or st["s"] not in ("trial", "safe"):
        if st is None:
            raise Fail("noprev", "nothing on trial and no previous version kept "
                       "(update with keep_previous to keep one)")
        raise Fail("state", "nothing on trial (state %s)" % st["s"])
    _set("rollback", why=why)
    st = recover(False)
    return {"r": "rolled_back", "state": st["s"] if st else "idle"}


def _prev():
    # The kept previous version's record (its own version.json), or None.
    v = _load(PV + "/" + _key(VJ))
    return v if isinstance(v, dict) and isinstance(v.get("files"), dict) else None


def _revert(confirm, trial_boots, nonce=None):
    # The forward machinery, pointed back: PV is the stage, the old
    # version.json names the file set (present ones already live count as
    # staged), the current version's extra files become deletions, and the
    # revert keeps what it replaces, so a second rollback goes forward
    # again. The only write before COMMIT POINT 1 is plan.json: a cut
    # leaves the board idle with PV intact and the call can simply be
    # repeated.
    v = _prev()
    if v is None:
        raise Fail("noprev", "the kept previous version has no readable version.json")
    spec = {"version": v.get("version"), "commit": v.get("commit"),
            "source": v.get("source"), "files": v["files"], "keep_previous": True}
    if confirm:
        spec["confirm"] = confirm
    if trial_boots:
        spec["trial_boots"] = trial_boots
    if nonce:
        spec["nonce"] = nonce
    r = _arm(spec, True)
    r["r"] = "reverting"
    r["version"] = v.get("version")
    return r


_ab = [0]  # the last abort answered "more" without a step (_abort)


def _abort():
    # Drops an upload or an armed update that has not been applied yet (or
    # is stuck half-applied): the old version stays, stage and backup go.
    global _up
    if _up:
        _up[0].close()
        _up = None
    st = _state()
    if st and st["s"] == "trial":
        raise Fail("state", "a version is on trial: use rollback() or confirm()")
    if st and st["s"] in ("apply", "safe"):
        # Not applied yet (or stuck): undo whatever part of it is live.
        _set("restore", r="aborted", why="aborted by host")
    if st:
        # A board short of heap may stop part way: "more", and the host
        # calls abort again, which goes on from there.
        # The plan is read whole: with less heap than that (the last
        # call's garbage not collected yet) the first answer is "more" at
        # once, and _low asked for a collection before the next.
        q = _st(PL)
        if q and not _ab[0] and _low(LOW + 3 * q[6]):
            _ab[0] = 1
            return {"state": st["s"], "more": 1}
        _ab[0] = 0
        _sh[0] = 1
        try:
            st = recover(False)
        except Short:
            st = _state()
            return {"state": st["s"] if st else "idle", "more": 1}
        finally:
            _sh[0] = 0
        if st:
            return {"state": st["s"]}
    sd, bd = _dirs()
    for p in (sd, bd, PL, PL + ".tmp", ST + ".tmp"):
        if _st(p):
            _rmtree(p)
    return {"state": "idle"}


def _config(c):
    # Replaces /.ota/config.json with c (dict or JSON text), idle only:
    # the host's settings when they differ from the board's. A stage or
    # backup folder the new settings no longer name goes first (an idle
    # board has no backup, and a stage the agent would not look in again
    # is lost space), then the new file in one rename; a cut in between
    # leaves the old settings and at most a dropped partial upload.
    global _up, _fs
    if isinstance(c, str):
        try:
            c = json.loads(c)
        except ValueError:
            raise Fail("config", "settings are not valid JSON")
    e = _cfgerr(c)
    if e:
        raise Fail("config", e)
    _busy()
    if _up:
        _up[0].close()
        _up = None
    old, new = _dirs(), _dirs(c)
    keep = new[0] if new[0] == old[0] else None
    for p in (old[0], old[1], new[1]):
        if p != keep and p != PV and _st(p):
            _rmtree(p)
    _put(CFG, c)
    _fs = None  # "fs" may have changed
    return {"cfg": c}


def _relaunch():
    # The host took the raw REPL from a running app (to update it, or to
    # read the outcome of a trial boot) and is about to soft-reset into it
    # again: a trial boot it cut short was not the app's to count, so it is
    # given back (once per boot: main() counts the next one). Only idle and
    # trial boards are handed back; anything else waits for a real boot.
    st = _state()
    if st and st["s"] == "trial" and st.get("b", 0) > 0 and not st.get("g"):
        st["b"] -= 1
        st["g"] = 1  # cleared by the boot that counts again
        _put(ST, st)
    return {"state": st["s"] if st else "idle"}


status, hashes, survey, begin, w, finish, put, putn, arm, confirm, rollback, abort, relaunch = (
    _api(_status), _api(_hashes), _api(_survey), _api(_begin), _api(_w), _api(_finish), _api(_put1),
    _api(_putn), _api(_arm), _api(_confirm), _api(_rollback), _api(_abort), _api(_relaunch))
config = _api(_config)
