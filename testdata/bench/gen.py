#!/usr/bin/env python3
"""Generates the benchmark corpus: big4 (4 x 50 KiB) and small50 (50 x 4 KiB)
of MicroPython-style application source.

Deterministic (a fixed seed): rerunning it rewrites the same bytes. The
files are realistic rather than real: modules of classes, functions,
docstrings and comments over a drivers/sensors/networking vocabulary, so
they compress like hand-written source (zlib about 0.25) without copying
anyone's code. Each file is valid Python, cut at a line end and padded
with comment lines to its exact size.

    python3 testdata/bench/gen.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

NOUNS = ["sensor", "reading", "sample", "buffer", "frame", "packet", "channel", "config", "state",
         "event", "timer", "queue", "device", "register", "value", "offset", "window", "retry",
         "socket", "payload", "header", "status", "level", "limit", "count", "result", "cache",
         "pin", "bus", "address", "rate", "interval", "threshold", "message", "topic", "client"]
VERBS = ["read", "write", "parse", "encode", "decode", "update", "reset", "start", "stop", "poll",
         "flush", "check", "load", "save", "send", "receive", "apply", "clear", "scale", "filter"]
ADJ = ["raw", "last", "next", "max", "min", "avg", "new", "old", "local", "remote", "pending", "total"]
MODS = ["time", "struct", "json", "machine", "micropython", "gc", "os", "sys", "binascii", "errno"]
WORDS = ("the a value is read from bus and stored in buffer until next poll when it is "
         "checked against limit before sending to remote client over socket with retry on "
         "failure every interval seconds unless state says device is stopped").split()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, xs):
        return self.r.choice(xs)

    def ident(self):
        n = self.r.randint(1, 3)
        parts = [self.pick(ADJ)] if n == 3 else []
        parts.append(self.pick(NOUNS))
        if n >= 2:
            parts.append(self.pick(NOUNS))
        return "_".join(parts)

    def func_name(self):
        return self.pick(VERBS) + "_" + self.ident()

    def sentence(self):
        w = [self.pick(WORDS) for _ in range(self.r.randint(5, 12))]
        return " ".join(w).capitalize() + "."

    def expr(self, names):
        k = self.r.randint(0, 5)
        a = self.pick(names)
        if k == 0:
            return "%s + %d" % (a, self.r.randint(1, 255))
        if k == 1:
            return "(%s * %d) // %d" % (a, self.r.randint(2, 100), self.r.randint(2, 16))
        if k == 2:
            return "self.%s" % self.ident()
        if k == 3:
            return "%s(%s)" % (self.func_name(), a)
        if k == 4:
            return "%s & 0x%02X" % (a, self.r.randint(1, 255))
        return "min(%s, %s)" % (a, self.pick(names))

    def body(self, indent, names, depth=0):
        out = []
        for _ in range(self.r.randint(2, 6)):
            k = self.r.randint(0, 9)
            pad = " " * indent
            if k <= 2:
                v = self.ident()
                out.append("%s%s = %s" % (pad, v, self.expr(names)))
                names = names + [v]
            elif k == 3 and depth < 2:
                out.append("%sif %s > %s:" % (pad, self.pick(names), self.expr(names)))
                out += self.body(indent + 4, names, depth + 1)
                if self.r.random() < 0.4:
                    out.append("%selse:" % pad)
                    out += self.body(indent + 4, names, depth + 1)
            elif k == 4 and depth < 2:
                v = self.pick(["i", "n", "item", "entry", "b"])
                out.append("%sfor %s in range(%s):" % (pad, v, self.expr(names)))
                out += self.body(indent + 4, names + [v], depth + 1)
            elif k == 5 and depth < 2:
                out.append("%stry:" % pad)
                out += self.body(indent + 4, names, depth + 1)
                out.append("%sexcept OSError as e:" % pad)
                out.append("%s    log.warning(\"%s failed: %%s\", e)" % (pad, self.func_name()))
                out.append("%s    return None" % pad)
            elif k == 6:
                out.append("%s# %s" % (pad, self.sentence()))
            elif k == 7:
                out.append("%sself.%s = %s" % (pad, self.ident(), self.expr(names)))
            else:
                out.append("%s%s(%s)" % (pad, self.func_name(), ", ".join(self.r.sample(names, min(len(names), self.r.randint(1, 3))))))
        out.append("%sreturn %s" % (" " * indent, self.pick(names)))
        return out

    def function(self, indent, method):
        args = []
        for _ in range(self.r.randint(0, 3)):
            a = self.ident()
            if a not in args:
                args.append(a)
        params = (["self"] if method else []) + args + (["timeout=%d" % self.r.choice([100, 500, 1000, 5000])] if self.r.random() < 0.3 else [])
        pad = " " * indent
        out = ["%sdef %s(%s):" % (pad, self.func_name(), ", ".join(params))]
        out.append('%s    """%s' % (pad, self.sentence()))
        if self.r.random() < 0.5:
            out.append("")
            out.append("%s    %s" % (pad, self.sentence()))
        out.append('%s    """' % pad)
        out += self.body(indent + 4, args + ["timeout"] if "timeout" in " ".join(params) else args + ["0"])
        return out + [""]

    def klass(self):
        name = "".join(p.capitalize() for p in self.ident().split("_"))
        out = ["class %s:" % name, '    """%s"""' % self.sentence(), ""]
        for _ in range(self.r.randint(2, 5)):
            out.append("    %s = %d" % (self.ident().upper(), self.r.randint(0, 4096)))
        out.append("")
        out.append("    def __init__(self, %s):" % self.ident())
        for _ in range(self.r.randint(2, 6)):
            out.append("        self.%s = %s" % (self.ident(), self.pick(["None", "0", "[]", "{}", "False", "b''"])))
        out.append("")
        for _ in range(self.r.randint(2, 6)):
            out += self.function(4, True)
        return out + [""]

    def module(self, size):
        lines = ['"""%s' % self.sentence(), "", self.sentence(), '"""', ""]
        for m in self.r.sample(MODS, self.r.randint(2, 5)):
            lines.append("import %s" % m)
        lines += ["", "log = None", ""]
        for _ in range(self.r.randint(3, 8)):
            lines.append("%s = const(%d)" % (self.ident().upper(), self.r.randint(0, 65535)))
        lines.append("")
        head = "\n".join(lines) + "\n"
        # Whole top-level units (a function or class) while they fit, then
        # comment lines to the exact size: the file stays valid Python.
        src = head
        misses = 0
        while misses < 30:
            unit = "\n".join(self.klass() if self.r.random() < 0.4 else self.function(0, False)) + "\n"
            if len(src) + len(unit) > size - 16:
                misses += 1
                continue
            src += unit
        while len(src) < size:
            room = size - len(src) - 1
            line = ("# " + self.sentence())[:room] if room >= 2 else ""
            src += line + "\n"
        return src.encode()


def write(folder, n, size, seed):
    d = os.path.join(HERE, folder)
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        data = Gen(seed * 1000 + i).module(size)
        assert len(data) == size
        compile(data, "%s/%d" % (folder, i), "exec")
        with open(os.path.join(d, "mod_%02d.py" % i), "wb") as f:
            f.write(data)


write("big4", 4, 50 * 1024, 4)
write("small50", 50, 4 * 1024, 50)
