#!/usr/bin/env node
// Compiles the agent to MicroPython bytecode (.mpy, ABI v6: loads on
// MicroPython 1.19 and later) with mpy-cross built to wasm
// (@pybricks/mpy-cross-v6, a pinned devDependency), so a board imports the
// agent without parsing 49 KB of source (the parse tree is the biggest
// RAM peak an install asks of a Pico).
//
//   node tools/picosim/mpy-cross.mjs IN.py OUT.mpy   (OUT "-": stdout)
//
// The .mpy records IN's base name as its source file (tracebacks name it).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";

const [, , src, out] = process.argv;
if (!src || !out) {
  process.stderr.write("usage: mpy-cross.mjs IN.py OUT.mpy\n");
  process.exit(2);
}
// Under Node 20 the emscripten loader prefers fetch() for the .wasm, which
// cannot fetch a file path; without fetch it reads the file.
delete globalThis.fetch;
const require = createRequire(import.meta.url);
let compile;
try {
  ({ compile } = require("@pybricks/mpy-cross-v6"));
} catch (e) {
  process.stderr.write("mpy-cross.mjs: @pybricks/mpy-cross-v6 is not installed: run `npm ci --prefix tools/picosim` (" + e.message + ")\n");
  process.exit(1);
}
const r = await compile(basename(src), readFileSync(src, "utf8"));
if (r.status !== 0 || !r.mpy) {
  process.stderr.write("mpy-cross.mjs: " + src + ": " + [...r.out, ...r.err].join("\n") + "\n");
  process.exit(1);
}
if (out === "-") process.stdout.write(r.mpy);
else writeFileSync(out, r.mpy);
