#!/usr/bin/env bash
# otapush demo: a simulated Pico W, the example app v1 then v2, status.
# Needs Go and npm (the simulator's packages come from the npm registry);
# nothing else touches the network.
set -euo pipefail
cd "$(dirname "$0")/.."

make --no-print-directory sim-deps build >/dev/null
BIN=bin/otapush
work=$(mktemp -d)
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
		kill "$sim_pid" 2>/dev/null || true
		wait "$sim_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "starting a simulated Raspberry Pi Pico W (USB full-speed link model)"
"$BIN" sim --json --link usb-fs --flash "$work/flash" >"$work/sim.json" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 200); do
	grep -q '"port"' "$work/sim.json" 2>/dev/null && break
	kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
	sleep 0.1
done
port=$(sed -n 's/.*"port": *"\([^"]*\)".*/\1/p' "$work/sim.json" | head -n1)
[ -n "$port" ] || { echo "the simulator did not report its port" >&2; cat "$work/sim.err" >&2; exit 1; }
echo "board on $port"

run() { echo "\$ otapush $*"; "$BIN" "$@"; }

step "v1: installs the otapush agent, pushes examples/blinky/v1, resets, trial boot, commit"
run update --port "$port" --source examples/blinky/v1 --cache-dir "$work/cache"
run status --port "$port"

step "v2: changed, added (nested) and deleted files; only the differences travel"
run update --port "$port" --source examples/blinky/v2 --cache-dir "$work/cache"
run status --port "$port"

step "v2 again: nothing to send"
run update --port "$port" --source examples/blinky/v2 --cache-dir "$work/cache"

step "a broken v3 (raises at import): the board rolls it back by itself, otapush exits 7"
mkdir -p "$work/v3" && cp -r examples/blinky/v2/. "$work/v3/"
printf 'raise RuntimeError("v3 is broken")\n' >"$work/v3/main.py"
set +e
run update --port "$port" --source "$work/v3" --cache-dir "$work/cache"
echo "exit status $?"
set -e
run status --port "$port"

step "the board's flash (app files; the agent keeps the app's main.py as _app_main.py)"
(cd "$work/flash" && find . -path ./.ota -prune -o -type f -print | sed 's|^\./||' | sort)
